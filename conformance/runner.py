"""Plan and run the suite against one server: the behaviour probes and the schema layer.

Planning happens before the first request: every selected probe declares the images it could bill
in the worst case, and probes that do not fit in what is left of the budget are reported as not run
(with the reason) instead of being started. The ``Budget`` object then enforces the same bound on
every create request actually sent, by the probes and by Schemathesis alike.

Execution: a preflight (``conformance.preflight``) first, then the probes in a pool of
``Settings.jobs`` threads, so that their waits for tasks overlap (a run costs about one task
duration plus the requests, not the sum of every wait), with the schema layer in a thread beside
them. The pacer (``--max-rps``), the budget and the journal are shared and thread-safe; the schema
layer gets only the images the probes' plan left over, so neither can take what the other planned.
The probes that must see the rest finished (expiry moves an embedded server's clock a day forward;
ratelimit judges every 429 of the run) run last, on their own. ``jobs=1`` is the sequential run:
every probe in order, then the schema layer.

Hypothesis drives the life-cycle and unknown-id probes and, inside Schemathesis, the schema layer.
Since 6.136.9 Hypothesis officially supports running separate tests in separate threads (its
thread-safety policy, hypothesis.works/articles/thread-safe), so they overlap like the rest; each
probe also gets its own ``random.Random`` derived from (seed, probe name), so a run stays
reproducible whatever the interleaving.
"""

from __future__ import annotations

import ast
import random
import threading
import time
import traceback
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

import httpx

from conformance.budget import Budget, BudgetExhausted
from conformance.catalogue import CATALOGUE, RENAMED
from conformance.contract import limits, unknown_models
from conformance.contract import models as contract_models
from conformance.control import ANOTHER_TASK_PASSED_DEADLINE, RunControl, RunStopped
from conformance.http import ApiClient, Journal, Pacer, ProbeJournal, is_loopback
from conformance.interrupt import CTRL_C, INTERRUPTED
from conformance.preflight import PreflightError as PreflightError
from conformance.preflight import Unreachable as Unreachable
from conformance.preflight import preflight
from conformance.probes import (
    edges,
    expiry,
    formats,
    lifecycle,
    masks,
    ratelimit,
    reach,
    responses,
    results,
    security,
    uploads,
    validation,
    webhooks,
)
from conformance.probes.base import Context, Probe, Recorder, Settings
from conformance.progress import SCHEMA_LAYER, NullObserver, RunObserver
from conformance.schema_layer import SchemaRunOptions, SchemaRunSummary, run_schema_layer
from conformance.verdicts import Evidence, NotRun, Status, Verdict

PROBES: tuple[Probe, ...] = (
    *security.PROBES,
    lifecycle.PROBE,
    results.PROBE,
    *validation.PROBES,
    *reach.PROBES,
    *uploads.PROBES,
    formats.REFERENCE_PROBE,
    *masks.PROBES,
    *edges.PROBES,  # under --budget, takes its cases cheapest first from what it may spend
    webhooks.PROBE,
    # They judge every task and upload the run saw: after the probes that make them, before
    # expiry (whose day forward would expire the results they fetch).
    *responses.PROBES,
    formats.RESULT_PROBE,  # judges the run's tasks that asked a format; makes the rest
    formats.ITEM_PROBE,
    expiry.PROBE,  # moves an embedded server's clock a day forward: after every probe that polls
    ratelimit.PROBE,  # last: it also judges the 429s every earlier probe met
)
# Run after every other probe has finished, one after the other (see PROBES).
_LAST = frozenset(
    {
        *(probe.name for probe in responses.PROBES),
        formats.RESULT_PROBE.name,
        formats.ITEM_PROBE.name,
        expiry.PROBE.name,
        ratelimit.PROBE.name,
    }
)


class UsageError(ValueError):
    """Bad command-line input (exit status 2)."""


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
    # Whether warnings fail (``--strict``); set by whoever asked for the run.
    strict: bool = field(default=False, compare=False)
    # Ctrl-C stopped the run: what it saw is reported, the rest is not run ("interrupted").
    interrupted: bool = False
    # The models checked (``--model``) and the checks selected (``--only``/``--skip``): the
    # coverage index is counted for each model, and tells a check left out from one not judged.
    models: tuple[str, ...] = ()
    selected: tuple[str, ...] | None = None

    @property
    def failed(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status in (Status.FAIL, Status.ERROR)]

    @property
    def warned(self) -> list[Verdict]:
        """Checks whose only broken promises are decided ones (DECISIONS.md): exit 0 unless
        ``--strict``."""
        return [v for v in self.verdicts if v.status is Status.WARN]

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        for verdict in self.verdicts:
            counts[verdict.status.value] += 1
        return counts


def renamed_ids(ids: Iterable[str]) -> dict[str, str]:
    """The ids among ``ids`` that were renamed, old id -> new id (accepted for one release)."""
    return {c: RENAMED[c] for c in ids if c in RENAMED}


def select_checks(only: Iterable[str] = (), skip: Iterable[str] = ()) -> list[str]:
    only = [RENAMED.get(c, c) for c in only]
    skip = [RENAMED.get(c, c) for c in skip]
    unknown = [c for c in (*only, *skip) if c not in CATALOGUE]
    if unknown:
        raise UsageError(f"unknown check id(s): {', '.join(unknown)} (see --list-checks)")
    chosen = [c for c in CATALOGUE if (not only or c in only) and c not in skip]
    if not chosen:
        raise UsageError("no check left to run after --only/--skip")
    return chosen


def effective_budget(settings: Settings) -> int | None:
    """Unlimited on loopback unless asked; nothing billable on other hosts without --budget."""
    if settings.read_only:
        return 0
    if settings.budget is not None:
        return settings.budget
    return None if is_loopback(settings.base_url) else 0


def check_target(settings: Settings) -> None:
    """Refuse, before anything is sent, a run whose settings are unsafe or make no sense."""
    if settings.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if not settings.models:
        raise UsageError("--model: name at least one model")
    unknown = unknown_models(settings.models)
    if unknown:
        raise UsageError(
            f"--model {', '.join(unknown)}: the contract does not describe it (models: "
            f"{', '.join(contract_models())}); nothing was sent"
        )
    if settings.max_time is not None and settings.max_time <= 0:
        raise UsageError("--max-time must be positive")
    if settings.budget is None and not settings.read_only and not is_loopback(settings.base_url):
        raise UsageError(
            f"{settings.base_url} is not this machine, where the suite's create requests could "
            "be billed and its uploads stored: add --budget N (at most N images may be billed) "
            "or --read-only (no create, no upload: only checks whose worst case bills nothing); "
            "nothing was sent"
        )


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
        if settings.read_only and (probe.uploads or cost > 0):
            what = "sends an upload" if probe.uploads else "sends a create request"
            skipped.update(dict.fromkeys(checks, f"--read-only: {what}"))
            continue
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


def run_suite(
    settings: Settings,
    *,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    transport: httpx.BaseTransport | None = None,
    observer: RunObserver | None = None,
    token_source: str = "--token",
) -> RunReport:
    """Run the selected checks. Raises ``UsageError`` (nothing sent) for unsafe or senseless
    settings and ``PreflightError`` when the server is unreachable, refuses a token or is not
    this API. ``token_source`` names where the token came from (the flag or the environment
    variable), for the message when the server refuses it."""
    selected = select_checks(only, skip)
    check_target(settings)
    observer = observer or NullObserver()
    control = RunControl(settings.max_time)
    pacer = Pacer(settings.max_rps)

    def interrupt() -> None:
        control.stop(INTERRUPTED)
        pacer.stop()

    # The first Ctrl-C stops the run (nothing more is sent, every wait ends) instead of
    # raising KeyboardInterrupt in one thread while the others go on sending.
    with CTRL_C.listening(), CTRL_C.stopping(interrupt):
        report = _run_suite(settings, selected, observer, control, pacer, transport, token_source)
    report.interrupted = control.expired() and control.stop_reason == INTERRUPTED
    return report


def _run_suite(
    settings: Settings,
    selected: list[str],
    observer: RunObserver,
    control: RunControl,
    pacer: Pacer,
    transport: httpx.BaseTransport | None,
    token_source: str,
) -> RunReport:
    started = time.time()
    budget = Budget(effective_budget(settings))
    journal = Journal()
    journal.listeners.append(observer.exchange)
    client = ApiClient(
        settings.base_url,
        settings.token,
        budget=budget,
        pacer=pacer,
        journal=journal,
        timeout=settings.request_timeout,
        transport=transport,
        control=control,
        read_only=settings.read_only,
        models=settings.models,  # the run's one guard: no task for a model not selected
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
        secrets=tuple(
            t
            for t in (
                settings.token,
                settings.token_b,
                settings.webhook_token,
                settings.webhook_secret,
            )
            if t
        ),
        models=tuple(settings.models),
        selected=tuple(selected),
    )
    verdicts: dict[str, Verdict] = {}
    try:
        probes, skipped = plan(settings, selected)
        try:
            preflight(client, [(token_source, settings.token), ("--token-b", settings.token_b)])
        except RunStopped:
            if control.stop_reason != INTERRUPTED:
                raise
            probes, skipped = [], {}  # Ctrl-C before the run began: every check is not run
        observer.run_started(settings.base_url, selected, budget)
        for check_id, reason in skipped.items():
            verdicts[check_id] = Verdict(check_id, Status.NOT_RUN, reason)
            observer.check_finished(verdicts[check_id])
        ctx = Context(
            settings,
            client,
            client_b,
            journal,
            random.Random(settings.seed),
            limits=limits(settings.models[0]),
            run=control,
        )
        schema_ids = tuple(c for c in selected if CATALOGUE[c].layer == "schema")
        run = _Execution(settings, ctx, selected, observer, report, verdicts)
        if control.expired():  # Ctrl-C during the preflight: nothing more starts
            probes, schema_ids = [], ()
        try:
            if settings.jobs <= 1:
                run.sequential(probes, schema_ids, budget, pacer)
            else:
                run.concurrent(probes, schema_ids, budget, pacer)
        except KeyboardInterrupt:  # the second Ctrl-C (or one the handler could not catch)
            control.stop(INTERRUPTED)
            pacer.stop()
            raise
        if control.expired():
            for check_id in selected:  # never started: not run either
                if check_id not in verdicts:
                    verdicts[check_id] = Verdict(check_id, Status.NOT_RUN, control.stop_reason)
                    observer.check_finished(verdicts[check_id])
            unfinished = [v for v in verdicts.values() if v.reason == control.stop_reason]
            report.notes.append(
                f"{control.stop_reason.split(' before')[0]}: "
                f"{len(unfinished)} check(s) did not finish"
            )
    finally:
        client.close()
        observer.run_finished()
    report.verdicts = [verdicts[c] for c in selected if c in verdicts]
    report.budget_spent = budget.spent
    report.duration = time.time() - started
    return report


class _Execution:
    """One run's probes and schema layer, in order (``jobs=1``) or overlapping."""

    def __init__(
        self,
        settings: Settings,
        ctx: Context,
        selected: list[str],
        observer: RunObserver,
        report: RunReport,
        verdicts: dict[str, Verdict],
    ) -> None:
        self.settings = settings
        self.ctx = ctx
        self.selected = selected
        self.observer = observer
        self.report = report
        self.verdicts = verdicts
        self._lock = threading.Lock()

    def _probe(self, probe: Probe) -> None:
        notes: list[str] = []
        found = _run_probe(probe, self.ctx, self.selected, self.observer, notes)
        with self._lock:
            self.verdicts.update(found)
            self.report.notes += notes

    def _schema_options(
        self, schema_ids: tuple[str, ...], budget: Budget, pacer: Pacer
    ) -> SchemaRunOptions:
        return SchemaRunOptions(
            base_url=self.settings.base_url,
            token=self.settings.token,
            seed=self.settings.seed,
            max_examples=self.settings.max_examples,
            budget=budget,
            pacer=pacer,
            request_timeout=self.settings.request_timeout,
            allow_create=budget.remaining is None or budget.remaining > 0,
            check_ids=schema_ids,
            allow_upload=not self.settings.read_only,
            control=self.ctx.run,
            models=self.settings.models,
            guard=self.ctx.client.guard.with_budget(budget),  # the probes' guard, this share
        )

    def _schema(self, options: SchemaRunOptions) -> None:
        self.observer.probe_started(SCHEMA_LAYER)
        started = time.monotonic()
        try:
            summary = run_schema_layer(options)
            cut_short = self.ctx.run.expired()
        except RunStopped:
            # Stopped (Ctrl-C, --max-time) in a phase Schemathesis does not guard, such as its
            # opening probes: nothing of the layer was judged, so each check is not run.
            summary = SchemaRunSummary(
                {cid: Verdict(cid, Status.NOT_RUN, "") for cid in options.check_ids},
                0,
                0,
                0,
                time.monotonic() - started,
                [],
            )
            cut_short = True
        finally:
            self.observer.probe_finished(SCHEMA_LAYER)
        self._collect_schema(summary, cut_short)

    def _collect_schema(self, summary: SchemaRunSummary, cut_short: bool) -> None:
        found = dict(summary.verdicts)
        if cut_short:  # what it saw so far is not the whole layer's verdict
            for check_id, verdict in found.items():
                if verdict.status in (Status.PASS, Status.NOT_RUN):
                    found[check_id] = replace(
                        verdict, status=Status.NOT_RUN, reason=self.ctx.run.stop_reason
                    )
        with self._lock:
            self.verdicts.update(found)
            self.report.layer_seconds["schema"] = summary.duration
            self.report.notes += summary.notes
            self.report.notes.append(
                f"schema layer: {summary.cases} generated case(s), {summary.requests} request(s)"
            )
        for verdict in found.values():
            self.observer.check_finished(verdict)

    def sequential(
        self, probes: list[Probe], schema_ids: tuple[str, ...], budget: Budget, pacer: Pacer
    ) -> None:
        """Today's order: every probe, one after the other, then the schema layer."""
        started = time.monotonic()
        for probe in probes:
            if self.ctx.run.expired():
                break  # stopped: what was not started is reported as not run
            self._probe(probe)
        self.report.layer_seconds["behaviour"] = time.monotonic() - started
        if schema_ids and not self.ctx.run.expired():
            self._schema(self._schema_options(schema_ids, budget, pacer))

    def concurrent(
        self, probes: list[Probe], schema_ids: tuple[str, ...], budget: Budget, pacer: Pacer
    ) -> None:
        _serialize_ast_parse()
        started = time.monotonic()
        schema_thread: threading.Thread | None = None
        schema_error: list[BaseException] = []
        if schema_ids:
            # The schema layer may spend only what the probes' plan left over: running beside
            # them, it must not take images a planned probe needs (nor they its share).
            planned = sum(probe.cost(self.settings) for probe in probes)
            share = None if budget.limit is None else max(0, budget.limit - planned)
            options = self._schema_options(schema_ids, budget.share(share), pacer)

            def schema_layer() -> None:
                try:
                    self._schema(options)
                except BaseException as exc:  # re-raised in the caller's thread
                    schema_error.append(exc)

            schema_thread = threading.Thread(target=schema_layer, name=SCHEMA_LAYER, daemon=True)
            schema_thread.start()
        first = [probe for probe in probes if probe.name not in _LAST]
        last = [probe for probe in probes if probe.name in _LAST]
        with ThreadPoolExecutor(
            max_workers=self.settings.jobs, thread_name_prefix="conformance-probe"
        ) as pool:
            for future in [pool.submit(self._probe, probe) for probe in first]:
                future.result()
        if schema_thread is not None and self.settings.advance_clock is not None:
            schema_thread.join()  # expiry moves the server's clock a day: nothing may overlap
        for probe in last:
            if not self.ctx.run.expired():
                self._probe(probe)
        self.report.layer_seconds["behaviour"] = time.monotonic() - started
        if schema_thread is not None:
            schema_thread.join()
        if schema_error:
            raise schema_error[0]


_AST_LOCK = threading.RLock()
_unlocked_parse = ast.parse


def _parse_in_turn(*args: Any, **kwargs: Any) -> Any:
    with _AST_LOCK:
        return _unlocked_parse(*args, **kwargs)


def _serialize_ast_parse() -> None:
    """CPython 3.11 builds AST objects with state its threads share: two ``ast.parse`` at once
    can fail with "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905,
    seen here). Hypothesis parses source (constants, lambda descriptions) in every probe it drives
    and in the schema layer, so once a run is concurrent, parses take turns (process-wide; a
    parse is short, and nothing else about them changes)."""
    ast.parse = _parse_in_turn


def _unfinished(recorder: Recorder, reason: str) -> None:
    """A probe stopped half-way: what it found broken stands, nothing else is a verdict."""
    for check_id in recorder.check_ids:
        if not recorder.failures[check_id]:
            recorder.exercised[check_id] = 0
        recorder.reasons[check_id] = reason


def _resting_on(verdict: Verdict, sent: Iterable[str], order: Sequence[str]) -> Verdict:
    """``verdict`` with the models it rests on: those its probe's create requests named
    (``sent``) and those of the run's tasks it judged (``Recorder.judged_model``), in the order
    of ``--model``. A probe that sent no create and judged no model's task is model-independent:
    no model."""
    rests = {*sent, *verdict.models}
    rank = {model: i for i, model in enumerate(order)}
    return replace(verdict, models=tuple(sorted(rests, key=lambda m: (rank.get(m, len(rank)), m))))


def _run_probe(
    probe: Probe,
    ctx: Context,
    selected: list[str],
    observer: RunObserver,
    notes: list[str] | None = None,
) -> dict[str, Verdict]:
    """Run one probe; its verdicts on the selected checks. ``notes`` receives the lines the
    probe adds to the run's summary (``Recorder.note``)."""
    wanted = tuple(c for c in probe.checks if c in selected)
    # Its own journal (for its crash evidence) and its own random generator (reproducible
    # whatever runs beside it); the run's journal still sees every exchange.
    own = ProbeJournal(ctx.journal, probe.name)
    probe_ctx = replace(
        ctx,
        client=ctx.client.with_journal(own),
        client_b=ctx.client_b.with_journal(own) if ctx.client_b is not None else None,
        rng=random.Random(f"{ctx.settings.seed}/{probe.name}"),
    )
    recorder = Recorder(probe.checks)
    started = time.monotonic()
    observer.probe_started(probe.name)
    try:
        try:
            probe.run(probe_ctx, recorder)
        except BudgetExhausted as exc:
            _unfinished(recorder, f"budget: {exc}")
        except NotRun as exc:
            if isinstance(exc, RunStopped) or exc.reason == ANOTHER_TASK_PASSED_DEADLINE:
                _unfinished(recorder, exc.reason)
            else:
                for check_id in probe.checks:
                    recorder.not_run(check_id, exc.reason)
        except Exception as exc:
            if ctx.run.expired():  # RunStopped, maybe wrapped by Hypothesis: not a crash
                _unfinished(recorder, ctx.run.stop_reason)
            else:  # a bug of the suite: say so, never blame the server
                detail = "".join(traceback.format_exception(exc))[-2000:]
                last = own.snapshot()[-1:]
                crashed = {
                    c: Verdict(
                        c,
                        Status.ERROR,
                        f"the suite crashed in probe {probe.name!r}: {exc!r}",
                        [Evidence(f"internal error: {exc!r}", detail, tuple(last))],
                        duration=time.monotonic() - started,
                    )
                    for c in wanted
                }
                for verdict in crashed.values():
                    observer.check_finished(verdict)
                return crashed
    finally:
        observer.probe_finished(probe.name)
    verdicts = recorder.verdicts(time.monotonic() - started)
    sent = ctx.client.guard.models_sent(own.snapshot())
    found = {c: _resting_on(verdicts[c], sent, ctx.settings.models) for c in wanted}
    if notes is not None and found:
        notes += recorder.notes
    for verdict in found.values():
        observer.check_finished(verdict)
    return found
