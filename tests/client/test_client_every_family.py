"""The generated client produces an image with one model of each family, against the mock.

The models come from the contract (the first model of each ``x-model`` family), and the request
class from the generated package, found by the member schema's ``title`` (the generator names
classes after titles), so a model or family added to the contract is checked here too.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import attrs
import httpx
import pytest
from PIL import Image

import toapis_client.models
import toapis_spec
from mock_server import MockConfig, RunningServer, run_in_thread
from tests.client.client_testkit import TOKEN, endpoint_module
from toapis_client import AuthenticatedClient
from toapis_client.api.images import get_image_generation_task
from toapis_client.models import Task

REFERENCE = "https://example.com/castle.jpg"


def first_of_each_family() -> list[toapis_spec.Model]:
    found: dict[str, toapis_spec.Model] = {}
    for info in toapis_spec.models().values():
        found.setdefault(info.family, info)
    return list(found.values())


def asked_ratio(info: toapis_spec.Model) -> str | None:
    """A ``size`` of the model that is an aspect ratio, preferably not square."""
    ratios = [
        str(v) for v in (info.field("size") or {}).get("enum", ()) if toapis_spec.ratio_of(str(v))
    ]
    return next((r for r in ratios if r != "1:1"), ratios[0] if ratios else None)


def request_fields(info: toapis_spec.Model) -> dict[str, Any]:
    """The body of a minimal valid request: the asked ratio and what the schema requires."""
    body: dict[str, Any] = {"model": info.name, "prompt": "A lighthouse at dawn"}
    ratio = asked_ratio(info)
    if ratio is not None:
        body["size"] = ratio
    for name in info.schema.get("required", ()):
        if name not in body and (info.field(name) or {}).get("type") == "array":
            body[name] = [REFERENCE]
    return body


def assert_ratio(content: bytes, ratio: str | None) -> None:
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "PNG"
        width, height = image.size
    if ratio is not None:
        w, h = toapis_spec.ratio_of(ratio) or (1, 1)
        assert abs(width * h - height * w) <= 0.02 * height * w, (image.size, ratio)


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def request_class(info: toapis_spec.Model) -> Any:
    """The generated class named after the model's member schema title."""
    title = str(info.schema["title"])
    found = [
        getattr(toapis_client.models, name)
        for name in toapis_client.models.__all__
        if _key(name) == _key(title)
    ]
    assert found, f"the generated client has no request class for {info.name} (title {title})"
    (cls,) = found
    assert attrs.has(cls), f"{cls.__name__} is not a generated model"
    assert "model" in attrs.fields_dict(cls), f"{cls.__name__} has no `model` field"
    return cls


@pytest.fixture(scope="module")
def mock() -> Iterator[RunningServer]:
    with run_in_thread(MockConfig(tokens=(TOKEN,), seed=0), host="127.0.0.1", port=0) as server:
        yield server


@pytest.mark.parametrize("info", first_of_each_family(), ids=lambda i: f"{i.family}-{i.name}")
def test_the_typed_request_of_a_family_creates_polls_and_downloads_an_image(
    mock: RunningServer, info: toapis_spec.Model
) -> None:
    body = request_fields(info)
    typed = request_class(info).from_dict(body)
    assert typed.to_dict() == body  # the typed request sends what the contract describes
    create = endpoint_module(info.operation_id)
    with AuthenticatedClient(base_url=mock.base_url, token=TOKEN) as api:
        created = create.sync_detailed(client=api, body=typed)
        assert created.status_code == 200, created.content
        assert isinstance(created.parsed, Task)
        task: Task = created.parsed
        for _ in range(20):  # the mock finishes a task by its first status query
            if task.status in {"completed", "failed"}:
                break
            answer = get_image_generation_task.sync_detailed(task.id, client=api)
            assert isinstance(answer.parsed, Task), answer.content
            task = answer.parsed
        assert task.status == "completed", task.to_dict()
        urls = [item.url for item in task.result.data] if task.result else []
        assert urls
        with httpx.Client() as files:
            download = files.get(str(urls[0]))
    assert download.status_code == 200
    assert_ratio(download.content, asked_ratio(info))


def test_every_model_of_the_contract_has_a_typed_request() -> None:
    missing = []
    for info in toapis_spec.models().values():
        try:
            request_class(info)
        except AssertionError as problem:
            missing.append(str(problem).splitlines()[0])
    assert missing == []
