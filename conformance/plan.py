"""``--plan``: what a run would bill in the worst case, check by check, without sending anything.

The figures are the ones the run itself plans with (``conformance.runner.plan``): each behaviour
probe's declared worst case for the selected models and settings, which the guard of the HTTP layer
then enforces request by request. A probe deciding several checks bills once for all of them. The
schema layer has no fixed worst case: it runs beside the probes on what their plan leaves of the
budget and stops generating create requests once that is spent, each charged its own worst case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conformance.budget import model_worst_case
from conformance.catalogue import CATALOGUE
from conformance.probes.base import Settings
from conformance.runner import PROBES, select_checks


@dataclass(frozen=True)
class PlannedCheck:
    check_id: str
    layer: str
    unit: str
    """The probe that decides the check (checks of one probe share its images), or "schema"."""
    images: int | None
    """The most images its probe may bill; ``None``: only the budget bounds it (schema layer)."""
    note: str = ""


@dataclass(frozen=True)
class Plan:
    checks: tuple[PlannedCheck, ...]
    budget: int
    """The ``--budget`` that runs every selected behaviour check."""
    per_create: int | None
    """The most one generated create request may bill for the selected models (``None``: a
    model whose ``n`` the docs leave unbounded, charged by the ``n`` each request asks)."""
    models: tuple[str, ...]


def build_plan(settings: Settings, only: Iterable[str] = (), skip: Iterable[str] = ()) -> Plan:
    selected = select_checks(only, skip)
    probe_of = {check: probe for probe in PROBES for check in probe.checks}
    checks: list[PlannedCheck] = []
    counted: set[str] = set()
    total = 0
    for check_id in selected:
        layer = CATALOGUE[check_id].layer
        probe = probe_of.get(check_id)
        if probe is None:
            checks.append(PlannedCheck(check_id, layer, "schema", None))
            continue
        cost = probe.cost(settings)
        note = ""
        if probe.needs_token_b and not settings.token_b:
            note = "needs --token-b (not run without it)"
        elif settings.read_only and (cost or probe.uploads):
            note = "not run under --read-only"
        elif probe.name not in counted:
            counted.add(probe.name)
            total += cost
        checks.append(PlannedCheck(check_id, layer, probe.name, cost, note))
    worst = [model_worst_case(model) for model in settings.models]
    per_create = None if None in worst else max(w for w in worst if w is not None)
    return Plan(tuple(checks), 0 if settings.read_only else total, per_create, settings.models)


def plan_lines(plan: Plan) -> list[str]:
    """The plan as plain lines for the console."""
    lines = [f"models: {', '.join(plan.models)}", "", "worst-case images per check:"]
    width = max(len(c.check_id) for c in plan.checks)
    seen: set[str] = set()
    for check in plan.checks:
        if check.images is None:
            figure = "budget-bound"
        elif check.unit in seen:
            figure = f"(with {check.unit})"
        else:
            seen.add(check.unit)
            figure = str(check.images)
        note = f"  {check.note}" if check.note else ""
        lines.append(f"  {check.check_id:<{width}}  {figure}{note}")
    lines.append("")
    lines.append(
        f"--budget {plan.budget} runs every selected behaviour check, even if the server "
        "accepted every create request."
    )
    if any(c.images is None for c in plan.checks):
        per = (
            f"at most {plan.per_create} image(s) each"
            if plan.per_create is not None
            else "each charged the n it asks"
        )
        lines.append(
            "The schema layer (budget-bound) spends only what is left over: with "
            f"--budget {plan.budget} it sends no create request; each image more lets it send "
            f"generated create requests ({per}) until it is spent."
        )
    return lines
