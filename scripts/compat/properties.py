"""Property-based compatibility: search for a concrete request or response that one side breaks.

- Requests: generate bodies and parameters valid under the OLD contract; each must stay valid
  under the NEW one, or today's clients get refused (breaks clients).
- Responses: generate bodies valid under the NEW contract; clients of the OLD one must accept
  each, or today's strict clients refuse what new servers may send (breaks clients).
With ``servers=True`` the converse two directions are searched too (breaks servers).

Values come from Schemathesis' JSON Schema generator (the project's pinned Schemathesis 4.32.5; the
PyPI ``hypothesis-jsonschema`` 0.23 fails on import paths of current Hypothesis) and are judged with
``jsonschema``'s Draft 2020-12 validator, the same reading as the rest of the project. Generation
sees only the fields the schema names (clients send only documented fields, D-10), and is
pushed towards each limit (a string at its maxLength, an array at its maxItems, a number at its
bounds), where tightened limits break: random draws alone rarely make a 1000-character prompt.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema
import jsonschema_rs
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis.generation.jsonschema.builder import EMPTY_STRATEGY, build

from compat.rules import CLIENTS, SERVERS, Side
from compat.structural import operation_index

__all__ = ["PropertyResult", "SchemaPair", "check_pairs", "find_counterexample", "schema_pairs"]


@dataclass(frozen=True)
class SchemaPair:
    """The same place (a request body, a parameter, a response body) in both contracts."""

    operation_id: str
    side: Side
    location: str
    old: Any
    new: Any


@dataclass(frozen=True)
class PropertyResult:
    pair: SchemaPair
    party: str  # who a counterexample breaks: CLIENTS or SERVERS
    source: str  # which contract the values were generated from: "old" or "new"
    checked: int  # values generated and judged
    seed: int
    counterexample: Any = None
    found: bool = False
    reason: str = ""  # the validator's message on the counterexample, or why the pair was skipped
    out_of_time: bool = False

    @property
    def name(self) -> str:
        return f"{self.pair.operation_id} {self.pair.location} ({self.party})"

    def as_json(self) -> dict[str, Any]:
        return {
            "operation": self.pair.operation_id,
            "side": self.pair.side.value,
            "location": self.pair.location,
            "breaks": self.party if self.found else None,
            "generated_from": self.source,
            "checked": self.checked,
            "seed": self.seed,
            "counterexample": self.counterexample if self.found else None,
            "reason": self.reason,
            "out_of_time": self.out_of_time,
        }


def _titled_members(schema: Any) -> dict[str, Any] | None:
    members = schema.get("oneOf") if isinstance(schema, dict) else None
    if not isinstance(members, list):
        return None
    titled = {m["title"]: m for m in members if isinstance(m, dict) and "title" in m}
    return titled if len(titled) == len(members) else None


def _body_pairs(op_id: str, where: str, old: Any, new: Any) -> list[SchemaPair]:
    """A request body that is a ``oneOf`` of titled members on both sides (one per model) is
    searched member by member: a value drawn from the whole union rarely lands on the one member
    that changed, so a search of the whole would miss what a search of that member finds.
    Members added or removed are structural findings (``compat.structural``)."""
    before, after = _titled_members(old), _titled_members(new)
    if before is None or after is None:
        return [SchemaPair(op_id, Side.REQUEST, where, old, new)]
    return [
        SchemaPair(op_id, Side.REQUEST, f"{where}/oneOf/{title}", before[title], after[title])
        for title in before
        if title in after
    ]


def schema_pairs(old_doc: Mapping[str, Any], new_doc: Mapping[str, Any]) -> list[SchemaPair]:
    """Every JSON schema both contracts define at the same place and that differs between them."""
    pairs: list[SchemaPair] = []
    before, after = operation_index(old_doc), operation_index(new_doc)
    for key in sorted(before.keys() & after.keys()):
        old, new = before[key], after[key]
        op_id = key[0]
        old_params = {(p["in"], p["name"]): p for p in old.get("parameters", [])}
        new_params = {(p["in"], p["name"]): p for p in new.get("parameters", [])}
        for name in sorted(old_params.keys() & new_params.keys()):
            pairs.append(
                SchemaPair(
                    op_id,
                    Side.REQUEST,
                    f"parameters/{name[0]}/{name[1]}",
                    old_params[name].get("schema", True),
                    new_params[name].get("schema", True),
                )
            )
        old_body = old.get("requestBody", {}).get("content", {})
        new_body = new.get("requestBody", {}).get("content", {})
        for media in sorted(old_body.keys() & new_body.keys()):
            pairs += _body_pairs(
                op_id,
                f"requestBody/{media}",
                old_body[media].get("schema", True),
                new_body[media].get("schema", True),
            )
        old_responses, new_responses = old.get("responses", {}), new.get("responses", {})
        for status in sorted(old_responses.keys() & new_responses.keys()):
            old_content = old_responses[status].get("content", {})
            new_content = new_responses[status].get("content", {})
            for media in sorted(old_content.keys() & new_content.keys()):
                pairs.append(
                    SchemaPair(
                        op_id,
                        Side.RESPONSE,
                        f"responses/{status}/{media}",
                        old_content[media].get("schema", True),
                        new_content[media].get("schema", True),
                    )
                )
    return [pair for pair in pairs if pair.old != pair.new]


# Generation ------------------------------------------------------------------------------------

_PINS = {  # limit keyword -> the keyword that, set to the same value, pins values at that limit
    "maxLength": "minLength",
    "minLength": "maxLength",
    "maxItems": "minItems",
    "minItems": "maxItems",
    "maximum": "minimum",
    "minimum": "maximum",
}
_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SUBSCHEMAS = ("items", "then", "else", "additionalProperties")


def _closed(schema: Any) -> Any:
    """The schema with unnamed properties refused, so values carry documented fields only."""
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    closed = {
        key: _closed(value) if key not in ("enum", "const", "examples", "default") else value
        for key, value in schema.items()
    }
    types = schema.get("type")
    is_object = types == "object" or (isinstance(types, list) and "object" in types)
    if is_object and "properties" in schema and "additionalProperties" not in schema:
        closed["additionalProperties"] = False
    return closed


def _limit_paths(schema: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Paths (within the schema) of every subschema that carries a limit worth pinning."""
    if not isinstance(schema, dict):
        return
    if any(keyword in schema for keyword in _PINS):
        yield path
    for name, sub in schema.get("properties", {}).items():
        yield from _limit_paths(sub, (*path, "properties", name))
    for keyword in _SUBSCHEMAS:
        if isinstance(schema.get(keyword), dict):
            yield from _limit_paths(schema[keyword], (*path, keyword))
    for keyword in _SUBSCHEMA_LISTS:
        for index, sub in enumerate(schema.get(keyword, [])):
            yield from _limit_paths(sub, (*path, keyword, index))


def _pinned_variants(schema: Any, target: Any = None) -> Iterator[tuple[Any, bool]]:
    """Copies of the schema, each forcing one limited value to sit exactly at one of its limits,
    with whether ``target`` holds another value for that limit (where a counterexample most
    likely sits: with several request schemas under a `oneOf`, the changed one is one of many)."""
    for path in _limit_paths(schema):
        target_node: Any = schema
        for token in path:
            target_node = target_node[token]
        elsewhere = _node_at(target, path)
        for limit, pin in _PINS.items():
            if limit not in target_node or isinstance(target_node[limit], bool):
                continue
            changed = isinstance(elsewhere, dict) and elsewhere.get(limit) != target_node[limit]
            variant = copy.deepcopy(schema)
            node: Any = variant
            for index, token in enumerate(path):
                if token == "properties" and isinstance(node, dict):
                    # The pinned property must be present, or the variant may omit it.
                    name = path[index + 1]
                    node["required"] = sorted({*node.get("required", []), name})
                node = node[token]
            node[pin] = node[limit]
            yield variant, changed


def _node_at(schema: Any, path: tuple[Any, ...]) -> Any:
    node = schema
    for token in path:
        if isinstance(node, dict) and isinstance(token, str):
            node = node.get(token)
        elif isinstance(node, list) and isinstance(token, int) and token < len(node):
            node = node[token]
        else:
            return None
    return node


def _strategy(schema: Any, target: Any = None) -> st.SearchStrategy[Any]:
    """Values the schema admits, with extra weight on values at each limit, and more still on
    limits that ``target`` changed."""
    closed = _closed(schema)
    branches, changed_branches = [], []
    candidates = [(closed, False), *_pinned_variants(closed, _closed(target))]
    for candidate, changed in candidates:
        try:
            strategy = build(candidate, draft=jsonschema_rs.Draft202012, formats={})
        except Exception:
            continue
        if strategy is not EMPTY_STRATEGY:
            branches.append(strategy)
            if changed:
                changed_branches.append(strategy)
    if not branches:
        return st.nothing()
    everything = st.one_of(branches)
    return st.one_of(st.one_of(changed_branches), everything) if changed_branches else everything


# Search ----------------------------------------------------------------------------------------


class _Counterexample(Exception):
    def __init__(self, value: Any, reason: str) -> None:
        super().__init__(reason)
        self.value = value
        self.reason = reason


# Values per Hypothesis run: the clock is read between runs, so this bounds the overshoot of the
# time budget to one batch.
BATCH = 25
# Hypothesis' shrinker has no budget setting; after this many calls past the first failure, only
# values already seen failing still fail, which ends the shrink at its next round and keeps the
# smallest failure found so far. A count, not a clock, so a seed reproduces the same value anywhere.
SHRINK_CALLS = 100


def find_counterexample(
    source: Any,
    target: Any,
    *,
    seed_value: int = 0,
    max_examples: int = 100,
    stop_at: float | None = None,
) -> tuple[Any, str, int, bool]:
    """Search for a value valid under ``source`` that ``target`` refuses.

    Returns (counterexample or None, the target's message or "" when none was found, how many
    values were judged, whether the time ran out). The search is seeded, runs in batches of
    ``BATCH`` values with the clock read between them, and shrinks a failure before returning it.
    """
    source_validator = jsonschema.Draft202012Validator(source)
    target_validator = jsonschema.Draft202012Validator(target)
    strategy = _strategy(source, target).filter(source_validator.is_valid)
    checked = 0
    failing: set[str] = set()
    first_failure_at: int | None = None

    def judge(value: Any) -> None:
        nonlocal checked, first_failure_at
        checked += 1
        key = json.dumps(value, sort_keys=True)
        shrinking_done = first_failure_at is not None and checked > first_failure_at + SHRINK_CALLS
        if shrinking_done and key not in failing:
            return
        error = jsonschema.exceptions.best_match(target_validator.iter_errors(value))
        if error is not None:
            failing.add(key)
            if first_failure_at is None:
                first_failure_at = checked
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            raise _Counterexample(value, f"at {where}: {error.message}")

    batch = 0
    while checked < max_examples:
        if stop_at is not None and time.monotonic() > stop_at:
            return None, "", checked, True
        size = min(BATCH, max_examples - checked)
        run = seed(seed_value * 1_000_003 + batch)(
            settings(
                max_examples=size,
                deadline=None,
                database=None,
                print_blob=False,
                suppress_health_check=list(HealthCheck),
            )(given(strategy)(judge))
        )
        batch += 1
        before = checked
        try:
            run()
        except _Counterexample as found:
            return found.value, found.reason, checked, False
        if checked == before:  # the strategy yields nothing more (e.g. a single-valued schema)
            break
    return None, "", checked, False


def check_pairs(
    pairs: list[SchemaPair],
    *,
    parties: frozenset[str] = frozenset({CLIENTS}),
    seed_value: int = 0,
    max_examples: int = 100,
    time_budget: float = 60.0,
) -> list[PropertyResult]:
    """Search every pair in the directions that matter to ``parties``, within one time budget."""
    stop_at = time.monotonic() + time_budget
    results: list[PropertyResult] = []
    searched: dict[str, tuple[Any, str, int, bool]] = {}
    for pair in pairs:
        # (party, generated from, source schema, target schema)
        directions: list[tuple[str, str, Any, Any]] = []
        request = pair.side is Side.REQUEST
        if CLIENTS in parties:
            directions.append(
                (CLIENTS, "old", pair.old, pair.new)
                if request
                else (CLIENTS, "new", pair.new, pair.old)
            )
        if SERVERS in parties:
            directions.append(
                (SERVERS, "new", pair.new, pair.old)
                if request
                else (SERVERS, "old", pair.old, pair.new)
            )
        for party, source_name, source, target in directions:
            # A shared schema (Task in two operations) is searched once; the verdict is the same.
            key = json.dumps([source, target], sort_keys=True)
            if key not in searched:
                searched[key] = find_counterexample(
                    source,
                    target,
                    seed_value=seed_value,
                    max_examples=max_examples,
                    stop_at=stop_at,
                )
            value, reason, checked, out_of_time = searched[key]
            results.append(
                PropertyResult(
                    pair,
                    party,
                    source_name,
                    checked,
                    seed_value,
                    value,
                    bool(reason),
                    reason,
                    out_of_time,
                )
            )
    return results


def render_counterexample(result: PropertyResult) -> str:
    kind = "request" if result.pair.side is Side.REQUEST else "response"
    valid_under = "old" if result.source == "old" else "new"
    other = "new" if valid_under == "old" else "old"
    return (
        f"{result.pair.operation_id} {result.pair.location}: this {kind} is valid under the "
        f"{valid_under} contract and refused by the {other} one ({result.reason}); it breaks "
        f"{result.party}:\n{json.dumps(result.counterexample, ensure_ascii=False)}"
    )
