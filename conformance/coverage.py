"""The coverage index of a run: which documented promises it exercised, model by model.

The promise inventory (``openapi/promises/``, read by ``toapis_spec.promises``) holds every
statement of the vendor pages with the checks that enforce it or the reason none can. A run
selects models and checks, and its verdicts say which checks ran. From the three, for each
selected model:

- the promises that **apply** to it: those its page makes, and those of the pages about the whole
  API (``toapis_spec.promises.models_of``);
- the **checkable** ones: a promise that names checks;
- the **exercised** ones: a check of the promise judged something in this run (PASS, FAIL or
  WARN) for that model. A check that was not run, that broke (ERROR) or that ``--only``/``--skip``
  left out exercised nothing.

A verdict names the models it rests on (``Verdict.models``: those its create requests named and
those of the tasks it judged); one that names none is model-independent (it sent no create and
judged no task: authentication, unknown ids, uploads) and stands for every selected model. So a
check that ran exercises a promise for model M when it is model-independent or rests on M: a
probe that judges only the first selected model (the life-cycle state machine) exercises nothing
for the others. The run overall counts each promise once, however many of the selected models it
applies to, and exercised only when it was exercised for every one of them. A checkable promise
that was not exercised says why (its checks ran for other models only, their not-run reasons, or
that they were not selected); a promise that is not checkable, its reason.

Every report shows "exercised X of Y checkable promises (Z in all)" per model. A low coverage is
information about the run, never a failure of the server: no report format turns it into one.
"""

from __future__ import annotations

import functools
import html
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from conformance.catalogue import CATALOGUE
from conformance.verdicts import Status, Verdict
from toapis_spec import models as contract_models
from toapis_spec.promises import InventoryError, Promise, models_of, promises

__all__ = [
    "EXERCISED",
    "NOT_CHECKABLE",
    "NOT_EXERCISED",
    "NOT_SELECTED",
    "STATES",
    "Coverage",
    "PromiseCoverage",
    "Tally",
    "coverage_data",
    "coverage_index",
    "html_section",
    "junit_cases",
    "run_coverage",
    "text_lines",
]

EXERCISED = "exercised"
NOT_EXERCISED = "not_exercised"
NOT_CHECKABLE = "not_checkable"
STATES = (EXERCISED, NOT_EXERCISED, NOT_CHECKABLE)
NOT_SELECTED = "not selected (--only/--skip)"
# Why a checkable promise was not exercised, in the order a summary names them.
NO_VERDICT = "selected, but no probe of the run judged it"
OTHER_MODELS = "ran for other models only"
_UNKNOWN = "unknown check"
_CAUSES = (OTHER_MODELS, "not run", "error", NOT_SELECTED, "no verdict", _UNKNOWN)
_RAN = frozenset({Status.PASS, Status.FAIL, Status.WARN})
_UNSELECTED = "unselected"  # a check's state in the run when it has no verdict
_OVERALL_LABEL = "all selected models"


@dataclass(frozen=True)
class Tally:
    """The index of one selected model (``model``), or of the whole run (``model`` is None)."""

    model: str | None
    label: str
    promises: tuple[str, ...]
    checkable: tuple[str, ...]
    exercised: tuple[str, ...]

    def line(self) -> str:
        return (
            f"exercised {len(self.exercised)} of {len(self.checkable)} checkable promises "
            f"({len(self.promises)} in all)"
        )


@dataclass(frozen=True)
class PromiseCoverage:
    """One promise in one run: its state, why it is not exercised (or not checkable), and the
    state of each of its checks (a verdict's status, or ``unselected``)."""

    promise: Promise
    state: str
    why: str
    cause: str | None
    """For a checkable promise not exercised: one of ``OTHER_MODELS``, "not run", "error",
    ``NOT_SELECTED``, "no verdict", "unknown check"."""
    checks: Mapping[str, str]
    models: Mapping[str, str] = field(default_factory=dict)
    """In a run's index: the promise's state for each selected model it applies to."""


@dataclass(frozen=True)
class Coverage:
    models: tuple[Tally, ...]
    overall: Tally
    promises: Mapping[str, PromiseCoverage]
    """Every promise that applies to a selected model, by id, in inventory order: exercised
    when it was for every selected model it applies to (``PromiseCoverage.models``)."""
    per_model: Mapping[str, Mapping[str, PromiseCoverage]] = field(default_factory=dict)
    """For each selected model, each promise that applies to it as judged for that model."""

    def causes(self) -> dict[str, int]:
        """How many checkable promises of the run were not exercised, by cause."""
        found = Counter(p.cause for p in self.promises.values() if p.state == NOT_EXERCISED)
        return {cause: found[cause] for cause in _CAUSES if found[cause]}

    def reasons(self) -> dict[str, int]:
        """How many promises of the run no check can enforce, by reason (most first)."""
        found = Counter(p.why for p in self.promises.values() if p.state == NOT_CHECKABLE)
        return dict(found.most_common())


@functools.cache
def _models_of(promise: Promise) -> frozenset[str]:
    return frozenset(models_of(promise))


def _canonical(model: str) -> str:
    info = contract_models(view="server").get(model)
    return info.alias_of or model if info is not None else model


def _rests_on(verdict: Verdict, model: str) -> bool:
    """Whether a verdict that ran stands for ``model``: it is model-independent, or it rests on
    the model (named as selected, or by its canonical name)."""
    return not verdict.models or model in verdict.models or _canonical(model) in verdict.models


def _judge(
    promise: Promise,
    verdicts: Mapping[str, Verdict],
    selected: Collection[str] | None,
    model: str | None = None,
) -> PromiseCoverage:
    """The promise for ``model`` (``None``: whichever model, as if every verdict stood for
    each)."""
    if not promise.checks:
        return PromiseCoverage(
            promise, NOT_CHECKABLE, promise.reason or "no reason given", None, {}
        )
    states = {
        check: verdicts[check].status.value if check in verdicts else _UNSELECTED
        for check in promise.checks
    }
    ran = [verdicts[c] for c in promise.checks if c in verdicts and verdicts[c].status in _RAN]
    if any(model is None or _rests_on(v, model) for v in ran):
        return PromiseCoverage(promise, EXERCISED, "", None, states)
    whys: list[str] = []
    if ran:
        whys.append(
            "its checks ran for other models only: "
            + ", ".join(f"{v.check_id} ({', '.join(v.models)})" for v in ran)
        )
    for check in promise.checks:
        verdict = verdicts.get(check)
        if verdict is None or verdict.status in _RAN:
            continue
        label = "error: " if verdict.status is Status.ERROR else ""
        whys.append(f"{check}: {label}{verdict.reason or 'no reason given'}")
    missing = [c for c, s in states.items() if s == _UNSELECTED]
    unknown = [c for c in missing if c not in CATALOGUE]
    unjudged = [c for c in missing if c in CATALOGUE and selected is not None and c in selected]
    unselected = [c for c in missing if c in CATALOGUE and c not in unjudged]
    statuses = set(states.values())
    if ran:
        cause = OTHER_MODELS
    elif Status.NOT_RUN.value in statuses:
        cause = "not run"
    elif Status.ERROR.value in statuses:
        cause = "error"
    elif unselected:
        cause = NOT_SELECTED
    elif unjudged:
        cause = "no verdict"
    else:
        cause = _UNKNOWN
    if unselected:
        whys.append(NOT_SELECTED if not whys else f"{', '.join(unselected)}: {NOT_SELECTED}")
    whys += [f"{check}: {NO_VERDICT}" for check in unjudged]
    whys += [f"{check}: no check of this suite has this id" for check in unknown]
    return PromiseCoverage(promise, NOT_EXERCISED, "; ".join(whys), cause, states)


def _tally(model: str | None, label: str, judged: Iterable[PromiseCoverage]) -> Tally:
    judged = list(judged)
    return Tally(
        model,
        label,
        tuple(p.promise.id for p in judged),
        tuple(p.promise.id for p in judged if p.state != NOT_CHECKABLE),
        tuple(p.promise.id for p in judged if p.state == EXERCISED),
    )


def coverage_index(
    models: Sequence[str],
    verdicts: Iterable[Verdict],
    inventory: Iterable[Promise] | None = None,
    selected: Collection[str] | None = None,
) -> Coverage:
    """The index of a run that checked ``models`` and reached ``verdicts`` (one per selected
    check), against ``inventory`` (default: the project's, ``toapis_spec.promises.promises()``).
    ``selected``, the checks the run selected, tells a check left out by ``--only``/``--skip``
    from one the run selected but never judged (unknown: every check without a verdict counts
    as not selected).

    A model named by an alias counts its canonical model's promises."""
    by_check = {verdict.check_id: verdict for verdict in verdicts}
    chosen = tuple(dict.fromkeys(models))
    everything = tuple(promises() if inventory is None else inventory)
    per_model: dict[str, dict[str, PromiseCoverage]] = {}
    tallies: list[Tally] = []
    for model in chosen:
        canonical = _canonical(model)
        own = {
            p.id: _judge(p, by_check, selected, model)
            for p in everything
            if canonical in _models_of(p)
        }
        per_model[model] = own
        label = model if canonical == model else f"{model} ({canonical})"
        tallies.append(_tally(model, label, own.values()))
    ordered = {
        p.id: _overall(
            p, by_check, selected, {m: j[p.id] for m, j in per_model.items() if p.id in j}
        )
        for p in everything
        if any(p.id in judged for judged in per_model.values())
    }
    overall = _tally(None, _OVERALL_LABEL, ordered.values())
    return Coverage(tuple(tallies), overall, ordered, per_model)


def _overall(
    promise: Promise,
    verdicts: Mapping[str, Verdict],
    selected: Collection[str] | None,
    by_model: Mapping[str, PromiseCoverage],
) -> PromiseCoverage:
    """The promise in the whole run: exercised when it was for every selected model it applies
    to; else why not: the models it was exercised for, those it was not, and the first of
    those's why."""
    states = {model: judged.state for model, judged in by_model.items()}
    if not promise.checks or all(s == EXERCISED for s in states.values()):
        return replace(_judge(promise, verdicts, selected), models=states)
    done = [m for m, s in states.items() if s == EXERCISED]
    missing = [m for m, s in states.items() if s != EXERCISED]
    first = by_model[missing[0]]
    if not done:
        return replace(first, models=states)
    of = len(states)
    why = f"exercised for {_few(done, of)}; not for {_few(missing, of)}: {first.why}"
    return replace(first, why=why, models=states)


def _few(models: Sequence[str], of: int) -> str:
    """Up to three models by name; more as a count."""
    return ", ".join(models) if len(models) <= 3 else f"{len(models)} of its {of} models"


def _tally_data(tally: Tally) -> dict[str, Any]:
    exercised, checkable = set(tally.exercised), set(tally.checkable)
    state = {
        i: EXERCISED if i in exercised else NOT_EXERCISED if i in checkable else NOT_CHECKABLE
        for i in tally.promises
    }
    return {
        "model": tally.model,
        "label": tally.label,
        "promises": len(tally.promises),
        "checkable": len(tally.checkable),
        "exercised": len(tally.exercised),
        "line": tally.line(),
        "ids": {s: [i for i in tally.promises if state[i] == s] for s in STATES},
    }


def coverage_data(
    coverage: Coverage, redact: Callable[[str], str] = lambda text: text
) -> dict[str, Any]:
    """The index as the JSON report holds it. ``redact`` masks secrets in what the server or the
    run said (the not-run reasons); the inventory's own words are kept as they are."""
    return {
        "models": [_tally_data(tally) for tally in coverage.models],
        "overall": _tally_data(coverage.overall),
        "not_exercised": coverage.causes(),
        "not_checkable": [
            {"reason": reason, "promises": count} for reason, count in coverage.reasons().items()
        ],
        "promises": {
            pid: {
                "state": judged.state,
                "why": redact(judged.why) if judged.state == NOT_EXERCISED else judged.why,
                "cause": judged.cause,
                "topic": judged.promise.topic,
                "context": judged.promise.context,
                "pages": list(judged.promise.pages),
                "statements": list(judged.promise.statements),
                "checks": dict(judged.checks),
                # Its state for each selected model it applies to.
                "models": dict(judged.models),
                # A checkable promise may have a reason too: what its checks leave uncovered.
                "reason": judged.promise.reason,
            }
            for pid, judged in coverage.promises.items()
        },
    }


def run_coverage(
    models: Sequence[str],
    verdicts: Iterable[Verdict],
    redact: Callable[[str], str] = lambda text: text,
    inventory: Iterable[Promise] | None = None,
    selected: Collection[str] | None = None,
) -> dict[str, Any] | None:
    """The ``coverage`` object of a report: ``None`` for a report that names no model (one made
    by hand around a few verdicts), ``{"error": ...}`` when the inventory cannot be read (the
    run's verdicts still stand: a report never fails for its index)."""
    if not models:
        return None
    try:
        return coverage_data(coverage_index(models, verdicts, inventory, selected), redact)
    except InventoryError as exc:
        return {"error": f"the promise inventory cannot be read: {exc}"}


def text_lines(data: Mapping[str, Any] | None) -> list[str]:
    """The index as plain lines (console, pytest's terminal summary): a line per model, the
    run's line, then what was not exercised and what no check can enforce."""
    if not data:
        return []
    if "error" in data:
        return [f"coverage: not available ({data['error']})"]
    rows = [*data["models"], data["overall"]]
    width = max(len(str(row["label"])) for row in rows)
    lines = ["coverage of the documented promises (openapi/promises):"]
    lines += [f"  {str(row['label']).ljust(width)}  {row['line']}" for row in rows]
    causes: Mapping[str, int] = data.get("not_exercised") or {}
    if causes:
        total = sum(causes.values())
        lines.append(
            f"  {total} checkable promise(s) not exercised: "
            + ", ".join(f"{count} {cause}" for cause, count in causes.items())
        )
    reasons = data.get("not_checkable") or []
    if reasons:
        total = sum(int(r["promises"]) for r in reasons)
        lines.append(
            f"  {total} promise(s) no check can enforce, for {len(reasons)} reason(s) "
            "(the JSON and HTML reports list them)"
        )
    return lines


def junit_cases(data: Mapping[str, Any] | None) -> list[tuple[str, dict[str, str], str]]:
    """For the JUnit report: ``(name, properties, text)`` of one passed test case per model and
    one for the run (``coverage[<model>]``, ``coverage[all]``), so a CI dashboard shows the
    counts; a low coverage is never a failure."""
    if not data:
        return []
    if "error" in data:
        return [("coverage", {}, f"coverage: not available ({data['error']})\n")]
    cases = []
    for row in [*data["models"], data["overall"]]:
        name = f"coverage[{row['model'] if row['model'] is not None else 'all'}]"
        properties = {key: str(row[key]) for key in ("exercised", "checkable", "promises")}
        text = f"{row['label']}: {row['line']}\n" + "".join(
            f"{state.replace('_', ' ')}: {', '.join(row['ids'][state]) or '-'}\n"
            for state in STATES
        )
        cases.append((name, properties, text))
    return cases


# The HTML section: a table of the models, then the promises by state, each expandable.


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _promise_item(pid: str, promise: Mapping[str, Any], with_why: bool) -> str:
    from conformance.report_html import anchor

    quotes = "".join(f"<blockquote>{_e(s)}</blockquote>" for s in promise.get("statements", []))
    checks = "".join(
        f" <a href='#{_e(anchor(check))}'><code>{_e(check)}</code></a>"
        f" <span class='check-state {_e(state)}'>{_e(state.replace('_', ' '))}</span>"
        for check, state in (promise.get("checks") or {}).items()
    )
    why = promise.get("why") if with_why else ""
    return (
        f"<li id='promise-{_e(pid)}'><code>{_e(pid)}</code> "
        f"<span class='where'>{_e(', '.join(promise.get('pages', [])))} · "
        f"{_e(promise.get('context', ''))}</span>"
        + (f"<div class='checks'>checks:{checks}</div>" if checks else "")
        + (f"<div class='why'>{_e(why)}</div>" if why else "")
        + (
            f"<div class='why'>not covered by its checks: {_e(promise['reason'])}</div>"
            if promise.get("checks") and promise.get("reason")
            else ""
        )
        + quotes
        + "</li>"
    )


def _listing(
    title: str,
    ids: Sequence[str],
    promises: Mapping[str, Any],
    with_why: bool,
    detail: str = "",
) -> str:
    if not ids:
        return f"<p class='empty'>{_e(title)}: none.</p>"
    items = "".join(_promise_item(pid, promises[pid], with_why) for pid in ids)
    detail = f": {_e(detail)}" if detail else ""
    return f"<details><summary>{_e(title)} ({len(ids)}){detail}</summary><ul>{items}</ul></details>"


def html_section(data: Mapping[str, Any] | None) -> str:
    """The coverage section of the HTML report (``conformance.report_html``)."""
    if not data:
        return ""
    if "error" in data:
        return f"<h2 id='coverage'>Coverage</h2><p class='coverage-error'>{_e(data['error'])}</p>"
    rows = "".join(
        f"<tr{' class=overall' if row['model'] is None else ''}><td>{_e(row['label'])}</td>"
        f"<td>{row['exercised']}</td><td>{row['checkable']}</td><td>{row['promises']}</td>"
        f"<td>{_e(row['line'])}</td></tr>"
        for row in [*data["models"], data["overall"]]
    )
    table = (
        "<table class='coverage'><thead><tr><th>model</th><th>exercised</th><th>checkable</th>"
        f"<th>all</th><th></th></tr></thead><tbody>{rows}</tbody></table>"
    )
    ids = data["overall"]["ids"]
    every: Mapping[str, Any] = data["promises"]
    causes = data.get("not_exercised") or {}
    parts = [
        "<h2 id='coverage'>Coverage of the documented promises</h2>",
        "<p>Promises of the vendor pages (<code>openapi/promises</code>) that apply to the "
        "selected models: <i>exercised</i> when a check of the promise ran (PASS, FAIL or WARN), "
        "<i>checkable</i> when a check of the suite enforces it. Each promise is counted once "
        "in the overall line.</p>",
        table,
        _listing("Exercised", ids[EXERCISED], every, with_why=False),
        _listing(
            "Checkable, not exercised",
            ids[NOT_EXERCISED],
            every,
            with_why=True,
            detail=", ".join(f"{count} {cause}" for cause, count in causes.items()),
        ),
    ]
    reasons = data.get("not_checkable") or []
    if reasons:
        groups = "".join(
            _listing(
                f"{item['reason']}",
                [i for i in ids[NOT_CHECKABLE] if every[i]["why"] == item["reason"]],
                every,
                with_why=False,
            )
            for item in reasons
        )
        parts.append(
            f"<h3>Not checkable: {len(ids[NOT_CHECKABLE])} promise(s), by reason</h3>{groups}"
        )
    else:
        parts.append("<p class='empty'>Not checkable: none.</p>")
    return f"<section id='coverage-index'>{''.join(parts)}</section>"
