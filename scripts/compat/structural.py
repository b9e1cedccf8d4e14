"""Structural comparison of two versions of the contract, change by change, each under a named rule.

Written by hand: no maintained OpenAPI diff tool installs from our registries (oasdiff is a Go
binary, Optic is archived). The walk is deliberately plain: operations are matched by operationId,
method and path; parameters by location and name; responses by status; schemas keyword by keyword
after every ``$ref`` is inlined (so a change in a shared component shows once per place it is used,
with the operation it affects).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import toapis_spec
from compat.rules import RULES, Side

__all__ = ["Change", "compare_documents", "compare_schemas", "operation_index"]

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class Change:
    """One difference between the two contracts, classified under a rule."""

    rule_id: str
    side: Side
    operation_id: str
    location: str  # where in the operation, e.g. "request body application/json /properties/n"
    schema_path: str  # the nearest titled schema and the properties below it, e.g. "Task.progress"
    detail: str
    old: Any = None
    new: Any = None

    @property
    def breaks(self) -> frozenset[str]:
        return RULES[self.rule_id].breaks(self.side)

    @property
    def breaking(self) -> bool:
        return bool(self.breaks)

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "side": self.side.value,
            "operation": self.operation_id,
            "location": self.location,
            "schema": self.schema_path,
            "detail": self.detail,
            "old": self.old,
            "new": self.new,
            "breaks": sorted(self.breaks),
        }

    def __str__(self) -> str:
        who = " and ".join(sorted(self.breaks)) or "nobody"
        return f"[{self.rule_id}] {self.operation_id} {self.location}: {self.detail} (breaks {who})"


@dataclass(frozen=True)
class _Where:
    side: Side
    operation_id: str
    location: str
    titles: tuple[str, ...] = ()
    conditional: bool = False  # under `if` or `not`: whether a change tightens depends on the data

    def down(self, token: str, *, prop: str | None = None, conditional: bool = False) -> _Where:
        titles = (*self.titles, prop) if prop is not None and self.titles else self.titles
        return _Where(
            self.side,
            self.operation_id,
            f"{self.location}/{token}",
            titles,
            self.conditional or conditional,
        )

    def titled(self, schema: Mapping[str, Any]) -> _Where:
        title = schema.get("title")
        if isinstance(title, str) and self.titles[-1:] != (title,):
            titles = (*self.titles, title)
            return _Where(self.side, self.operation_id, self.location, titles, self.conditional)
        return self

    @property
    def schema_path(self) -> str:
        return ".".join(self.titles)


@dataclass
class _Collector:
    changes: list[Change] = field(default_factory=list)

    def add(
        self, rule_id: str, where: _Where, detail: str, old: Any = None, new: Any = None
    ) -> None:
        if where.conditional and RULES[rule_id].on_request != RULES[rule_id].on_response:
            detail = f"{detail} (inside a condition, read as: {rule_id})"
            rule_id = "condition-changed"
        self.changes.append(
            Change(
                rule_id,
                where.side,
                where.operation_id,
                where.location.lstrip("/"),
                where.schema_path,
                detail,
                old,
                new,
            )
        )


def _key(value: Any) -> str:
    """A JSON value as a hashable key that keeps 1, 1.0 and true apart (Python's == does not)."""
    return f"{type(value).__name__}:{json.dumps(value, sort_keys=True)}"


def _types(schema: Mapping[str, Any]) -> frozenset[str] | None:
    declared = schema.get("type")
    if declared is None:
        return None
    names = {declared} if isinstance(declared, str) else set(declared)
    if "number" in names:
        names.add("integer")  # every integer is a number
    return frozenset(names)


# keyword -> (rule when the bound tightens, rule when it loosens, True if larger is looser)
_BOUNDS: dict[str, tuple[str, str, bool]] = {
    "maxLength": ("max-length-decreased", "max-length-increased", True),
    "minLength": ("min-length-increased", "min-length-decreased", False),
    "maxItems": ("max-items-decreased", "max-items-increased", True),
    "minItems": ("min-items-increased", "min-items-decreased", False),
    "maxProperties": ("max-properties-decreased", "max-properties-increased", True),
    "minProperties": ("min-properties-increased", "min-properties-decreased", False),
    "maximum": ("maximum-decreased", "maximum-increased", True),
    "minimum": ("minimum-increased", "minimum-decreased", False),
    "exclusiveMaximum": ("exclusive-maximum-decreased", "exclusive-maximum-increased", True),
    "exclusiveMinimum": ("exclusive-minimum-increased", "exclusive-minimum-decreased", False),
}

# keyword -> (rule when added, rule when removed, rule when changed)
_ANNOTATED: dict[str, tuple[str, str, str]] = {
    "pattern": ("pattern-added", "pattern-removed", "pattern-changed"),
    "format": ("format-added", "format-removed", "format-changed"),
    "const": ("const-added", "const-removed", "const-changed"),
}


def compare_schemas(old: Any, new: Any, where: _Where, out: _Collector) -> None:
    """Record every change between two inlined schemas (booleans allowed)."""
    if old == new:
        return
    if isinstance(old, bool) or isinstance(new, bool):
        old_open = old is True or old == {}
        new_open = new is True or new == {}
        if old_open != new_open:
            rid = (
                "additional-properties-relaxed" if new_open else "additional-properties-restricted"
            )
            out.add(rid, where, f"schema {json.dumps(old)} -> {json.dumps(new)}", old, new)
        elif isinstance(old, dict) and isinstance(new, dict):
            compare_schemas(old, new, where, out)
        return
    if not isinstance(old, dict) or not isinstance(new, dict):
        return
    old, new = _condition_as_member(old), _condition_as_member(new)
    old, new = _const_as_enum(old, new), _const_as_enum(new, old)
    where = where.titled(new)
    _compare_types(old, new, where, out)
    _compare_enum(old, new, where, out)
    for keyword, (added, removed, changed) in _ANNOTATED.items():
        if keyword in old or keyword in new:
            _compare_annotated(keyword, old, new, where, out, added, removed, changed)
    for keyword, (tighter, looser, larger_is_looser) in _BOUNDS.items():
        _compare_bound(keyword, old, new, where, out, tighter, looser, larger_is_looser)
    if old.get("multipleOf") != new.get("multipleOf"):
        out.add(
            "multiple-of-changed",
            where,
            "multipleOf changed",
            old.get("multipleOf"),
            new.get("multipleOf"),
        )
    if bool(old.get("uniqueItems")) != bool(new.get("uniqueItems")):
        rid = "unique-items-added" if new.get("uniqueItems") else "unique-items-removed"
        out.add(rid, where, "uniqueItems changed", old.get("uniqueItems"), new.get("uniqueItems"))
    if "default" in old and "default" in new and _key(old["default"]) != _key(new["default"]):
        out.add("default-changed", where, "default changed", old["default"], new["default"])
    _compare_object(old, new, where, out)
    if "items" in old or "items" in new:
        compare_schemas(old.get("items", True), new.get("items", True), where.down("items"), out)
    _compare_prefix_items(old, new, where, out)
    for keyword in ("anyOf", "oneOf"):
        _compare_members(
            keyword, old, new, where, out, "any-of-member-added", "any-of-member-removed"
        )
    _compare_members("allOf", old, new, where, out, "all-of-member-added", "all-of-member-removed")
    for keyword in ("if", "not"):
        if keyword in old or keyword in new:
            compare_schemas(
                old.get(keyword, True),
                new.get(keyword, True),
                where.down(keyword, conditional=True),
                out,
            )
    for keyword in ("then", "else"):
        if keyword in old or keyword in new:
            compare_schemas(
                old.get(keyword, True), new.get(keyword, True), where.down(keyword), out
            )


def _compare_types(
    old: Mapping[str, Any], new: Mapping[str, Any], where: _Where, out: _Collector
) -> None:
    before, after = _types(old), _types(new)
    if before == after:
        return
    detail = f"type {old.get('type', 'any')} -> {new.get('type', 'any')}"
    if after is None or (before is not None and before < after):
        out.add("type-widened", where, detail, old.get("type"), new.get("type"))
    elif before is None or after < before:
        out.add("type-narrowed", where, detail, old.get("type"), new.get("type"))
    else:
        out.add("type-changed", where, detail, old.get("type"), new.get("type"))


def _const_as_enum(schema: Mapping[str, Any], other: Mapping[str, Any]) -> Mapping[str, Any]:
    """``const: X`` read as ``enum: [X]`` when the other side is an enum: ``const: a`` becoming
    ``enum: [a, b]`` (a model gaining aliases) is an added value, not a new limit."""
    if "const" in schema and "enum" not in schema and "enum" in other and "const" not in other:
        rest = {k: v for k, v in schema.items() if k != "const"}
        return {**rest, "enum": [schema["const"]]}
    return schema


def _compare_enum(
    old: Mapping[str, Any], new: Mapping[str, Any], where: _Where, out: _Collector
) -> None:
    if "enum" not in old and "enum" not in new:
        return
    if "enum" not in old:
        out.add("enum-added", where, f"limited to {json.dumps(new['enum'])}", None, new["enum"])
        return
    if "enum" not in new:
        out.add(
            "enum-removed",
            where,
            f"no longer limited to {json.dumps(old['enum'])}",
            old["enum"],
            None,
        )
        return
    before = {_key(v): v for v in old["enum"]}
    after = {_key(v): v for v in new["enum"]}
    for key in before.keys() - after.keys():
        out.add(
            "enum-value-removed",
            where,
            f"enum value {json.dumps(before[key])} removed",
            old["enum"],
            new["enum"],
        )
    for key in after.keys() - before.keys():
        out.add(
            "enum-value-added",
            where,
            f"enum value {json.dumps(after[key])} added",
            old["enum"],
            new["enum"],
        )


def _compare_annotated(
    keyword: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    where: _Where,
    out: _Collector,
    added: str,
    removed: str,
    changed: str,
) -> None:
    if keyword not in old:
        out.add(added, where, f"{keyword} {json.dumps(new[keyword])} added", None, new[keyword])
    elif keyword not in new:
        out.add(removed, where, f"{keyword} {json.dumps(old[keyword])} removed", old[keyword], None)
    elif _key(old[keyword]) != _key(new[keyword]):
        out.add(
            changed,
            where,
            f"{keyword} {json.dumps(old[keyword])} -> {json.dumps(new[keyword])}",
            old[keyword],
            new[keyword],
        )


def _compare_bound(
    keyword: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    where: _Where,
    out: _Collector,
    tighter: str,
    looser: str,
    larger_is_looser: bool,
) -> None:
    before, after = old.get(keyword), new.get(keyword)
    if before == after:
        return
    if before is None:
        loosened = False  # a bound appeared
    elif after is None:
        loosened = True  # a bound disappeared
    else:
        loosened = (after > before) == larger_is_looser
    detail = (
        f"{keyword} {before if before is not None else 'none'} -> "
        f"{after if after is not None else 'none'}"
    )
    out.add(looser if loosened else tighter, where, detail, before, after)


def _compare_object(
    old: Mapping[str, Any], new: Mapping[str, Any], where: _Where, out: _Collector
) -> None:
    old_props: Mapping[str, Any] = old.get("properties", {})
    new_props: Mapping[str, Any] = new.get("properties", {})
    old_req = set(old.get("required", ()))
    new_req = set(new.get("required", ()))
    for name in old_props.keys() - new_props.keys():
        out.add(
            "property-removed",
            where.down(f"properties/{name}", prop=name),
            f"property {name!r} removed",
            old_props[name],
            None,
        )
    for name in new_props.keys() - old_props.keys():
        # A name that was already required (but not described) is not a new requirement.
        rid = "property-added-required" if name in new_req - old_req else "property-added"
        out.add(
            rid,
            where.down(f"properties/{name}", prop=name),
            f"property {name!r} added",
            None,
            new_props[name],
        )
    for name in sorted(old_props.keys() & new_props.keys()):
        compare_schemas(
            old_props[name], new_props[name], where.down(f"properties/{name}", prop=name), out
        )
    brand_new = new_props.keys() - old_props.keys()
    gone = old_props.keys() - new_props.keys()
    for name in sorted(new_req - old_req - brand_new):
        out.add(
            "required-added",
            where.down(f"properties/{name}", prop=name),
            f"{name!r} became required",
            False,
            True,
        )
    for name in sorted(old_req - new_req - gone):
        out.add(
            "required-removed",
            where.down(f"properties/{name}", prop=name),
            f"{name!r} is no longer required",
            True,
            False,
        )
    if "additionalProperties" in old or "additionalProperties" in new:
        compare_schemas(
            old.get("additionalProperties", True),
            new.get("additionalProperties", True),
            where.down("additionalProperties"),
            out,
        )


def _compare_prefix_items(
    old: Mapping[str, Any], new: Mapping[str, Any], where: _Where, out: _Collector
) -> None:
    before, after = old.get("prefixItems", []), new.get("prefixItems", [])
    for index in range(max(len(before), len(after))):
        compare_schemas(
            before[index] if index < len(before) else True,
            after[index] if index < len(after) else True,
            where.down(f"prefixItems/{index}"),
            out,
        )


_CONDITION = ("if", "then", "else")


def _condition_as_member(schema: dict[str, Any]) -> dict[str, Any]:
    """A schema's own ``if``/``then``/``else`` as the first member of its ``allOf``, which means
    the same: a condition moved into ``allOf`` (to add a second one beside it) is then no change,
    and only the added condition is."""
    if not any(keyword in schema for keyword in _CONDITION):
        return schema
    if all(key in _CONDITION or key.startswith("x-") for key in schema):
        return schema  # a condition alone (e.g. an allOf member already)
    member = {keyword: schema[keyword] for keyword in _CONDITION if keyword in schema}
    rest = {key: value for key, value in schema.items() if key not in _CONDITION}
    rest["allOf"] = [member, *schema.get("allOf", [])]
    return rest


def _member_keys(members: list[Any]) -> dict[str, tuple[int, Any]]:
    """Members by title where they have one, else by their position among the untitled ones."""
    keyed: dict[str, tuple[int, Any]] = {}
    untitled = 0
    for index, member in enumerate(members):
        title = member.get("title") if isinstance(member, dict) else None
        if isinstance(title, str):
            keyed[f"title:{title}"] = (index, member)
        else:
            keyed[f"untitled:{untitled}"] = (index, member)
            untitled += 1
    return keyed


def _compare_members(
    keyword: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    where: _Where,
    out: _Collector,
    added: str,
    removed: str,
) -> None:
    if keyword not in old and keyword not in new:
        return
    before = _member_keys(list(old.get(keyword, [])))
    after = _member_keys(list(new.get(keyword, [])))
    for key in before.keys() - after.keys():
        index, member = before[key]
        out.add(
            removed,
            where.down(f"{keyword}/{index}"),
            f"{keyword} member {key} removed",
            member,
            None,
        )
    for key in after.keys() - before.keys():
        index, member = after[key]
        out.add(
            added, where.down(f"{keyword}/{index}"), f"{keyword} member {key} added", None, member
        )
    for key in sorted(before.keys() & after.keys()):
        compare_schemas(
            before[key][1], after[key][1], where.down(f"{keyword}/{after[key][0]}"), out
        )


# Operations ------------------------------------------------------------------------------------


def operation_index(document: Mapping[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Every operation, ``$ref``s inlined, path-level parameters merged, by (id, METHOD, path)."""
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    for route, item in document.get("paths", {}).items():
        item = toapis_spec.inline_refs(item, document)
        shared = {(p["in"], p["name"]): p for p in item.get("parameters", [])}
        for method in HTTP_METHODS:
            if method not in item:
                continue
            spec = dict(item[method])
            own = {(p["in"], p["name"]): p for p in spec.get("parameters", [])}
            spec["parameters"] = list({**shared, **own}.values())
            op_id = spec.get("operationId", f"{method.upper()} {route}")
            found[(op_id, method.upper(), route)] = spec
    return found


def _compare_parameters(
    old: Mapping[str, Any], new: Mapping[str, Any], where: _Where, out: _Collector
) -> None:
    before = {(p["in"], p["name"]): p for p in old.get("parameters", [])}
    after = {(p["in"], p["name"]): p for p in new.get("parameters", [])}
    for key in sorted(before.keys() - after.keys()):
        out.add(
            "parameter-removed",
            where.down(f"parameters/{key[0]}/{key[1]}"),
            f"{key[0]} parameter {key[1]!r} removed",
        )
    for key in sorted(after.keys() - before.keys()):
        rid = (
            "parameter-added-required" if after[key].get("required") else "parameter-added-optional"
        )
        out.add(
            rid, where.down(f"parameters/{key[0]}/{key[1]}"), f"{key[0]} parameter {key[1]!r} added"
        )
    for key in sorted(before.keys() & after.keys()):
        at = where.down(f"parameters/{key[0]}/{key[1]}")
        was, now = bool(before[key].get("required")), bool(after[key].get("required"))
        if was != now:
            rid = "parameter-became-required" if now else "parameter-became-optional"
            out.add(rid, at, f"{key[0]} parameter {key[1]!r} required: {was} -> {now}", was, now)
        compare_schemas(
            before[key].get("schema", True), after[key].get("schema", True), at.down("schema"), out
        )


def _compare_request_body(
    old: Mapping[str, Any], new: Mapping[str, Any], where: _Where, out: _Collector
) -> None:
    before, after = old.get("requestBody", {}), new.get("requestBody", {})
    at = where.down("requestBody")
    was, now = bool(before.get("required")), bool(after.get("required"))
    if was != now and before and after:
        rid = "request-body-became-required" if now else "request-body-became-optional"
        out.add(rid, at, f"request body required: {was} -> {now}", was, now)
    _compare_content(
        before.get("content", {}),
        after.get("content", {}),
        at,
        out,
        "request-media-type-added",
        "request-media-type-removed",
    )


def _compare_content(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    where: _Where,
    out: _Collector,
    added: str,
    removed: str,
) -> None:
    for media in sorted(before.keys() - after.keys()):
        out.add(removed, where.down(media), f"media type {media} removed")
    for media in sorted(after.keys() - before.keys()):
        out.add(added, where.down(media), f"media type {media} added")
    for media in sorted(before.keys() & after.keys()):
        compare_schemas(
            before[media].get("schema", True),
            after[media].get("schema", True),
            where.down(media),
            out,
        )


def _compare_responses(
    old: Mapping[str, Any], new: Mapping[str, Any], where: _Where, out: _Collector
) -> None:
    before, after = old.get("responses", {}), new.get("responses", {})
    for status in sorted(before.keys() - after.keys()):
        rid = "success-response-removed" if str(status).startswith("2") else "response-removed"
        out.add(rid, where.down(f"responses/{status}"), f"response {status} removed")
    for status in sorted(after.keys() - before.keys()):
        out.add("response-added", where.down(f"responses/{status}"), f"response {status} added")
    for status in sorted(before.keys() & after.keys()):
        at = where.down(f"responses/{status}")
        _compare_headers(
            before[status].get("headers", {}), after[status].get("headers", {}), at, out
        )
        _compare_content(
            before[status].get("content", {}),
            after[status].get("content", {}),
            at,
            out,
            "response-media-type-added",
            "response-media-type-removed",
        )


def _compare_headers(
    before: Mapping[str, Any], after: Mapping[str, Any], where: _Where, out: _Collector
) -> None:
    # Header names are case-insensitive on the wire.
    old_by = {name.lower(): (name, spec) for name, spec in before.items()}
    new_by = {name.lower(): (name, spec) for name, spec in after.items()}
    for key in sorted(old_by.keys() - new_by.keys()):
        name = old_by[key][0]
        out.add("response-header-removed", where.down(f"headers/{name}"), f"header {name} removed")
    for key in sorted(new_by.keys() - old_by.keys()):
        name, spec = new_by[key]
        rid = (
            "response-header-added-required"
            if spec.get("required")
            else "response-header-added-optional"
        )
        out.add(rid, where.down(f"headers/{name}"), f"header {name} added")
    for key in sorted(old_by.keys() & new_by.keys()):
        name = new_by[key][0]
        at = where.down(f"headers/{name}")
        was, now = bool(old_by[key][1].get("required")), bool(new_by[key][1].get("required"))
        if was != now:
            rid = "response-header-became-required" if now else "response-header-became-optional"
            out.add(rid, at, f"header {name} required: {was} -> {now}", was, now)
        compare_schemas(
            old_by[key][1].get("schema", True),
            new_by[key][1].get("schema", True),
            at.down("schema"),
            out,
        )


def compare_documents(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every structural change from ``old`` to ``new``, in a stable order."""
    out = _Collector()
    before, after = operation_index(old), operation_index(new)
    for key in sorted(before.keys() - after.keys()):
        where = _Where(Side.REQUEST, key[0], "")
        out.add("operation-removed", where, f"{key[1]} {key[2]} removed")
    for key in sorted(after.keys() - before.keys()):
        where = _Where(Side.REQUEST, key[0], "")
        out.add("operation-added", where, f"{key[1]} {key[2]} added")
    for key in sorted(before.keys() & after.keys()):
        request = _Where(Side.REQUEST, key[0], "")
        _compare_parameters(before[key], after[key], request, out)
        _compare_request_body(before[key], after[key], request, out)
        _compare_responses(before[key], after[key], _Where(Side.RESPONSE, key[0], ""), out)
    return out.changes


def iter_breaking(changes: list[Change], parties: frozenset[str]) -> Iterator[Change]:
    return (c for c in changes if c.breaks & parties)
