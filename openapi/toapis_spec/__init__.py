"""The contract as Python data: load ``openapi.yaml`` once and answer questions about it.

Every other package (mock server, conformance suite, scripts) reads the contract through this
module instead of re-declaring what it says. Schemas are handed out with every ``$ref`` inlined, so
any JSON Schema validator can compile them without a resolver.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "CONTRACT_PATH",
    "DECISIONS_KEY",
    "Example",
    "Operation",
    "PixelTable",
    "decision_on_path",
    "decisions_used",
    "examples",
    "inline_refs",
    "load",
    "operation",
    "operations",
    "pixel_table",
    "request_members",
    "result_lifetime_seconds",
    "server_view",
]

_HERE = Path(__file__).resolve().parent
# Installed wheels carry the contract inside the package; a source checkout keeps it one level up.
CONTRACT_PATH: Path = next(
    (p for p in (_HERE / "openapi.yaml", _HERE.parent / "openapi.yaml") if p.is_file()),
    _HERE.parent / "openapi.yaml",
)

JSON = "application/json"
MULTIPART = "multipart/form-data"


@functools.cache
def _load_cached(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    if not isinstance(document, dict) or "openapi" not in document:
        raise ValueError(f"{path} is not an OpenAPI document")
    return document


def load(path: str | Path | None = None, *, view: str = "client") -> dict[str, Any]:
    """The contract document (a private deep copy: callers may mutate it freely).

    ``view="client"`` is the contract as written: what clients must send and what the mock does.
    ``view="server"`` is what the docs require of servers: every constraint marked as our own
    decision (``x-decisions``, DECISIONS.md) removed or widened to what the docs allow."""
    if view not in {"client", "server"}:
        raise ValueError(f"unknown view {view!r}: 'client' or 'server'")
    document = _load_cached(str(path or CONTRACT_PATH))
    return server_view(document) if view == "server" else copy.deepcopy(document)


DECISIONS_KEY = "x-decisions"


def server_view(node: Any) -> Any:
    """``node`` (a schema, or a whole document) with its decided constraints taken out.

    ``x-decisions`` maps a keyword of the node it sits on to the decision behind it:
    ``keyword: D-xx`` removes the keyword; ``keyword: {decision, documented}`` puts back the
    wider value the docs allow; ``required: {property: D-xx}`` removes those entries only."""
    if isinstance(node, list):
        return [server_view(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: server_view(value) for key, value in node.items()}
    for keyword, decided in node.get(DECISIONS_KEY, {}).items():
        if (
            keyword == "required"
            and isinstance(decided, dict)
            and isinstance(out.get(keyword), list)
        ):
            out[keyword] = [name for name in out[keyword] if name not in decided]
        elif keyword == "required" and out.get(keyword) is True:
            out[keyword] = False  # a header or parameter object
        elif isinstance(decided, dict) and "documented" in decided:
            out[keyword] = copy.deepcopy(decided["documented"])
        else:
            out.pop(keyword, None)
    return out


def _decision_id(decided: Any, instance: Any) -> str | None:
    if isinstance(decided, str):
        return decided
    if isinstance(decided, dict) and isinstance(decided.get("decision"), str):
        return str(decided["decision"])
    if isinstance(decided, dict):  # required: {property: D-xx}
        missing = [
            d
            for name, d in decided.items()
            if not (isinstance(instance, dict) and name in instance)
        ]
        return str(missing[0]) if missing else None
    return None


def decision_on_path(schema: Any, schema_path: Iterable[Any], instance: Any = None) -> str | None:
    """The decision behind the keyword a validation error points at, if it is a decided one.

    ``schema_path`` is a validator's path from ``schema`` to the failing keyword (jsonschema's
    ``ValidationError.schema_path``). The innermost marked keyword on the path wins; ``None``
    means the constraint is documented."""
    node: Any = schema
    found: str | None = None
    for token in schema_path:
        if isinstance(node, dict):
            decided = node.get(DECISIONS_KEY, {})
            if isinstance(token, str) and token in decided:
                found = _decision_id(decided[token], instance) or found
            node = node.get(token) if isinstance(token, str) else None
        elif isinstance(node, list) and isinstance(token, int) and token < len(node):
            node = node[token]
        else:
            break
    return found


def decisions_used(path: str | Path | None = None) -> set[str]:
    """Every decision id the contract's ``x-decisions`` cite."""
    used: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for _keyword, decided in node.get(DECISIONS_KEY, {}).items():
                if isinstance(decided, str):
                    used.add(decided)
                elif isinstance(decided, dict) and "decision" in decided:
                    used.add(str(decided["decision"]))
                elif isinstance(decided, dict):
                    used.update(str(v) for v in decided.values())
            for value in node.values():
                walk(value)

    walk(_load_cached(str(path or CONTRACT_PATH)))
    return used


def _pointer(document: Mapping[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are supported, got {ref!r}")
    node: Any = document
    for token in ref[2:].split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def inline_refs(node: Any, document: Mapping[str, Any], _seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every local ``$ref`` replaced by its target (siblings kept, as in 3.1)."""
    if isinstance(node, list):
        return [inline_refs(item, document, _seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        if ref in _seen:
            raise ValueError(f"recursive $ref {ref} cannot be inlined")
        target = inline_refs(_pointer(document, ref), document, (*_seen, ref))
        siblings = {k: inline_refs(v, document, _seen) for k, v in node.items() if k != "$ref"}
        if not siblings:
            return target
        if isinstance(target, dict) and not (set(siblings) & set(target)):
            return {**target, **siblings}
        return {"allOf": [target], **siblings}
    return {key: inline_refs(value, document, _seen) for key, value in node.items()}


@dataclass(frozen=True)
class Operation:
    """One operation of the contract, with every ``$ref`` already inlined."""

    operation_id: str
    method: str
    path: str
    spec: Mapping[str, Any]

    @property
    def request_media_types(self) -> tuple[str, ...]:
        return tuple(self.spec.get("requestBody", {}).get("content", {}))

    def request_schema(self, media_type: str = JSON) -> dict[str, Any]:
        return dict(self.spec["requestBody"]["content"][media_type]["schema"])

    @property
    def statuses(self) -> tuple[int, ...]:
        return tuple(int(code) for code in self.spec["responses"] if code.isdigit())

    def response(self, status: int) -> Mapping[str, Any]:
        response: Mapping[str, Any] = self.spec["responses"][str(status)]
        return response

    def response_schema(self, status: int, media_type: str = JSON) -> dict[str, Any]:
        return dict(self.response(status)["content"][media_type]["schema"])

    def response_headers(self, status: int) -> Mapping[str, Any]:
        headers: Mapping[str, Any] = self.response(status).get("headers", {})
        return headers

    def required_response_headers(self, status: int) -> tuple[str, ...]:
        headers = self.response_headers(status)
        return tuple(name for name, header in headers.items() if header.get("required"))


@functools.cache
def _operations(path: str, view: str = "client") -> dict[str, Operation]:
    document = _load_cached(path) if view == "client" else _server_document(path)
    found: dict[str, Operation] = {}
    for route, item in document["paths"].items():
        for method, spec in item.items():
            if method not in {"get", "put", "post", "delete", "patch", "head", "options", "trace"}:
                continue
            inlined = inline_refs(spec, document)
            operation_id = spec["operationId"]
            found[operation_id] = Operation(operation_id, method.upper(), route, inlined)
    return found


@functools.cache
def _server_document(path: str) -> dict[str, Any]:
    document: dict[str, Any] = server_view(_load_cached(path))
    return document


def operations(path: str | Path | None = None, *, view: str = "client") -> dict[str, Operation]:
    """Every operation of the contract by ``operationId`` (``view`` as for ``load``)."""
    return dict(_operations(str(path or CONTRACT_PATH), view))


def operation(
    operation_id: str, path: str | Path | None = None, *, view: str = "client"
) -> Operation:
    try:
        return _operations(str(path or CONTRACT_PATH), view)[operation_id]
    except KeyError:
        raise KeyError(f"the contract has no operation {operation_id!r}") from None


@dataclass(frozen=True)
class Example:
    """A named example of the contract: a request body, or a response body for one status."""

    operation_id: str
    kind: str  # "request" or "response"
    status: int | None
    media_type: str
    name: str
    value: Any


def examples(path: str | Path | None = None) -> Iterator[Example]:
    """Every example the contract carries, request and response, in document order."""
    for op in _operations(str(path or CONTRACT_PATH)).values():
        for media_type, content in op.spec.get("requestBody", {}).get("content", {}).items():
            for name, example in content.get("examples", {}).items():
                yield Example(op.operation_id, "request", None, media_type, name, example["value"])
        for code, response in op.spec["responses"].items():
            for media_type, content in response.get("content", {}).items():
                for name, example in content.get("examples", {}).items():
                    yield Example(
                        op.operation_id, "response", int(code), media_type, name, example["value"]
                    )


def result_lifetime_seconds(path: str | Path | None = None) -> int:
    """How long result URLs stay valid after completion (``expires_at - completed_at``).

    JSON Schema cannot relate two fields, so the contract states it as an extension on
    ``Task.expires_at`` (``x-seconds-after-completed-at``) as well as in words."""
    task = _load_cached(str(path or CONTRACT_PATH))["components"]["schemas"]["Task"]
    return int(task["properties"]["expires_at"]["x-seconds-after-completed-at"])


def request_members(
    path: str | Path | None = None, *, view: str = "client"
) -> dict[str, dict[str, Any]]:
    """The create-request schema of each model (``$ref`` inlined), by the discriminator's
    ``model`` value, in contract order: the first is the tools' default model."""
    document = load(path, view=view)
    schemas = document["components"]["schemas"]
    mapping: dict[str, str] = schemas["ImageGenerationRequest"]["discriminator"]["mapping"]
    return {model: inline_refs({"$ref": ref}, document) for model, ref in mapping.items()}


@dataclass(frozen=True)
class PixelTable:
    """The width and height of result images per ``size`` (and, where the model has one, per
    ``resolution``), from the ``x-pixels`` extension of a model's ``size`` schema.

    ``decision`` is the decision that makes the exact pixel size a promise (a mismatch is a
    WARN naming it); ``None`` with ``promised`` false means the table is only what the mock
    serves (the docs state no pixel size: only the aspect ratio is judged)."""

    model: str
    by: str | None
    """The request field the second key is (``resolution``), or ``None``."""
    sizes: Mapping[str, Mapping[str | None, tuple[int, int]]]
    decision: str | None

    @property
    def promised(self) -> bool:
        return self.decision is not None

    def pixels(self, size: str, by_value: str | None = None) -> tuple[int, int] | None:
        row = self.sizes.get(size)
        return None if row is None else row.get(by_value)


def _dimensions(text: Any) -> tuple[int, int]:
    width, _, height = str(text).partition("x")
    return int(width), int(height)


def pixel_table(model: str, path: str | Path | None = None) -> PixelTable | None:
    """The pixel sizes the contract gives for ``model``'s results, or ``None``."""
    return _pixel_table(model, str(path or CONTRACT_PATH))


@functools.cache
def _pixel_table(model: str, path: str) -> PixelTable | None:
    member = request_members(path).get(model)
    if member is None:
        return None
    size = member.get("properties", {}).get("size", {})
    table = size.get("x-pixels")
    if not isinstance(table, dict):
        return None
    by = table.get("by")
    sizes: dict[str, dict[str | None, tuple[int, int]]] = {}
    for ratio, value in table["sizes"].items():
        if isinstance(value, dict):
            sizes[str(ratio)] = {str(k): _dimensions(v) for k, v in value.items()}
        else:
            sizes[str(ratio)] = {None: _dimensions(value)}
    basis = table.get("basis")
    decision = str(basis) if isinstance(basis, str) and basis.startswith("D-") else None
    return PixelTable(model, str(by) if by else None, sizes, decision)
