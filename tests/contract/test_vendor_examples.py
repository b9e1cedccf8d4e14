"""Every request example on the vendor's image pages is a valid request of the contract, and the
mock completes it with the images it asks for.

The oracle is ``vendor_examples.json``: the examples as the pages of ``toapis/docs`` show them,
extracted by ``scripts/extract_vendor_examples`` (one entry per cURL example, plus each Python or
JavaScript example whose body differs from every cURL body of its page). Nothing here restates
the contract: operations, model schemas, ``n`` defaults and the status path are read through
``toapis_spec``.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from PIL import Image, ImageOps

import toapis_spec
from conformance.probes import results
from tests.mock_server.helpers import AUTH_A, InProcessClient, client

FIXTURE = Path(__file__).with_name("vendor_examples.json")
DOCUMENT: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
EXAMPLES: list[dict[str, Any]] = DOCUMENT["examples"]
PAGES: list[str] = DOCUMENT["source"]["pages"]
# What the vendor repository held when the fixture was extracted (the brief's measurement).
IMAGE_PAGES = 21
CURL_EXAMPLES = 46
MODELS = 22
STATUS = "getImageGenerationTask"
# A size of the form W:H is an aspect ratio; anything else (auto, match_input_image, 1K, 2K...)
# only promises an image.
RATIO = re.compile(r"(?P<width>[1-9]\d*):(?P<height>[1-9]\d*)")
RATIO_TOLERANCE = results.RATIO_TOLERANCE
# Step-per-poll tasks are final after five polls (queued, 25, 50, 75, final).
MAX_POLLS = 20


def _id(example: dict[str, Any]) -> str:
    return f"{example['page']} [{example['title']}]"


def _model(example: dict[str, Any]) -> str | None:
    body = example["body"]
    return body.get("model") if isinstance(body, dict) else None


# -- the fixture ---------------------------------------------------------------------------------


def test_every_image_page_is_represented() -> None:
    assert len(PAGES) == len(set(PAGES)) == IMAGE_PAGES
    assert all(page.startswith("images/") and page.endswith(".mdx") for page in PAGES)
    assert {example["page"] for example in EXAMPLES} == set(PAGES)


def test_every_curl_example_and_model_is_there() -> None:
    assert DOCUMENT["source"]["repository"] == "toapis/docs"
    assert re.fullmatch(r"[0-9a-f]{40}", DOCUMENT["source"]["commit"])
    curls = [example for example in EXAMPLES if example["language"] == "bash"]
    assert len(curls) == CURL_EXAMPLES
    assert len({_model(example) for example in curls} - {None}) == MODELS
    assert len({_id(example) for example in EXAMPLES}) == len(EXAMPLES), "ids must be unique"


def test_other_languages_add_only_bodies_no_curl_of_the_page_sends() -> None:
    curl_bodies: dict[str, list[Any]] = {}
    for example in EXAMPLES:
        if example["language"] == "bash":
            curl_bodies.setdefault(example["page"], []).append(_canonical(example))
    extras = [example for example in EXAMPLES if example["language"] != "bash"]
    for example in extras:
        assert _canonical(example) not in curl_bodies[example["page"]], _id(example)
    assert len({(e["page"], _canonical(e)) for e in extras}) == len(extras)


def _canonical(example: dict[str, Any]) -> str:
    return json.dumps([example["method"], example["path"], example["body"]], sort_keys=True)


# -- the contract --------------------------------------------------------------------------------


def _operation(example: dict[str, Any]) -> toapis_spec.Operation:
    for op in toapis_spec.operations(view="client").values():
        if op.method == example["method"] and op.path == example["path"]:
            return op
    pytest.fail(f"the contract has no operation {example['method']} {example['path']}")


def _member(op: toapis_spec.Operation, model: str) -> dict[str, Any]:
    """The request schema of ``model`` within ``op``'s body (its discriminator's mapping)."""
    schema = op.request_schema()
    mapping = schema.get("discriminator", {}).get("mapping")
    if mapping is None:
        return schema
    if model not in mapping:
        pytest.fail(
            f"{op.operation_id} has no request schema for model {model!r} "
            f"(it maps {', '.join(sorted(mapping))})"
        )
    member: dict[str, Any] = toapis_spec.inline_refs({"$ref": mapping[model]}, toapis_spec.load())
    return member


def _errors(schema: dict[str, Any], body: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    found = sorted(validator.iter_errors(body), key=lambda error: list(error.path))
    return [f"{'/'.join(map(str, e.path)) or '(body)'}: {e.message}" for e in found]


def _body(example: dict[str, Any]) -> dict[str, Any]:
    body = example["body"]
    if not isinstance(body, dict):
        pytest.fail(f"the page shows no usable JSON body: {example.get('note')}")
    return body


@pytest.mark.parametrize("example", EXAMPLES, ids=_id)
def test_the_example_is_a_valid_request_of_the_contract(example: dict[str, Any]) -> None:
    body = _body(example)
    op = _operation(example)
    member_errors = _errors(_member(op, str(body.get("model"))), body)
    assert not member_errors, f"{op.operation_id} refuses it:\n" + "\n".join(member_errors)
    # The member passing is not enough: the whole body schema (oneOf) must take it too.
    assert not _errors(op.request_schema(), body), f"{op.operation_id} refuses it"


# -- the mock ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mock() -> Iterator[InProcessClient]:
    with client(step_per_poll=True, seed=0) as (http, _clock):
        yield http


def _expected_count(op: toapis_spec.Operation, body: dict[str, Any]) -> int:
    if "n" in body:
        return int(body["n"])
    n_schema = _member(op, str(body["model"])).get("properties", {}).get("n", {})
    # A model whose schema has no `n` makes one image per request.
    return int(n_schema.get("default", 1))


def _poll(http: InProcessClient, task_id: str) -> dict[str, Any]:
    status_path = toapis_spec.operation(STATUS).path.replace("{task_id}", task_id)
    task: dict[str, Any] = {}
    for _ in range(MAX_POLLS):
        answer = http.get(status_path, headers=AUTH_A)
        assert answer.status_code == 200, answer.text
        task = answer.json()
        if task["status"] in {"completed", "failed"}:
            break
    assert task.get("status") == "completed", f"the task did not complete: {task}"
    return task


@pytest.mark.parametrize("example", EXAMPLES, ids=_id)
def test_the_mock_completes_the_example_with_the_images_it_asks_for(
    mock: InProcessClient, example: dict[str, Any]
) -> None:
    body = _body(example)
    op = _operation(example)
    created = mock.request(example["method"], example["path"], json=body, headers=AUTH_A)
    assert created.status_code == 200, f"the mock refuses it: {created.status_code} {created.text}"
    task = _poll(mock, created.json()["id"])
    urls = [item["url"] for item in task["result"]["data"]]
    expected = _expected_count(op, body)
    assert len(urls) == expected, f"{len(urls)} images for n={expected}"
    ratio = RATIO.fullmatch(str(body.get("size", "")))
    for url in urls:
        download = mock.get(url)
        assert download.status_code == 200, f"{url}: {download.status_code}"
        with Image.open(io.BytesIO(download.content)) as raw:
            image = ImageOps.exif_transpose(raw)
            image.load()
            width, height = image.size
        if ratio is not None:
            asked = int(ratio["width"]) / int(ratio["height"])
            got = width / height
            assert abs(got / asked - 1) <= RATIO_TOLERANCE, (
                f"{url}: {width}x{height} is not {body['size']}"
            )
