"""Uploads: the documented formats are stored, other content and oversize files are refused."""

from __future__ import annotations

from functools import partial

from conformance.checks import declare
from conformance.contract import UPLOAD, limits, schema_errors
from conformance.images import image_bytes, padded_png
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    body_text,
    evidence,
    poll_until_final,
    require_status,
    uploaded_url,
)
from conformance.verdicts import CheckFailed

_UPLOAD = "#/paths/~1v1~1uploads~1images/post"

FORMATS = declare(
    "uploads-accepts-documented-formats",
    title="JPEG, PNG, WebP and GIF uploads succeed with the documented body.",
    promise="Uploads of the documented formats answer 200 with `success: true` and `data` whose "
    "`mime_type` is the file's type and `size` its byte count.",
    source=f"{_UPLOAD}/responses/200",
    area="uploads",
    quote="Formats: JPEG, PNG, WebP, GIF; data.mime_type, data.size (integer, bytes)",
)
NON_IMAGE = declare(
    "uploads-rejects-non-image",
    title="A file that is not an image is rejected with the upload error envelope.",
    promise="Unsupported types answer 400 `{success: false, message}`.",
    source=f"{_UPLOAD}/responses/400",
    area="uploads",
    quote='400: {"success": false, "message": "Unsupported image type. Allowed: JPEG, PNG, '
    'WebP, GIF"}',
)
OVERSIZE = declare(
    "uploads-rejects-oversize",
    title="An image one byte over the size limit is rejected with 400 (not 413).",
    promise=f"Images are at most {limits().upload_max_bytes} bytes; larger ones answer 400 "
    "`{success: false, message}`.",
    source=f"{_UPLOAD}/responses/400",
    area="uploads",
    quote="Max 10MB; both upload errors are HTTP 400; 413 is not used",
)
USABLE_FOR_GENERATION = declare(
    "uploads-url-usable-for-generation",
    title="The URL of an upload works as a reference image for generation.",
    promise="`data.url` can be passed straight to `image_urls`; the task is accepted and "
    "completes.",
    source="#/components/schemas/UploadedImage/properties/url",
    area="uploads",
    quote="data.url: a public URL that can go straight into generation requests",
)

_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}
_SUFFIX = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def run_formats(ctx: Context, rec: Recorder) -> None:
    check_id = FORMATS
    for mime in ctx.limits.upload_mime_types:
        fmt = _FORMATS.get(mime)
        if fmt is None:
            continue
        content = image_bytes(fmt)
        exchange = ctx.client.upload(
            content, filename=f"conformance.{_SUFFIX[fmt]}", content_type=mime
        )
        expected = f"HTTP 200, success true, data.mime_type {mime}, data.size {len(content)}"
        try:
            body = require_status(exchange, 200, expected)
        except CheckFailed as failed:
            rec.fail(check_id, failed.evidence)
            continue
        problems = schema_errors(UPLOAD, 200, body)
        if problems:
            rec.fail(
                check_id,
                evidence(
                    f"{mime}: the body is not documented: {'; '.join(problems)}", expected, exchange
                ),
            )
            continue
        data = body["data"]
        rec.expect(
            check_id,
            data["mime_type"] == mime and data["size"] == len(content),
            partial(
                evidence,
                f"{mime} upload of {len(content)} bytes reported "
                f"mime_type {data['mime_type']!r}, size {data['size']!r}",
                expected,
                exchange,
            ),
        )


def _expect_upload_error(rec: Recorder, check_id: str, exchange: object, expected: str) -> None:
    from conformance.verdicts import Exchange

    assert isinstance(exchange, Exchange)
    try:
        body = require_status(exchange, 400, expected)
    except CheckFailed as failed:
        rec.fail(check_id, failed.evidence)
        return
    problems = schema_errors(UPLOAD, 400, body)
    rec.expect(
        check_id,
        not problems and bool(body.get("message")),
        lambda: evidence(
            f"the 400 body is not {{success: false, message}}: {'; '.join(problems) or body!r}",
            expected,
            exchange,
        ),
    )


def run_non_image(ctx: Context, rec: Recorder) -> None:
    expected = (
        "HTTP 400 {success: false, message} (#/paths/~1v1~1uploads~1images/post/responses/400)"
    )
    for filename, content, ctype in (
        ("notes.txt", b"this is plain text, not an image\n", "text/plain"),
        # Labelled as an image but is not one: the format is told by content.
        ("fake.png", b"<html><body>not a png</body></html>", "image/png"),
    ):
        exchange = ctx.client.upload(content, filename=filename, content_type=ctype)
        _expect_upload_error(rec, NON_IMAGE, exchange, expected)


def run_oversize(ctx: Context, rec: Recorder) -> None:
    limit = ctx.limits.upload_max_bytes
    exchange = ctx.client.upload(
        padded_png(limit + 1), filename="big.png", content_type="image/png"
    )
    expected = f"HTTP 400 {{success: false, message}} for {limit + 1} bytes (413 is not used)"
    _expect_upload_error(rec, OVERSIZE, exchange, expected)


def run_upload_then_generate(ctx: Context, rec: Recorder) -> None:
    check_id = USABLE_FOR_GENERATION
    uploaded = ctx.client.upload(image_bytes("PNG", (64, 64)), filename="reference.png")
    url = uploaded_url(uploaded)
    if url is None:
        rec.not_run(check_id, f"the upload itself failed: {body_text(uploaded, 120)}")
        return
    created = ctx.client.create(
        ctx.valid_body(image_urls=[url], prompt="Turn this into a watercolour")
    )
    expected = "the create request with the uploaded URL is accepted (200) and the task completes"
    try:
        task = require_status(created, 200, expected)
    except CheckFailed as failed:
        rec.fail(check_id, failed.evidence)
        return
    if not isinstance(task, dict) or not isinstance(task.get("id"), str):
        rec.fail(check_id, evidence("the answer has no task id", expected, created))
        return
    polls, _ = poll_until_final(ctx, ctx.client, task["id"])
    last = polls[-1].json() if polls else None
    rec.expect(
        check_id,
        isinstance(last, dict) and last.get("status") == "completed",
        lambda: evidence(
            f"the task did not complete: {body_text(polls[-1])}",
            expected,
            uploaded,
            created,
            polls[-1],
        ),
    )


PROBES = (
    Probe("uploads-formats", (FORMATS,), run_formats, uploads=True),
    Probe("uploads-non-image", (NON_IMAGE,), run_non_image, uploads=True),
    Probe("uploads-oversize", (OVERSIZE,), run_oversize, uploads=True),
    Probe(
        "uploads-generate",
        (USABLE_FOR_GENERATION,),
        run_upload_then_generate,
        lambda s: 1,
        uploads=True,
    ),
)
