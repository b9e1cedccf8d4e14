"""File formats: the result files a request asks for, and the reference files a page supports.

Judged from recorded exchanges (a task's create and final poll, the download of a result URL, an
upload and the create that used it), so the suite's probes and the validating proxy call the same
functions. What a model's request can ask and take is read from the contract
(``toapis_spec.result_format``: ``x-result-format``; ``toapis_spec.reference_formats``:
``x-reference-formats``), never re-declared here.
"""

from __future__ import annotations

import functools
from typing import Any

from conformance.checks import declare
from conformance.images import decode_displayed
from conformance.probes.base import Recorder, Settings, body_text, evidence
from conformance.verdicts import Exchange
from toapis_spec import reference_formats, result_format

RESULT_FORMAT = declare(
    "results-format-as-requested",
    title="A result file is in the format the request asked for (or the documented default).",
    promise="Where a model's request has a field naming the output format (`x-result-format`: "
    "`output_format` of gpt-image-2-official and of gpt-image-2's editing mode, flux-kontext's "
    "`metadata.response_format`, the official Gemini channels' "
    "`metadata.imageOutputOptions.mimeType`), every result URL of a completed task serves a file "
    "that decodes as that format (Pillow's reading of the bytes; the URL's name and Content-Type "
    "are not judged here); a request that leaves the field out gets the documented default "
    "(`png`). Where the page gives no default (Gemini), a request without the field is not judged.",
    source="the `x-result-format` field of each model's request schema",
    area="results",
    quote='gpt-image-2 official/edits pages: output_format "Output format: `png` / `jpeg`", '
    '"`png` — default"; flux-kontext page: response_format "Output image format. Options: `png`, '
    '`jpg`"; official Gemini pages: mimeType "Output image format. Options: `image/png`, '
    '`image/jpeg`, `image/webp`"',
)
REFERENCE_FORMATS = declare(
    "validation-accepts-reference-formats",
    title="A reference image in any format the page lists is accepted, and its task completes.",
    promise="For a model whose page lists the reference image formats it supports "
    "(`x-reference-formats`), a create request whose reference is an upload of the server's own "
    "in each listed format other than PNG (JPEG, and WebP where listed) is accepted (200) and its "
    "task completes. PNG references are judged by uploads-url-usable-for-generation; formats the "
    "page does not list (GIF, D-13) are not asked.",
    source="the `x-reference-formats` of each model's reference field",
    area="validation",
    quote='gpt-4o, Grok and Gemini pages: "Supported formats: jpeg, jpg, png, webp"; Seedream '
    'pages: "Image formats: jpeg, png"; gpt-image-2 editing page: "PNG / JPG, max 50MB each"',
)

# The media type of each format Pillow names (where not ``image/<name in lower case>``).
_MEDIA_TYPES = {"JPEG": "image/jpeg", "MPO": "image/jpeg"}


def media_type_of(pillow_format: str) -> str:
    """The media type of a file Pillow read as ``pillow_format`` ("JPEG" -> image/jpeg)."""
    return _MEDIA_TYPES.get(pillow_format, f"image/{pillow_format.lower()}")


def asked_format(model: str, body: dict[str, Any]) -> tuple[str, str, bool] | None:
    """``(value, media type, defaulted)`` a create body asks of its result files, or ``None``."""
    found = result_format(model)
    return found.asked(body) if found is not None else None


def judge_result_format(
    rec: Recorder,
    model: str,
    body: dict[str, Any],
    final: Exchange,
    url: str,
    fetched: Exchange,
) -> None:
    """``fetched``: the GET of ``url``, a result URL of the completed task ``final`` shows, for a
    task created with ``body``. A download that failed or does not decode is
    results-images-match-request's to report."""
    found = result_format(model)
    asked = found.asked(body) if found is not None else None
    if found is None or asked is None:
        return
    if fetched.response is None or fetched.response.status != 200:
        return
    try:
        fmt, _, _ = decode_displayed(fetched.response.body)
    except Exception:  # undecodable: results-images-match-request reports it
        return
    value, wanted, defaulted = asked
    served = media_type_of(fmt)
    if served == wanted:
        rec.ok(RESULT_FORMAT)
        return
    how = f"left out {found.field} (default {value!r})" if defaulted else f"asked {found.field}"
    how += "" if defaulted else f" {value!r}"
    broken = evidence(
        f"a {model} request that {how} gave {url}: a {fmt} file ({served}), served as "
        f"{fetched.response.headers.get('content-type', 'no Content-Type')}",
        f"a file of type {wanted}",
        final,
        fetched,
    )
    if defaulted and found.default_decision is not None:
        rec.warn(RESULT_FORMAT, broken, found.default_decision)
    else:
        rec.fail(RESULT_FORMAT, broken)


def judge_reference_format(
    rec: Recorder,
    model: str,
    media_type: str,
    upload: Exchange,
    create: Exchange,
    final: Exchange | None,
) -> None:
    """``create``: a create request for ``model`` whose reference is the upload ``upload`` (a
    ``media_type`` file); ``final``: the poll that showed its task final, or ``None`` when it
    was not seen final (then only the create is judged). A format the page does not list is
    not judged."""
    listed = reference_formats(model)
    if listed is None or media_type not in listed[1]:
        return
    field, formats = listed
    expected = (
        f"a reference of type {media_type} in {field} accepted (200) and its task "
        f"completed: the page lists {', '.join(formats)}"
    )
    response = create.response
    if response is None or response.status != 200:
        rec.fail(
            REFERENCE_FORMATS,
            evidence(
                f"a {model} request with an uploaded {media_type} reference was refused: "
                f"{body_text(create, 200)}",
                expected,
                upload,
                create,
            ),
        )
        return
    if final is None:
        return
    task = final.json()
    status = task.get("status") if isinstance(task, dict) else None
    rec.expect(
        REFERENCE_FORMATS,
        status == "completed",
        functools.partial(
            evidence,
            f"a {model} task with an uploaded {media_type} reference ended {status!r}: "
            f"{body_text(final, 200)}",
            expected,
            upload,
            create,
            final,
        ),
    )


ITEM_FORMAT = declare(
    "results-item-format-matches-file",
    title="A result item's `output_format` names the format of the file its URL serves.",
    promise="Where a completed task's `result.data[]` item carries `output_format` (an optional "
    "extra item field), the file its `url` serves decodes as that format (`jpg` and `jpeg` are "
    "one format; a media type such as `image/png` names its format too).",
    source="result.data[].output_format (the seedream-5.0-pro page; the status page's extra item "
    "fields)",
    area="results",
    quote='seedream-5.0-pro page: result.data[].output_format "File format of this result item. '
    'The base image can use the requested format; transparent independent layers use png."',
)

# The extra item field the seedream-5.0-pro page documents (the contract's ResultImage leaves
# extra item fields open, D-10, and so does not name it).
ITEM_FORMAT_FIELD = "output_format"


def _format_name(label: str) -> str:
    """``png``, ``jpeg``, ``webp``... from a label (``jpg``, ``JPEG``, ``image/jpeg``)."""
    name = label.strip().lower().removeprefix("image/")
    return "jpeg" if name == "jpg" else name


def judge_item_formats(
    rec: Recorder, final: Exchange, task: dict[str, Any], fetched: dict[str, Exchange]
) -> bool:
    """``task``: the JSON of a completed task (from ``final``); ``fetched``: downloads of its
    result URLs, by URL. Whether any item carried ``output_format``. Failed downloads and files
    that do not decode are results-images-match-request's to report."""
    result = task.get("result")
    data = result.get("data") if isinstance(result, dict) else None
    carried = False
    for item in data if isinstance(data, list) else []:
        label = item.get(ITEM_FORMAT_FIELD) if isinstance(item, dict) else None
        url = item.get("url") if isinstance(item, dict) else None
        if not isinstance(label, str) or not isinstance(url, str):
            continue
        carried = True
        download = fetched.get(url)
        if download is None or download.response is None or download.response.status != 200:
            continue
        try:
            fmt, _, _ = decode_displayed(download.response.body)
        except Exception:  # undecodable: results-images-match-request reports it
            continue
        rec.expect(
            ITEM_FORMAT,
            _format_name(fmt) == _format_name(label),
            functools.partial(
                evidence,
                f"task {task.get('id')}: the item says {ITEM_FORMAT_FIELD} {label!r}; its URL "
                f"{url} serves a {fmt} file",
                f"a {_format_name(label).upper()} file at {url}",
                final,
                download,
            ),
        )
    return carried


def not_run_on_the_default_mock(models: tuple[str, ...] | None = None) -> frozenset[str]:
    """The checks of this module a run of ``models`` (default: the suite's default models)
    against the mock with no variant leaves not run, for want of a case: no model's request names
    a result format, and that mock's result items carry no ``output_format`` (the
    ``result-item-extras`` variant's do)."""
    if models is None:
        models = Settings(base_url="", token=None).models
    found = {ITEM_FORMAT}
    if all(result_format(model) is None for model in models):
        found.add(RESULT_FORMAT)
    return frozenset(found)
