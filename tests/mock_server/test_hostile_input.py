"""The mock under hostile input (issue 12): no 500s, bounded memory, unguessable files.

One group of tests per finding of the issue, each failing on the mock as it was reported. Every
network test talks to a loopback server of its own and is bounded in time.
"""

from __future__ import annotations

import io
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from mock_server import MockConfig, contract, run_in_thread
from mock_server.cli import EXIT_CANNOT_BIND, build_parser, main
from mock_server.state import MockState
from mock_server.tasks import task_bytes
from mock_server.uploads import Upload
from tests.mock_server.helpers import (
    AUTH_A,
    CREATE,
    TOKEN_A,
    UPLOAD,
    body,
    client,
    image_bytes,
    upload,
)

UNSUPPORTED = contract.example("uploadImage", 400, "unsupportedType")


def _json_with_nested(field: str, depth: int) -> bytes:
    nested = "[" * depth + "]" * depth
    return f'{{"model":"gpt-4o-image","prompt":"x","{field}":{nested}}}'.encode()


def _port(base_url: str) -> int:
    return int(base_url.rsplit(":", 1)[1])


# -- 1. deeply nested JSON ---------------------------------------------------------------------


@pytest.mark.parametrize("depth", [974, 1000, 1023])
@pytest.mark.parametrize("field", ["n", "size", "image_urls", "prompt"])
def test_deeply_nested_json_is_a_400_naming_the_field(field: str, depth: int) -> None:
    with client() as (http, _):
        response = http.post(
            CREATE,
            content=_json_with_nested(field, depth),
            headers={**AUTH_A, "Content-Type": "application/json"},
        )
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["param"] == field
        assert error["code"] == "invalid_request"


def test_deeply_nested_json_over_a_real_socket_is_a_400() -> None:
    with run_in_thread(MockConfig(tokens=(TOKEN_A,))) as server:
        response = httpx.post(
            f"{server.base_url}{CREATE}",
            content=_json_with_nested("n", 1000),
            headers={**AUTH_A, "Content-Type": "application/json"},
            timeout=10,
        )
        assert response.status_code == 400
        assert response.json()["error"]["param"] == "n"


# -- 2. multipart boundary over 256 characters -------------------------------------------------


@pytest.mark.parametrize("length", [257, 4000])
def test_an_overlong_multipart_boundary_is_a_400_in_the_upload_envelope(length: int) -> None:
    with client() as (http, _):
        response = http.post(
            UPLOAD,
            content=b"x",
            headers={**AUTH_A, "Content-Type": f"multipart/form-data; boundary={'B' * length}"},
        )
        assert response.status_code == 400
        assert response.json()["success"] is False
        assert "multipart" in response.json()["message"]


# -- 3. memory bounded by bytes, not by task count ---------------------------------------------


def test_a_business_id_over_the_limit_is_refused_with_the_documented_envelope() -> None:
    with client() as (http, _):
        kept = http.post(CREATE, json=body(client_business_id="b" * 128), headers=AUTH_A)
        assert kept.status_code == 200
        assert kept.json()["client_business_id"] == "b" * 128
        refused = http.post(CREATE, json=body(client_business_id="b" * 129), headers=AUTH_A)
        assert refused.status_code == 400
        error = refused.json()["error"]
        assert error["param"] == "client_business_id"
        assert "128" in error["message"]
        assert error["type"] == "invalid_request_error"
        megabyte = http.post(
            CREATE, json=body(metadata={"client_business_id": "m" * 1_000_000}), headers=AUTH_A
        )
        assert megabyte.status_code == 400
        assert megabyte.json()["error"]["param"] == "metadata"
        assert len(http.state.tasks) == 1


def test_the_task_store_is_bounded_by_bytes_and_evicts_the_oldest_finished_first() -> None:
    limit = 200_000
    with client(max_task_bytes=limit, task_duration=0.0) as (http, _):
        running = http.post(CREATE, json=body(client_business_id="r" * 128), headers=AUTH_A)
        running_id = running.json()["id"]  # never polled: it stays queued
        ids = []
        for index in range(200):
            created = http.post(
                CREATE,
                json=body(n=4, client_business_id=f"{index:03d}" + "x" * 125),
                headers=AUTH_A,
            )
            ids.append(created.json()["id"])
            assert http.get(f"{CREATE}/{ids[-1]}", headers=AUTH_A).json()["status"] == "completed"
        store = http.state.tasks
        assert store.bytes <= limit
        assert store.bytes == sum(task_bytes(task) for task in store)
        assert all(task.body is not None for task in store if task.final)  # bodies are counted
        # The oldest finished tasks went first; the running one (older still) was kept.
        assert http.get(f"{CREATE}/{ids[0]}", headers=AUTH_A).status_code == 404
        assert http.get(f"{CREATE}/{ids[-1]}", headers=AUTH_A).status_code == 200
        assert http.get(f"{CREATE}/{running_id}", headers=AUTH_A).status_code == 200
        kept = [task.id for task in store if task.id in ids]
        assert kept == ids[len(ids) - len(kept) :]


# -- 4. unguessable file URLs ------------------------------------------------------------------


def _first_ids(config: MockConfig) -> tuple[str, str]:
    state = MockState(config)
    try:
        return state.task_ids.next(), state.next_upload_id()
    finally:
        state.close()


def test_without_an_explicit_seed_ids_differ_from_run_to_run() -> None:
    runs = {_first_ids(MockConfig()) for _ in range(3)}
    assert len(runs) == 3
    assert _first_ids(MockConfig(seed=0)) not in runs


def test_an_explicit_seed_zero_included_keeps_runs_reproducible() -> None:
    assert _first_ids(MockConfig(seed=0)) == _first_ids(MockConfig(seed=0))
    assert _first_ids(MockConfig(seed=7)) == _first_ids(MockConfig(seed=7))
    assert _first_ids(MockConfig(seed=0)) != _first_ids(MockConfig(seed=7))


def test_the_command_line_seed_defaults_to_none() -> None:
    assert build_parser().parse_args([]).seed is None
    assert build_parser().parse_args(["--seed", "0"]).seed == 0


# -- 5. the connection is closed after refusing an oversize body -------------------------------


def _stream_until_closed(port: int, head: bytes, first: bytes, seconds: float) -> tuple[bytes, int]:
    """Send ``head`` then an endless chunked body; return (answer, bytes sent after it).

    Stops when the server closes the connection, or after ``seconds`` in all.
    """
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        sock.sendall(head + b"%x\r\n%s\r\n" % (len(first), first))
        chunk = b"\0" * 65536
        frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
        sock.setblocking(False)
        answer = b""
        after = 0
        pending = memoryview(frame)  # a partial send must be completed: chunk framing is strict
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                sent = sock.send(pending)
                pending = pending[sent:] or memoryview(frame)
                if b"\r\n\r\n" in answer:
                    after += sent
            except BlockingIOError:
                time.sleep(0.001)
            except (BrokenPipeError, ConnectionResetError):
                return answer, after
            try:
                data = sock.recv(65536)
            except BlockingIOError:
                continue
            except ConnectionResetError:
                return answer, after
            if not data:
                return answer, after
            answer += data
        raise AssertionError(f"still open after {seconds} s; answer: {answer[:200]!r}")
    finally:
        sock.close()


def test_an_oversize_chunked_upload_is_answered_and_the_connection_closed() -> None:
    head = (
        b"POST /v1/uploads/images HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Authorization: Bearer token-a\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: multipart/form-data; boundary=b\r\n\r\n"
    )
    first = b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n'
    with run_in_thread(MockConfig(tokens=(TOKEN_A,))) as server:
        answer, after = _stream_until_closed(_port(server.base_url), head, first, seconds=10)
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert b"connection: close" in answer.lower()
    assert after < 32 * 1024 * 1024  # socket buffers, not a server draining the body


def test_an_oversize_chunked_json_body_is_answered_and_the_connection_closed() -> None:
    head = (
        b"POST /v1/images/generations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Authorization: Bearer token-a\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: application/json\r\n\r\n"
    )
    with run_in_thread(MockConfig(tokens=(TOKEN_A,))) as server:
        answer, after = _stream_until_closed(
            _port(server.base_url), head, b'{"prompt": "', seconds=10
        )
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert after < 32 * 1024 * 1024


# -- 6. uploads must decode, masks are compared by real dimensions -----------------------------


def _png(size: tuple[int, int], mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"garbage" * 100, id="png-signature-then-garbage"),
        pytest.param(b"GIF89azz", id="gif-signature-only"),
        pytest.param(b"RIFF\x10\x00\x00\x00WEBPVP8 junk", id="riff-webp-header-only"),
        pytest.param(b"\xff\xd8\xff\xe0" + b"\0" * 64, id="jpeg-signature-then-zeros"),
        pytest.param(image_bytes("PNG")[:60], id="truncated-png"),
        pytest.param(image_bytes("JPEG")[:-40], id="truncated-jpeg"),
        pytest.param(image_bytes("JPEG")[:3] + image_bytes("PNG"), id="png-behind-a-jpeg-magic"),
    ],
)
def test_an_upload_that_does_not_decode_is_unsupported(data: bytes) -> None:
    with client() as (http, _):
        response = upload(http, data, name="image.png")
        assert response.status_code == 400
        assert response.json() == UNSUPPORTED
        assert len(http.state.uploads) == 0


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("side", [10_000, 14_000])
def test_a_decompression_bomb_is_refused_without_being_decoded(side: int) -> None:
    bomb = _png((side, side), mode="1")  # 12-25 KB on the wire, 100-196 megapixels
    assert len(bomb) < 64 * 1024
    with client() as (http, _):
        response = upload(http, bomb)
        assert response.status_code == 400
        assert response.json() == UNSUPPORTED


def test_masks_whose_size_cannot_be_read_are_not_the_same_dimensions() -> None:
    """Even an upload that no longer decodes (e.g. stored by an older mock) matches nothing."""
    with client() as (http, _):
        state = http.state
        urls = []
        for name in ("reference", "mask"):
            stored = Upload(
                id=state.next_upload_id(),
                tenant=state.tenants[TOKEN_A],
                mime_type="image/png",
                size=16,
                created=0.0,
                base_url="http://testserver",
            )
            state.uploads.add(stored, b"\x89PNG\r\n\x1a\n" + name.encode().ljust(8, b"-"))
            urls.append(stored.url)
        response = http.post(
            CREATE, json=body(image_urls=[urls[0]], mask_url=urls[1]), headers=AUTH_A
        )
        assert response.status_code == 400
        assert response.json()["error"]["param"] == "mask_url"


# -- 7. the Host header does not make the URLs ---------------------------------------------------


def test_the_host_header_does_not_end_up_in_the_urls(tmp_path: Path) -> None:
    evil = {**AUTH_A, "Host": "evil.example"}
    with client(state_dir=tmp_path, task_duration=0.0) as (http, _):
        uploaded = upload(http, image_bytes("PNG"), headers=evil).json()["data"]
        assert uploaded["url"].startswith("http://testserver/files/uploads/")
        created = http.post(CREATE, json=body(), headers=evil).json()
        task = http.get(f"{CREATE}/{created['id']}", headers=evil).json()
        assert task["url"].startswith("http://testserver/files/generated/")
        stored = [upload.base_url for upload in http.state.state_dir.load_uploads()]  # type: ignore[union-attr]
        assert stored == ["http://testserver"]
        assert {task.base_url for task in http.state.tasks} == {"http://testserver"}


def test_a_huge_host_header_costs_nothing() -> None:
    with client() as (http, _):
        created = http.post(CREATE, json=body(), headers={**AUTH_A, "Host": "h" * 1_000_000})
        assert created.status_code == 200
        (task,) = list(http.state.tasks)
        assert task_bytes(task) < 2048


# -- 8. slow clients ------------------------------------------------------------------------------


@pytest.fixture
def slow_server() -> Iterator[int]:
    with run_in_thread(MockConfig(tokens=(TOKEN_A,)), header_timeout=1.0) as server:
        yield _port(server.base_url)


def _closed_by_peer(sock: socket.socket) -> bool:
    try:
        return sock.recv(1024) == b""
    except (BlockingIOError, TimeoutError):
        return False
    except ConnectionResetError:
        return True


def test_clients_trickling_headers_are_cut_off_and_others_are_served(slow_server: int) -> None:
    slow = [socket.create_connection(("127.0.0.1", slow_server), timeout=5) for _ in range(30)]
    silent = socket.create_connection(("127.0.0.1", slow_server), timeout=5)
    try:
        for sock in slow:
            sock.sendall(b"GET /v1/images/generations/x HTTP/1.1\r\nHost: a\r\nX-Slow: ")
            sock.setblocking(False)
        silent.setblocking(False)
        started = time.monotonic()
        open_ = list(slow)
        while open_ and time.monotonic() - started < 6:
            for sock in list(open_):
                if _closed_by_peer(sock):
                    open_.remove(sock)
                    continue
                try:
                    sock.send(b"a")  # a byte at a time, never the end of the headers
                except OSError:
                    open_.remove(sock)
            served = httpx.get(
                f"http://127.0.0.1:{slow_server}{CREATE}/missing", headers=AUTH_A, timeout=2
            )
            assert served.status_code == 404
            time.sleep(0.2)
        elapsed = time.monotonic() - started
        assert not open_, f"{len(open_)} slow connections still open after {elapsed:.1f} s"
        assert 0.8 <= elapsed < 4
        assert _closed_by_peer(silent)
    finally:
        for sock in [*slow, silent]:
            sock.close()


def test_kept_alive_connections_are_not_cut_off_between_quick_requests(slow_server: int) -> None:
    with httpx.Client(base_url=f"http://127.0.0.1:{slow_server}", headers=AUTH_A) as http:
        for _ in range(3):
            assert http.get(f"{CREATE}/missing").status_code == 404
            time.sleep(0.6)  # under the 1 s header deadline, and under the keep-alive timeout
        assert http.get(f"{CREATE}/missing").status_code == 404


# -- a busy port (another issue) ------------------------------------------------------------------


def test_a_busy_port_is_said_so_with_a_documented_exit_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        assert main(["--port", str(port)]) == EXIT_CANNOT_BIND
    err = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is in use" in err
    assert "listening" not in err
    help_text = " ".join(build_parser().format_help().split())
    assert f"{EXIT_CANNOT_BIND} the address cannot be bound" in help_text
