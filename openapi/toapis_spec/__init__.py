"""The contract as Python data: load ``openapi.yaml`` once and answer questions about it.

Every other package (mock server, conformance suite, scripts) reads the contract through this
module instead of re-declaring what it says. Schemas are handed out with every ``$ref`` inlined, so
any JSON Schema validator can compile them without a resolver.
"""

from __future__ import annotations

import copy
import functools
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "CONTRACT_PATH",
    "DECISIONS_KEY",
    "ContractSyntaxError",
    "Example",
    "Model",
    "Operation",
    "PixelTable",
    "ResultFormat",
    "body_value",
    "canonical_models",
    "create_operations",
    "decision_on_path",
    "decisions_used",
    "examples",
    "fetched_max_bytes",
    "inline_refs",
    "load",
    "models",
    "non_ratio_sizes",
    "operation",
    "operations",
    "pixel_table",
    "ratio_of",
    "reference_formats",
    "request_members",
    "result_format",
    "result_lifetime_seconds",
    "server_view",
    "syntax_error",
    "undocumented_ratio",
]

_HERE = Path(__file__).resolve().parent
# Installed wheels carry the contract inside the package; a source checkout keeps it one level up.
CONTRACT_PATH: Path = next(
    (p for p in (_HERE / "openapi.yaml", _HERE.parent / "openapi.yaml") if p.is_file()),
    _HERE.parent / "openapi.yaml",
)

JSON = "application/json"
MULTIPART = "multipart/form-data"


class ContractSyntaxError(ValueError):
    """The contract is not valid YAML. Its message is one line: ``FILE:LINE:COLUMN: problem``.

    Raised while a command starts (often during an import), so an uncaught one is printed as that
    line alone, without a traceback (``_one_line_hook``), by every entry point alike."""


def _one_line_hook(kind: Any, value: BaseException, trace: Any) -> None:
    if isinstance(value, ContractSyntaxError):
        print(f"error: {value}", file=sys.stderr)
    else:
        _previous_hook(kind, value, trace)


_previous_hook = sys.excepthook


def syntax_error(path: str | Path, error: yaml.YAMLError) -> ContractSyntaxError:
    """``error`` (from reading ``path``) as one line naming the file, line and column."""
    mark = getattr(error, "problem_mark", None)
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    return ContractSyntaxError(
        f"{where}: invalid YAML: {problem}" + (f" ({context})" if context else "")
    )


@functools.cache
def _load_cached(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        try:
            document = yaml.safe_load(handle)
        except yaml.YAMLError as error:
            if sys.excepthook is not _one_line_hook:
                sys.excepthook = _one_line_hook
            raise syntax_error(path, error) from None
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
    """The create-request schema of each model name (aliases included), ``$ref`` inlined, by the
    discriminator's ``model`` value, across every create operation, in contract order: the
    first is the tools' default model."""
    return {
        name: dict(info.schema) for name, info in _models(str(path or CONTRACT_PATH), view).items()
    }


@dataclass(frozen=True)
class Model:
    """One model name of the contract: a ``mapping`` entry of a create operation's discriminator.

    Everything about the model is read from its member schema; ``x-model`` adds only what no
    keyword can say (its family, the vendor page, its aliases)."""

    name: str
    schema: Mapping[str, Any]
    operation_id: str
    path: str
    """The request path of its create operation (``/v1/images/generations``)."""
    family: str
    page: str | None
    alias_of: str | None
    """The model this name is a documented alias of, or ``None``."""

    @property
    def properties(self) -> Mapping[str, Any]:
        props: Mapping[str, Any] = self.schema.get("properties", {})
        return props

    def field(self, dotted: str) -> Mapping[str, Any] | None:
        """The schema of a request field by dotted path (``metadata.resolution``), or ``None``."""
        node: Any = self.schema
        for part in dotted.split("."):
            node = node.get("properties", {}).get(part) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else None

    @property
    def resolution_field(self) -> str | None:
        """Where the model's resolution tier goes: ``resolution`` or ``metadata.resolution``."""
        for candidate in ("resolution", "metadata.resolution"):
            if self.field(candidate) is not None:
                return candidate
        return None


def models(path: str | Path | None = None, *, view: str = "client") -> dict[str, Model]:
    """Every model name the contract describes (aliases included), in contract order."""
    return dict(_models(str(path or CONTRACT_PATH), view))


def canonical_models(path: str | Path | None = None) -> tuple[str, ...]:
    """The model names that are not aliases, in contract order."""
    return tuple(name for name, info in models(path).items() if info.alias_of is None)


def body_value(body: Mapping[str, Any], dotted: str) -> Any:
    """The value at a dotted path of a request body (``metadata.resolution``), or ``None``."""
    node: Any = body
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


@functools.cache
def _models(path: str, view: str) -> dict[str, Model]:
    document = load(path, view=view)
    found: dict[str, Model] = {}
    for op_id, op in _create_operations(path, view).items():
        raw = document["paths"][op.path][op.method.lower()]["requestBody"]["content"][JSON]
        union = _pointer(document, raw["schema"]["$ref"]) if "$ref" in raw["schema"] else raw
        mapping: dict[str, str] = union["discriminator"]["mapping"]
        for name, ref in mapping.items():
            schema = inline_refs({"$ref": ref}, document)
            meta = schema.get("x-model", {})
            aliases = meta.get("aliases", ())
            canonical = next(
                (other for other, r in mapping.items() if r == ref and other not in aliases),
                name,
            )
            found[name] = Model(
                name=name,
                schema=schema,
                operation_id=op_id,
                path=op.path,
                family=str(meta.get("family", "other")),
                page=meta.get("page"),
                alias_of=canonical if name in aliases else None,
            )
    return found


@functools.cache
def _create_operations(path: str, view: str) -> dict[str, Operation]:
    found: dict[str, Operation] = {}
    for op_id, op in _operations(path, view).items():
        content = op.spec.get("requestBody", {}).get("content", {})
        schema = content.get(JSON, {}).get("schema", {})
        if isinstance(schema, dict) and schema.get("discriminator", {}).get("propertyName"):
            found[op_id] = op
    return found


@dataclass(frozen=True)
class PixelTable:
    """The width and height of result images per ``size`` (and, where the model has one, per
    resolution tier), from the ``x-pixels`` extension of a model's ``size`` schema.

    ``basis`` says how strong the table is: ``documented`` (a page's own size list: a mismatch
    is a FAIL), a decision id (``D-35``: a mismatch is a WARN naming it) or ``mock`` (the docs
    state no pixels: only what the mock serves; the suite judges the aspect ratio only)."""

    model: str
    by: str | None
    """The request field (dotted path) whose value is the second key, or ``None``."""
    sizes: Mapping[str, Mapping[str | None, tuple[int, int]]]
    basis: str

    @property
    def decision(self) -> str | None:
        return self.basis if self.basis.startswith("D-") else None

    @property
    def promised(self) -> bool:
        return self.basis != "mock"

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
    return PixelTable(model, str(by) if by else None, sizes, str(table.get("basis", "mock")))


def fetched_max_bytes(model: str, field: str, path: str | Path | None = None) -> int | None:
    """The most bytes the file an image-URL field of ``model`` names may have (``x-max-bytes``:
    the gpt-4o mask's "Maximum 4MB"), or ``None`` when the contract states no such limit."""
    info = models(path).get(model)
    prop = info.field(field) if info is not None else None
    limit = prop.get("x-max-bytes") if prop is not None else None
    return int(limit) if limit is not None else None


def non_ratio_sizes(model: str, path: str | Path | None = None) -> dict[str, str]:
    """The ``size`` values of ``model`` that are no aspect ratio (``auto``,
    ``match_input_image``...), with what they mean (``x-non-ratio-sizes``)."""
    member = request_members(path).get(model, {})
    size = member.get("properties", {}).get("size", {})
    return {str(k): str(v) for k, v in size.get("x-non-ratio-sizes", {}).items()}


def ratio_of(size: str) -> tuple[int, int] | None:
    """``(w, h)`` of a ``size`` value that is an aspect ratio (``16:9``), else ``None``."""
    width, sep, height = size.partition(":")
    if sep and width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0:
        return int(width), int(height)
    return None


def create_operations(
    path: str | Path | None = None, *, view: str = "client"
) -> dict[str, Operation]:
    """The operations that create billable tasks: those whose JSON request body is chosen by a
    ``model`` discriminator (``createImageGeneration``, ``createImageEdit``), in contract order."""
    return dict(_create_operations(str(path or CONTRACT_PATH), view))


# Common aspect ratios, in the order tools try them for a ``size`` a model does not allow.
_RATIO_CANDIDATES = ("16:9", "9:16", "4:3", "3:4", "21:9", "5:4", "7:5", "5:7", "8:1", "1:8")


def undocumented_ratio(allowed: Iterable[Any]) -> str | None:
    """A common aspect ratio that is not among ``allowed`` (a model's ``size`` values): the
    value the suite sends as an undocumented size, and the mock's defects accept."""
    taken = {str(value) for value in allowed}
    return next((ratio for ratio in _RATIO_CANDIDATES if ratio not in taken), None)


# -- file formats: what a request asks of result files, and which reference files it takes ------

RESULT_FORMAT_KEY = "x-result-format"
REFERENCE_FORMATS_KEY = "x-reference-formats"


@dataclass(frozen=True)
class ResultFormat:
    """The request field of a model that names the format of its result files
    (``x-result-format``: each value with the media type it asks, and, where the field applies
    only with other fields, ``with-any-of``)."""

    model: str
    field: str
    """Dotted path of the field (``metadata.imageOutputOptions.mimeType``)."""
    formats: Mapping[str, str]
    """Each value of the field and the media type of the files it asks for."""
    default: str | None
    """The value a request that leaves the field out gets, or ``None`` (no default)."""
    default_decision: str | None
    """``None``: the docs state the default; else the decision that gives it."""
    with_any_of: tuple[str, ...] = ()
    """The field applies only to a request carrying one of these fields (empty: always)."""

    def applies(self, body: Mapping[str, Any]) -> bool:
        return not self.with_any_of or any(body.get(name) for name in self.with_any_of)

    def asked(self, body: Mapping[str, Any]) -> tuple[str, str, bool] | None:
        """``(value, media type, defaulted)`` that ``body`` asks for, or ``None``: the field
        does not apply, or is left out with no default, or holds a value not in the contract."""
        if not self.applies(body):
            return None
        value = body_value(body, self.field)
        defaulted = value is None
        if defaulted:
            value = self.default
        if not isinstance(value, str) or value not in self.formats:
            return None
        return value, self.formats[value], defaulted


def _find_marked(node: Any, key: str, prefix: str = "") -> tuple[str, Mapping[str, Any]] | None:
    """The first property (dotted path) under ``node``'s ``properties`` carrying ``key``."""
    props = node.get("properties") if isinstance(node, Mapping) else None
    for name, prop in (props or {}).items():
        if not isinstance(prop, Mapping):
            continue
        dotted = f"{prefix}{name}"
        if key in prop:
            return dotted, prop
        found = _find_marked(prop, key, f"{dotted}.")
        if found is not None:
            return found
    return None


def result_format(model: str, path: str | Path | None = None) -> ResultFormat | None:
    """The field of ``model``'s request that names its result files' format, or ``None``."""
    return _result_format(model, str(path or CONTRACT_PATH))


@functools.cache
def _result_format(model: str, path: str) -> ResultFormat | None:
    info = models(path).get(model)
    found = _find_marked(info.schema, RESULT_FORMAT_KEY) if info is not None else None
    if info is None or found is None:
        return None
    dotted, prop = found
    marked = prop[RESULT_FORMAT_KEY]
    server = models(path, view="server")[model].field(dotted) or {}
    default = prop.get("default")
    decided = prop.get(DECISIONS_KEY, {}).get("default")
    return ResultFormat(
        model=model,
        field=dotted,
        formats={str(k): str(v) for k, v in marked["formats"].items()},
        default=str(default) if default is not None else None,
        default_decision=None if "default" in server or default is None else str(decided),
        with_any_of=tuple(str(name) for name in marked.get("with-any-of", ())),
    )


def reference_formats(
    model: str, path: str | Path | None = None
) -> tuple[str, tuple[str, ...]] | None:
    """The reference-image field of ``model`` whose page lists the file formats it supports,
    with those formats as media types (``x-reference-formats``), or ``None``."""
    info = models(path).get(model)
    if info is None:
        return None
    for name, prop in info.properties.items():
        if isinstance(prop, Mapping) and REFERENCE_FORMATS_KEY in prop:
            return str(name), tuple(str(t) for t in prop[REFERENCE_FORMATS_KEY])
    return None
