"""The generated client drives a real mock server: upload -> create -> poll -> download."""

from __future__ import annotations

import io
import socket
import time
from pathlib import Path

import httpx
import pytest
from PIL import Image

from mock_server import MockConfig, run_in_thread
from mock_server.cli import main
from toapis_client import AuthenticatedClient
from toapis_client.api.images import create_image_generation, get_image_generation_task
from toapis_client.api.uploads import upload_image
from toapis_client.models import Gpt4OImageGenerationRequest, ImageUploadRequest
from toapis_client.types import File


def test_generated_client_full_flow() -> None:
    reference = io.BytesIO()
    Image.new("RGB", (96, 64), "teal").save(reference, format="PNG")
    config = MockConfig(tokens=("e2e-token",), task_duration=0.3)
    with run_in_thread(config) as server:
        api = AuthenticatedClient(base_url=server.base_url, token="e2e-token")
        uploaded = upload_image.sync_detailed(
            client=api,
            body=ImageUploadRequest(
                file=File(
                    payload=io.BytesIO(reference.getvalue()),
                    file_name="ref.png",
                    mime_type="image/png",
                )
            ),
        )
        assert uploaded.status_code == 200
        url = uploaded.parsed.data.url  # type: ignore[union-attr]
        created = create_image_generation.sync_detailed(
            client=api,
            body=Gpt4OImageGenerationRequest(
                model="gpt-4o-image", prompt="a red fox", n=2, image_urls=[url]
            ),
        )
        assert created.status_code == 200
        task_id = created.parsed.id  # type: ignore[union-attr]
        deadline = time.monotonic() + 10
        while True:
            polled = get_image_generation_task.sync_detailed(task_id, client=api)
            assert polled.status_code == 200
            task = polled.parsed
            if str(task.status) in {"completed", "failed"} or time.monotonic() > deadline:  # type: ignore[union-attr]
                break
            time.sleep(0.1)
        assert str(task.status) == "completed"  # type: ignore[union-attr]
        urls = [item.url for item in task.result.data]  # type: ignore[union-attr]
        assert len(urls) == 2
        for result_url in urls:
            image = httpx.get(result_url)
            assert image.status_code == 200
            with Image.open(io.BytesIO(image.content)) as picture:
                assert picture.size == (1024, 1024)


def test_drop_fault_closes_the_connection_without_a_response() -> None:
    with run_in_thread(MockConfig()) as server:
        host, port = server.base_url.removeprefix("http://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=5) as raw:
            raw.sendall(
                b"GET /v1/images/generations/x HTTP/1.1\r\nHost: t\r\n"
                b"Authorization: Bearer mock-token\r\nX-Mock-Fault: drop\r\n\r\n"
            )
            try:
                received = raw.recv(1024)
            except ConnectionResetError:
                received = b""
            assert received == b""
        # The server itself keeps serving.
        answer = httpx.get(
            f"{server.base_url}/v1/images/generations/x",
            headers={"Authorization": "Bearer mock-token"},
        )
        assert answer.status_code == 404


def test_list_defects_prints_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    from mock_server.defects import DEFECTS

    assert main(["--list-defects"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(DEFECTS) >= 20
    assert all(line.split()[0] in DEFECTS for line in lines)


def test_cli_rejects_unknown_defects_and_bad_faults() -> None:
    with pytest.raises(SystemExit):
        main(["--defect", "no-such-defect"])
    with pytest.raises(SystemExit):
        main(["--fault", "500=lots"])


def test_token_file_lists_one_token_per_line(tmp_path: Path) -> None:
    from mock_server.cli import _tokens, build_parser

    token_file = tmp_path / "tokens.txt"
    token_file.write_text("# staging keys\nalpha\n\n  beta  \nalpha\n", encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(["--token", "gamma", "--token-file", str(token_file)])
    assert _tokens(args, parser) == ("gamma", "alpha", "beta")
    assert _tokens(parser.parse_args([]), parser) == ("mock-token",)
