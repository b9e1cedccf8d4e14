"""How a replay matches: a multipart upload whatever its boundary, a create naming an image URL
the replay handed out, an image whose real URL (a CDN's, signed) is outside the upstream."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from conformance.cassette import Cassette, CassetteWriter
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse
from mock_server.clock import ManualClock
from mock_server.replay import replay_in_thread

UPSTREAM = "http://127.0.0.1:4010/api"  # a gateway with a path prefix
CDN_URL = "https://cdn.example/uploads/a.png?sig=0123"  # never fetched: a string in a body
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(200))


def _multipart(boundary: str) -> bytes:
    return (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + PNG
        + f"\r\n--{boundary}--\r\n".encode()
    )


def _record(directory: Path) -> None:
    uploaded = {"success": True, "data": {"url": CDN_URL, "mime_type": "image/png"}}
    create = {"model": "gpt-4o-image", "prompt": "edit", "image_urls": [CDN_URL]}
    task = {"id": "task_9", "status": "queued", "progress": 0}
    exchanges = [
        (
            "/v1/uploads/images",
            {"Content-Type": "multipart/form-data; boundary=recorded-boundary-1"},
            _multipart("recorded-boundary-1"),
            uploaded,
        ),
        (
            "/v1/images/generations",
            {"Content-Type": "application/json"},
            json.dumps(create).encode(),
            task,
        ),
    ]
    with CassetteWriter(directory, UPSTREAM) as writer:
        for number, (path, headers, body, answer) in enumerate(exchanges):
            writer.record(
                Exchange(
                    RecordedRequest(
                        "POST", UPSTREAM + path, {"Authorization": "Bearer k", **headers}, body
                    ),
                    RecordedResponse(
                        200, {"content-type": "application/json"}, json.dumps(answer).encode(), 0.01
                    ),
                ),
                started=100.0 + number,
            )
        writer.record_blob(CDN_URL, PNG, "image/png")


def test_an_upload_then_a_create_naming_its_url(tmp_path: Path) -> None:
    _record(tmp_path / "c")
    cassette = Cassette.load(tmp_path / "c")
    assert cassette.exchanges[0].path == "/v1/uploads/images"  # relative to the gateway's path
    with (
        replay_in_thread(cassette, ManualClock(0.0)) as running,
        httpx.Client(base_url=running.base_url) as client,
    ):
        token = {"Authorization": "Bearer another-key"}
        upload = client.post(
            "/v1/uploads/images",
            content=_multipart("a-different-boundary"),
            headers={**token, "Content-Type": "multipart/form-data; boundary=a-different-boundary"},
        )
        assert upload.status_code == 200, upload.text
        url = upload.json()["data"]["url"]
        assert url.startswith(f"{running.base_url}/blobs/")
        image = client.get(url)
        assert (image.status_code, image.content) == (200, PNG)
        created = client.post(
            "/v1/images/generations",
            content=json.dumps(
                {"model": "gpt-4o-image", "prompt": "edit", "image_urls": [url]}
            ).encode(),
            headers={**token, "Content-Type": "application/json"},
        )
        assert created.status_code == 200, created.text
        assert created.json()["id"] == "task_9"
