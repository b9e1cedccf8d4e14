"""Result URLs serve real images with the requested aspect ratio: the probe creates tasks of
every documented ratio, fetches their results and leaves the judging to
``conformance.judges.images``."""

from __future__ import annotations

from typing import Any

from conformance.judges.images import CHECK, RATIO_TOLERANCE, judge_result_image
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    Settings,
    created_task_id,
    poll_until_final,
)
from conformance.verdicts import Exchange

__all__ = ["CHECK", "PROBE", "RATIO_TOLERANCE"]


def _requests(ctx: Context) -> list[dict[str, Any]]:
    """A few requests covering every documented aspect ratio once (the default among them)
    and, for a model with a resolution tier, every tier (taken in turn across the sizes).

    The first body names no size, so the documented defaults apply; where the docs state no
    default (D-44) it names the contract's. Sizes that are no aspect ratio (``auto``...) are not
    asked: nothing about their shape could be judged."""
    lim = ctx.limits
    first = ctx.valid_body()
    if lim.size_default is not None and not lim.size_default_documented:
        first["size"] = lim.size_default
    bodies: list[dict[str, Any]] = [first]
    n_two = 2 if 2 in lim.n_values else lim.n_default
    others = [s for s in lim.sizes if s != lim.size_default]
    resolutions = [r for r in lim.resolutions if r != lim.resolution_default] or list(
        lim.resolutions
    )
    for index, size in enumerate(others):
        body = ctx.valid_body(size=size)
        if lim.has_n:
            body["n"] = n_two if index == 0 else 1
        if resolutions:
            tiers = (*resolutions, lim.resolution_default)
            body = lim.with_resolution(body, str(tiers[index % (len(resolutions) + 1)]))
        bodies.append(body)
    return bodies


def _model_cost(model: str) -> int:
    from conformance.contract import limits

    lim = limits(model)
    n_two = 2 if 2 in lim.n_values else lim.n_default
    others = len([s for s in lim.sizes if s != lim.size_default])
    return 1 + (n_two + others - 1 if others else 0)


def _cost(settings: Settings) -> int:
    return sum(_model_cost(model) for model in settings.models)


def _check_image(
    ctx: Context, rec: Recorder, body: dict[str, Any], task_poll: Exchange, url: str
) -> None:
    judge_result_image(rec, ctx.limits, body, task_poll, ctx.client.fetch(url), url)


def run_results(ctx: Context, rec: Recorder) -> None:
    # Every task (of every selected model) is created before any is waited for, so the waits
    # overlap: one task duration for the probe, not one per size.
    waiting: list[tuple[Context, dict[str, Any], str]] = []
    for model in ctx.settings.models:
        mctx = ctx.for_model(model)
        waiting += _create_all(mctx, rec)
    for mctx, body, task_id in waiting:
        _judge_task(mctx, rec, body, task_id)


def _create_all(ctx: Context, rec: Recorder) -> list[tuple[Context, dict[str, Any], str]]:
    waiting: list[tuple[Context, dict[str, Any], str]] = []
    for body in _requests(ctx):
        task_id = created_task_id(rec, CHECK, ctx.client.create(body))
        if task_id is not None:
            waiting.append((ctx, body, task_id))
    return waiting


def _judge_task(ctx: Context, rec: Recorder, body: dict[str, Any], task_id: str) -> None:
    polls, _ = poll_until_final(ctx, ctx.client, task_id)
    final = polls[-1].json() if polls else None
    if not isinstance(final, dict) or final.get("status") != "completed":
        rec.not_run(CHECK, "no task completed, so no result URL could be fetched")
        return
    result = final.get("result")
    data = result.get("data") if isinstance(result, dict) else None
    for item in data if isinstance(data, list) else []:
        url = item.get("url") if isinstance(item, dict) else None
        if isinstance(url, str):
            _check_image(ctx, rec, body, polls[-1], url)


PROBE = Probe("results", (CHECK,), run_results, _cost)
