"""The `toapis` command end to end against a running mock, in a temporary directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from mock_server import RunningServer
from tests.sdk.sdk_testkit import TOKEN, png_bytes
from toapis.cli import main

FAST = ["--initial-delay", "0", "--poll-interval", "0.01"]


@pytest.fixture
def api_key(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TOAPIS_API_KEY", TOKEN)
    return TOKEN


def test_image_uploads_references_waits_and_saves_every_image(
    stepping_mock: RunningServer,
    api_key: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference = tmp_path / "ref.png"
    reference.write_bytes(png_bytes())
    out = tmp_path / "images"
    argv = [
        "image", "An ancient castle", "--size", "3:2", "-n", "2",
        "--image", str(reference), "--image", "https://example.com/castle.jpg",
        "--out", str(out), "--base-url", stepping_mock.base_url, *FAST,
    ]  # fmt: skip
    assert main(argv) == 0

    captured = capsys.readouterr()
    printed = [Path(line) for line in captured.out.splitlines()]
    assert sorted(printed) == sorted(out.iterdir())
    assert len(printed) == 2
    for path in printed:
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert image.width > image.height
    assert "completed" in captured.err
    assert "100%" in captured.err
    assert api_key not in captured.out + captured.err


def test_status_prints_a_task_and_its_json(
    mock_server: RunningServer, api_key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["image", "castle", "--out", str(tmp_path), "--json", "--quiet",
                 "--base-url", mock_server.base_url, *FAST]) == 0  # fmt: skip
    task_id = json.loads(capsys.readouterr().out)["task"]["id"]

    assert main(["status", task_id, "--json", "--base-url", mock_server.base_url]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["id"] == task_id
    assert body["status"] == "completed"

    assert main(["status", task_id, "--base-url", mock_server.base_url]) == 0
    assert "status:   completed" in capsys.readouterr().out


def test_a_failed_task_exits_1(
    mock_server: RunningServer, api_key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["image", "castle [[fail]]", "--out", str(tmp_path), "--base-url",
                 mock_server.base_url, *FAST])  # fmt: skip
    assert code == 1
    assert "generation_failed" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_task_exits_1(
    mock_server: RunningServer, api_key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "task_img_nope", "--base-url", mock_server.base_url]) == 1
    assert "404" in capsys.readouterr().err


def test_usage_errors_exit_2_and_send_nothing(
    mock_server: RunningServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("TOAPIS_API_KEY", raising=False)
    base = ["--base-url", mock_server.base_url, "--out", str(tmp_path)]
    assert main(["image", "castle", *base]) == 2
    assert "TOAPIS_API_KEY" in capsys.readouterr().err

    monkeypatch.setenv("TOAPIS_API_KEY", TOKEN)
    assert main(["image", "castle", "--image", str(tmp_path / "missing.png"), *base]) == 2
    assert "missing.png" in capsys.readouterr().err
    assert main(["image", "castle", "--size", "7:5", *base]) == 2  # no model allows it
    assert "--size 7:5: gpt-4o-image allows" in capsys.readouterr().err
    # A value another model allows, and an option of another model: refused before sending.
    assert main(["image", "castle", "--size", "16:9", *base]) == 2
    assert "gpt-4o-image allows" in capsys.readouterr().err
    assert main(["image", "castle", "--resolution", "2k", *base]) == 2
    assert "--resolution is not an option of gpt-4o-image" in capsys.readouterr().err
    assert main(["image", "castle", "--model", "grok-4-1-image", "--quality", "high", *base]) == 2
    assert "--quality is not an option of grok-4-1-image" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_installed_command_runs_as_a_subprocess(
    mock_server: RunningServer, tmp_path: Path
) -> None:
    env = {**os.environ, "TOAPIS_API_KEY": TOKEN}
    script = Path(sys.executable).parent / "toapis"  # the console script the wheel declares
    command = [str(script)] if script.exists() else [sys.executable, "-m", "toapis.cli"]
    result = subprocess.run(
        [*command, "image", "castle", "-n", "2", "--out", "out",
         "--base-url", mock_server.base_url, *FAST],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "out").iterdir())
    assert [str(Path("out") / f.name) for f in files] == result.stdout.split()
    assert TOKEN not in result.stdout + result.stderr


def test_image_with_gpt_image_2_saves_an_image_of_the_documented_pixels(
    stepping_mock: RunningServer,
    api_key: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference = tmp_path / "ref.png"
    reference.write_bytes(png_bytes())
    out = tmp_path / "images"
    argv = [
        "image", "A lighthouse at dawn", "--model", "gpt-image-2", "--size", "16:9",
        "--resolution", "2k", "--image", str(reference),
        "--out", str(out), "--base-url", stepping_mock.base_url, *FAST,
    ]  # fmt: skip
    assert main(argv) == 0
    (path,) = [Path(line) for line in capsys.readouterr().out.splitlines()]
    with Image.open(path) as image:
        assert image.size == (2048, 1152)
