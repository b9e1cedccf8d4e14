"""The named compatibility rules and whom each one breaks.

Two parties read the contract: *clients* send requests and read responses, *servers* accept requests
and send responses. A change breaks a party when something that party does today, correctly under
the old contract, is wrong under the new one:

- a request-side change that accepts *less* (tightens) breaks clients: requests they send today get
  refused. One that accepts *more* (loosens) breaks servers: today's servers refuse requests the new
  contract calls valid.
- a response-side change that allows servers to send *more* (loosens) breaks clients: today's strict
  clients refuse responses the new contract calls valid. One that allows *less* (tightens) breaks
  servers: responses they send today become wrong.

The conventions behind the table (DECISIONS.md D-10): clients send only documented fields, and both
sides ignore fields they do not know. That is why adding an optional field breaks nobody, although
in pure JSON Schema terms it constrains a key that was free before.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["CLIENTS", "RULES", "SERVERS", "Rule", "Side", "rule"]

CLIENTS = "clients"
SERVERS = "servers"


class Side(Enum):
    """Which way a schema is read: in a request (clients write it) or a response (servers do)."""

    REQUEST = "request"
    RESPONSE = "response"


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    # Who is broken when the change sits in a request, and when it sits in a response.
    # Operation-level rules (an operation removed, a status added) list the same parties twice.
    on_request: frozenset[str]
    on_response: frozenset[str]

    def breaks(self, side: Side) -> frozenset[str]:
        return self.on_request if side is Side.REQUEST else self.on_response


_C = frozenset({CLIENTS})
_S = frozenset({SERVERS})
_BOTH = frozenset({CLIENTS, SERVERS})
_NONE: frozenset[str] = frozenset()

# Shorthands for the two families of schema rules.
TIGHTENS = (_C, _S)  # accepts fewer values
LOOSENS = (_S, _C)  # accepts more values
CHANGES = (_BOTH, _BOTH)  # neither a subset nor a superset


def _rules(*rows: tuple[str, str, tuple[frozenset[str], frozenset[str]]]) -> dict[str, Rule]:
    return {rid: Rule(rid, title, req, resp) for rid, title, (req, resp) in rows}


RULES: dict[str, Rule] = _rules(
    # Operations and their parts.
    ("operation-removed", "An operation was removed.", (_C, _C)),
    ("operation-added", "An operation was added; today's servers do not implement it.", (_S, _S)),
    (
        "parameter-removed",
        "A parameter was removed; what clients send in it loses its meaning.",
        (_C, _C),
    ),
    ("parameter-added-required", "A new parameter is required.", (_C, _C)),
    ("parameter-added-optional", "A new optional parameter.", (_NONE, _NONE)),
    ("parameter-became-required", "An optional parameter became required.", (_C, _C)),
    ("parameter-became-optional", "A required parameter became optional.", (_S, _S)),
    ("request-body-became-required", "The request body became required.", (_C, _C)),
    ("request-body-became-optional", "The request body became optional.", (_S, _S)),
    ("request-media-type-removed", "A request media type was removed.", (_C, _C)),
    ("request-media-type-added", "A request media type was added.", (_S, _S)),
    ("success-response-removed", "A success (2xx) response was removed.", (_BOTH, _BOTH)),
    ("response-removed", "An error response was removed; today's servers still send it.", (_S, _S)),
    ("response-added", "A response status was added; today's clients do not expect it.", (_C, _C)),
    ("response-media-type-removed", "A response media type was removed.", (_S, _S)),
    ("response-media-type-added", "A response media type was added.", (_C, _C)),
    ("response-header-removed", "A documented response header was removed.", (_C, _C)),
    ("response-header-became-optional", "A required response header became optional.", (_C, _C)),
    ("response-header-became-required", "An optional response header became required.", (_S, _S)),
    ("response-header-added-required", "A new required response header.", (_S, _S)),
    ("response-header-added-optional", "A new optional response header.", (_NONE, _NONE)),
    # Schemas: types and values.
    ("type-narrowed", "The allowed JSON types became a subset of the old ones.", TIGHTENS),
    ("type-widened", "The allowed JSON types became a superset of the old ones.", LOOSENS),
    ("type-changed", "The allowed JSON types changed (neither a subset nor a superset).", CHANGES),
    ("enum-value-removed", "An enum value was removed.", TIGHTENS),
    ("enum-value-added", "An enum value was added; strict clients refuse it.", LOOSENS),
    ("enum-added", "A value that was free is now limited to an enum.", TIGHTENS),
    ("enum-removed", "An enum was removed: any value of the type is allowed.", LOOSENS),
    ("const-added", "A value that was free is now a constant.", TIGHTENS),
    ("const-removed", "A constant was removed: any value of the type is allowed.", LOOSENS),
    ("const-changed", "A constant changed.", CHANGES),
    (
        "default-changed",
        "A default changed: clients that omit the field get something else.",
        (_C, _NONE),
    ),
    # Schemas: limits. A limit added counts as tightened, a limit removed as loosened.
    ("max-length-decreased", "maxLength decreased (or was added).", TIGHTENS),
    ("max-length-increased", "maxLength increased (or was removed).", LOOSENS),
    ("min-length-increased", "minLength increased (or was added).", TIGHTENS),
    ("min-length-decreased", "minLength decreased (or was removed).", LOOSENS),
    ("max-items-decreased", "maxItems decreased (or was added).", TIGHTENS),
    ("max-items-increased", "maxItems increased (or was removed).", LOOSENS),
    ("min-items-increased", "minItems increased (or was added).", TIGHTENS),
    ("min-items-decreased", "minItems decreased (or was removed).", LOOSENS),
    ("max-properties-decreased", "maxProperties decreased (or was added).", TIGHTENS),
    ("max-properties-increased", "maxProperties increased (or was removed).", LOOSENS),
    ("min-properties-increased", "minProperties increased (or was added).", TIGHTENS),
    ("min-properties-decreased", "minProperties decreased (or was removed).", LOOSENS),
    ("maximum-decreased", "maximum decreased (or was added).", TIGHTENS),
    ("maximum-increased", "maximum increased (or was removed).", LOOSENS),
    ("minimum-increased", "minimum increased (or was added).", TIGHTENS),
    ("minimum-decreased", "minimum decreased (or was removed).", LOOSENS),
    ("exclusive-maximum-decreased", "exclusiveMaximum decreased (or was added).", TIGHTENS),
    ("exclusive-maximum-increased", "exclusiveMaximum increased (or was removed).", LOOSENS),
    ("exclusive-minimum-increased", "exclusiveMinimum increased (or was added).", TIGHTENS),
    ("exclusive-minimum-decreased", "exclusiveMinimum decreased (or was removed).", LOOSENS),
    ("multiple-of-changed", "multipleOf changed.", CHANGES),
    ("unique-items-added", "Array items must now be unique.", TIGHTENS),
    ("unique-items-removed", "Array items no longer need to be unique.", LOOSENS),
    ("pattern-added", "A pattern now constrains the string.", TIGHTENS),
    ("pattern-removed", "The pattern was removed.", LOOSENS),
    ("pattern-changed", "The pattern changed.", CHANGES),
    ("format-added", "A format now constrains the string.", TIGHTENS),
    ("format-removed", "The format was removed.", LOOSENS),
    ("format-changed", "The format changed.", CHANGES),
    # Schemas: object shape.
    (
        "property-removed",
        "A property was removed: clients lose what it carried or meant.",
        (_C, _C),
    ),
    ("property-added-required", "A new property is required.", TIGHTENS),
    ("property-added", "A new optional property.", (_NONE, _NONE)),
    ("required-added", "An existing property became required.", TIGHTENS),
    ("required-removed", "A required property became optional.", LOOSENS),
    (
        "additional-properties-restricted",
        "Unknown properties are now refused or constrained.",
        TIGHTENS,
    ),
    (
        "additional-properties-relaxed",
        "Unknown properties are now allowed or less constrained.",
        LOOSENS,
    ),
    # Schemas: composition.
    ("any-of-member-added", "An anyOf/oneOf alternative was added.", LOOSENS),
    ("any-of-member-removed", "An anyOf/oneOf alternative was removed.", TIGHTENS),
    ("all-of-member-added", "An allOf member was added.", TIGHTENS),
    ("all-of-member-removed", "An allOf member was removed.", LOOSENS),
    ("condition-changed", "An if/not condition changed: the effect depends on the data.", CHANGES),
)


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]
