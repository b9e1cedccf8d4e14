"""The schema layer's checks: Schemathesis' built-in checks, run over the whole contract.

``conformance.schema_layer`` runs them (every phase, positive and negative); this module declares
them, one per built-in check, under the id ``schema-<check name>``. It imports nothing of the
suite but ``conformance.checks``, so the schema layer can import it without a cycle. The rules of
a declaration are in ``conformance.checks``.

Schemathesis built-in checks left out on purpose:

- ``unsupported_method`` wants 405 for undocumented methods; the docs promise nothing about them,
  so a correct server answering 404 would fail it;
- ``use_after_free`` judges delete operations, which this contract has none of: it could never
  fail.
"""

from __future__ import annotations

from conformance.checks import declare


def _schema(
    name: str, title: str, promise: str, quote: str, area: str = "schema", decisions: str = ""
) -> str:
    return declare(
        "schema-" + name.replace("_", "-"),
        title=title,
        promise=promise,
        source=f"whole contract (Schemathesis check `{name}`)",
        layer="schema",
        area=area,
        quote=quote,
        decisions=tuple(d for d in decisions.split(",") if d),
    )


NOT_A_SERVER_ERROR = _schema(
    "not_a_server_error",
    "No generated request makes the server answer 5xx (other than documented ones).",
    "The server handles every request, valid or not, without an internal error.",
    "error table: 500 `internal_error` is the only documented 5xx besides the submit limiter's 503",
)
STATUS_CODE_CONFORMANCE = _schema(
    "status_code_conformance",
    "Every status code returned is documented for its operation.",
    "Each operation answers only with the status codes the contract lists.",
    "error table (en and cn): 400, 401, 402, 404, 422, 429, 500; rate-limit page: 503",
)
CONTENT_TYPE_CONFORMANCE = _schema(
    "content_type_conformance",
    "Every response has a documented Content-Type.",
    "Responses are JSON where the contract says JSON.",
    "Request content type: JSON; every documented answer is a JSON body",
)
RESPONSE_HEADERS_CONFORMANCE = _schema(
    "response_headers_conformance",
    "Documented response headers are well formed where they are sent.",
    "Headers the contract describes (Retry-After, X-RateLimit-*) have valid values; a 429 "
    "without Retry-After is reported by `ratelimit-retry-after`.",
    "Headers that limited responses may carry: X-RateLimit-Limit, X-RateLimit-Remaining, "
    "X-RateLimit-Reset, X-RateLimit-Category, Retry-After",
    decisions="D-11",
)
RESPONSE_SCHEMA_CONFORMANCE = _schema(
    "response_schema_conformance",
    "Every response body matches the documented schema for its status.",
    "Bodies match the contract's schemas (Task, ErrorResponse, upload envelopes). What only "
    "a decided constraint forbids (`x-decisions`, e.g. a missing `progress`) is a WARN.",
    "the documented response fields and examples of the generation, status and upload pages",
    decisions="D-02,D-07",
)
POSITIVE_DATA_ACCEPTANCE = _schema(
    "positive_data_acceptance",
    "Requests that satisfy the contract are accepted.",
    "A request valid per the contract is not rejected as invalid.",
    "the gpt-4o request table (prompt, size, n, image_urls, mask_url)",
)
NEGATIVE_DATA_REJECTION = _schema(
    "negative_data_rejection",
    "Requests that violate the documented rules are rejected with 4xx.",
    "A request the docs forbid is refused rather than processed. A request that breaks only "
    "a decided constraint (e.g. an empty prompt, D-14) is a WARN when accepted.",
    "400 `invalid_request`: Invalid request parameters",
    decisions="D-09,D-14",
)
MISSING_REQUIRED_HEADER = _schema(
    "missing_required_header",
    "A request without a required header is rejected.",
    "Missing required headers (e.g. Authorization) lead to a 4xx answer.",
    "Header `Authorization: Bearer YOUR_API_KEY`. Every endpoint requires it.",
    area="auth",
)
IGNORED_AUTH = _schema(
    "ignored_auth",
    "Operations that require an API key refuse requests without a valid one.",
    "Every operation requires `Authorization: Bearer <API key>`.",
    "Header `Authorization: Bearer YOUR_API_KEY`. Every endpoint requires it.",
    area="auth",
)
ENSURE_RESOURCE_AVAILABILITY = _schema(
    "ensure_resource_availability",
    "A created resource can be read back through its link.",
    "A created task is available at once through the `GetTaskStatus` link.",
    "the call returns a `generation.task` object, and you poll "
    "`GET /v1/images/generations/{task_id}`",
    area="lifecycle",
)
