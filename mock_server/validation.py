"""Request-body validation compiled from the contract once, at start-up.

``fastjsonschema`` decides valid or not (a few microseconds per request). Only when a body is
rejected does ``jsonschema`` (Draft 2020-12) run on it, to name the offending field in ``param`` and
write a readable message; the error path can afford its ~70 microseconds.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import fastjsonschema
import jsonschema

from mock_server import contract

# The contract uses only keywords draft-07 knows (besides `type` lists and `const`, which
# fastjsonschema's draft-07 supports too), so the fast validator compiles it as draft-07.
DRAFT_07 = "http://json-schema.org/draft-07/schema#"

SchemaPatch = Callable[[dict[str, Any]], None]

# A valid body nests three levels at most (body, `metadata` or `image_urls`, a value); deeper than
# this, the jsonschema explainer is not run (see `RequestValidator._explain`).
MAX_EXPLAINED_DEPTH = 32


@dataclass(frozen=True)
class Invalid:
    """Why a request body was refused: the top-level field at fault (if any) and a message."""

    param: str | None
    message: str


@functools.cache
def _compiled(
    model: str, patches: tuple[SchemaPatch, ...]
) -> tuple[Callable[[Any], Any], jsonschema.protocols.Validator]:
    """A model's compiled validator and explainer, once per process for each set of patches:
    compiling every model's schema takes ~0.15 s, which tests that start many mocks repay."""
    schema = copy.deepcopy(contract.request_member_schemas()[model])
    for patch in patches:
        patch(schema)
    compiled_schema = {**schema, "$schema": DRAFT_07}
    return (
        fastjsonschema.compile(compiled_schema, use_default=False),
        jsonschema.Draft202012Validator(schema),
    )


class RequestValidator:
    """Validates create-request bodies against the member schema the discriminator selects."""

    def __init__(self, patches: Iterable[SchemaPatch] = ()) -> None:
        self.discriminator = contract.discriminator_property()
        self._compiled: dict[str, Callable[[Any], Any]] = {}
        self._explainers: dict[str, jsonschema.protocols.Validator] = {}
        patches = tuple(patches)  # applied to every model's schema, not only the first
        for model in contract.request_member_schemas():
            self._compiled[model], self._explainers[model] = _compiled(model, patches)

    @property
    def models(self) -> tuple[str, ...]:
        return tuple(self._compiled)

    def validate(self, body: Any) -> Invalid | None:
        if not isinstance(body, dict):
            return Invalid(None, "The request body must be a JSON object.")
        model = body.get(self.discriminator)
        if model is None and self.discriminator not in body:
            return Invalid(self.discriminator, f"The '{self.discriminator}' field is required.")
        compiled = self._compiled.get(model) if isinstance(model, str) else None
        if compiled is None or not isinstance(model, str):
            supported = ", ".join(self._compiled)
            return Invalid(
                self.discriminator,
                f"Unsupported value for '{self.discriminator}'. Supported: {supported}.",
            )
        try:
            compiled(body)
        except fastjsonschema.JsonSchemaValueException as exc:
            return self._explain(model, body, exc)
        return None

    def _explain(
        self, model: str, body: dict[str, Any], exc: fastjsonschema.JsonSchemaValueException
    ) -> Invalid:
        if _nested_deeper_than(body, MAX_EXPLAINED_DEPTH):
            # jsonschema recurses (and reprs the instance) per level: a body nested ~1000 levels
            # deep, which orjson accepts, would end in RecursionError. The compiled verdict
            # already names the field, so it is the answer.
            return _compiled_verdict(exc)
        errors = list(self._explainers[model].iter_errors(body))
        for error in sorted(errors, key=_error_rank):
            found = _describe(error, body)
            if found is not None:
                return found
        # The two validators disagree (a test guards against it): keep the compiled verdict.
        return _compiled_verdict(exc)


def _compiled_verdict(exc: fastjsonschema.JsonSchemaValueException) -> Invalid:
    path = [part for part in (exc.path or [])[1:] if isinstance(part, str)]
    message, name = str(exc.message), str(exc.name)  # e.g. "data.n must be integer", "data.n"
    where = name.removeprefix("data").removeprefix(".")
    if where and message.startswith(f"{name} "):
        return Invalid(path[0] if path else None, f"'{where}' {message[len(name) + 1 :]}.")
    return Invalid(path[0] if path else None, message.removeprefix("data.").removeprefix("data "))


def _nested_deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` nests containers more than ``limit`` levels deep (iteratively)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(current, dict):
            stack.extend((item, depth + 1) for item in current.values())
        elif isinstance(current, list):
            stack.extend((item, depth + 1) for item in current)
    return False


def _error_rank(error: jsonschema.ValidationError) -> tuple[int, int]:
    # Report a named field before a whole-body complaint, and a missing field first of all.
    return (0 if error.validator == "required" else 1, 0 if error.absolute_path else 1)


def _describe(error: jsonschema.ValidationError, body: dict[str, Any]) -> Invalid | None:
    path = list(error.absolute_path)
    if path and isinstance(path[0], str):
        return Invalid(path[0], _message(path, error))
    if error.validator == "required":
        required = error.validator_value if isinstance(error.validator_value, list) else []
        missing = [name for name in required if name not in body]
        if missing:
            return Invalid(missing[0], f"The '{missing[0]}' field is required.")
    for sub in sorted(error.context or (), key=_error_rank):
        found = _describe(sub, body)
        if found is not None:
            return found
    return None


def _message(path: list[Any], error: jsonschema.ValidationError) -> str:
    where = path[0] + "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in path[1:]
    )
    value: Any = error.validator_value
    kind = error.validator
    if kind == "maxLength":
        return f"'{where}' must be at most {value} characters."
    if kind == "minLength":
        return f"'{where}' must be at least {value} character{'s' if value != 1 else ''}."
    if kind == "maxItems":
        return f"'{where}' must hold at most {value} items."
    if kind == "minItems":
        return f"'{where}' must hold at least {value} item{'s' if value != 1 else ''}."
    if kind == "enum":
        allowed = ", ".join(repr(v) if isinstance(v, str) else str(v) for v in value)
        return f"'{where}' must be one of {allowed}."
    if kind == "const":
        return f"'{where}' must be {value!r}."
    if kind == "type":
        return f"'{where}' must be of type {value}."
    if kind == "pattern":
        return f"'{where}' must be a public http:// or https:// URL."
    text = str(error.message)
    return f"Invalid '{where}': {text[:200]}"
