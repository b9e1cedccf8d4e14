"""Declaring a check: once, beside the code that judges it.

A module that judges a promise declares its check at import time with :func:`declare`, which
returns the id the code then records verdicts under::

    CHECK = declare(
        "results-images-match-request",
        title="Result URLs serve decodable images with the requested aspect ratio.",
        promise="...",
        source="#/components/schemas/Task/properties/result",
        area="results",
        quote="...",
    )

``conformance.catalogue.CATALOGUE`` is built from these declarations (every module of
``conformance.probes`` and ``conformance.judges`` is imported for it; a declaration anywhere else
is not gathered; the catalogue's docstring gives its order), and the generated
documentation from the catalogue: adding a check touches the one module that judges it.
The same judging code serves the suite's probes and the proxy (``conformance.proxy``), which
feed it exchanges they sent or saw.

Every check has a **basis**. ``documented``: a sentence of the docs says it (``quote`` holds it);
a broken promise is a FAIL. ``decided``: an entry of ``openapi/DECISIONS.md`` reads it into the
docs (``decisions``); a broken promise is a WARN (a FAIL only under ``--strict``).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Basis = Literal["documented", "decided"]
DOCUMENTED: Basis = "documented"
DECIDED: Basis = "decided"


@dataclass(frozen=True)
class CheckInfo:
    id: str
    title: str
    promise: str
    source: str
    layer: str  # "schema" | "behaviour"
    area: str
    basis: Basis = DOCUMENTED
    quote: str | None = None
    """The doc sentence a documented check enforces."""
    decisions: tuple[str, ...] = ()
    """The DECISIONS.md entries behind a decided check (or behind WARNs a documented one gives)."""

    @property
    def decision(self) -> str | None:
        """The decision a failure of this check is judged by, for a decided check."""
        return self.decisions[0] if self.basis == DECIDED and self.decisions else None


_DECLARED: dict[str, CheckInfo] = {}
_ORIGIN: dict[str, str] = {}


class DuplicateCheck(ValueError):
    """Two declarations use one id for different promises."""


def declare(
    check_id: str,
    *,
    title: str,
    promise: str,
    source: str,
    area: str,
    layer: str = "behaviour",
    basis: Basis = DOCUMENTED,
    quote: str | None = None,
    decisions: tuple[str, ...] = (),
) -> str:
    """Register a check and return its id. A documented check needs its quote, a decided one
    its decision: a check without its basis cannot be declared."""
    if basis == DOCUMENTED and not quote:
        raise ValueError(f"documented check {check_id!r} needs the doc sentence it enforces")
    if basis == DECIDED and not decisions:
        raise ValueError(f"decided check {check_id!r} needs its DECISIONS.md entry")
    info = CheckInfo(check_id, title, promise, source, layer, area, basis, quote, decisions)
    known = _DECLARED.get(check_id)
    if known is not None and known != info:
        raise DuplicateCheck(f"check {check_id!r} is declared twice with different promises")
    _DECLARED[check_id] = info
    # The module whose code called (a helper of that module calling declare is that module).
    _ORIGIN.setdefault(check_id, sys._getframe(1).f_globals.get("__name__", ""))
    return check_id


def declared() -> Mapping[str, CheckInfo]:
    """Every check declared so far, in declaration order."""
    return MappingProxyType(dict(_DECLARED))


def declared_in(check_id: str) -> str:
    """The name of the module that declared ``check_id`` (KeyError: never declared)."""
    return _ORIGIN[check_id]
