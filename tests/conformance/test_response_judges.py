"""The judges of what responses promise, fed hand-built exchanges: model echo, defaults, top-level
and upload URLs, timestamps, failed tasks, and images judged as they display (EXIF)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from PIL import Image

from conformance.contract import limits
from conformance.images import decode_displayed, displayed_size, image_bytes
from conformance.judges.echo import (
    DEFAULTS_APPLIED,
    MODEL_ECHO,
    echo_names,
    judge_default_count,
    judge_default_size,
    judge_model_echo,
    omitted_defaults,
)
from conformance.judges.failed import FAILED_HAS_ERROR, judge_failed_tasks
from conformance.judges.journal import task_timelines, uploads
from conformance.judges.timestamps import TIMESTAMPS_ORDERED, judge_timestamps
from conformance.judges.urls import (
    TOP_LEVEL_URL_SERVES_IMAGE,
    UPLOAD_URL_SERVES_UPLOAD,
    judge_top_level_url,
    judge_upload_url,
)
from conformance.probes.base import Recorder
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse, Status

BASE = "http://127.0.0.1:9"
CREATE = f"{BASE}/v1/images/generations"


def _exchange(
    method: str,
    url: str,
    status: int = 200,
    body: Any = None,
    request: Any = None,
    raw: bytes | None = None,
    ctype: str = "application/json",
) -> Exchange:
    sent = json.dumps(request).encode() if request is not None else None
    content = raw if raw is not None else json.dumps(body).encode()
    return Exchange(
        RecordedRequest(method, url, {}, sent),
        RecordedResponse(status, {"content-type": ctype}, content, 0.01),
    )


def _task(status: str = "completed", **fields: Any) -> dict[str, Any]:
    task: dict[str, Any] = {
        "id": "task_1",
        "object": "generation.task",
        "model": "gpt-4o-image",
        "status": status,
        "progress": 100 if status == "completed" else 0,
        "created_at": 1_768_381_010,
    }
    if status == "completed":
        task.update(
            completed_at=1_768_381_063,
            expires_at=1_768_467_463,
            result={"type": "image", "data": [{"url": f"{BASE}/files/a.png"}]},
        )
    task.update(fields)
    return task


def _png(size: tuple[int, int], orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (10, 20, 30))
    out = io.BytesIO()
    if orientation is None:
        image.save(out, format="PNG")
    else:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(out, format="PNG", exif=exif)
    return out.getvalue()


def _image(url: str, size: tuple[int, int], orientation: int | None = None) -> Exchange:
    return _exchange("GET", url, raw=_png(size, orientation), ctype="image/png")


def _status(rec: Recorder, check: str) -> Status:
    return rec.verdicts(0.0)[check].status


# -- images as they display --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("orientation", "shown"),
    [(None, (60, 40)), (1, (60, 40)), (3, (60, 40)), (5, (40, 60)), (6, (40, 60)), (8, (40, 60))],
)
def test_the_displayed_size_applies_the_exif_orientation(
    orientation: int | None, shown: tuple[int, int]
) -> None:
    with Image.open(io.BytesIO(_png((60, 40), orientation))) as image:
        assert displayed_size(image) == shown
    assert decode_displayed(_png((60, 40), orientation))[1:] == shown


# -- echo-model-matches-request ----------------------------------------------------------------


def test_an_alias_may_be_echoed_as_its_model_and_the_other_way_round() -> None:
    assert echo_names("nano-banana-pro") == {"nano-banana-pro", "gemini-3-pro-image-preview"}
    assert "nano-banana-pro" in echo_names("gemini-3-pro-image-preview")
    assert echo_names("gpt-4o-image") == {"gpt-4o-image"}
    # The official channel of Gemini 3.1 Flash has two aliases: either may answer for the other.
    assert echo_names("nano-banana-2-lite-official") == {
        "nano-banana-2-lite-official",
        "nano-banana-2-official",
        "gemini-3.1-flash-image-preview-official",
    }
    assert echo_names("nano-banana-official") == {
        "nano-banana-official",
        "gemini-2.5-flash-image-official",
    }
    # An official alias never stands for the preview model of the same name stem.
    assert "gemini-3-pro-image-preview" not in echo_names("nano-banana-pro-official")


def test_the_echoed_model_must_be_the_requested_one() -> None:
    rec = Recorder((MODEL_ECHO,))
    body = {"model": "nano-banana-pro", "prompt": "x"}
    good = _exchange("GET", f"{CREATE}/task_1", body=_task(model="gemini-3-pro-image-preview"))
    judge_model_echo(rec, body, [(good, _task(model="gemini-3-pro-image-preview"))])
    assert _status(rec, MODEL_ECHO) is Status.PASS
    bad = _task(model="gpt-image-2")
    judge_model_echo(rec, body, [(_exchange("GET", f"{CREATE}/task_1", body=bad), bad)])
    verdict = rec.verdicts(0.0)[MODEL_ECHO]
    assert verdict.status is Status.FAIL
    assert "'gpt-image-2'" in verdict.evidence[0].message


# -- results-defaults-applied ------------------------------------------------------------------


def test_a_request_without_n_gets_the_documented_count() -> None:
    lim = limits("gpt-4o-image")
    body = {"model": "gpt-4o-image", "prompt": "x"}
    create = _exchange("POST", CREATE, body=_task("queued"), request=body)
    two = _task(
        result={"type": "image", "data": [{"url": f"{BASE}/a.png"}, {"url": f"{BASE}/b.png"}]}
    )
    rec = Recorder((DEFAULTS_APPLIED,))
    judge_default_count(rec, lim, body, create, _exchange("GET", f"{CREATE}/task_1", body=_task()))
    assert _status(rec, DEFAULTS_APPLIED) is Status.PASS
    judge_default_count(rec, lim, body, create, _exchange("GET", f"{CREATE}/task_1", body=two))
    verdict = rec.verdicts(0.0)[DEFAULTS_APPLIED]
    assert verdict.status is Status.FAIL
    assert "2 result image(s)" in verdict.evidence[0].message
    # An explicit n is not a default's business.
    other = Recorder((DEFAULTS_APPLIED,))
    judge_default_count(other, lim, {**body, "n": 2}, create, _exchange("GET", CREATE, body=two))
    assert _status(other, DEFAULTS_APPLIED) is Status.NOT_RUN


def test_a_size_default_the_page_does_not_state_is_a_warning() -> None:
    model = "gemini-3-pro-image-preview"
    lim = limits(model)
    body = {"model": model, "prompt": "x"}
    (size,) = [d for d in omitted_defaults(lim, body) if d.field == "size"]
    assert size.decision == "D-44"
    final = _exchange("GET", f"{CREATE}/task_1", body=_task())
    rec = Recorder((DEFAULTS_APPLIED,))
    judge_default_size(rec, lim, body, final, [("u", _image("u", (160, 90)))])
    verdict = rec.verdicts(0.0)[DEFAULTS_APPLIED]
    assert verdict.status is Status.WARN
    assert verdict.evidence[0].decision == "D-44"


def test_the_documented_size_default_judges_images_as_they_display() -> None:
    lim = limits("gpt-4o-image")
    body = {"model": "gpt-4o-image", "prompt": "x"}
    final = _exchange("GET", f"{CREATE}/task_1", body=_task())
    rec = Recorder((DEFAULTS_APPLIED,))
    judge_default_size(rec, lim, body, final, [("u", _image("u", (64, 64)))])
    assert _status(rec, DEFAULTS_APPLIED) is Status.PASS
    judge_default_size(rec, lim, body, final, [("u", _image("u", (96, 64)))])
    assert _status(rec, DEFAULTS_APPLIED) is Status.FAIL


def test_with_references_the_default_is_the_reference_ratio_where_the_page_says_so() -> None:
    model = "flux-kontext-pro"
    lim = limits(model)
    assert lim.reference_field is not None
    body = {"model": model, "prompt": "x", lim.reference_field: [f"{BASE}/uploads/r.png"]}
    (size,) = omitted_defaults(lim, body)
    assert (size.value, size.decision) == ("match_input_image", None)
    final = _exchange("GET", f"{CREATE}/task_1", body=_task())
    good, wrong = Recorder((DEFAULTS_APPLIED,)), Recorder((DEFAULTS_APPLIED,))
    judge_default_size(good, lim, body, final, [("u", _image("u", (90, 60)))], (96, 64))
    judge_default_size(wrong, lim, body, final, [("u", _image("u", (160, 90)))], (96, 64))
    assert _status(good, DEFAULTS_APPLIED) is Status.PASS
    assert _status(wrong, DEFAULTS_APPLIED) is Status.FAIL
    # The reference's shape unknown: not judged.
    unknown = Recorder((DEFAULTS_APPLIED,))
    judge_default_size(unknown, lim, body, final, [("u", _image("u", (160, 90)))], None)
    assert _status(unknown, DEFAULTS_APPLIED) is Status.NOT_RUN


# -- lifecycle-timestamps-ordered --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({}, Status.PASS),
        ({"completed_at": None, "expires_at": None}, Status.PASS),
        ({"created_at": 1_768_381_010_000}, Status.FAIL),
        ({"completed_at": 1_768_381_000}, Status.FAIL),
        ({"expires_at": 1_768_381_062}, Status.FAIL),
    ],
)
def test_timestamps_are_seconds_in_order(fields: dict[str, Any], status: Status) -> None:
    task = _task(**fields)
    rec = Recorder((TIMESTAMPS_ORDERED,))
    judge_timestamps(rec, [(_exchange("GET", f"{CREATE}/task_1", body=task), task)])
    assert _status(rec, TIMESTAMPS_ORDERED) is status


# -- results-top-level-url-serves-image --------------------------------------------------------


def test_the_top_level_url_must_serve_an_image_of_the_asked_ratio() -> None:
    lim = limits("gpt-4o-image")
    body = {"model": "gpt-4o-image", "prompt": "x", "size": "3:2"}
    final = _exchange("GET", f"{CREATE}/task_1", body=_task())
    cases = [
        (_image("u", (96, 64)), Status.PASS),
        (_image("u", (64, 96), orientation=6), Status.PASS),  # stored turned, shows 96x64
        (_image("u", (64, 64)), Status.FAIL),
        (_exchange("GET", "u", status=404, body={"error": "not found"}), Status.FAIL),
        (_exchange("GET", "u", raw=b"not an image", ctype="image/png"), Status.FAIL),
    ]
    for fetched, status in cases:
        rec = Recorder((TOP_LEVEL_URL_SERVES_IMAGE,))
        judge_top_level_url(rec, lim, body, final, "u", fetched)
        assert _status(rec, TOP_LEVEL_URL_SERVES_IMAGE) is status


# -- uploads-url-serves-upload -----------------------------------------------------------------


def test_an_upload_url_serves_an_image_of_the_uploaded_size_in_any_format() -> None:
    upload = _exchange("POST", f"{BASE}/v1/uploads/images", body={"success": True})
    jpeg = _exchange("GET", "u", raw=image_bytes("JPEG", (61, 37)), ctype="image/jpeg")
    cases = [
        (jpeg, (61, 37), Status.PASS),  # re-encoded: allowed
        (_image("u", (30, 18)), (61, 37), Status.FAIL),  # a thumbnail
        (_image("u", (30, 18)), None, Status.PASS),  # what was sent is unknown
        (_exchange("GET", "u", status=404, body={}), None, Status.FAIL),
    ]
    for fetched, sent, status in cases:
        rec = Recorder((UPLOAD_URL_SERVES_UPLOAD,))
        judge_upload_url(rec, upload, "u", fetched, sent)
        assert _status(rec, UPLOAD_URL_SERVES_UPLOAD) is status


# -- the journal, and failed tasks -------------------------------------------------------------


def _journal(
    final: dict[str, Any], prompt: str = "a cat", poll_status: int = 200
) -> list[Exchange]:
    request = {"model": "gpt-4o-image", "prompt": prompt}
    return [
        _exchange("POST", CREATE, body=_task("queued"), request=request),
        _exchange("GET", f"{CREATE}/task_1", body=_task("in_progress")),
        _exchange("GET", f"{CREATE}/task_1", status=poll_status, body=final),
        _exchange(
            "POST",
            f"{BASE}/v1/uploads/images",
            body={"success": True, "data": {"url": f"{BASE}/uploads/x.png"}},
        ),
    ]


def test_the_journal_groups_each_task_with_its_create_and_polls() -> None:
    (timeline,) = task_timelines(_journal(_task()))
    assert timeline.task_id == "task_1"
    assert timeline.body == {"model": "gpt-4o-image", "prompt": "a cat"}
    assert [t["status"] for _, t in timeline.answers] == ["queued", "in_progress", "completed"]
    assert len(timeline.polls) == 2
    assert timeline.final is not None
    assert timeline.final[1]["status"] == "completed"
    assert [u.url for u in uploads(_journal(_task()))] == [f"{BASE}/uploads/x.png"]


ERROR = {"code": "generation_failed", "message": "upstream failed"}


@pytest.mark.parametrize(
    ("final", "prompt", "poll_status", "status"),
    [
        (_task("failed", error=ERROR), "a cat", 200, Status.PASS),
        (_task("failed"), "a cat", 200, Status.FAIL),  # no error object
        (_task("failed", error=ERROR, url=f"{BASE}/a.png"), "a cat", 200, Status.FAIL),
        (_task("completed"), "a cat", 200, Status.NOT_RUN),  # nothing failed
        ({"error": {"message": "boom"}}, "a storm [[fail]]", 500, Status.FAIL),  # asked to fail
        ({"error": {"message": "boom"}}, "a cat", 500, Status.NOT_RUN),  # not asked: not this one's
    ],
)
def test_every_failed_task_of_the_journal_is_judged(
    final: dict[str, Any], prompt: str, poll_status: int, status: Status
) -> None:
    rec = Recorder((FAILED_HAS_ERROR,))
    judged = judge_failed_tasks(
        rec, task_timelines(_journal(final, prompt, poll_status)), "[[fail]]"
    )
    assert _status(rec, FAILED_HAS_ERROR) is status
    assert judged == (0 if status is Status.NOT_RUN else 1)


def test_a_recorder_drops_declared_checks_it_does_not_own_and_refuses_unknown_ones() -> None:
    rec = Recorder((FAILED_HAS_ERROR,))
    rec.ok(MODEL_ECHO)  # declared, owned by another probe: dropped
    assert MODEL_ECHO not in rec.verdicts(0.0)
    with pytest.raises(KeyError):
        rec.ok("no-such-check")
