"""What the behaviour checks need to know about the contract, read from it (never re-declared).

Limits (prompt length, allowed ``n`` and ``size``, reference image count, upload size) come from the
request schemas; response bodies are validated against the contract's response schemas.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import fastjsonschema
import jsonschema

from toapis_spec import (
    body_value,
    decision_on_path,
    fetched_max_bytes,
    operation,
    ratio_of,
    request_members,
    result_lifetime_seconds,
    undocumented_ratio,
)
from toapis_spec import models as toapis_models

CREATE = "createImageGeneration"
STATUS = "getImageGenerationTask"
UPLOAD = "uploadImage"
MULTIPART = "multipart/form-data"


@dataclass(frozen=True)
class Limits:
    """What the contract says about one model's create request, read from its member schema.

    A field the model does not have leaves its limit ``None`` (or empty), and the checks of that
    limit are not run for the model."""

    model: str
    prompt_max: int | None
    """The most characters a prompt may hold; ``None``: the page states no maximum."""
    n_values: tuple[int, ...]
    """The values ``n`` may take (a range expanded); ``(1,)`` for a model without ``n``."""
    n_default: int
    sizes: tuple[str, ...]
    """The ``size`` values that are aspect ratios (``auto`` and other non-ratios left out)."""
    size_default: str | None
    n_invalid: int | None
    """The smallest positive integer the contract does not allow as ``n``, if any."""
    size_invalid: str | None
    """An aspect ratio the contract does not allow as ``size`` (``None``: no ``size`` field)."""
    image_urls_max: int | None
    """The most reference images (``reference_field``) a request may carry, if stated."""
    upload_max_bytes: int
    upload_mime_types: tuple[str, ...]
    result_ttl_seconds: int
    terminal_states: tuple[str, ...]
    transient_states: tuple[str, ...]
    reference_field: str | None = "image_urls"
    """The request field holding reference images (``reference_images`` for gpt-image-2)."""
    reference_fields: tuple[str, ...] = ("image_urls",)
    """Every field an error about reference images may name (the field and its aliases)."""
    has_mask: bool = True
    mask_max_bytes: int | None = None
    """The most bytes the mask file may have (``x-max-bytes``), if the page states a limit."""
    resolutions: tuple[str, ...] = ()
    """The resolution tiers of the model, in contract order (none: no such field)."""
    resolution_default: str | None = None
    resolution_field: str | None = None
    """Where the tier goes: ``resolution`` or ``metadata.resolution``."""
    has_n: bool = True
    size_default_documented: bool = True
    """Whether the docs state the ``size`` default (D-44: some pages show none)."""
    required_references: bool = False
    """Whether a request must carry reference images (editing models)."""
    canonical: str | None = None
    """The model this name is an alias of (D-51), else ``None``."""

    def with_resolution(self, body: dict[str, Any], tier: str) -> dict[str, Any]:
        """``body`` with the resolution tier set where the model takes it."""
        if self.resolution_field is None:
            return body
        head, _, leaf = self.resolution_field.rpartition(".")
        if not head:
            return {**body, leaf: tier}
        nested = dict(body.get(head) or {})
        nested[leaf] = tier
        return {**body, head: nested}

    def resolution_of(self, body: dict[str, Any]) -> str | None:
        if self.resolution_field is None:
            return None
        value = body_value(body, self.resolution_field)
        return value if isinstance(value, str) else self.resolution_default


def models() -> tuple[str, ...]:
    """The models the contract describes, in contract order (the first is the default)."""
    return tuple(request_members())


def _is_reference_list(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    if schema.get("type") == "array" and _is_url(schema.get("items")):
        return True
    return any(_is_reference_list(part) for part in schema.get("allOf", ()))


def _max_items(schema: Any) -> int | None:
    if isinstance(schema, dict) and "maxItems" in schema:
        return int(schema["maxItems"])
    found = [m for part in schema.get("allOf", ()) if (m := _max_items(part)) is not None]
    return min(found) if found else None


def _is_url(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    if schema.get("title") == "ImageUrl":
        return True
    parts = (*schema.get("allOf", ()), *schema.get("anyOf", ()))
    return any(_is_url(part) for part in parts)


def _n_values(n: dict[str, Any]) -> tuple[int, ...]:
    if "enum" in n:
        return tuple(int(v) for v in n["enum"])
    if "const" in n:
        return (int(n["const"]),)
    low = int(n.get("minimum", 1))
    return tuple(range(low, int(n["maximum"]) + 1)) if "maximum" in n else (low,)


@functools.cache
def limits(model: str | None = None) -> Limits:
    """What the contract says about one model's create request (default: the first model)."""
    members = toapis_models()
    if model is not None and model not in members:
        raise KeyError(f"the contract does not describe the model {model!r}")
    info = members[model] if model is not None else next(iter(members.values()))
    props = info.properties
    server_props = toapis_models(view="server")[info.name].properties
    uploaded = operation(UPLOAD).response_schema(200)["properties"]["data"]["properties"]
    # The server view: the states the docs allow a server to report (`submitted` too, D-02).
    task = operation(STATUS, view="server").response_schema(200)
    states = tuple(task["properties"]["status"]["enum"])
    references = tuple(name for name, prop in props.items() if _is_reference_list(prop))
    # `reference_images` is the field, `image_urls` its alias, where a model has both.
    field = (
        "reference_images"
        if "reference_images" in references
        else (references[0] if references else None)
    )
    size = props.get("size", {})
    size_enum = tuple(str(v) for v in size.get("enum", ()))
    ratios = tuple(v for v in size_enum if ratio_of(v) is not None)
    n = props.get("n")
    n_values = _n_values(n) if isinstance(n, dict) else (1,)
    tier_field = info.resolution_field
    tier = info.field(tier_field) if tier_field else None
    return Limits(
        model=info.name,
        prompt_max=int(props["prompt"]["maxLength"]) if "maxLength" in props["prompt"] else None,
        n_values=n_values,
        n_default=int(n.get("default", 1)) if isinstance(n, dict) else 1,
        sizes=ratios,
        size_default=str(size["default"]) if "default" in size else None,
        n_invalid=(
            next(i for i in range(1, 1000) if i not in n_values) if isinstance(n, dict) else None
        ),
        size_invalid=undocumented_ratio(size_enum) if size else None,
        image_urls_max=_max_items(props[field]) if field else None,
        upload_max_bytes=int(uploaded["size"]["maximum"]),
        upload_mime_types=tuple(uploaded["mime_type"]["enum"]),
        result_ttl_seconds=result_lifetime_seconds(),
        terminal_states=tuple(s for s in states if s in {"completed", "failed"}),
        transient_states=tuple(s for s in states if s not in {"completed", "failed"}),
        reference_field=field,
        reference_fields=(field, *(name for name in references if name != field)) if field else (),
        has_mask="mask_url" in props,
        mask_max_bytes=fetched_max_bytes(info.name, "mask_url"),
        resolutions=tuple(str(v) for v in tier.get("enum", ())) if tier else (),
        resolution_default=str(tier["default"]) if tier and "default" in tier else None,
        resolution_field=tier_field,
        has_n=isinstance(n, dict),
        size_default_documented="default" in server_props.get("size", {}),
        required_references=bool(field) and field in info.schema.get("required", ()),
        canonical=info.alias_of,
    )


@functools.cache
def _validator(
    op_id: str, status: int, media_type: str, view: str = "server"
) -> jsonschema.Draft202012Validator:
    schema = operation(op_id, view=view).response_schema(status, media_type)
    return jsonschema.Draft202012Validator(schema)


def documented_statuses(op_id: str) -> tuple[int, ...]:
    return operation(op_id).statuses


def _describe(error: jsonschema.ValidationError) -> str:
    return f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message[:200]}"


@functools.cache
def _fast_check(op_id: str, status: int, media_type: str, view: str) -> Any:
    """The response schema compiled by fastjsonschema (a few microseconds a body, against
    ~100 for jsonschema): the proxy judges every response it forwards. It only says "valid"
    quickly; why a body is not is always jsonschema's answer. The response schemas use draft-07
    keywords only (``if``/``then``, ``const``...), so draft-07 compilation reads them alike;
    ``None`` when a schema does not compile (then jsonschema alone judges)."""
    schema = operation(op_id, view=view).response_schema(status, media_type)
    try:
        return fastjsonschema.compile(
            {**schema, "$schema": "http://json-schema.org/draft-07/schema#"}, use_default=False
        )
    except Exception:  # any compile failure: judged by jsonschema alone
        return None


def _surely_valid(op_id: str, status: int, media_type: str, view: str, body: Any) -> bool:
    check = _fast_check(op_id, status, media_type, view)
    if check is None:
        return False
    try:
        check(body)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def schema_errors(
    op_id: str, status: int, body: Any, media_type: str = "application/json"
) -> list[str]:
    """Why ``body`` is not what the docs allow for ``op_id`` answering ``status``.

    Judged against the contract's server view: a constraint that is only our decision
    (``x-decisions``) is not among these; ``decided_errors`` reports those."""
    if status not in documented_statuses(op_id):
        return [f"{status} is not a documented status of {op_id}"]
    if _surely_valid(op_id, status, media_type, "server", body):
        return []
    errors = sorted(_validator(op_id, status, media_type).iter_errors(body), key=str)
    return [_describe(e) for e in errors[:5]]


@dataclass(frozen=True)
class DecidedProblem:
    problem: str
    decision: str


def decided_errors(
    op_id: str, status: int, body: Any, media_type: str = "application/json"
) -> list[DecidedProblem]:
    """What in ``body`` breaks only decided constraints of the contract, each with its decision.

    Call it on a body ``schema_errors`` found nothing wrong with: what the strict contract
    (the client view) refuses beyond that is, by construction, marked with ``x-decisions``."""
    if status not in documented_statuses(op_id):
        return []
    if _surely_valid(op_id, status, media_type, "client", body):
        return []
    strict = _validator(op_id, status, media_type, "client")
    schema = operation(op_id).response_schema(status, media_type)
    found: list[DecidedProblem] = []
    for error in sorted(strict.iter_errors(body), key=str)[:5]:
        decision = decision_on_path(schema, error.absolute_schema_path, error.instance)
        # A strict-only error the contract does not mark would be a contract bug: a test holds
        # the two views together; here it is still reported, under the nearest decision we know.
        found.append(DecidedProblem(_describe(error), decision or "unmarked"))
    return found


def response_location(op_id: str, status: int) -> str:
    op = operation(op_id)
    return f"#/paths/{op.path.replace('/', '~1')}/{op.method.lower()}/responses/{status}"


@functools.cache
def served_models() -> frozenset[str]:
    """The `model` values the contract describes (every create operation's discriminator
    mapping, aliases included).

    The real endpoint serves other models too, which this contract does not describe: a request
    naming one of them is neither valid nor invalid here, and it could be billed."""
    return frozenset(toapis_models())


def unknown_models(names: Any) -> list[str]:
    """The names among ``names`` that are not models of the contract (for ``--model``)."""
    return [name for name in names if name not in request_members()]


@functools.cache
def fetched_url_fields() -> frozenset[str]:
    """Create-request fields holding image URLs (`ImageUrl`) that the server has to fetch, in
    any model's schema.

    Whether such an image is reachable, small enough and of a documented format can only be seen
    by fetching it, and the docs give no single failure signal for it: a 400 naming the field is
    one of the documented answers (DECISIONS.md D-09, D-13)."""

    def is_url(schema: Any) -> bool:
        return _is_url(schema) or (isinstance(schema, dict) and _is_url(schema.get("items")))

    return frozenset(
        name
        for member in request_members().values()
        for name, prop in member["properties"].items()
        if is_url(prop)
    )


@functools.cache
@functools.cache
def _request_validator(view: str, op_id: str = CREATE) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(operation(op_id, view=view).request_schema())


def _operation_of(body: Any) -> str:
    """The create operation a body is sent to: its model's (the first for any other body)."""
    model = body.get("model") if isinstance(body, dict) else None
    info = toapis_models().get(model) if isinstance(model, str) else None
    return info.operation_id if info is not None else CREATE


def request_errors(body: Any, view: str = "server") -> list[str]:
    """Why a create-request body is invalid under the contract's ``view`` ("server": what the
    docs forbid; "client": what the contract as written forbids), judged by the create
    operation its model is sent to."""
    errors = sorted(_request_validator(view, _operation_of(body)).iter_errors(body), key=str)
    return [_describe(e) for e in errors[:5]]


def request_decision(body: Any) -> str | None:
    """The decision behind what the contract as written refuses in a body the docs allow.

    A body naming a model the contract describes is judged against that model's schema only
    (the other members of the union refuse it for its `model` alone)."""
    model = body.get("model") if isinstance(body, dict) else None
    if isinstance(model, str) and model in request_members():
        member = request_members()[model]
        validator = jsonschema.Draft202012Validator(member)
        for error in validator.iter_errors(body):
            for leaf in _leaves(error):
                decision = decision_on_path(member, leaf.absolute_schema_path, leaf.instance)
                if decision is not None:
                    return decision
        return None
    schema = operation(CREATE).request_schema()
    for error in _request_validator("client").iter_errors(body):
        for leaf in _leaves(error):
            decision = decision_on_path(schema, leaf.absolute_schema_path, leaf.instance)
            if decision is not None:
                return decision
    return None


def _leaves(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """The innermost errors under a ``oneOf``/``anyOf`` error (where the real keyword is)."""
    if not error.context:
        return [error]
    return [leaf for sub in error.context for leaf in _leaves(sub)]


def query_rate_per_second() -> float:
    """The documented task-query rate of the default group (``x-rate-limit`` on the status
    operation): the fastest the suite may poll one task."""
    return float(operation(STATUS).spec["x-rate-limit"]["per_second"])


def select_models(names: Any) -> tuple[str, ...]:
    """The models ``--model`` names, in order, without repeats: ``all`` is every model of the
    contract (aliases left out: they share their model's schema), a family name (``gemini``,
    ``seedream``...: ``x-model.family``) every model of it; other names are kept as given (an
    unknown one is reported by the caller)."""
    every = toapis_models()
    chosen: list[str] = []
    for name in names:
        if name == "all":
            chosen += [m for m, info in every.items() if info.alias_of is None]
        elif name not in every and any(info.family == name for info in every.values()):
            chosen += [m for m, i in every.items() if i.family == name and i.alias_of is None]
        else:
            chosen.append(str(name))
    return tuple(dict.fromkeys(chosen))


def families() -> dict[str, tuple[str, ...]]:
    """The model families of the contract with their models (aliases left out)."""
    found: dict[str, list[str]] = {}
    for name, info in toapis_models().items():
        if info.alias_of is None:
            found.setdefault(info.family, []).append(name)
    return {family: tuple(names) for family, names in found.items()}
