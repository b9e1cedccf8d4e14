"""Which checks catch which known defect of the mock server (verified by tests/conformance).

``CATCHERS`` is the expectation the defect tests assert: with the defect switched on, each listed
check ends as listed (FAIL for a documented promise, WARN for a decided one, which ``--strict``
turns into a failure), and it passes on the clean mock. ``markdown_table`` renders it for
docs/defects.md (``toapis-conformance --defect-table``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from conformance.verdicts import Status

_V = "validation-rejects-"
_PARAM_CHECKS = (
    f"{_V}missing-prompt",
    f"{_V}prompt-over-limit",
    f"{_V}n-outside-enum",
    f"{_V}n-string",
    f"{_V}n-boolean",
    f"{_V}undocumented-size",
    f"{_V}too-many-image-urls",
    f"{_V}data-url",
    f"{_V}ftp-url",
    f"{_V}past-edge",
)
F, W = Status.FAIL, Status.WARN


def _all(status: Status, *checks: str) -> dict[str, Status]:
    return dict.fromkeys(checks, status)


CATCHERS: Mapping[str, Mapping[str, Status]] = MappingProxyType(
    {
        "accept-long-prompt": _all(F, f"{_V}prompt-over-limit"),
        "accept-n-3": _all(F, f"{_V}n-outside-enum"),
        "accept-n-string": _all(F, f"{_V}n-string"),
        "accept-n-true": _all(F, f"{_V}n-boolean"),
        "accept-size-16-9": _all(F, f"{_V}undocumented-size"),
        "accept-too-many-image-urls": _all(F, f"{_V}too-many-image-urls", f"{_V}past-edge"),
        "accept-data-urls": _all(F, f"{_V}data-url"),
        "accept-mask-without-reference": _all(W, f"{_V}mask-without-reference"),
        "accept-mismatched-mask": _all(F, f"{_V}mask-size-mismatch"),
        "accept-large-mask": _all(F, f"{_V}mask-over-limit"),
        "numeric-limit-off-by-one": _all(F, f"{_V}past-edge"),
        "progress-goes-backwards": _all(F, "lifecycle-progress-monotonic"),
        "finished-task-changes": _all(F, "lifecycle-terminal-final"),
        "result-count-mismatch": _all(F, "lifecycle-completed-result-count"),
        "expires-at-wrong": _all(F, "lifecycle-expires-after-lifetime"),
        "created-at-changes": _all(F, "lifecycle-created-at-stable"),
        "completed-without-result": _all(
            F, "lifecycle-create-returns-task", "schema-response-schema-conformance"
        ),
        "never-finishes": _all(F, "lifecycle-terminal-within-bound"),
        "failed-task-http-500": _all(F, "lifecycle-failed-has-error"),
        "cross-tenant-read": _all(F, "tasks-tenant-isolation"),
        "foreign-task-403": _all(W, "tasks-tenant-isolation"),
        "status-without-token": _all(F, "auth-missing-key-401", "schema-ignored-auth"),
        "unauthorized-wrong-envelope": _all(F, "auth-missing-key-401", "auth-wrong-key-401"),
        "invalid-request-without-param": {
            **_all(F, *_PARAM_CHECKS),
            **_all(W, f"{_V}empty-prompt"),
        },
        "error-as-string": {
            **_all(
                F,
                *_PARAM_CHECKS,
                "schema-response-schema-conformance",
                f"{_V}mask-size-mismatch",
                f"{_V}mask-over-limit",
            ),
            **_all(W, f"{_V}empty-prompt"),
        },
        "retry-after-missing": _all(W, "ratelimit-retry-after"),
        "json-as-html": _all(F, "schema-content-type-conformance"),
        "upload-type-by-name": _all(F, "uploads-rejects-non-image"),
        "upload-no-size-limit": _all(F, "uploads-rejects-oversize"),
        "upload-rejects-gif": _all(F, "uploads-accepts-documented-formats"),
        "upload-too-large-413": _all(F, "uploads-rejects-oversize"),
        "wrong-aspect-ratio": _all(F, "results-images-match-request"),
        "jpeg-served-as-png": _all(W, "results-images-match-request"),
        "expired-results-served": _all(F, "results-expire-after-ttl"),
        "output-format-ignored": _all(F, "results-format-as-requested"),
        "result-item-format-wrong": _all(F, "results-item-format-matches-file"),
        "refuse-webp-references": _all(F, "validation-accepts-reference-formats"),
        "finished-task-status-changes": _all(
            F, "lifecycle-terminal-final", "lifecycle-status-order"
        ),
        "finished-result-count-changes": _all(F, "lifecycle-terminal-final"),
        "ignores-model": _all(W, "validation-rejects-unknown-model"),
        "refuses-max-reference-images": _all(
            F, "validation-accepts-max-image-urls", "validation-accepts-at-edge"
        ),
        "progress-dips-briefly": _all(
            F, "lifecycle-progress-monotonic", "lifecycle-progress-never-dips"
        ),
        "failed-task-without-error": _all(F, "lifecycle-failed-has-error"),
        "webhook-wrong-signature": _all(F, "webhooks-signature-valid"),
        "webhook-signs-body-only": _all(F, "webhooks-signature-valid"),
        "webhook-stale-timestamp": _all(F, "webhooks-timestamp-fresh"),
        "webhook-status-mismatch": _all(F, "webhooks-payload-matches-task"),
        "webhook-new-event-id-per-retry": _all(F, "webhooks-event-id-stable"),
        "webhook-no-retry": _all(F, "webhooks-retries-after-non-2xx"),
        "webhook-follows-redirects": _all(F, "webhooks-no-redirects-followed"),
        "echo-other-model": _all(F, "echo-model-matches-request"),
        "default-n-two": _all(F, "results-defaults-applied"),
        "top-level-url-broken": _all(F, "results-top-level-url-serves-image"),
        "upload-url-thumbnail": _all(F, "uploads-url-serves-upload"),
        "created-at-in-ms": _all(F, "lifecycle-timestamps-ordered"),
    }
)


def _first_model_with_numeric_option() -> tuple[str, ...]:
    """The first model of the contract whose request has a numeric option (other than ``n``)
    with a maximum: the default model has none, so its defect is shown on this one."""
    from conformance.edges import model_edges
    from toapis_spec import canonical_models

    return next(
        (model,)
        for model in canonical_models()
        if any(e.keyword == "maximum" and e.field != "n" for e in model_edges(model))
    )


def _first_model_with_result_format() -> tuple[str, ...]:
    """The first model of the contract whose request names its result files' format
    (``x-result-format``): the default model has no such field."""
    from toapis_spec import canonical_models, result_format

    return next((model,) for model in canonical_models() if result_format(model) is not None)


# The models a defect is run with (``--model``) where the default model cannot show it.
MODELS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "numeric-limit-off-by-one": _first_model_with_numeric_option(),
        "output-format-ignored": _first_model_with_result_format(),
    }
)


def markdown_table() -> str:
    from mock_server.defects import DEFECTS

    lines = [
        "# Mock defects and the checks that catch them",
        "",
        "The kill matrix: each defect switch of the mock (`toapis-mock --defect NAME`), and the",
        "checks that catch it with the verdict they give. FAIL breaks a documented promise; WARN a",
        "decided one (`openapi/DECISIONS.md`), a failure under `--strict`. Generated by",
        "`toapis-conformance --defect-table`; asserted by `tests/conformance/test_defects.py`.",
        "",
        "| Defect | Area | What is wrong | Caught by |",
        "| --- | --- | --- | --- |",
    ]
    for name, defect in DEFECTS.items():
        catchers = CATCHERS.get(name)
        caught = (
            ", ".join(f"`{c}` ({status.value.upper()})" for c, status in catchers.items())
            if catchers
            else "**not caught**"
        )
        if name in MODELS:
            caught += f" with `--model {' --model '.join(MODELS[name])}`"
        lines.append(f"| `{name}` | {defect.area} | {defect.summary} | {caught} |")
    return "\n".join(lines) + "\n"
