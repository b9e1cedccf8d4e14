"""``toapis-mock``: run the mock server from the command line."""

from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from mock_server.app import create_app
from mock_server.config import DEFAULT_TOKEN, FAULT_KINDS, MockConfig
from mock_server.defects import DEFECTS

log = logging.getLogger("toapis-mock")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toapis-mock",
        description="Stateful mock of the ToAPIs image generation API (gpt-4o-image).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=4010, help="port to bind (default 4010)")
    parser.add_argument(
        "--token",
        action="append",
        default=[],
        metavar="TOKEN",
        help="accepted bearer token; repeatable; each token is its own tenant",
    )
    parser.add_argument(
        "--token-file",
        type=Path,
        metavar="FILE",
        help="file with one accepted token per line (# starts a comment)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of every random choice")
    parser.add_argument(
        "--task-duration",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="seconds from queued to final (0: final at the first poll)",
    )
    parser.add_argument(
        "--step-per-poll",
        action="store_true",
        help="each status poll advances a task one step, whatever the time",
    )
    parser.add_argument(
        "--failure-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="probability that a task fails (seeded); prompts with [[fail]] always fail",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="KIND=P",
        help=f"inject a fault ({'|'.join(FAULT_KINDS)}) into API requests with "
        "probability P; repeatable",
    )
    parser.add_argument(
        "--defect",
        action="append",
        default=[],
        metavar="NAME",
        help="switch on one realistic bug; repeatable; see --list-defects",
    )
    parser.add_argument("--list-defects", action="store_true", help="list the defects and exit")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="base URL for result and upload URLs (when behind a proxy)",
    )
    parser.add_argument(
        "--state-dir",
        type=Path,
        metavar="DIR",
        help="persist tasks and uploads there (they survive a restart)",
    )
    parser.add_argument(
        "--rate-limits",
        action="store_true",
        help="enforce the documented default-group rate limits per tenant",
    )
    parser.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    return parser


def _tokens(args: argparse.Namespace, parser: argparse.ArgumentParser) -> tuple[str, ...]:
    tokens = list(args.token)
    if args.token_file is not None:
        try:
            lines = args.token_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            parser.error(f"cannot read --token-file: {exc}")
        tokens += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return tuple(dict.fromkeys(tokens)) or (DEFAULT_TOKEN,)


def _faults(values: Sequence[str], parser: argparse.ArgumentParser) -> dict[str, float]:
    faults: dict[str, float] = {}
    for value in values:
        kind, _, rate = value.partition("=")
        try:
            faults[kind] = float(rate)
        except ValueError:
            parser.error(f"--fault expects KIND=PROBABILITY, got {value!r}")
    return faults


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list_defects:
        width = max(len(name) for name in DEFECTS)
        for defect in DEFECTS.values():
            print(f"{defect.name:<{width}}  [{defect.area}] {defect.summary}")
        return 0
    tokens = _tokens(args, parser)
    try:
        config = MockConfig(
            tokens=tokens,
            seed=args.seed,
            task_duration=args.task_duration,
            step_per_poll=args.step_per_poll,
            failure_rate=args.failure_rate,
            defects=tuple(args.defect),
            public_url=args.public_url,
            state_dir=args.state_dir,
            rate_limits=args.rate_limits,
            faults=_faults(args.fault, parser),
        )
    except ValueError as exc:
        parser.error(str(exc))
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"toapis-mock listening on http://{host}:{args.port}", file=sys.stderr)
    if tokens == (DEFAULT_TOKEN,):
        print(
            f"accepted token: {DEFAULT_TOKEN}  (Authorization: Bearer {DEFAULT_TOKEN})",
            file=sys.stderr,
        )
    else:
        # Tokens are secrets of the caller: say how many, never which.
        print(f"accepting {len(tokens)} configured token(s)", file=sys.stderr)
    if config.defects:
        print(f"defects ON: {', '.join(config.defects)}", file=sys.stderr)
    fast = all(importlib.util.find_spec(name) for name in ("uvloop", "httptools"))
    uvicorn.run(
        create_app(config),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=args.log_level == "debug",
        loop="uvloop" if fast else "auto",
        http="httptools" if fast else "auto",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
