"""Plan and run the suite against one server: behaviour probes first, then the schema layer.

Planning happens before the first request: every selected probe declares the images it could bill
in the worst case, and probes that do not fit in what is left of the budget are reported as not run
(with the reason) instead of being started. The ``Budget`` object then enforces the same bound on
every create request actually sent, by the probes and by Schemathesis alike.
"""

from __future__ import annotations

import random
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field

import httpx

from conformance.budget import Budget, BudgetExhausted
from conformance.catalogue import CATALOGUE
from conformance.http import ApiClient, Journal, Pacer, is_loopback
from conformance.probes import (
    expiry,
    lifecycle,
    ratelimit,
    results,
    security,
    uploads,
    validation,
)
from conformance.probes.base import Context, Probe, Recorder, Settings
from conformance.schema_layer import SchemaRunOptions, run_schema_layer
from conformance.verdicts import Evidence, NotRun, Status, Verdict

PROBES: tuple[Probe, ...] = (
    *security.PROBES,
    lifecycle.PROBE,
    results.PROBE,
    *validation.PROBES,
    *uploads.PROBES,
    expiry.PROBE,  # moves an embedded server's clock a day forward: after every probe that polls
    ratelimit.PROBE,  # last: it also judges the 429s every earlier probe met
)


class UsageError(ValueError):
    """Bad command-line input (exit status 2)."""


class Unreachable(RuntimeError):
    """The server did not answer at all (exit status 2)."""


@dataclass
class RunReport:
    base_url: str
    seed: int
    budget_limit: int | None
    budget_spent: int
    verdicts: list[Verdict]
    layer_seconds: dict[str, float]
    notes: list[str] = field(default_factory=list)
    started_at: float = 0.0
    duration: float = 0.0
    # The tokens the run used, so that whoever renders this report can redact them; never shown.
    secrets: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @property
    def failed(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status in (Status.FAIL, Status.ERROR)]

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        for verdict in self.verdicts:
            counts[verdict.status.value] += 1
        return counts


def select_checks(only: Iterable[str] = (), skip: Iterable[str] = ()) -> list[str]:
    only, skip = list(only), list(skip)
    unknown = [c for c in (*only, *skip) if c not in CATALOGUE]
    if unknown:
        raise UsageError(f"unknown check id(s): {', '.join(unknown)} (see --list-checks)")
    chosen = [c for c in CATALOGUE if (not only or c in only) and c not in skip]
    if not chosen:
        raise UsageError("no check left to run after --only/--skip")
    return chosen


def effective_budget(settings: Settings) -> int | None:
    """Unlimited on loopback unless asked; nothing billable on other hosts without --budget."""
    if settings.budget is not None:
        return settings.budget
    return None if is_loopback(settings.base_url) else 0


def plan(settings: Settings, selected: Iterable[str]) -> tuple[list[Probe], dict[str, str]]:
    """The probes to run within the budget, and the reason each check left out is not run."""
    wanted = set(selected)
    remaining = effective_budget(settings)
    runnable: list[Probe] = []
    skipped: dict[str, str] = {}
    for probe in PROBES:
        checks = [c for c in probe.checks if c in wanted]
        if not checks:
            continue
        if probe.needs_token_b and not settings.token_b:
            skipped.update(dict.fromkeys(checks, "needs a second tenant: pass --token-b"))
            continue
        cost = probe.cost(settings)
        if remaining is not None and cost > remaining:
            reason = (
                f"budget: may bill up to {cost} image(s), {remaining} left"
                if settings.budget is not None
                else f"sends create requests (up to {cost} image(s)); "
                "a non-loopback server needs --budget"
            )
            skipped.update(dict.fromkeys(checks, reason))
            continue
        if remaining is not None:
            remaining -= cost
        runnable.append(probe)
    return runnable, skipped


def preflight(client: ApiClient) -> None:
    exchange = client.get_task("conformance-preflight")
    if exchange.response is None:
        raise Unreachable(f"{client.base_url} did not answer: {exchange.transport_error}")


def run_suite(
    settings: Settings,
    *,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    transport: httpx.BaseTransport | None = None,
) -> RunReport:
    selected = select_checks(only, skip)
    started = time.time()
    budget = Budget(effective_budget(settings))
    pacer = Pacer(settings.max_rps)
    journal = Journal()
    client = ApiClient(
        settings.base_url,
        settings.token,
        budget=budget,
        pacer=pacer,
        journal=journal,
        timeout=settings.request_timeout,
        transport=transport,
    )
    client_b = client.with_token(settings.token_b) if settings.token_b else None
    report = RunReport(
        settings.base_url,
        settings.seed,
        budget.limit,
        0,
        [],
        {},
        started_at=started,
        secrets=tuple(t for t in (settings.token, settings.token_b) if t),
    )
    try:
        preflight(client)
        probes, skipped = plan(settings, selected)
        ctx = Context(settings, client, client_b, journal, random.Random(settings.seed))
        verdicts: dict[str, Verdict] = {
            c: Verdict(c, Status.NOT_RUN, reason) for c, reason in skipped.items()
        }
        behaviour_started = time.monotonic()
        for probe in probes:
            verdicts.update(_run_probe(probe, ctx, selected))
        report.layer_seconds["behaviour"] = time.monotonic() - behaviour_started
        schema_ids = tuple(c for c in selected if CATALOGUE[c].layer == "schema")
        if schema_ids:
            summary = run_schema_layer(
                SchemaRunOptions(
                    base_url=settings.base_url,
                    token=settings.token,
                    seed=settings.seed,
                    max_examples=settings.max_examples,
                    budget=budget,
                    pacer=pacer,
                    request_timeout=settings.request_timeout,
                    allow_create=budget.remaining is None or budget.remaining > 0,
                    check_ids=schema_ids,
                )
            )
            verdicts.update(summary.verdicts)
            report.layer_seconds["schema"] = summary.duration
            report.notes += summary.notes
            report.notes.append(
                f"schema layer: {summary.cases} generated case(s), {summary.requests} request(s)"
            )
    finally:
        client.close()
    report.verdicts = [verdicts[c] for c in selected if c in verdicts]
    report.budget_spent = budget.spent
    report.duration = time.time() - started
    return report


def _run_probe(probe: Probe, ctx: Context, selected: list[str]) -> dict[str, Verdict]:
    wanted = tuple(c for c in probe.checks if c in selected)
    recorder = Recorder(probe.checks)
    started = time.monotonic()
    try:
        probe.run(ctx, recorder)
    except BudgetExhausted as exc:
        for check_id in probe.checks:
            if not recorder.failures[check_id]:
                recorder.exercised[check_id] = 0
            recorder.not_run(check_id, f"budget: {exc}")
    except NotRun as exc:
        for check_id in probe.checks:
            recorder.not_run(check_id, exc.reason)
    except Exception as exc:  # a bug of the suite: say so, never blame the server
        detail = "".join(traceback.format_exception(exc))[-2000:]
        last = ctx.journal.exchanges[-1:] if ctx.journal.exchanges else []
        return {
            c: Verdict(
                c,
                Status.ERROR,
                f"the suite crashed in probe {probe.name!r}: {exc!r}",
                [Evidence(f"internal error: {exc!r}", detail, tuple(last))],
                duration=time.monotonic() - started,
            )
            for c in wanted
        }
    verdicts = recorder.verdicts(time.monotonic() - started)
    return {c: verdicts[c] for c in wanted}
