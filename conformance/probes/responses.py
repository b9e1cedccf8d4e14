"""Probes of what responses promise, judged over every task and upload the run saw.

They run after the other probes (``conformance.runner``: with the run's last probes, before the
one that moves the server's clock a day forward), read the run's journal for the tasks and
uploads earlier probes made, and judge each with the judges of ``conformance.judges``. A task is
created only when the run saw none that a check can judge for a selected model (a check selected
alone, ``--only``): the cost each probe declares is that worst case.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from conformance.contract import Limits, limits
from conformance.images import decode_displayed, image_bytes
from conformance.judges.echo import (
    DEFAULTS_APPLIED,
    MODEL_ECHO,
    judge_default_count,
    judge_default_size,
    judge_model_echo,
    omitted_defaults,
    references_of,
)
from conformance.judges.failed import FAILED_HAS_ERROR, asked_to_fail, judge_failed_tasks
from conformance.judges.journal import TaskTimeline, downloads, task_timelines, uploads
from conformance.judges.task import result_urls
from conformance.judges.timestamps import TIMESTAMPS_ORDERED, judge_timestamps
from conformance.judges.urls import (
    TOP_LEVEL_URL_SERVES_IMAGE,
    UPLOAD_URL_SERVES_UPLOAD,
    judge_top_level_url,
    judge_upload_url,
)
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

# Tasks judged per model where each costs downloads (results, top-level URLs): a few say enough.
TASKS_PER_MODEL = 3
# The reference image the size-default probe uploads: 3:2, no model's default ratio.
REFERENCE_SIZE = (96, 64)
# The image the upload probe sends: an odd size no server would serve by chance.
UPLOAD_SIZE = (61, 37)


def _timelines(ctx: Context) -> list[TaskTimeline]:
    return task_timelines(ctx.journal.snapshot())


def _completed(timeline: TaskTimeline) -> bool:
    final = timeline.final
    return final is not None and final[1].get("status") == "completed"


def _of_model(timelines: list[TaskTimeline], model: str) -> list[TaskTimeline]:
    return [t for t in timelines if t.model == model]


def _make_task(ctx: Context, rec: Recorder, check: str, body: dict[str, Any]) -> bool:
    """Create a task with ``body`` and follow it until final (its exchanges go to the run's
    journal, where the judging reads them). False, with the check not run, if refused."""
    task_id = created_task_id(rec, check, ctx.client.create(body))
    if task_id is None:
        return False
    poll_until_final(ctx, ctx.client, task_id)
    return True


def _seen_or_made(
    ctx: Context,
    rec: Recorder,
    check: str,
    model: str,
    wanted: Callable[[TaskTimeline], bool],
    body: Callable[[], dict[str, Any]],
) -> list[TaskTimeline]:
    """The run's tasks of ``model`` that ``wanted`` picks; when there is none, one made with
    ``body()`` (and followed until final)."""
    found = [t for t in _of_model(_timelines(ctx), model) if wanted(t)]
    if found or not _make_task(ctx, rec, check, body()):
        return found
    return [t for t in _of_model(_timelines(ctx), model) if wanted(t)]


def _download(ctx: Context, seen: dict[str, Exchange], url: str) -> Exchange:
    """The run's download of ``url`` if it made one, else a fresh GET."""
    earlier = seen.get(url)
    return earlier if earlier is not None else ctx.client.fetch(url)


def _minimal_cost(settings: Settings) -> int:
    """One task per selected model, asked with the defaults."""
    return sum(limits(model).n_default for model in settings.models)


# -- echo-model-matches-request ------------------------------------------------------------


def run_echo(ctx: Context, rec: Recorder) -> None:
    for model in ctx.settings.models:
        mctx = ctx.for_model(model)
        for timeline in _seen_or_made(
            mctx, rec, MODEL_ECHO, model, lambda t: t.body is not None, mctx.valid_body
        ):
            assert timeline.body is not None
            judge_model_echo(rec, timeline.body, timeline.answers)
            rec.judged_model(MODEL_ECHO, model)


# -- results-defaults-applied ------------------------------------------------------------------


def _reference_size(
    ctx: Context, body: dict[str, Any], seen: dict[str, Exchange]
) -> tuple[int, int] | None:
    """The displayed size of the first reference image of ``body`` when it is one of the
    server's own uploads (no other URL is fetched: only the server under test is asked)."""
    firsts = references_of(body, ctx.limits)[:1]
    if not firsts or firsts[0] not in {u.url for u in uploads(ctx.journal.snapshot())}:
        return None
    fetched = _download(ctx, seen, firsts[0])
    if fetched.response is None or fetched.response.status != 200:
        return None
    try:
        _, width, height = decode_displayed(fetched.response.body)
    except Exception:  # not an image: the upload checks report it
        return None
    return (width, height)


def _judge_defaults(
    ctx: Context, rec: Recorder, timeline: TaskTimeline, seen: dict[str, Exchange]
) -> None:
    lim, body, final = ctx.limits, timeline.body or {}, timeline.final
    if timeline.create is None or final is None:
        return
    rec.judged_model(DEFAULTS_APPLIED, timeline.model)
    judge_default_count(rec, lim, body, timeline.create, final[0])
    if not any(d.field == "size" for d in omitted_defaults(lim, body)):
        return
    images = [(url, _download(ctx, seen, url)) for url in result_urls(final[1])]
    judge_default_size(rec, lim, body, final[0], images, _reference_size(ctx, body, seen))


def _omits(lim: Limits, timeline: TaskTimeline, with_references: bool) -> bool:
    """A completed task whose request left out a field with a default (and had reference
    images, or none, as asked)."""
    body = timeline.body
    return (
        body is not None
        and _completed(timeline)
        and bool(omitted_defaults(lim, body))
        and bool(references_of(body, lim)) == with_references
    )


def _with_reference(ctx: Context, rec: Recorder) -> dict[str, Any] | None:
    """A body naming no size, with one reference image of the server's own (an upload of a
    known shape), for a model whose size default differs with references."""
    lim = ctx.limits
    if lim.reference_field is None:
        return None
    uploaded = uploaded_url(ctx.client.upload(image_bytes("PNG", REFERENCE_SIZE)))
    if uploaded is None:
        rec.not_run(DEFAULTS_APPLIED, "the reference image could not be uploaded")
        return None
    return ctx.valid_body(**{lim.reference_field: [uploaded]})


def run_defaults(ctx: Context, rec: Recorder) -> None:
    seen = downloads(ctx.journal.snapshot())
    for model in ctx.settings.models:
        mctx = ctx.for_model(model)
        lim = mctx.limits
        if not omitted_defaults(lim, {"model": model}):
            rec.not_run(DEFAULTS_APPLIED, f"{model}: the contract gives no default of n or size")
            continue
        without = functools.partial(_omits, lim, with_references=False)
        plain = _seen_or_made(mctx, rec, DEFAULTS_APPLIED, model, without, mctx.valid_body)
        for timeline in plain[:TASKS_PER_MODEL]:
            _judge_defaults(mctx, rec, timeline, seen)
        size = models_size(model)
        if size is None or "x-default-with-references" not in size:
            continue
        mine = [t for t in _of_model(_timelines(mctx), model) if _omits(lim, t, True)]
        if not mine:
            body = _with_reference(mctx, rec)
            if body is not None and _make_task(mctx, rec, DEFAULTS_APPLIED, body):
                mine = [t for t in _of_model(_timelines(mctx), model) if _omits(lim, t, True)]
        for timeline in mine[:TASKS_PER_MODEL]:
            _judge_defaults(mctx, rec, timeline, seen)


def models_size(model: str) -> dict[str, Any] | None:
    from toapis_spec import models

    size = models()[model].properties.get("size")
    return dict(size) if isinstance(size, dict) else None


def _defaults_cost(settings: Settings) -> int:
    extra = 0
    for model in settings.models:
        size = models_size(model)
        if size is not None and "x-default-with-references" in size:
            extra += limits(model).n_default
    return _minimal_cost(settings) + extra


# -- results-top-level-url-serves-image ------------------------------------------------------


def run_top_level_url(ctx: Context, rec: Recorder) -> None:
    seen = downloads(ctx.journal.snapshot())
    for model in ctx.settings.models:
        mctx = ctx.for_model(model)
        completed = _seen_or_made(
            mctx, rec, TOP_LEVEL_URL_SERVES_IMAGE, model, _completed, mctx.valid_body
        )
        carrying = [
            t for t in completed if t.final is not None and isinstance(t.final[1].get("url"), str)
        ]
        if completed and not carrying:
            rec.not_run(
                TOP_LEVEL_URL_SERVES_IMAGE,
                "no completed task carried the top-level url, which is optional (D-03)",
            )
        for timeline in carrying[:TASKS_PER_MODEL]:
            assert timeline.final is not None
            final, task = timeline.final
            url = str(task["url"])
            fetched = _download(ctx, seen, url)
            judge_top_level_url(rec, mctx.limits, timeline.body, final, url, fetched)
            rec.judged_model(TOP_LEVEL_URL_SERVES_IMAGE, model)


# -- lifecycle-timestamps-ordered --------------------------------------------------------------


def run_timestamps(ctx: Context, rec: Recorder) -> None:
    for model in ctx.settings.models:
        mctx = ctx.for_model(model)
        _seen_or_made(mctx, rec, TIMESTAMPS_ORDERED, model, _completed, mctx.valid_body)
    # Every task the run saw, of any model and state: the promise holds for each.
    for timeline in _timelines(ctx):
        judge_timestamps(rec, timeline.answers)
        if timeline.answers:
            rec.judged_model(TIMESTAMPS_ORDERED, timeline.model)


# -- lifecycle-failed-has-error ----------------------------------------------------------------


def run_failed(ctx: Context, rec: Recorder) -> None:
    prompt = ctx.settings.failing_prompt
    if prompt is not None:
        for model in ctx.settings.models:
            mctx = ctx.for_model(model)
            if not any(asked_to_fail(t, prompt) for t in _of_model(_timelines(ctx), model)):
                body = mctx.valid_body(prompt=f"A storm over the sea {prompt}")
                _make_task(mctx, rec, FAILED_HAS_ERROR, body)
    judged = judge_failed_tasks(rec, _timelines(ctx), prompt)
    for timeline in _timelines(ctx):  # the models of the tasks it judged (as it picks them)
        refused = any(
            p.response is None or p.response.status not in (200, 429) for p in timeline.polls
        )
        if (asked_to_fail(timeline, prompt) and refused) or any(
            t.get("status") == "failed" for _, t in timeline.answers
        ):
            rec.judged_model(FAILED_HAS_ERROR, timeline.model)
    if prompt is None:
        if judged:
            rec.note(
                f"{FAILED_HAS_ERROR}: no way to make a task fail was given (--failing-prompt); "
                f"judged the {judged} failed task(s) the run saw"
            )
        rec.not_run(
            FAILED_HAS_ERROR,
            "no way to make a task fail was given (--failing-prompt), and no task the run saw "
            "failed",
        )
    else:
        rec.not_run(
            FAILED_HAS_ERROR,
            f"no task ended failed, not even one whose prompt held {prompt!r}",
        )


def _failed_cost(settings: Settings) -> int:
    return len(settings.models) if settings.failing_prompt is not None else 0


# -- uploads-url-serves-upload -----------------------------------------------------------------


def run_upload_urls(ctx: Context, rec: Recorder) -> None:
    upload = ctx.client.upload(image_bytes("PNG", UPLOAD_SIZE), filename="conformance.png")
    url = uploaded_url(upload)
    if url is None:
        rec.not_run(
            UPLOAD_URL_SERVES_UPLOAD, f"a PNG upload was not accepted: {body_text(upload, 120)}"
        )
    else:
        judge_upload_url(rec, upload, url, ctx.client.fetch(url), UPLOAD_SIZE)
    # The run's other uploads: what was sent is not kept, so only a decodable image is asked.
    seen = downloads(ctx.journal.snapshot())
    others = [u for u in uploads(ctx.journal.snapshot()) if u.url != url]
    for other in others[: TASKS_PER_MODEL * 2]:
        judge_upload_url(rec, other.exchange, other.url, _download(ctx, seen, other.url), None)


PROBES = (
    Probe("defaults", (DEFAULTS_APPLIED,), run_defaults, _defaults_cost, uploads=True),
    Probe("model-echo", (MODEL_ECHO,), run_echo, _minimal_cost),
    Probe("top-level-url", (TOP_LEVEL_URL_SERVES_IMAGE,), run_top_level_url, _minimal_cost),
    Probe("timestamps", (TIMESTAMPS_ORDERED,), run_timestamps, _minimal_cost),
    Probe("failed-tasks", (FAILED_HAS_ERROR,), run_failed, _failed_cost),
    Probe("upload-urls", (UPLOAD_URL_SERVES_UPLOAD,), run_upload_urls, uploads=True),
)
