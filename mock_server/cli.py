"""``toapis-mock``: run the mock server from the command line."""

from __future__ import annotations

import argparse
import errno
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from mock_server.app import create_app
from mock_server.config import DEFAULT_TOKEN, FAULT_KINDS, MockConfig
from mock_server.defects import DEFECT_ALIASES, DEFECTS
from mock_server.server import HEADER_TIMEOUT, bind_socket, uvicorn_options
from mock_server.tasks import FAIL_MARKER
from mock_server.variants import PROFILES, VARIANTS
from mock_server.webhooks import WebhookTarget, load_config_file, parse_assignment

log = logging.getLogger("toapis-mock")

# Exit codes (also in --help and the README).
EXIT_USAGE = 2  # argparse's own
EXIT_CANNOT_BIND = 4
EXIT_STARTUP_FAILED = 1
EPILOG = f"""exit codes: 0 stopped normally (Ctrl-C included); {EXIT_STARTUP_FAILED} the server
failed to start; {EXIT_USAGE} usage error; {EXIT_CANNOT_BIND} the address cannot be bound (the port
is in use, or not allowed)"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toapis-mock",
        description="Stateful mock of the ToAPIs image generation API (gpt-4o-image).",
        epilog=EPILOG,
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
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed of every random choice: runs become reproducible, and ids and file URLs "
        "predictable (default: a secret per process, unguessable ids)",
    )
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
        "--variant",
        action="append",
        default=[],
        metavar="NAME",
        help="switch on one legal behaviour the docs allow, or a named profile of them "
        "(observed-service: what clients of the real service see); repeatable; "
        "see --list-variants",
    )
    parser.add_argument("--list-variants", action="store_true", help="list the variants and exit")
    parser.add_argument(
        "--fail-marker",
        default=FAIL_MARKER,
        metavar="TEXT",
        help=f"a prompt containing TEXT always ends failed (default {FAIL_MARKER})",
    )
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
        "--header-timeout",
        type=float,
        default=HEADER_TIMEOUT,
        metavar="SECONDS",
        help=f"close connections that take longer to send a request's headers "
        f"(default {HEADER_TIMEOUT:g})",
    )
    parser.add_argument(
        "--limit-concurrency",
        type=int,
        default=None,
        metavar="N",
        help="answer 503 beyond N concurrent connections (default: half the open-file limit, "
        "at most 1000)",
    )
    parser.add_argument(
        "--webhook",
        action="append",
        default=[],
        metavar="TOKEN=URL",
        help="the token's default webhook URL (HTTPS; http only to a loopback address); "
        "its tasks' events are POSTed there; repeatable, one per token",
    )
    parser.add_argument(
        "--webhook-secret",
        action="append",
        default=[],
        metavar="TOKEN=SECRET",
        help="the token's webhook signing secret (used as its UTF-8 bytes, as shown); "
        "required with --webhook",
    )
    parser.add_argument(
        "--webhook-previous-secret",
        action="append",
        default=[],
        metavar="TOKEN=SECRET",
        help="during a secret rotation: the old secret, whose signature is sent second",
    )
    parser.add_argument(
        "--webhook-config",
        type=Path,
        metavar="FILE",
        help='JSON: {"TOKEN": {"url": ..., "secret": ..., "previous_secret": ...}}',
    )
    parser.add_argument(
        "--webhook-retry-scale",
        type=float,
        default=1.0,
        metavar="FACTOR",
        help="multiply the documented webhook retry delays (10 s ... 24 h), e.g. 0.01",
    )
    parser.add_argument(
        "--replay",
        type=Path,
        metavar="DIR",
        help="serve a recording (toapis-proxy --record DIR) instead of the mock: recorded "
        "answers, each task's polls on a virtual clock (see docs/recordings.md)",
    )
    parser.add_argument(
        "--speed",
        type=float,
        default=1.0,
        metavar="X",
        help="with --replay: the virtual clock runs X times faster than real time (default 1)",
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


def _webhooks(
    args: argparse.Namespace, parser: argparse.ArgumentParser
) -> dict[str, WebhookTarget]:
    try:
        targets = load_config_file(args.webhook_config) if args.webhook_config else {}
        urls = dict(parse_assignment(v, "--webhook") for v in args.webhook)
        keys = dict(parse_assignment(v, "--webhook-secret") for v in args.webhook_secret)
        old = dict(
            parse_assignment(v, "--webhook-previous-secret") for v in args.webhook_previous_secret
        )
        for token in set(keys) | set(old):
            if token not in urls and token not in targets:
                parser.error("--webhook-secret and --webhook-previous-secret need a --webhook")
        for token, url in urls.items():
            if token not in keys:
                parser.error("--webhook TOKEN=URL needs --webhook-secret TOKEN=SECRET")
            targets[token] = WebhookTarget(url, keys[token], old.get(token))
    except ValueError as exc:
        parser.error(str(exc))
    return targets


def main(argv: Sequence[str] | None = None) -> int:
    """The command. Ctrl-C is how a user stops the server: uvicorn shuts down in order, then
    raises the signal again for its caller; here that is a normal stop (exit 0, as --help says),
    not a traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 0


def _main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list_variants:
        width = max(len(name) for name in VARIANTS)
        for variant in VARIANTS.values():
            print(f"{variant.name:<{width}}  [{variant.family}] {variant.summary}")
        for profile in PROFILES.values():
            print(f"{profile.name:<{width}}  [profile] {', '.join(profile.variants)}")
        return 0
    for name in args.defect:
        if name in DEFECT_ALIASES:
            print(
                f"toapis-mock: --defect {name} is deprecated; use {DEFECT_ALIASES[name]}",
                file=sys.stderr,
            )
    if args.list_defects:
        width = max(len(name) for name in DEFECTS)
        for defect in DEFECTS.values():
            print(f"{defect.name:<{width}}  [{defect.area}] {defect.summary}")
        return 0
    if args.replay is not None:
        from mock_server.replay import serve

        return serve(args)
    if args.speed != 1.0:
        parser.error("--speed needs --replay DIR")
    tokens = _tokens(args, parser)
    try:
        config = MockConfig(
            tokens=tokens,
            seed=args.seed,
            task_duration=args.task_duration,
            step_per_poll=args.step_per_poll,
            failure_rate=args.failure_rate,
            defects=tuple(args.defect),
            variants=tuple(args.variant),
            fail_marker=args.fail_marker,
            public_url=args.public_url,
            state_dir=args.state_dir,
            rate_limits=args.rate_limits,
            faults=_faults(args.fault, parser),
            webhooks=_webhooks(args, parser),
            webhook_retry_scale=args.webhook_retry_scale,
        )
    except ValueError as exc:
        parser.error(str(exc))
    limit = args.limit_concurrency
    if args.header_timeout <= 0 or (limit is not None and limit < 1):
        parser.error("--header-timeout and --limit-concurrency must be positive")
    # Bind before saying anything: a busy port is an error message, not "listening on".
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be bound ({exc})"
        print(f"toapis-mock: port {args.port} on {args.host} {reason}", file=sys.stderr)
        return EXIT_CANNOT_BIND
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"toapis-mock listening on http://{host}:{sock.getsockname()[1]}", file=sys.stderr)
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
    if config.variants:
        print(f"variants ON: {', '.join(config.variants)}", file=sys.stderr)
    if config.webhooks:
        # The URLs are the caller's, the secrets never shown.
        print(f"webhooks configured for {len(config.webhooks)} token(s)", file=sys.stderr)
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(config),
            log_level=args.log_level,
            access_log=args.log_level == "debug",
            **uvicorn_options(args.header_timeout, args.limit_concurrency),
        )
    )
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return 0 if server.started else EXIT_STARTUP_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
