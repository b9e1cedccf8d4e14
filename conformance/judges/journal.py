"""Tasks, uploads and downloads read back out of a run's recorded exchanges.

Checks that judge "every task the run saw" (whoever sent its requests: any probe, or an
application behind the validating proxy) start from a list of exchanges in the order they
happened. This module groups them: each task with the create that made it (and the body it was
asked with) and every answer that showed it; each successful upload; each download of a URL.
Nothing here judges; the judges in this package do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from conformance.verdicts import Exchange
from toapis_spec import create_operations, operation

_STATUS_PREFIX = operation("getImageGenerationTask").path.split("{", 1)[0]
_UPLOAD_PATH = operation("uploadImage").path
_CREATE_PATHS = tuple(sorted({op.path for op in create_operations().values()}))


@dataclass
class TaskTimeline:
    """One task as the exchanges show it, in order: its create (when seen) and its polls."""

    task_id: str
    create: Exchange | None = None
    body: dict[str, Any] | None = None
    """The JSON body the task was created with, when the create was seen."""
    answers: list[tuple[Exchange, dict[str, Any]]] = field(default_factory=list)
    """Every 200 answer showing the task (the create's first), with its JSON body."""
    polls: list[Exchange] = field(default_factory=list)
    """Every poll of the task, whatever it was answered (a 500 too)."""

    @property
    def model(self) -> str | None:
        model = self.body.get("model") if self.body is not None else None
        return model if isinstance(model, str) else None

    @property
    def final(self) -> tuple[Exchange, dict[str, Any]] | None:
        """The first answer showing the task completed or failed."""
        return next(
            ((e, t) for e, t in self.answers if t.get("status") in ("completed", "failed")),
            None,
        )


def _path(exchange: Exchange) -> str:
    return urlsplit(exchange.request.url).path


def is_create(exchange: Exchange) -> bool:
    return exchange.request.method == "POST" and _path(exchange).endswith(_CREATE_PATHS)


def is_upload(exchange: Exchange) -> bool:
    return exchange.request.method == "POST" and _path(exchange).endswith(_UPLOAD_PATH)


def polled_id(exchange: Exchange) -> str | None:
    """The task id (or client_business_id) a status request asks for, else ``None``."""
    if exchange.request.method != "GET":
        return None
    path = _path(exchange)
    at = path.rfind(_STATUS_PREFIX)
    rest = path[at + len(_STATUS_PREFIX) :] if at >= 0 else ""
    return unquote(rest) if rest and "/" not in rest else None


def _task_of(exchange: Exchange) -> dict[str, Any] | None:
    if exchange.response is None or exchange.response.status != 200:
        return None
    task = exchange.json()
    return task if isinstance(task, dict) and isinstance(task.get("id"), str) else None


def task_timelines(exchanges: Iterable[Exchange]) -> list[TaskTimeline]:
    """Every task the exchanges show, in the order each was first seen."""
    found: dict[str, TaskTimeline] = {}
    for exchange in exchanges:
        if is_create(exchange):
            task = _task_of(exchange)
            if task is None:
                continue
            body = exchange.request_json()
            timeline = found.setdefault(task["id"], TaskTimeline(task["id"]))
            timeline.create = exchange
            timeline.body = body if isinstance(body, dict) else None
            timeline.answers.insert(0, (exchange, task))
            continue
        asked = polled_id(exchange)
        if asked is None:
            continue
        task = _task_of(exchange)
        key = task["id"] if task is not None else asked
        timeline = found.setdefault(key, TaskTimeline(key))
        timeline.polls.append(exchange)
        if task is not None:
            timeline.answers.append((exchange, task))
    return list(found.values())


@dataclass(frozen=True)
class SeenUpload:
    exchange: Exchange
    url: str


def uploads(exchanges: Iterable[Exchange]) -> list[SeenUpload]:
    """Every upload answered 200 with a ``data.url``."""
    seen: list[SeenUpload] = []
    for exchange in exchanges:
        if not is_upload(exchange) or exchange.response is None:
            continue
        body = exchange.json()
        data = body.get("data") if isinstance(body, dict) else None
        url = data.get("url") if isinstance(data, dict) else None
        if exchange.response.status == 200 and isinstance(url, str):
            seen.append(SeenUpload(exchange, url))
    return seen


def downloads(exchanges: Iterable[Exchange]) -> dict[str, Exchange]:
    """The last successful GET of each URL (results, uploads), by the URL asked for."""
    got: dict[str, Exchange] = {}
    for exchange in exchanges:
        response = exchange.response
        if exchange.request.method == "GET" and response is not None and response.status == 200:
            got[exchange.request.url] = exchange
    return got
