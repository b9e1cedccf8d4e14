"""URLs a response hands out, fetched and judged for what they promise: a completed task's
top-level ``url`` serves its image; an upload's ``data.url`` serves the uploaded image.

Each judge takes the answer that handed the URL out and the download of it (the suite fetches
it; the validating proxy fetches it or saw the application do so). Images are judged as they
display (EXIF orientation applied), in any format: servers may re-encode what they store.
"""

from __future__ import annotations

from typing import Any

from conformance.checks import declare
from conformance.contract import Limits
from conformance.images import decode_displayed
from conformance.judges.echo import ratio_matches
from conformance.probes.base import Recorder, body_text, evidence
from conformance.verdicts import Exchange
from toapis_spec import ratio_of

TOP_LEVEL_URL_SERVES_IMAGE = declare(
    "results-top-level-url-serves-image",
    title="A completed task's top-level `url` serves its image.",
    promise="Where a completed task carries the top-level `url` (documented by the en status "
    "page, optional: D-03), fetching it (after any redirect) gives an image in any format that "
    "decodes, of the requested aspect ratio when the request named one. A task without it is "
    "not judged.",
    source="#/components/schemas/Task/properties/url",
    area="results",
    quote='status page: url "Generated image URL (only returned on success)"; status table: '
    '`completed` "Get image from url field"',
    decisions=("D-03",),
)
UPLOAD_URL_SERVES_UPLOAD = declare(
    "uploads-url-serves-upload",
    title="An upload's `data.url` serves the uploaded image.",
    promise="Fetching the `data.url` of a successful upload gives an image (any format: a "
    "server may re-encode it) of the uploaded image's pixel size, as it displays.",
    source="#/components/schemas/UploadedImage/properties/url",
    area="uploads",
    quote='upload page: url "Public URL of the uploaded image, can be used directly in '
    'generation APIs"',
)


def _decoded(fetched: Exchange) -> tuple[str, int, int] | str:
    """The format and displayed size of a download, or why there is none."""
    if fetched.response is None or fetched.response.status != 200:
        return f"the URL did not serve an image: {body_text(fetched, 120)}"
    try:
        return decode_displayed(fetched.response.body)
    except Exception as exc:  # Pillow raises several types for undecodable data
        return f"the URL serves no decodable image ({exc})"


def judge_top_level_url(
    rec: Recorder,
    lim: Limits,
    body: dict[str, Any] | None,
    final: Exchange,
    url: str,
    fetched: Exchange,
) -> None:
    """``final``: the answer showing the completed task with top-level ``url``; ``fetched``:
    the GET of it; ``body``: the request the task was created with, when known."""
    size = body.get("size") if body is not None else None
    ratio = ratio_of(size) if isinstance(size, str) else None
    expected = "an image (any format that decodes)" + (
        f" with aspect ratio {size}" if ratio is not None else ""
    )
    found = _decoded(fetched)
    if isinstance(found, str):
        rec.fail(TOP_LEVEL_URL_SERVES_IMAGE, evidence(f"{url}: {found}", expected, final, fetched))
        return
    fmt, width, height = found
    rec.expect(
        TOP_LEVEL_URL_SERVES_IMAGE,
        ratio is None or ratio_matches(width, height, ratio),
        lambda: evidence(
            f"{url}: {fmt} {width}x{height} (as displayed) for {lim.model} size {size}",
            expected,
            final,
            fetched,
        ),
    )


def judge_upload_url(
    rec: Recorder,
    upload: Exchange,
    url: str,
    fetched: Exchange,
    uploaded: tuple[int, int] | None,
) -> None:
    """``upload``: the 200 answer handing out ``url``; ``uploaded``: the displayed size of the
    image that was sent, when known (else only a decodable image is required)."""
    expected = "the uploaded image" + (
        f" ({uploaded[0]}x{uploaded[1]} pixels, any format)" if uploaded is not None else ""
    )
    found = _decoded(fetched)
    if isinstance(found, str):
        rec.fail(UPLOAD_URL_SERVES_UPLOAD, evidence(f"{url}: {found}", expected, upload, fetched))
        return
    fmt, width, height = found
    rec.expect(
        UPLOAD_URL_SERVES_UPLOAD,
        uploaded is None or (width, height) == uploaded,
        lambda: evidence(
            f"{url}: {fmt} {width}x{height} (as displayed)", expected, upload, fetched
        ),
    )
