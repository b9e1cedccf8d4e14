"""Which of the suite's validation checks an application's invalid create request exercises.

The suite sends one boundary value per check (``conformance.probes.validation``); an
application may send any of them by mistake. A body the contract refuses is matched to the
check whose case it is (by the field the documented 400 would name and what is wrong with it), so
the answer it got is judged as the suite judges its own case
(``conformance.judges.request_edges.judge_rejection``): same id, same verdict level.
"""

from __future__ import annotations

from typing import Any

from conformance.contract import Limits
from conformance.judges.app_requests import explain
from conformance.probes import validation as cases
from toapis_spec import ratio_of

VALIDATION_CHECKS = (
    cases.MISSING_PROMPT,
    cases.EMPTY_PROMPT,
    cases.PROMPT_OVER_LIMIT,
    cases.N_OUTSIDE_ENUM,
    cases.N_STRING,
    cases.N_BOOLEAN,
    cases.UNDOCUMENTED_SIZE,
    cases.TOO_MANY_IMAGE_URLS,
    cases.DATA_URL,
    cases.FTP_URL,
)


def validation_case(lim: Limits, body: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """The validation check ``body`` is a case of, with the fields its 400 may name; ``None``
    for a body the contract allows or one no check of the suite sends."""
    found = explain(body)
    if found is None:
        return None
    param = found.param
    if param == "prompt":
        prompt = body.get("prompt")
        if "prompt" not in body:
            return cases.MISSING_PROMPT, ("prompt",)
        if prompt == "":
            return cases.EMPTY_PROMPT, ("prompt",)
        if isinstance(prompt, str) and lim.prompt_max is not None and len(prompt) > lim.prompt_max:
            return cases.PROMPT_OVER_LIMIT, ("prompt",)
        return None
    if param == "n" and lim.has_n:
        n = body.get("n")
        if isinstance(n, bool):
            return cases.N_BOOLEAN, ("n",)
        if isinstance(n, str):
            return cases.N_STRING, ("n",)
        if isinstance(n, int) and n not in lim.n_values:
            return cases.N_OUTSIDE_ENUM, ("n",)
        return None
    if param == "size":
        size = body.get("size")
        if isinstance(size, str) and ratio_of(size) is not None and size not in lim.sizes:
            return cases.UNDOCUMENTED_SIZE, ("size",)
        return None
    if param in lim.reference_fields and lim.reference_field is not None:
        urls = body.get(param)
        fields = lim.reference_fields
        if not isinstance(urls, list):
            return None
        if lim.image_urls_max is not None and len(urls) > lim.image_urls_max:
            return cases.TOO_MANY_IMAGE_URLS, fields
        if any(isinstance(u, str) and u.lower().startswith("data:") for u in urls):
            return cases.DATA_URL, fields
        if any(isinstance(u, str) and u.lower().startswith("ftp://") for u in urls):
            return cases.FTP_URL, fields
    return None
