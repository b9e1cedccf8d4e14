"""``toapis-proxy``: put it between an application and the API, and it judges real traffic.

    toapis-proxy --upstream https://toapis.com --port 8080 --report-dir proxy-report

Point the application's base URL at ``http://127.0.0.1:8080``. Every request and response passes
unchanged. To judge task webhooks too, set the token's callback URL (or a request's
``callback_url``) to ``http://PROXY/__toapis_proxy/webhooks`` and pass ``--webhook-secret``
(default: ``$TOAPIS_WEBHOOK_SECRET``) and ``--webhook-forward URL`` (the application's own
receiver: each delivery is forwarded to it unchanged and its answer relayed to the server);
 each finding is printed on one line as it happens (level, check id, task id,
evidence). Ctrl-C (or SIGTERM) stops it: the JSON, HTML and JUnit reports are written to
``--report-dir`` and it exits 0. ``GET /__toapis_proxy/report`` writes them at any time.

Exit status: 0 after a stop by signal; 2 on bad usage or a port that cannot be bound.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from conformance.proxy.app import REPORT_PATH, WEBHOOK_PATH, ProxyConfig
from conformance.proxy.server import build_proxy
from conformance.proxy.tracker import TASK_BOUND, Cassette

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toapis-proxy",
        description="A validating proxy for the ToAPIs image API: forwards every request "
        "unchanged and judges each exchange and each task against the contract.",
    )
    parser.add_argument(
        "--upstream",
        required=True,
        help="the API to forward to (the real service, a gateway with a path prefix, or "
        "toapis-mock), e.g. http://127.0.0.1:4010",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on (0: any free)")
    parser.add_argument(
        "--enforce",
        action="store_true",
        help="answer a create request the contract refuses with the documented 400 (the error "
        "envelope naming `param`) instead of forwarding it: nothing is billed",
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=Path("toapis-proxy-report"),
        help="where the JSON, HTML and JUnit reports are written (on exit and on GET "
        f"{REPORT_PATH}); default: %(default)s",
    )
    parser.add_argument(
        "--record",
        type=Path,
        metavar="DIR",
        help="also write what passes through as a cassette (tokens removed, images beside it)",
    )
    parser.add_argument(
        "--no-fetch",
        action="store_true",
        help="never fetch result (or upload) URLs: the result images are then not judged",
    )
    parser.add_argument(
        "--task-timeout",
        type=float,
        default=TASK_BOUND,
        help="seconds a task has to become final (default: the documented %(default)g)",
    )
    parser.add_argument(
        "--webhook-secret",
        metavar="SECRET",
        help="the token's webhook signing secret, to check the signatures of the deliveries "
        f"received at {WEBHOOK_PATH} (default: $TOAPIS_WEBHOOK_SECRET; never printed)",
    )
    parser.add_argument(
        "--webhook-forward",
        metavar="URL",
        help=f"the application's webhook receiver: each delivery received at {WEBHOOK_PATH} "
        "is forwarded to it unchanged and its answer relayed to the server (without it the "
        "proxy answers 200)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print only the findings, one a line (stderr)"
    )
    return parser


def _cassette(directory: Path, upstream: str, listen: str) -> Cassette:
    try:
        from conformance.cassette import CassetteWriter
    except ImportError:
        raise SystemExit(
            "toapis-proxy: --record needs conformance.cassette, which this installation lacks"
        ) from None
    writer: Cassette = CassetteWriter(directory, upstream, listen=listen)
    return writer


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    parts = urlsplit(args.upstream)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        parser.error(f"--upstream {args.upstream!r}: an http:// or https:// URL is needed")
    if args.task_timeout <= 0:
        parser.error("--task-timeout must be positive")
    forward = urlsplit(args.webhook_forward or "")
    if args.webhook_forward is not None and (
        forward.scheme not in {"http", "https"} or not forward.hostname or forward.query
    ):
        parser.error(
            f"--webhook-forward {args.webhook_forward!r}: an http:// or https:// URL without "
            "a query is needed"
        )
    webhook_secret = args.webhook_secret or os.environ.get("TOAPIS_WEBHOOK_SECRET") or None
    import uvicorn

    from mock_server.server import bind_socket, uvicorn_options

    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be bound ({exc})"
        print(f"toapis-proxy: port {args.port} on {args.host} {reason}", file=sys.stderr)
        return EXIT_USAGE
    host = f"[{args.host}]" if ":" in args.host else args.host
    listen = f"http://{host}:{sock.getsockname()[1]}"
    cassette = _cassette(args.record, args.upstream, listen) if args.record else None
    proxy = build_proxy(
        ProxyConfig(args.upstream, enforce=args.enforce, webhook_forward=args.webhook_forward),
        report_dir=args.report_dir,
        fetch=not args.no_fetch,
        cassette=cassette,
        task_bound=args.task_timeout,
        webhook_secret=webhook_secret,
    )
    if not args.quiet:
        # The upstream as given: a key in it would be the user's own doing, but mask the
        # userinfo anyway.
        shown = (
            args.upstream.replace(f"{parts.username}:{parts.password}@", "")
            if parts.password
            else args.upstream
        )
        print(
            f"toapis-proxy listening on {listen} -> {shown}"
            + (" (--enforce)" if args.enforce else "")
            + (
                f"; webhooks at {listen}{WEBHOOK_PATH} -> {args.webhook_forward or '200'}"
                if args.webhook_forward or webhook_secret
                else ""
            ),
            file=sys.stderr,
            flush=True,
        )
    # uvicorn stops in order on SIGINT/SIGTERM, then raises the signal again for its caller:
    # here that is the normal way to stop, so both are ignored once it has returned.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: None)
    options: dict[str, Any] = {"log_level": "warning", "access_log": False, "lifespan": "on"}
    options.update(uvicorn_options())
    server = uvicorn.Server(uvicorn.Config(proxy.app, **options))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        written = proxy.close()
    if not args.quiet:
        counts = written.get("counts", {})
        print(
            f"toapis-proxy: {written.get('findings', 0)} findings; "
            f"{counts.get('fail', 0)} checks failed, {counts.get('warn', 0)} warned, "
            f"{counts.get('pass', 0)} passed; reports: {written.get('html', '-')}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
