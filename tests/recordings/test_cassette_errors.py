"""A cassette that cannot be read is one clear line (exit 2 from ``toapis-mock --replay``), and
a replay answers what the cassette does not hold with the documented envelopes, never a 500."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest

from conformance.cassette import BLOBS, INDEX, Cassette, CassetteError, CassetteWriter
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse
from mock_server.cli import main
from mock_server.clock import ManualClock
from mock_server.replay import replay_in_thread

UPSTREAM = "http://127.0.0.1:4010"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def _small_cassette(directory: Path) -> Path:
    """One task (create, two polls), its result image, and a 401."""
    task = {"id": "task_1", "object": "generation.task", "model": "gpt-4o-image"}
    result_url = f"{UPSTREAM}/files/generated/task_1/0.png"
    done = {
        **task,
        "status": "completed",
        "progress": 100,
        "completed_at": 1_000_010,
        "expires_at": 1_086_410,
        "result": {"data": [{"url": result_url}]},
    }
    exchanges = [
        (
            "POST",
            "/v1/images/generations",
            b'{"model": "gpt-4o-image", "prompt": "x"}',
            200,
            {**task, "status": "queued", "progress": 0},
        ),
        (
            "GET",
            "/v1/images/generations/task_1",
            None,
            200,
            {**task, "status": "in_progress", "progress": 50},
        ),
        ("GET", "/v1/images/generations/task_1", None, 200, done),
    ]
    with CassetteWriter(directory, UPSTREAM) as writer:
        for number, (method, path, body, status, answer) in enumerate(exchanges):
            headers = {"Authorization": "Bearer sk-secret-token-1"}
            if body is not None:
                headers["Content-Type"] = "application/json"
            writer.record(
                Exchange(
                    RecordedRequest(method, UPSTREAM + path, headers, body),
                    RecordedResponse(
                        status,
                        {"content-type": "application/json"},
                        json.dumps(answer).encode(),
                        0.001,
                    ),
                ),
                started=1_000_000.0 + number,
            )
        writer.record_blob(result_url, PNG, "image/png")
    return directory


@pytest.fixture
def cassette_dir(tmp_path: Path) -> Path:
    return _small_cassette(tmp_path / "small")


def _error(directory: Path) -> str:
    with pytest.raises(CassetteError) as caught:
        Cassette.load(directory)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_missing_directory_or_index(tmp_path: Path) -> None:
    assert "not a directory" in _error(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    assert f"{INDEX} is missing" in _error(tmp_path / "empty")


def test_a_corrupt_index(cassette_dir: Path) -> None:
    index = cassette_dir / INDEX
    text = index.read_text()
    index.write_text(text[: len(text) // 2])
    assert "is not valid JSON" in _error(cassette_dir)
    index.write_text(json.dumps({"hello": "world"}))
    assert "is not a toapis cassette" in _error(cassette_dir)
    broken = json.loads(text)
    broken["exchanges"][0]["request"] = "nonsense"
    index.write_text(json.dumps(broken))
    assert "is corrupt" in _error(cassette_dir)


def test_another_version(cassette_dir: Path) -> None:
    index = cassette_dir / INDEX
    document = json.loads(index.read_text())
    document["version"] = 99
    index.write_text(json.dumps(document))
    assert "version 99" in _error(cassette_dir)


def test_a_missing_or_altered_image(cassette_dir: Path) -> None:
    blob = next((cassette_dir / BLOBS).iterdir())
    blob.write_bytes(b"something else")
    assert "do not match" in _error(cassette_dir)
    blob.unlink()
    assert "lacks the stored file" in _error(cassette_dir)


def test_the_cli_exits_2_with_one_line(
    cassette_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--replay", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("toapis-mock: --replay: no cassette at")
    assert main(["--replay", str(cassette_dir), "--speed", "0"]) == 2
    assert "--speed must be positive" in capsys.readouterr().err
    assert main(["--replay", str(cassette_dir), "--defect", "progress-regresses"]) == 2
    assert "--defect only apply to the mock" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["--speed", "10"])
    assert usage.value.code == 2
    assert "--speed needs --replay DIR" in capsys.readouterr().err


def test_what_the_cassette_does_not_hold_gets_documented_answers(cassette_dir: Path) -> None:
    cassette = Cassette.load(cassette_dir)
    clock = ManualClock(cassette.recorded_at)
    token = {"Authorization": "Bearer any-token-at-all"}
    with (
        replay_in_thread(cassette, clock) as running,
        httpx.Client(base_url=running.base_url) as client,
    ):
        created = client.post(
            "/v1/images/generations",
            content=b'{"model": "gpt-4o-image", "prompt": "x"}',
            headers={**token, "Content-Type": "application/json"},
        )
        assert created.status_code == 200
        assert created.json()["status"] == "queued"
        path = "/v1/images/generations/task_1"
        assert client.get(path, headers=token).json()["status"] == "in_progress"
        clock.advance(2.0)  # the second poll was recorded 2 s after the create
        final = client.get(path, headers=token).json()
        assert final["status"] == "completed"
        image_url = final["result"]["data"][0]["url"]
        assert image_url.startswith(running.base_url)  # served here, not by the dead upstream
        image = client.get(image_url)
        assert (image.status_code, image.content) == (200, PNG)
        assert image.headers["content-type"] == "image/png"
        clock.advance(86_400 * 2)  # past expires_at on the virtual clock
        assert client.get(image_url).status_code == 404

        unknown = client.get("/v1/images/generations/task_never_seen", headers=token)
        assert unknown.status_code == 404
        assert unknown.json()["error"]["type"] == "not_found_error"
        no_token = client.get(path)
        assert no_token.status_code == 401
        assert "error" in no_token.json()
        other = client.post(
            "/v1/images/generations",
            content=b'{"model": "gpt-4o-image", "prompt": "never recorded"}',
            headers={**token, "Content-Type": "application/json"},
        )
        assert other.status_code == 400
        assert "not in the cassette" in other.json()["error"]["message"]
        for method, url, body in [
            ("POST", "/v1/uploads/images", b"\x00\xff" * 50),
            ("DELETE", "/v1/images/generations/task_1", None),
            ("PUT", "/anything/else?x=%ff", b"{"),
            ("GET", "/blobs/" + "0" * 64 + "/" + "0" * 16, None),
            ("POST", "/v1/images/generations", b"\xff\xfe not json"),
        ]:
            answer = client.request(method, url, content=body, headers=token)
            assert answer.status_code in (400, 404), (method, url, answer.text)
            assert "not in the cassette" in answer.text


def test_a_copied_cassette_replays_the_same(cassette_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(cassette_dir, copy)
    assert Cassette.load(copy).tasks.keys() == Cassette.load(cassette_dir).tasks.keys()
