"""Probes of file formats: results in the format a request asks, references in every format a
page lists. The judging is ``conformance.judges.formats``'.

``result-formats`` runs with the run's last probes (``conformance.runner``): it judges every
completed task the run saw whose request asked a format (or left it to its default), and creates
a task only for a value of the field no task asked yet; its cost is that worst case.
``reference-formats`` uploads one small image per listed format (JPEG, WebP) and creates one task
per selected model and format with it.
"""

from __future__ import annotations

from typing import Any

from conformance.contract import limits
from conformance.images import image_bytes
from conformance.judges.formats import (
    ITEM_FORMAT,
    ITEM_FORMAT_FIELD,
    REFERENCE_FORMATS,
    RESULT_FORMAT,
    judge_item_formats,
    judge_reference_format,
    judge_result_format,
)
from conformance.judges.journal import TaskTimeline, downloads, task_timelines
from conformance.judges.task import result_urls
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    Settings,
    body_text,
    created_task_id,
    poll_until_final,
    uploaded_url,
)
from conformance.verdicts import Exchange
from toapis_spec import ResultFormat, reference_formats, result_format

# Tasks judged per model and asked value where the run made several: a few say enough.
TASKS_PER_VALUE = 2
# The image uploaded as a reference: its format is what is judged, its shape is any.
REFERENCE_SIZE = (64, 48)
# Pillow's name of each media type the suite can upload (the upload API's formats).
_PILLOW = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}
_EXTENSION = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}
# PNG references are uploads-url-usable-for-generation's (every probe's reference is a PNG).
_JUDGED_ELSEWHERE = frozenset({"image/png"})


def _set(body: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    """``body`` with ``value`` at the dotted path (nested objects copied, not shared)."""
    head, _, rest = dotted.partition(".")
    if not rest:
        return {**body, head: value}
    inner = body.get(head)
    return {**body, head: _set(dict(inner) if isinstance(inner, dict) else {}, rest, value)}


def _cases(found: ResultFormat) -> list[str | None]:
    """The values a run asks: each of the field's, and ``None`` (left out) where the field has
    a default."""
    cases: list[str | None] = list(found.formats)
    if found.default is not None:
        cases.append(None)
    return cases


def _case_of(found: ResultFormat, body: dict[str, Any]) -> tuple[str | None] | None:
    """The case a body is, ``(value,)`` (``(None,)``: left to the default), or ``None`` when
    the body asks no judged format."""
    asked = found.asked(body)
    if asked is None:
        return None
    value, _, defaulted = asked
    return (None,) if defaulted else (value,)


# -- results-format-as-requested ----------------------------------------------------------------


def _reference(ctx: Context, rec: Recorder, cache: dict[str, str | None]) -> str | None:
    """A PNG upload of the server's own, for a field that applies only beside references."""
    if "png" not in cache:
        upload = ctx.client.upload(image_bytes("PNG", REFERENCE_SIZE), filename="reference.png")
        cache["png"] = uploaded_url(upload)
        if cache["png"] is None:
            rec.not_run(RESULT_FORMAT, f"a PNG upload was not accepted: {body_text(upload, 120)}")
    return cache["png"]


def _body_for(
    ctx: Context,
    rec: Recorder,
    found: ResultFormat,
    value: str | None,
    cache: dict[str, str | None],
) -> dict[str, Any] | None:
    body = ctx.valid_body()
    if value is not None:
        body = _set(body, found.field, value)
    if found.with_any_of and not found.applies(body):
        url = _reference(ctx, rec, cache)
        if url is None:
            return None
        body[found.with_any_of[0]] = [url]
    return body


def _create(ctx: Context, rec: Recorder, check: str, body: dict[str, Any]) -> str | None:
    return created_task_id(rec, check, ctx.client.create(body))


def _judge_timeline(
    ctx: Context, rec: Recorder, model: str, timeline: TaskTimeline, seen: dict[str, Exchange]
) -> None:
    final = timeline.final
    if timeline.body is None or final is None or final[1].get("status") != "completed":
        return
    for url in result_urls(final[1]):
        fetched = seen.get(url) or ctx.client.fetch(url)
        judge_result_format(rec, model, timeline.body, final[0], url, fetched)


def run_result_formats(ctx: Context, rec: Recorder) -> None:
    chosen = [(m, f) for m in ctx.settings.models if (f := result_format(m)) is not None]
    if not chosen:
        rec.not_run(RESULT_FORMAT, "no selected model has a request field naming the format")
        return
    cache: dict[str, str | None] = {}
    made: list[str] = []
    for model, found in chosen:
        mctx = ctx.for_model(model)
        timelines = [t for t in task_timelines(ctx.journal.snapshot()) if t.model == model]
        asked = {_case_of(found, t.body) for t in timelines if t.body is not None and t.final}
        for value in _cases(found):
            if (value,) in asked:
                continue
            body = _body_for(mctx, rec, found, value, cache)
            task_id = _create(mctx, rec, RESULT_FORMAT, body) if body is not None else None
            if task_id is not None:
                made.append(task_id)
    for task_id in made:  # created first, waited for together
        poll_until_final(ctx, ctx.client, task_id)
    snapshot = ctx.journal.snapshot()
    seen = downloads(snapshot)
    timelines = task_timelines(snapshot)
    for model, found in chosen:
        judged: dict[tuple[str | None], int] = {}
        for timeline in timelines:
            if timeline.model != model or timeline.body is None:
                continue
            case = _case_of(found, timeline.body)
            if case is None or judged.get(case, 0) >= TASKS_PER_VALUE:
                continue
            if timeline.final is None or timeline.final[1].get("status") != "completed":
                continue
            judged[case] = judged.get(case, 0) + 1
            _judge_timeline(ctx, rec, model, timeline, seen)
            rec.judged_model(RESULT_FORMAT, model)
    rec.not_run(RESULT_FORMAT, "no task that asked a result format completed")


def _result_cost(settings: Settings) -> int:
    total = 0
    for model in settings.models:
        found = result_format(model)
        if found is not None:
            total += len(_cases(found)) * limits(model).n_default
    return total


# -- results-item-format-matches-file -----------------------------------------------------------


def _completed(timeline: TaskTimeline) -> bool:
    return timeline.final is not None and timeline.final[1].get("status") == "completed"


def run_item_formats(ctx: Context, rec: Recorder) -> None:
    for model in ctx.settings.models:
        seen = [t for t in task_timelines(ctx.journal.snapshot()) if t.model == model]
        if not any(_completed(t) for t in seen):
            mctx = ctx.for_model(model)
            task_id = _create(mctx, rec, ITEM_FORMAT, mctx.valid_body())
            if task_id is not None:
                poll_until_final(mctx, ctx.client, task_id)
    snapshot = ctx.journal.snapshot()
    got = downloads(snapshot)
    judged: dict[str | None, int] = {}
    carried = False
    for timeline in task_timelines(snapshot):
        if not _completed(timeline) or judged.get(timeline.model, 0) >= TASKS_PER_VALUE:
            continue
        assert timeline.final is not None
        final, task = timeline.final
        urls = result_urls(task)
        if not any(
            isinstance(i, dict) and ITEM_FORMAT_FIELD in i
            for i in (task.get("result") or {}).get("data") or []
        ):
            continue
        judged[timeline.model] = judged.get(timeline.model, 0) + 1
        fetched = {url: got.get(url) or ctx.client.fetch(url) for url in urls}
        carried = judge_item_formats(rec, final, task, fetched) or carried
        rec.judged_model(ITEM_FORMAT, timeline.model)
    if not carried:
        rec.not_run(
            ITEM_FORMAT,
            f"no result item of a completed task carried `{ITEM_FORMAT_FIELD}` (an optional field)",
        )


def _item_cost(settings: Settings) -> int:
    """One task per selected model, made only when the run completed none of that model."""
    return sum(limits(model).n_default for model in settings.models)


# -- validation-accepts-reference-formats -------------------------------------------------------


def _asked_formats(model: str) -> tuple[str, tuple[str, ...]] | None:
    listed = reference_formats(model)
    if listed is None:
        return None
    field, formats = listed
    return field, tuple(f for f in formats if f not in _JUDGED_ELSEWHERE and f in _PILLOW)


def run_reference_formats(ctx: Context, rec: Recorder) -> None:
    uploads: dict[str, tuple[Exchange, str | None]] = {}
    waiting: list[tuple[str, str, Exchange, Exchange, str]] = []
    for model in ctx.settings.models:
        asked = _asked_formats(model)
        if asked is None or not asked[1]:
            continue
        field, formats = asked
        mctx = ctx.for_model(model)
        for media_type in formats:
            if media_type not in uploads:
                content = image_bytes(_PILLOW[media_type], REFERENCE_SIZE)
                upload = ctx.client.upload(
                    content,
                    filename=f"reference.{_EXTENSION[media_type]}",
                    content_type=media_type,
                )
                uploads[media_type] = (upload, uploaded_url(upload))
            upload, url = uploads[media_type]
            if url is None:
                rec.not_run(
                    REFERENCE_FORMATS,
                    f"a {media_type} upload was not accepted: {body_text(upload, 120)}",
                )
                continue
            body = mctx.valid_body(**{field: [url]})
            if field != mctx.limits.reference_field and mctx.limits.reference_field in body:
                del body[mctx.limits.reference_field]  # an editing model's default reference
            created = ctx.client.create(body)
            task = created.json()
            task_id = task.get("id") if isinstance(task, dict) else None
            accepted = created.response is not None and created.response.status == 200
            if not accepted or not isinstance(task_id, str):
                judge_reference_format(rec, model, media_type, upload, created, None)
                continue
            waiting.append((model, media_type, upload, created, task_id))
    if not waiting and not any(_asked_formats(m) for m in ctx.settings.models):
        rec.not_run(REFERENCE_FORMATS, "no selected model's page lists reference formats")
    for model, media_type, upload, created, task_id in waiting:
        polls, ended = poll_until_final(ctx, ctx.client, task_id)
        final = polls[-1] if ended and polls else None
        if final is None:
            rec.not_run(REFERENCE_FORMATS, f"task {task_id} was not seen final")
        judge_reference_format(rec, model, media_type, upload, created, final)


def _reference_cost(settings: Settings) -> int:
    total = 0
    for model in settings.models:
        asked = _asked_formats(model)
        if asked is not None:
            total += len(asked[1]) * limits(model).n_default
    return total


# Uploads a reference for a field that applies only beside one (gpt-image-2's editing mode).
RESULT_PROBE = Probe(
    "result-formats", (RESULT_FORMAT,), run_result_formats, _result_cost, uploads=True
)
REFERENCE_PROBE = Probe(
    "reference-formats",
    (REFERENCE_FORMATS,),
    run_reference_formats,
    _reference_cost,
    uploads=True,
)
ITEM_PROBE = Probe("result-item-formats", (ITEM_FORMAT,), run_item_formats, _item_cost)
PROBES = (REFERENCE_PROBE, RESULT_PROBE, ITEM_PROBE)

__all__ = ["ITEM_PROBE", "PROBES", "REFERENCE_PROBE", "RESULT_PROBE"]
