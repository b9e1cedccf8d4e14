"""``toapis-conformance``: check a server against the contract, check by check.

Exit status: 0 when every check that ran passed, 1 when any check failed, 2 on bad usage or when
the server cannot be reached, 130 when Ctrl-C stopped the run (its reports are still written).
"""

from __future__ import annotations

# First, before the modules that take a second to load: a Ctrl-C meanwhile is remembered.
from conformance.interrupt import CTRL_C, EXIT_INTERRUPTED

# isort: split
import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from conformance.catalogue import CATALOGUE
from conformance.contract import families, select_models
from conformance.contract import models as contract_models
from conformance.embedded import TASK_TIMEOUT as EMBEDDED_TASK_TIMEOUT
from conformance.embedded import embedded_mock
from conformance.http import is_loopback
from conformance.probes.base import Settings
from conformance.progress import LineProgress, LiveProgress, NullObserver, RunObserver
from conformance.redact import Redactor
from conformance.report import print_console, render_junit, report_data, write_report
from conformance.runner import PreflightError, RunReport, UsageError, renamed_ids, run_suite
from conformance.webhook_receiver import parse_address
from mock_server.tasks import FAIL_MARKER

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _ids(values: Sequence[str] | None) -> list[str]:
    ids = [part.strip() for value in values or () for part in value.split(",") if part.strip()]
    for old, new in renamed_ids(ids).items():
        print(
            f"note: check id {old!r} is deprecated and will be removed in the next release; "
            f"use {new!r}",
            file=sys.stderr,
        )
    return ids


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toapis-conformance",
        description="Check an implementation of the ToAPIs image API against its contract. "
        "Without --base-url, the embedded mock server is started and checked.",
    )
    target = parser.add_argument_group("target")
    target.add_argument("--base-url", help="server to check, e.g. http://127.0.0.1:4010")
    target.add_argument("--token", help="API key (default: $TOAPIS_API_KEY)")
    target.add_argument("--token-b", help="a second user's API key, for the isolation check")
    target.add_argument(
        "--defect",
        action="append",
        default=[],
        metavar="NAME",
        help="embedded mock only: switch on a known defect (repeatable)",
    )
    target.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME",
        help="embedded mock only: switch on a legal variant, a behaviour the docs allow "
        "or a profile of them such as observed-service (repeatable; toapis-mock "
        "--list-variants lists them)",
    )
    run = parser.add_argument_group("run")
    run.add_argument("--seed", type=int, default=0, help="seed of every random choice (default 0)")
    run.add_argument(
        "--max-examples",
        type=int,
        default=50,
        help="generated examples per operation and phase in the schema layer (default 50)",
    )
    run.add_argument(
        "--lifecycle-examples",
        type=int,
        default=None,
        help="task life-cycle scenarios to explore (default 3 on loopback, 1 elsewhere)",
    )
    run.add_argument(
        "--model",
        action="append",
        dest="models",
        metavar="NAME",
        help="a model to check (repeatable; default gpt-4o-image): no task is created for "
        "another. 'all' selects every model, a family name (" + ", ".join(families()) + ") "
        f"its models. The contract describes: {', '.join(contract_models())}",
    )
    run.add_argument("--only", action="append", metavar="CHECK_ID", help="run only these checks")
    run.add_argument("--skip", action="append", metavar="CHECK_ID", help="do not run these checks")
    run.add_argument(
        "--strict",
        action="store_true",
        help="warnings (promises that only our decisions read into the docs) fail the run too",
    )
    run.add_argument(
        "--failing-prompt",
        metavar="TEXT",
        default=None,
        help="a prompt that makes this server end a task `failed`, for the failed-task checks "
        "(default for the embedded mock: its fail marker; elsewhere those checks are not run)",
    )
    run.add_argument("--list-checks", action="store_true", help="print the catalogue and exit")
    run.add_argument(
        "--plan",
        action="store_true",
        help="send nothing: print each selected check with the images it may bill in the worst "
        "case for the selected models, and the --budget that runs them all",
    )
    run.add_argument(
        "--defect-table",
        action="store_true",
        help="print the markdown table: mock defect -> checks that catch it",
    )
    run.add_argument(
        "--variant-table",
        action="store_true",
        help="print the markdown table: legal mock variant -> the suite's verdicts on it",
    )
    safety = parser.add_argument_group("safety (for billed servers)")
    safety.add_argument(
        "--budget",
        type=int,
        default=None,
        metavar="N",
        help="at most N images may be billed, even if every create request were accepted",
    )
    safety.add_argument(
        "--max-rps", type=float, default=None, help="never send more requests per second"
    )
    safety.add_argument(
        "--read-only",
        action="store_true",
        help="send no create request and no upload: only reads, auth and invalid-input checks "
        "whose worst case bills nothing (a server that is not on this machine needs this or "
        "--budget)",
    )
    safety.add_argument("--request-timeout", type=float, default=30.0, help="seconds per request")
    safety.add_argument(
        "--task-timeout",
        type=float,
        default=None,
        help="seconds a task may take to finish (default 120; 10 for the embedded mock)",
    )
    safety.add_argument(
        "--poll-interval",
        type=float,
        default=None,
        help="seconds between polls of a task (default: as the server allows: its Retry-After "
        "or rate-limit headers, else every 5 s as the docs advise, 0.2 s on this machine; "
        "0 for the embedded mock); --max-rps still bounds every request",
    )
    run.add_argument(
        "--jobs",
        type=int,
        default=8,
        metavar="N",
        help="probes running at once, so their waits for tasks overlap (default 8; "
        "1 = one after another)",
    )
    run.add_argument(
        "--max-time",
        type=float,
        default=None,
        metavar="SECONDS",
        help="bound on the whole run: past it nothing more is sent, unfinished checks are "
        "reported as not run, and the reports are still written",
    )
    hooks = parser.add_argument_group("task webhooks (--base-url; the embedded mock needs none)")
    hooks.add_argument(
        "--webhook-receiver",
        metavar="HOST:PORT",
        help="run a webhook receiver there (PORT alone: 127.0.0.1) for the webhook checks; the "
        "server must have http://HOST:PORT/toapis-webhooks (or a tunnel to it) as the token's "
        "default callback URL",
    )
    hooks.add_argument(
        "--webhook-secret",
        metavar="SECRET",
        help="the token's webhook signing secret (default: $TOAPIS_WEBHOOK_SECRET)",
    )
    hooks.add_argument(
        "--webhook-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="how long to wait for a task's deliveries and two retries once it is final "
        "(default 90; 5 for the embedded mock)",
    )
    out = parser.add_argument_group("reports")
    out.add_argument(
        "--no-progress",
        action="store_true",
        help="no live display on a terminal: one line per check as it finishes instead",
    )
    out.add_argument(
        "--quiet", "-q", action="store_true", help="print only the failures and the summary"
    )
    out.add_argument(
        "--report", type=Path, help="write a JSON report (an HTML page if PATH ends in .html)"
    )
    out.add_argument("--junit-xml", type=Path, help="write a JUnit XML report")
    return parser


def _console() -> Console:
    """On a terminal, rich's own; elsewhere (CI logs, pipes) lines are never wrapped at 80
    columns, which would cut JSON bodies and curl commands mid-word."""
    console = Console(highlight=False)
    return console if console.is_terminal else Console(highlight=False, soft_wrap=True)


def _list_checks(console: Console) -> None:
    for info in CATALOGUE.values():
        console.print(
            f"[bold]{info.id}[/] ({info.layer}/{info.area}): {info.title}", highlight=False
        )


def main(argv: Sequence[str] | None = None) -> int:
    """The command; the first Ctrl-C stops the run and still writes its reports (exit 130)."""
    with CTRL_C.listening():
        try:
            status = _main(argv)
        except KeyboardInterrupt:  # the second Ctrl-C
            print(
                "toapis-conformance: interrupted again; the reports were not written",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED
        return EXIT_INTERRUPTED if CTRL_C.pressed else status


def _main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console(highlight=False)
    if args.list_checks:
        _list_checks(console)
        return EXIT_OK
    if args.defect_table:
        from conformance.defect_table import markdown_table

        sys.stdout.write(markdown_table())
        return EXIT_OK
    if args.variant_table:
        from conformance.variant_table import markdown_table as variant_markdown

        sys.stdout.write(variant_markdown())
        return EXIT_OK
    for name, value in (
        ("--max-examples", args.max_examples),
        ("--lifecycle-examples", args.lifecycle_examples),
    ):
        if value is not None and value < 1:
            parser.error(f"{name} must be at least 1")
    if args.budget is not None and args.budget < 0:
        parser.error("--budget cannot be negative")
    if args.max_rps is not None and args.max_rps <= 0:
        parser.error("--max-rps must be positive")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.max_time is not None and args.max_time <= 0:
        parser.error("--max-time must be positive")
    if args.plan:
        return _plan(args, parser)
    try:
        if args.base_url:
            if args.webhook_receiver is not None:
                try:
                    parse_address(args.webhook_receiver)
                except ValueError as exc:
                    parser.error(str(exc))
                if not (args.webhook_secret or os.environ.get("TOAPIS_WEBHOOK_SECRET")):
                    parser.error("--webhook-receiver needs --webhook-secret")
            if args.defect or args.variant:
                parser.error("--defect and --variant apply to the embedded mock only")
            token = args.token or os.environ.get("TOAPIS_API_KEY")
            if not token:
                parser.error("--token (or TOAPIS_API_KEY) is required with --base-url")
            if not args.base_url.startswith(("http://", "https://")):
                parser.error("--base-url must start with http:// or https://")
            report = _run(
                args,
                args.base_url,
                token,
                args.token_b,
                advance_clock=None,
                webhook=(
                    args.webhook_receiver,
                    args.webhook_secret or os.environ.get("TOAPIS_WEBHOOK_SECRET"),
                    None,
                    args.webhook_timeout if args.webhook_timeout is not None else 90.0,
                ),
            )
        else:
            if args.webhook_receiver is not None:
                parser.error("--webhook-receiver applies to --base-url (the embedded mock has one)")
            try:
                with embedded_mock(
                    seed=args.seed, defects=args.defect, variants=args.variant
                ) as server:
                    timing = server.settings()
                    report = _run(
                        args,
                        server.base_url,
                        server.token,
                        server.token_b,
                        advance_clock=server.advance_clock,
                        mock_command=server.mock_command,
                        timing=(timing.poll_interval, timing.task_timeout),
                        webhook=(
                            timing.webhook_receiver,
                            timing.webhook_secret,
                            timing.webhook_token,
                            args.webhook_timeout
                            if args.webhook_timeout is not None
                            else timing.webhook_timeout,
                        ),
                    )
            except ValueError as exc:  # an unknown defect or variant name
                parser.error(str(exc))
    except UsageError as exc:
        parser.error(str(exc))
    except PreflightError as exc:
        # One line, redacted: a server may echo the token it refused.
        token = args.token or os.environ.get("TOAPIS_API_KEY")
        text = Redactor([token, args.token_b]).text(" ".join(str(exc).split()))
        console.print(f"[bold red]error:[/] {escape(text)}", soft_wrap=True)
        return EXIT_USAGE
    return EXIT_FAILED if report.failed or (args.strict and report.warned) else EXIT_OK


def _plan(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``--plan``: the worst case of a run with these arguments; nothing is sent."""
    from conformance.plan import build_plan, plan_lines

    embedded = not args.base_url
    base_url = args.base_url or "http://127.0.0.1"
    settings = Settings(
        base_url=base_url,
        token=None,
        token_b=args.token_b or ("embedded" if embedded else None),
        budget=args.budget,
        read_only=args.read_only,
        lifecycle_examples=args.lifecycle_examples or (3 if is_loopback(base_url) else 1),
        # Only the embedded mock can move its clock; it has a webhook receiver of its own.
        advance_clock=(lambda seconds: None) if embedded else None,
        failing_prompt=args.failing_prompt or (FAIL_MARKER if embedded else None),
        webhook_receiver=args.webhook_receiver or ("127.0.0.1:0" if embedded else None),
        webhook_secret=args.webhook_secret
        or os.environ.get("TOAPIS_WEBHOOK_SECRET")
        or ("embedded" if embedded else None),
        models=select_models(args.models) if args.models else Settings.models,
    )
    unknown = [m for m in settings.models if m not in contract_models()]
    if unknown:
        parser.error(f"--model {', '.join(unknown)}: the contract does not describe it")
    try:
        found = build_plan(settings, _ids(args.only), _ids(args.skip))
    except UsageError as exc:
        parser.error(str(exc))
    for line in plan_lines(found):
        print(line)
    return EXIT_OK


def _run(
    args: argparse.Namespace,
    base_url: str,
    token: str,
    token_b: str | None,
    *,
    advance_clock: Callable[[float], None] | None,
    mock_command: str | None = None,
    timing: tuple[float | None, float] = (0.0, EMBEDDED_TASK_TIMEOUT),
    webhook: tuple[str | None, str | None, str | None, float] = (None, None, None, 90.0),
) -> RunReport:
    """Run the suite; ``advance_clock`` and ``mock_command`` are given only for the embedded
    mock."""
    embedded = advance_clock is not None
    loopback = is_loopback(base_url)
    settings = Settings(
        base_url=base_url,
        token=token,
        token_b=token_b,
        seed=args.seed,
        max_examples=args.max_examples,
        budget=args.budget,
        max_rps=args.max_rps,
        request_timeout=args.request_timeout,
        task_timeout=args.task_timeout
        if args.task_timeout is not None
        else (timing[1] if embedded else 120.0),
        poll_interval=args.poll_interval
        if args.poll_interval is not None
        else (timing[0] if embedded else None),
        lifecycle_examples=args.lifecycle_examples or (3 if loopback else 1),
        advance_clock=advance_clock,
        failing_prompt=args.failing_prompt or (FAIL_MARKER if embedded else None),
        jobs=args.jobs,
        read_only=args.read_only,
        max_time=args.max_time,
        webhook_receiver=webhook[0],
        webhook_secret=webhook[1],
        webhook_token=webhook[2],
        webhook_timeout=webhook[3],
        models=select_models(args.models) if args.models else Settings.models,
    )
    redactor = Redactor([token, token_b, webhook[1]])
    console = _console()
    observer: RunObserver
    if args.quiet:
        observer = NullObserver()
    elif console.is_terminal and not args.no_progress:
        observer = LiveProgress(console, redactor.text)
    else:
        observer = LineProgress(console, redactor.text)
    report = run_suite(
        settings,
        only=_ids(args.only),
        skip=_ids(args.skip),
        observer=observer,
        token_source="--token" if args.token or embedded else "TOAPIS_API_KEY",
    )
    data = report_data(report, redactor, strict=args.strict, mock_command=mock_command)
    # The live display is gone when the run ends: then the whole report. Streamed lines (or
    # --quiet): only what did not pass, with its evidence, and the summary.
    print_console(data, redactor, console, only_problems=not isinstance(observer, LiveProgress))
    if args.report:
        write_report(data, redactor, args.report)
    if args.junit_xml:
        args.junit_xml.write_text(render_junit(data, redactor), encoding="utf-8")
    return report


if __name__ == "__main__":
    raise SystemExit(main())
