"""``toapis image --model M`` and ``Client.generate`` for every family of the contract.

The models are the contract's (the first model of each ``x-model`` family, or every model);
what each takes (its sizes, where its resolution goes, its reference field, its operation) is
read from its schema, so a model added to the contract is exercised here too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

import toapis_spec
from mock_server import MockConfig, RunningServer, create_app
from tests.sdk.sdk_testkit import TOKEN, make_client, png_bytes, task_body
from toapis import AsyncClient, ConfigurationError, FakeClock, InvalidRequestError
from toapis.cli import build_body, build_parser, main, reference_field

FAST = ["--initial-delay", "0", "--poll-interval", "0.01"]
REFERENCE = "https://example.com/castle.jpg"
# Nothing listens there: a request sent by mistake fails with a connection error (exit 1).
NOWHERE = "http://127.0.0.1:9"
MODELS = toapis_spec.models()


def first_of_each_family() -> list[toapis_spec.Model]:
    found: dict[str, toapis_spec.Model] = {}
    for info in MODELS.values():
        found.setdefault(info.family, info)
    return list(found.values())


def aliases() -> list[toapis_spec.Model]:
    """Every documented alias of the contract (DECISIONS.md D-51)."""
    return [info for info in MODELS.values() if info.alias_of is not None]


def first_with(family: str, resolution_field: str) -> toapis_spec.Model:
    return next(
        info
        for info in MODELS.values()
        if info.family == family and info.resolution_field == resolution_field
    )


def asked_ratio(info: toapis_spec.Model) -> str | None:
    """A ``size`` of the model that is an aspect ratio, preferably not square."""
    sizes = [str(v) for v in (info.field("size") or {}).get("enum", ())]
    ratios = [s for s in sizes if toapis_spec.ratio_of(s)]
    return next((r for r in ratios if r != "1:1"), ratios[0] if ratios else None)


def tiers(info: toapis_spec.Model) -> list[str]:
    assert info.resolution_field is not None
    return [str(v) for v in (info.field(info.resolution_field) or {})["enum"]]


@pytest.fixture
def api_key(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TOAPIS_API_KEY", TOKEN)
    return TOKEN


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["image", "A harbour", *argv])


# -- the command, end to end -----------------------------------------------------------------


@pytest.mark.parametrize("info", first_of_each_family(), ids=lambda i: f"{i.family}-{i.name}")
def test_image_writes_a_file_of_the_asked_ratio_for_each_family(
    mock_server: RunningServer,
    api_key: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    info: toapis_spec.Model,
) -> None:
    ratio = asked_ratio(info)
    argv = ["image", "A lighthouse at dawn", "--model", info.name, "--out", str(tmp_path / "out")]
    if ratio is not None:
        argv += ["--size", ratio]
    field = reference_field(info)
    if field is not None and field in info.schema.get("required", ()):
        local = tmp_path / "ref.png"
        local.write_bytes(png_bytes())
        argv += ["--reference", str(local)]  # uploaded first
    assert main([*argv, "--base-url", mock_server.base_url, "--quiet", *FAST]) == 0
    (path,) = [Path(line) for line in capsys.readouterr().out.splitlines()]
    with Image.open(path) as image:
        assert image.format == "PNG"
        width, height = image.size
    if ratio is not None:
        w, h = toapis_spec.ratio_of(ratio) or (1, 1)
        assert abs(width * h - height * w) <= 0.02 * height * w, (image.size, ratio)


def test_models_lists_every_model_by_family_with_its_sizes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["models"]) == 0
    lines = capsys.readouterr().out.splitlines()
    families = [line for line in lines if not line.startswith(" ")]
    assert families == list(dict.fromkeys(info.family for info in MODELS.values()))
    for info in MODELS.values():
        (line,) = [
            x for x in lines if x.startswith(f"  {info.name}:") or x.startswith(f"  {info.name} ")
        ]
        for size in (info.field("size") or {}).get("enum", ()):
            assert str(size) in line
        assert ("(alias of " in line) == (info.alias_of is not None), line
        if info.alias_of is not None:
            assert f"  {info.name} (alias of {info.alias_of}):" in line
    assert main(["models", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert list(listed) == list(MODELS)
    assert {name: entry["alias_of"] for name, entry in listed.items()} == {
        name: info.alias_of for name, info in MODELS.items()
    }


# -- the body the options assemble -----------------------------------------------------------


def test_resolution_goes_into_metadata_for_seedream_and_top_level_for_gpt_image_2() -> None:
    seedream = first_with("seedream", "metadata.resolution")
    tier = tiers(seedream)[-1]
    body = build_body(_args("--model", seedream.name, "--resolution", tier), seedream, {})
    assert body["metadata"] == {"resolution": tier}
    assert "resolution" not in body

    gpt = MODELS["gpt-image-2"]
    assert gpt.resolution_field == "resolution"
    body = build_body(_args("--model", gpt.name, "--resolution", tiers(gpt)[-1]), gpt, {})
    assert body["resolution"] == tiers(gpt)[-1]
    assert "metadata" not in body


def test_field_fills_nested_objects_with_json_values() -> None:
    seedream = first_with("seedream", "metadata.resolution")
    args = _args(
        "--model", seedream.name, "--resolution", tiers(seedream)[0],
        "--field", "metadata.watermark=false", "--field", "n=2",
        "--reference", REFERENCE,
    )  # fmt: skip
    body = build_body(args, seedream, {})
    assert body == {
        "model": seedream.name,
        "prompt": "A harbour",
        "n": 2,
        "metadata": {"resolution": tiers(seedream)[0], "watermark": False},
        "image_urls": [REFERENCE],
    }
    vidu = first_with("vidu", "metadata.resolution")
    body = build_body(_args("--model", vidu.name, "--field", "seed=42"), vidu, {})
    assert body["seed"] == 42


def test_local_references_go_into_the_models_reference_field() -> None:
    gpt = MODELS["gpt-image-2"]
    body = build_body(
        _args("--model", gpt.name, "--reference", "ref.png"), gpt, {"ref.png": REFERENCE}
    )
    assert body[str(reference_field(gpt))] == [REFERENCE]
    assert reference_field(gpt) == "reference_images"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--resolution", "9K"], "--resolution 9K:"),
        (["--field", "metadata.watermark=maybe"], "--field metadata.watermark"),
        (["--field", "metadata.no_such_option=1"], "metadata.no_such_option: not a field of"),
        (["--field", "metadata"], "--field 'metadata': expected KEY=VALUE"),
    ],
)
def test_an_invalid_body_is_refused_before_anything_is_sent(
    api_key: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    named: str,
) -> None:
    seedream = first_with("seedream", "metadata.resolution")
    local = tmp_path / "ref.png"
    local.write_bytes(png_bytes())
    code = main(["image", "A harbour", "--model", seedream.name, "--reference", str(local),
                 *argv, "--base-url", NOWHERE, "--out", str(tmp_path / "out"), *FAST])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2, err  # a sent request (or upload) would fail to connect: exit 1
    assert named in err
    assert not (tmp_path / "out").exists()


def test_an_option_the_model_does_not_take_is_refused(
    api_key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (no_tier,) = [info for info in first_of_each_family() if info.resolution_field is None][:1]
    code = main(["image", "castle", "--model", no_tier.name, "--resolution", "2K",
                 "--base-url", NOWHERE, "--out", str(tmp_path)])  # fmt: skip
    assert code == 2
    assert f"--resolution is not an option of {no_tier.name}" in capsys.readouterr().err


# -- the client ------------------------------------------------------------------------------


def _recording() -> tuple[httpx.MockTransport, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=task_body("task_img_1", "queued", 0))

    return httpx.MockTransport(handle), sent


@pytest.mark.parametrize("info", list(MODELS.values()), ids=lambda i: i.name)
def test_generate_posts_each_model_to_its_operation(info: toapis_spec.Model) -> None:
    transport, sent = _recording()
    fields: dict[str, Any] = {}
    field = reference_field(info)
    if field is not None and field in info.schema.get("required", ()):
        fields[field] = [REFERENCE]
    with make_client("http://api.test", transport=transport) as client:
        client.generate("castle", model=info.name, **fields)
    (request,) = sent
    assert (request.method, request.url.path) == (
        toapis_spec.operation(info.operation_id).method,
        info.path,
    )
    body = json.loads(request.content)
    assert body["model"] == info.name
    assert toapis_spec.body_value(body, "n") == (info.field("n") or {}).get("default")


def test_generate_passes_model_specific_fields_through() -> None:
    transport, sent = _recording()
    seedream = first_with("seedream", "metadata.resolution")
    with make_client("http://api.test", transport=transport) as client:
        client.generate(
            "castle", model=seedream.name, resolution=tiers(seedream)[0],
            metadata={"watermark": False},
        )  # fmt: skip
        client.generate("castle", model=seedream.name, metadata={"resolution": tiers(seedream)[0]})
        with pytest.raises(ConfigurationError, match="given twice"):
            client.generate(
                "castle", model=seedream.name, resolution=tiers(seedream)[0],
                metadata={"resolution": tiers(seedream)[-1]},
            )  # fmt: skip
        vidu = first_with("vidu", "metadata.resolution")
        client.generate("castle", model=vidu.name, seed=7)
    bodies = [json.loads(r.content) for r in sent]
    assert bodies[0]["metadata"] == {"resolution": tiers(seedream)[0], "watermark": False}
    assert bodies[1]["metadata"] == {"resolution": tiers(seedream)[0]}
    assert bodies[2]["seed"] == 7
    assert len(bodies) == 3


def test_a_value_outside_the_typed_choices_is_still_sent_for_the_service_to_judge(
    mock_server: RunningServer,
) -> None:
    seedream = first_with("seedream", "metadata.resolution")
    with make_client(mock_server.base_url) as client, pytest.raises(InvalidRequestError) as caught:
        client.generate("castle", model=seedream.name, resolution="9K")
    assert caught.value.status_code == 400
    assert "resolution" in str(caught.value)


@pytest.mark.parametrize(
    "info", first_of_each_family() + aliases(), ids=lambda i: f"{i.family}-{i.name}"
)
def test_the_async_client_completes_each_family_and_alias_in_process(
    info: toapis_spec.Model,
) -> None:
    fields: dict[str, Any] = {"size": asked_ratio(info)}
    field = reference_field(info)
    if field is not None and field in info.schema.get("required", ()):
        fields[field] = [REFERENCE]

    async def scenario() -> None:
        app = create_app(MockConfig(tokens=(TOKEN,), seed=0))
        async with AsyncClient(
            TOKEN, base_url="http://mock.test", clock=FakeClock(), seed=7,
            transport=httpx.ASGITransport(app=app),
        ) as client:  # fmt: skip
            done = await client.generate_and_wait("castle", model=info.name, **fields)
        assert done.status == "completed"
        assert done.raw["model"] == info.name

    asyncio.run(scenario())
