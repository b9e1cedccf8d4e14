"""File formats: results in the format a request asks (``x-result-format``), references in every
format a page lists (``x-reference-formats``), result items whose ``output_format`` names their
file. The judges fed hand-built exchanges, the contract's data read through ``toapis_spec``, and
the suite against the mock's legal variants that a format check could mistake for a defect."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conformance.embedded import embedded_mock
from conformance.images import image_bytes
from conformance.judges.formats import (
    ITEM_FORMAT,
    REFERENCE_FORMATS,
    RESULT_FORMAT,
    judge_item_formats,
    judge_reference_format,
    judge_result_format,
    media_type_of,
)
from conformance.probes.base import Recorder
from conformance.runner import run_suite
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse, Status
from toapis_spec import canonical_models, models, reference_formats, result_format

BASE = "http://127.0.0.1:9"
URL = f"{BASE}/files/generated/task_1/0.png"


def _exchange(status: int = 200, body: Any = None, raw: bytes | None = None) -> Exchange:
    content = raw if raw is not None else json.dumps(body).encode()
    ctype = "image/png" if raw is not None else "application/json"
    return Exchange(
        RecordedRequest("GET", URL, {}, None),
        RecordedResponse(status, {"content-type": ctype}, content, 0.01),
    )


def _recorder(*checks: str) -> Recorder:
    return Recorder(checks)


def _status(rec: Recorder, check: str) -> Status:
    return rec.verdicts(0.0)[check].status


def _model_with(predicate: Any) -> str:
    return next(m for m in canonical_models() if predicate(m))


# -- the contract's data -------------------------------------------------------------------------


def test_every_result_format_field_maps_each_enum_value_to_a_media_type() -> None:
    found = [result_format(m) for m in models()]
    fields = [f for f in found if f is not None]
    assert fields, "no model's request names its result format"
    for field in fields:
        schema = models()[field.model].field(field.field)
        assert schema is not None
        assert set(field.formats) == set(schema["enum"]), field.model
        assert all(media.startswith("image/") for media in field.formats.values())
        assert field.default is None or field.default in field.formats


def test_reference_formats_are_media_types_the_upload_api_takes() -> None:
    from conformance.contract import limits

    uploadable = set(limits().upload_mime_types)
    listed = [reference_formats(m) for m in models()]
    assert any(listed)
    for entry in listed:
        if entry is not None:
            field, formats = entry
            assert formats, field
            assert set(formats) <= uploadable, (field, formats)


def test_a_field_that_applies_beside_references_asks_nothing_without_them() -> None:
    model = _model_with(lambda m: (f := result_format(m)) is not None and f.with_any_of)
    found = result_format(model)
    assert found is not None
    body: dict[str, Any] = {"model": model, "prompt": "x", found.field: "jpeg"}
    assert found.asked(body) is None
    body[found.with_any_of[0]] = [f"{BASE}/r.png"]
    assert found.asked(body) == ("jpeg", "image/jpeg", False)


def test_a_left_out_field_asks_its_default_and_a_field_without_one_asks_nothing() -> None:
    with_default = _model_with(
        lambda m: (f := result_format(m)) is not None and f.default and not f.with_any_of
    )
    found = result_format(with_default)
    assert found is not None
    assert found.default is not None
    assert found.asked({"model": with_default}) == (
        found.default,
        found.formats[found.default],
        True,
    )
    without = _model_with(lambda m: (f := result_format(m)) is not None and f.default is None)
    other = result_format(without)
    assert other is not None
    assert other.asked({"model": without}) is None


# -- results-format-as-requested -----------------------------------------------------------------


def _official() -> tuple[str, str]:
    model = _model_with(
        lambda m: (f := result_format(m)) is not None and not f.with_any_of and "." not in f.field
    )
    found = result_format(model)
    assert found is not None
    return model, found.field


def test_a_file_in_the_asked_format_passes() -> None:
    model, field = _official()
    rec = _recorder(RESULT_FORMAT)
    body = {"model": model, "prompt": "x", field: "jpeg"}
    judge_result_format(rec, model, body, _exchange(), URL, _exchange(raw=image_bytes("JPEG")))
    assert _status(rec, RESULT_FORMAT) is Status.PASS


def test_a_png_where_jpeg_was_asked_fails_whatever_the_url_says() -> None:
    model, field = _official()
    rec = _recorder(RESULT_FORMAT)
    body = {"model": model, "prompt": "x", field: "jpeg"}
    judge_result_format(rec, model, body, _exchange(), URL, _exchange(raw=image_bytes("PNG")))
    verdict = rec.verdicts(0.0)[RESULT_FORMAT]
    assert verdict.status is Status.FAIL
    assert "PNG" in verdict.evidence[0].message
    assert "image/jpeg" in verdict.evidence[0].expected


def test_the_documented_default_is_judged_when_the_field_is_left_out() -> None:
    model, _ = _official()
    rec = _recorder(RESULT_FORMAT)
    body = {"model": model, "prompt": "x"}
    judge_result_format(rec, model, body, _exchange(), URL, _exchange(raw=image_bytes("WEBP")))
    assert _status(rec, RESULT_FORMAT) is Status.FAIL


def test_no_format_asked_no_verdict_and_a_failed_download_is_another_checks() -> None:
    rec = _recorder(RESULT_FORMAT)
    plain = _model_with(lambda m: result_format(m) is None)
    judge_result_format(
        rec, plain, {"model": plain}, _exchange(), URL, _exchange(raw=image_bytes("GIF"))
    )
    model, field = _official()
    body = {"model": model, field: "jpeg"}
    judge_result_format(rec, model, body, _exchange(), URL, _exchange(404, {"error": {}}))
    judge_result_format(rec, model, body, _exchange(), URL, _exchange(raw=b"not an image"))
    assert _status(rec, RESULT_FORMAT) is Status.NOT_RUN


@pytest.mark.parametrize(("pillow", "media"), [("JPEG", "image/jpeg"), ("WEBP", "image/webp")])
def test_media_type_of_a_pillow_format(pillow: str, media: str) -> None:
    assert media_type_of(pillow) == media


# -- validation-accepts-reference-formats --------------------------------------------------------


def _webp_model() -> str:
    return _model_with(lambda m: (r := reference_formats(m)) is not None and "image/webp" in r[1])


def test_a_refused_listed_format_fails_and_a_completed_task_passes() -> None:
    model = _webp_model()
    rec = _recorder(REFERENCE_FORMATS)
    upload = _exchange(body={"data": {"url": f"{BASE}/u.webp"}})
    refused = _exchange(400, {"error": {"message": "WebP is not supported", "param": "x"}})
    judge_reference_format(rec, model, "image/webp", upload, refused, None)
    assert _status(rec, REFERENCE_FORMATS) is Status.FAIL
    rec = _recorder(REFERENCE_FORMATS)
    created = _exchange(body={"id": "task_1", "status": "queued"})
    judge_reference_format(
        rec, model, "image/webp", upload, created, _exchange(body={"status": "completed"})
    )
    assert _status(rec, REFERENCE_FORMATS) is Status.PASS


def test_a_failed_task_fails_and_an_unlisted_format_is_not_judged() -> None:
    model = _webp_model()
    rec = _recorder(REFERENCE_FORMATS)
    upload = _exchange(body={"data": {"url": f"{BASE}/u.jpg"}})
    created = _exchange(body={"id": "task_1", "status": "queued"})
    failed = _exchange(body={"status": "failed", "error": {"message": "bad image"}})
    judge_reference_format(rec, model, "image/jpeg", upload, created, failed)
    assert _status(rec, REFERENCE_FORMATS) is Status.FAIL
    rec = _recorder(REFERENCE_FORMATS)
    refused = _exchange(400, {"error": {"message": "GIF"}})
    judge_reference_format(rec, model, "image/gif", upload, refused, None)
    assert _status(rec, REFERENCE_FORMATS) is Status.NOT_RUN


# -- results-item-format-matches-file ------------------------------------------------------------


def _completed(label: str) -> dict[str, Any]:
    return {
        "id": "task_1",
        "status": "completed",
        "result": {"type": "image", "data": [{"url": URL, "output_format": label}]},
    }


@pytest.mark.parametrize(
    ("label", "raw", "status"),
    [
        ("jpg", image_bytes("JPEG"), Status.PASS),
        ("image/png", image_bytes("PNG"), Status.PASS),
        ("png", image_bytes("JPEG"), Status.FAIL),
    ],
)
def test_an_items_output_format_names_its_file(label: str, raw: bytes, status: Status) -> None:
    rec = _recorder(ITEM_FORMAT)
    carried = judge_item_formats(rec, _exchange(), _completed(label), {URL: _exchange(raw=raw)})
    assert carried
    assert _status(rec, ITEM_FORMAT) is status


def test_items_without_output_format_are_not_judged() -> None:
    rec = _recorder(ITEM_FORMAT)
    task = {"id": "t", "status": "completed", "result": {"data": [{"url": URL}]}}
    assert not judge_item_formats(rec, _exchange(), task, {URL: _exchange(raw=b"x")})
    assert _status(rec, ITEM_FORMAT) is Status.NOT_RUN


# -- the suite against the mock ------------------------------------------------------------------

_CHECKS = (RESULT_FORMAT, REFERENCE_FORMATS, ITEM_FORMAT, "results-images-match-request")


def _formats_models() -> tuple[str, ...]:
    """Every model with a result-format field, and one whose page lists WebP references."""
    asking = tuple(m for m in canonical_models() if result_format(m) is not None)
    return (*asking, _webp_model())


@pytest.mark.parametrize(
    "variants",
    [
        (),
        ("format-blind-result-names", "result-item-extras"),
        ("refuse-unlisted-reference-formats",),
        ("webp-results", "result-item-extras", "redirect-results"),
    ],
    ids=lambda v: "+".join(v) or "clean",
)
def test_legal_variants_pass_on_every_format_model(variants: tuple[str, ...]) -> None:
    with embedded_mock(seed=0, variants=variants) as server:
        report = run_suite(
            server.settings(
                seed=0, max_examples=5, poll_interval=0, task_timeout=2, models=_formats_models()
            ),
            only=_CHECKS,
        )
    statuses = {v.check_id: v.status for v in report.verdicts}
    assert statuses[RESULT_FORMAT] is Status.PASS, report.verdicts
    assert statuses[REFERENCE_FORMATS] is Status.PASS
    assert statuses["results-images-match-request"] is Status.PASS
    carried = "result-item-extras" in variants
    assert statuses[ITEM_FORMAT] is (Status.PASS if carried else Status.NOT_RUN)
