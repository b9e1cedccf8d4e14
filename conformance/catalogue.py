"""The catalogue of checks: one entry per promise the suite enforces, and the basis of each.

The CLI (``--list-checks``, ``--only``/``--skip``), every report and the generated documentation
read this table; an id never changes meaning once published. ``layer`` says who does the checking:
``schema`` (Schemathesis' built-in checks over generated requests) or ``behaviour`` (our own checks
of what a schema cannot say).

Nothing is declared here: each check is declared once, beside the code that judges it, with
``conformance.checks.declare`` (its docstring gives the rules of a declaration: the basis, the
quote, the decisions). This module imports every module of ``conformance.judges`` and
``conformance.probes`` and gathers what they declare; a check declared anywhere else is not in the
catalogue.

Order (the order of ``--list-checks``, of reports and of docs/catalogue.md): by area, in the order
of ``AREAS`` (an area not listed there comes after them, by name); within an area, by the module
that declares the check (``conformance.judges`` before ``conformance.probes``, each package's
modules by name); within a module, in declaration order. It does not depend on which module a
process imported first.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import MappingProxyType

from conformance.checks import DECIDED, DOCUMENTED, Basis, CheckInfo, declared, declared_in

__all__ = [
    "AREAS",
    "CATALOGUE",
    "DECIDED",
    "DOCUMENTED",
    "RENAMED",
    "SCHEMATHESIS_CHECKS",
    "Basis",
    "CheckInfo",
    "basis_counts",
]

AREAS: tuple[str, ...] = (
    "schema",
    "lifecycle",
    "results",
    "webhooks",
    "auth",
    "validation",
    "uploads",
    "envelope",
)
"""The catalogue's areas, in the order it lists them."""

_PACKAGES = ("conformance.judges", "conformance.probes")


def _gather() -> tuple[CheckInfo, ...]:
    """Import every module that judges checks, so that their declarations are made, and list
    what they declared in the catalogue's order."""
    modules: list[str] = []
    for package_name in _PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.iter_modules(package.__path__):
            modules.append(f"{package_name}.{module.name}")
            importlib.import_module(modules[-1])
    rank = {name: i for i, name in enumerate(modules)}
    infos = declared()
    position = {check_id: i for i, check_id in enumerate(infos)}

    def order(info: CheckInfo) -> tuple[int, str, int, int]:
        area = AREAS.index(info.area) if info.area in AREAS else len(AREAS)
        return (area, info.area, rank[declared_in(info.id)], position[info.id])

    return tuple(
        sorted((i for i in infos.values() if declared_in(i.id) in rank), key=order),
    )


CATALOGUE: Mapping[str, CheckInfo] = MappingProxyType({info.id: info for info in _gather()})

# Ids of the previous release, still accepted by --only/--skip for one release.
RENAMED: Mapping[str, str] = MappingProxyType(
    {
        "validation-rejects-prompt-1001": "validation-rejects-prompt-over-limit",
        "validation-accepts-prompt-1000": "validation-accepts-prompt-at-limit",
        "validation-rejects-six-image-urls": "validation-rejects-too-many-image-urls",
        "validation-rejects-n-3": "validation-rejects-n-outside-enum",
        "validation-rejects-size-16-9": "validation-rejects-undocumented-size",
        "lifecycle-expires-24h": "lifecycle-expires-after-lifetime",
    }
)

SCHEMATHESIS_CHECKS: Mapping[str, str] = MappingProxyType(
    {
        info.id.removeprefix("schema-").replace("-", "_"): info.id
        for info in CATALOGUE.values()
        if info.layer == "schema"
    }
)


def basis_counts() -> dict[str, int]:
    counts: dict[str, int] = {DOCUMENTED: 0, DECIDED: 0}
    for info in CATALOGUE.values():
        counts[info.basis] += 1
    return counts
