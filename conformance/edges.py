"""The edges of every request constraint a model's schema states, read from its keywords.

For each selected model the suite probes each limit at its edge (a value the contract allows, which
must be accepted) and one step past it (a value it forbids, which must be refused with 400). The
limits are the member schema's own keywords, nothing re-declared: ``minimum``/``maximum`` of
numbers (an integer ``enum`` counts as its range), ``maxItems``/``minItems`` of reference-image
lists, ``enum`` of strings, and the same keywords under an ``if``/``then`` whose ``if`` fixes other
fields to constants (the Seedream rule "reference images + generated images must be ≤ 15", the
4K tier's six ratios). Of a family of such conditions (one per value of ``n``) the cheapest is
probed.

Left out, each to the check that already judges it: the prompt's length (``validation-*-prompt-*``),
URL patterns (``validation-rejects-data-url``, ``-ftp-url``), ``if``/``then`` rules that require a
field (a mask needs a reference, D-09), and the discriminator ``model``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from toapis_spec import DECISIONS_KEY, models

# Limits with a dedicated check of their own (conformance.probes.validation).
_JUDGED_ELSEWHERE = frozenset({"model", "prompt"})
_COUNT_KEYWORDS = ("minItems", "maxItems")
_NUMBER_KEYWORDS = ("minimum", "maximum")


@dataclass(frozen=True)
class Edge:
    """One limit of one model's create request, with a value at it and one past it."""

    model: str
    field: str
    """The dotted path of the limited field (``metadata.safety_tolerance``)."""
    keyword: str
    """The JSON Schema keyword stating the limit (``maximum``, ``maxItems``, ``enum``...)."""
    at: Any
    """A value at the edge (``None``: no such case, e.g. a plain ``enum`` of strings). For a
    reference list, the number of images."""
    past: Any
    """A value one step past the edge (for a reference list, the number of images)."""
    given: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    """The other fields set to the values under which the limit holds (an ``if``/``then``)."""
    decision: str | None = None
    """The DECISIONS.md entry behind the keyword (``x-decisions``), ``None`` if documented."""
    count: bool = False
    """Whether ``at`` and ``past`` count reference images rather than being the values."""

    @property
    def label(self) -> str:
        when = "".join(f" with {k}={v!r}" for k, v in self.given.items())
        return f"{self.model}: {self.field} {self.keyword}{when}"


def _parts(schema: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """A property schema and the ``allOf`` parts a ``$ref`` with siblings was inlined into."""
    yield schema
    for part in schema.get("allOf", ()):
        if isinstance(part, Mapping):
            yield from _parts(part)


def _keyword(schema: Mapping[str, Any], keyword: str) -> tuple[Any, str | None] | None:
    """The value of ``keyword`` in a property schema (or its inlined parts), and its decision."""
    for part in _parts(schema):
        if keyword in part:
            decided = part.get(DECISIONS_KEY, {}).get(keyword)
            decision = decided if isinstance(decided, str) else None
            if isinstance(decided, Mapping):
                decision = str(decided.get("decision")) if decided.get("decision") else None
            return part[keyword], decision
    return None


def _type(schema: Mapping[str, Any]) -> str | None:
    found = _keyword(schema, "type")
    return str(found[0]) if found is not None and isinstance(found[0], str) else None


def _is_reference_list(schema: Mapping[str, Any]) -> bool:
    items = _keyword(schema, "items")
    return _type(schema) == "array" and items is not None and isinstance(items[0], Mapping)


def undocumented_value(allowed: Sequence[Any], wider: Sequence[Any] = ()) -> str:
    """A string ``enum`` refuses: one of ``wider`` (the field's values without the condition)
    that ``allowed`` leaves out, else one no enum holds."""
    for value in wider:
        if value not in allowed:
            return str(value)
    return f"{allowed[0]}-toapis-conformance-undocumented"


def _edges_of(
    model: str,
    path: str,
    schema: Mapping[str, Any],
    given: Mapping[str, Any],
    wider: Mapping[str, Any] | None = None,
) -> Iterator[Edge]:
    """The edges of one property's own keywords (``wider``: its schema without the condition)."""
    kind = _type(schema)
    if kind in ("integer", "number"):
        step: float = 1 if kind == "integer" else 0.5
        enum = _keyword(schema, "enum")
        if enum is not None:
            values = [v for v in enum[0] if isinstance(v, int | float) and not isinstance(v, bool)]
            if values:
                yield Edge(model, path, "enum", min(values), min(values) - step, given, enum[1])
                if max(values) != min(values):
                    yield Edge(model, path, "enum", max(values), max(values) + step, given, enum[1])
                else:
                    yield Edge(model, path, "enum", None, max(values) + step, given, enum[1])
            return
        for keyword in _NUMBER_KEYWORDS:
            found = _keyword(schema, keyword)
            if found is not None and isinstance(found[0], int | float):
                sign = 1 if keyword == "maximum" else -1
                yield Edge(model, path, keyword, found[0], found[0] + sign * step, given, found[1])
    elif kind == "string":
        enum = _keyword(schema, "enum")
        if enum is not None and _keyword(schema, "pattern") is None:
            names = [v for v in enum[0] if isinstance(v, str)]
            outer = _keyword(wider, "enum") if wider is not None else None
            refused = undocumented_value(names, list(outer[0]) if outer is not None else [])
            # Under a condition, a value the condition still allows is an edge worth accepting.
            at = names[0] if given else None
            yield Edge(model, path, "enum", at, refused, given, enum[1])
    elif kind == "array" and _is_reference_list(schema):
        for keyword in _COUNT_KEYWORDS:
            found = _keyword(schema, keyword)
            if found is not None and isinstance(found[0], int):
                limit = found[0]
                beyond = limit + 1 if keyword == "maxItems" else limit - 1
                if beyond >= 0:
                    yield Edge(model, path, keyword, limit, beyond, given, found[1], count=True)
    elif kind == "object":
        props = _keyword(schema, "properties")
        if props is not None:
            for name, prop in props[0].items():
                if isinstance(prop, Mapping):
                    yield from _edges_of(model, f"{path}.{name}", prop, given)


def _conditions(schema: Mapping[str, Any]) -> Iterator[tuple[dict[str, Any], Mapping[str, Any]]]:
    """The ``if``/``then`` pairs of a member schema whose ``if`` fixes fields to constants and
    whose ``then`` only limits properties (no ``required``): (the fixed fields, the limits)."""
    pairs = [schema, *(p for p in schema.get("allOf", ()) if isinstance(p, Mapping))]
    for node in pairs:
        condition, then = node.get("if"), node.get("then")
        if not isinstance(condition, Mapping) or not isinstance(then, Mapping):
            continue
        if set(then) - {"properties"} or not isinstance(then.get("properties"), Mapping):
            continue
        fixed: dict[str, Any] = {}
        for name, rule in condition.get("properties", {}).items():
            if isinstance(rule, Mapping) and "const" in rule:
                fixed[name] = rule["const"]
        if fixed and set(condition.get("required", fixed)) <= set(fixed):
            yield fixed, then["properties"]


@functools.cache
def model_edges(model: str) -> tuple[Edge, ...]:
    """Every edge of ``model``'s create request, in schema order (conditions last)."""
    info = models()[model]
    props = info.properties
    found: list[Edge] = []
    for name, prop in props.items():
        if name not in _JUDGED_ELSEWHERE and isinstance(prop, Mapping):
            found += _edges_of(model, name, prop, {})
    chosen: dict[tuple[Any, ...], Edge] = {}
    for fixed, limits in _conditions(info.schema):
        for name, rule in limits.items():
            if not isinstance(rule, Mapping) or name in _JUDGED_ELSEWHERE:
                continue
            outer = props.get(name)
            merged = {**(outer or {}), **rule}
            for edge in _edges_of(model, name, merged, fixed, outer):
                if edge.keyword not in rule:
                    continue  # a limit of the field itself, probed without the condition
                key = (tuple(sorted(fixed)), edge.field, edge.keyword)
                # One of a family of conditions (one per `n`): the one whose values are smallest.
                weight = sum(v for v in fixed.values() if isinstance(v, int | float))
                known = chosen.get(key)
                if known is None or weight < sum(
                    v for v in known.given.values() if isinstance(v, int | float)
                ):
                    chosen[key] = edge
    return (*found, *chosen.values())


def set_value(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``body`` with the field at dotted ``path`` set to ``value`` (objects on the way copied)."""
    head, _, rest = path.partition(".")
    if not rest:
        return {**body, head: value}
    inner = body.get(head)
    return {**body, head: set_value(dict(inner) if isinstance(inner, dict) else {}, rest, value)}
