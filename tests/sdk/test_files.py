"""Uploads and downloads: URLs back, images saved under safe names only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from mock_server import RunningServer
from tests.sdk.sdk_testkit import fake_server, make_client, png_bytes, task_body
from toapis import ConfigurationError, TaskFailedError


def test_upload_a_path_then_generate_from_it_and_download_every_image(
    mock_server: RunningServer, tmp_path: Path
) -> None:
    reference = tmp_path / "ref.png"
    reference.write_bytes(png_bytes(16, 16))
    with make_client(mock_server.base_url) as client:
        url = client.upload(reference)
        task = client.generate_and_wait("castle", size="3:2", n=4, image_urls=[url])
        paths = client.download(task, tmp_path / "out")

    assert [p.name for p in paths] == [f"{task.id}_{i}.png" for i in range(4)]
    for path in paths:
        with Image.open(path) as image:
            assert image.format == "PNG"
    assert not list((tmp_path / "out").glob(".toapis-*")), "temporary files left behind"


def test_download_never_leaves_the_directory(tmp_path: Path) -> None:
    evil_id = "../../../etc/passwd"
    urls = [
        "http://files.test/..%2F..%2Fescape.png",
        "http://files.test/a/../../b/c.sh",
    ]

    def handler(request: httpx.Request) -> tuple[int, Any, dict[str, str]]:
        if request.url.host == "files.test":
            return 200, b"\x89PNG data", {"content-type": "image/png"}
        result = {"type": "image", "data": [{"url": u} for u in urls]}
        return 200, task_body(evil_id, "completed", 100, result=result), {}

    target = tmp_path / "out"
    with make_client("http://api.test", transport=fake_server(handler)) as client:
        paths = client.download(evil_id, target)
    assert len(paths) == 2
    assert {p.parent.resolve() for p in paths} == {target.resolve()}
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        "etc_passwd_0.png",
        "etc_passwd_1.png",
    ]


def test_the_key_is_not_sent_to_result_urls(tmp_path: Path) -> None:
    seen: dict[str, str | None] = {}

    def handler(request: httpx.Request) -> tuple[int, Any, dict[str, str]]:
        seen[request.url.host] = request.headers.get("authorization")
        if request.url.host == "files.test":
            return 200, b"GIF89a", {"content-type": "image/gif"}
        result = {"type": "image", "data": [{"url": "http://files.test/x"}]}
        return 200, task_body("t1", "completed", 100, result=result), {}

    with make_client("http://api.test", transport=fake_server(handler)) as client:
        [path] = client.download("t1", tmp_path)
    assert path.name == "t1_0.gif"
    assert seen["api.test"] is not None
    assert seen["files.test"] is None


def test_download_of_an_unfinished_or_failed_task_is_refused(
    mock_server: RunningServer, tmp_path: Path
) -> None:
    with make_client(mock_server.base_url) as client:
        queued = client.generate("castle")
        with pytest.raises(ConfigurationError, match="not completed"):
            client.download(queued, tmp_path)
        failed = client.generate("castle [[fail]]")
        with pytest.raises(TaskFailedError):
            client.download(failed.id, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_upload_of_a_missing_file_sends_nothing(tmp_path: Path) -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> tuple[int, Any]:
        calls.append(request)
        return 500, {}

    transport = fake_server(handler)
    with (
        make_client("http://api.test", transport=transport) as client,
        pytest.raises(ConfigurationError, match="cannot read image"),
    ):
        client.upload(tmp_path / "missing.png")
    assert calls == []
