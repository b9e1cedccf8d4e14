"""Authentication, tenant isolation, result files, faults and rate limits of the mock."""

from __future__ import annotations

import pytest

from mock_server import contract
from mock_server.faults import ConnectionDropped
from tests.mock_server.helpers import (
    AUTH_A,
    AUTH_B,
    CREATE,
    UPLOAD,
    body,
    client,
    dimensions,
    image_bytes,
    image_format,
)

BAD_AUTH = [
    {},
    {"Authorization": "Bearer wrong-token"},
    {"Authorization": "token-a"},
    {"Authorization": "Basic dG9rZW4tYTo="},
    {"Authorization": "Bearer "},
]


@pytest.mark.parametrize("headers", BAD_AUTH)
def test_create_without_a_valid_token_is_the_documented_401(headers: dict[str, str]) -> None:
    with client() as (http, _):
        response = http.post(CREATE, json=body(), headers=headers)
        assert response.status_code == 401
        assert response.json() == contract.example(
            "createImageGeneration", 401, "generationEndpoint"
        )
        assert len(http.state.tasks) == 0


@pytest.mark.parametrize("headers", BAD_AUTH)
def test_status_without_a_valid_token_is_the_documented_401(headers: dict[str, str]) -> None:
    with client() as (http, _):
        task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        response = http.get(f"{CREATE}/{task_id}", headers=headers)
        assert response.status_code == 401
        assert response.json() == contract.example("getImageGenerationTask", 401, "statusEndpoint")


@pytest.mark.parametrize("headers", BAD_AUTH)
def test_upload_without_a_valid_token_is_a_401(headers: dict[str, str]) -> None:
    with client() as (http, _):
        response = http.post(UPLOAD, files={"file": ("a.png", image_bytes("PNG"))}, headers=headers)
        assert response.status_code == 401
        assert response.json() == contract.example("uploadImage", 401, "unauthorized")
        assert len(http.state.uploads) == 0


def test_the_bearer_scheme_is_case_insensitive() -> None:
    with client() as (http, _):
        response = http.post(CREATE, json=body(), headers={"Authorization": "bearer token-a"})
        assert response.status_code == 200


def test_another_tenants_task_is_byte_identical_to_a_missing_one() -> None:
    with client() as (http, _):
        task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        foreign = http.get(f"{CREATE}/{task_id}", headers=AUTH_B)
        missing = http.get(f"{CREATE}/task_img_ffffffffffffffffffffffff", headers=AUTH_B)
        assert foreign.status_code == missing.status_code == 404
        assert foreign.content == missing.content
        assert foreign.headers["content-type"] == missing.headers["content-type"]
        assert missing.json() == contract.example("getImageGenerationTask", 404, "notFound")
        # The owner still sees it, unchanged by the foreign attempt.
        assert http.get(f"{CREATE}/{task_id}", headers=AUTH_A).status_code == 200


@pytest.mark.parametrize(
    ("size", "pixels"), [("1:1", (1024, 1024)), ("2:3", (1024, 1536)), ("3:2", (1536, 1024))]
)
def test_result_urls_serve_pngs_of_the_requested_aspect_ratio(
    size: str, pixels: tuple[int, int]
) -> None:
    with client() as (http, _):
        task_id = http.post(CREATE, json=body(size=size, n=2), headers=AUTH_A).json()["id"]
        task = http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()
        urls = [entry["url"] for entry in task["result"]["data"]]
        assert len(urls) == 2
        assert task["url"] == urls[0]
        first, again, second = (http.get(url) for url in (urls[0], urls[0], urls[1]))
        for image in (first, second):
            assert image.status_code == 200
            assert image.headers["content-type"] == "image/png"
            assert image_format(image.content) == "PNG"
            assert dimensions(image.content) == pixels
            assert len(image.content) < 64 * 1024
        assert first.content == again.content  # deterministic per task and index
        assert first.content != second.content


def test_results_are_gone_after_expires_at() -> None:
    with client() as (http, clock):
        task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        task = http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()
        clock.advance(task["expires_at"] - clock.now() - 1)
        assert http.get(task["url"]).status_code == 200
        clock.advance(1)
        assert http.get(task["url"]).status_code == 404
        # The task record itself still answers, unchanged.
        assert http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json() == task


def test_results_of_unfinished_or_failed_tasks_are_not_served() -> None:
    with client(task_duration=10.0) as (http, clock):
        running = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        failing = http.post(CREATE, json=body(prompt="x [[fail]]"), headers=AUTH_A).json()["id"]
        assert http.get(f"/files/generated/{running}/0.png").status_code == 404
        clock.advance(11)
        assert http.get(f"{CREATE}/{failing}", headers=AUTH_A).json()["status"] == "failed"
        assert http.get(f"/files/generated/{failing}/0.png").status_code == 404
        assert http.get(f"{CREATE}/{running}", headers=AUTH_A).json()["status"] == "completed"
        assert http.get(f"/files/generated/{running}/1.png").status_code == 404  # n == 1


@pytest.mark.parametrize(
    "path",
    [
        "/files/uploads/..%2F..%2Fetc%2Fpasswd",
        "/files/uploads/../../etc/passwd",
        "/files/uploads/%2e%2e/state.sqlite3",
        "/files/uploads/upload_0000000000000000.png",
        "/files/generated/..%2F..%2Fetc/0.png",
        "/files/generated/task_img_x/..%2F0.png",
        "/files/uploads/state.sqlite3",
    ],
)
def test_file_routes_do_not_traverse_paths(path: str, tmp_path: object) -> None:
    with client(state_dir=tmp_path) as (http, _):
        response = http.get(path)
        assert response.status_code == 404
        assert b"root:" not in response.content
        assert b"SQLite" not in response.content


def test_public_url_is_used_in_result_and_upload_urls() -> None:
    with client(public_url="https://mock.example.test/base") as (http, _):
        task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        task = http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()
        assert task["url"].startswith("https://mock.example.test/base/files/generated/")
        uploaded = http.post(
            UPLOAD, files={"file": ("a.png", image_bytes("PNG"))}, headers=AUTH_A
        ).json()
        assert uploaded["data"]["url"].startswith("https://mock.example.test/base/files/uploads/")


# -- faults -----------------------------------------------------------------------------------


def test_fault_header_500_is_an_internal_error_and_changes_nothing() -> None:
    with client() as (http, _):
        response = http.post(CREATE, json=body(), headers={**AUTH_A, "X-Mock-Fault": "500"})
        assert response.status_code == 500
        assert response.json() == contract.example("createImageGeneration", 500, "internalError")
        assert len(http.state.tasks) == 0


@pytest.mark.parametrize(
    ("method", "path", "category"),
    [("POST", CREATE, "async_submit"), ("GET", f"{CREATE}/x", "async_query")],
)
def test_fault_header_429_carries_retry_after(method: str, path: str, category: str) -> None:
    with client() as (http, _):
        kwargs = {"json": body()} if method == "POST" else {}
        response = http.request(method, path, headers={**AUTH_A, "X-Mock-Fault": "429"}, **kwargs)
        assert response.status_code == 429
        assert int(response.headers["Retry-After"]) >= 1
        assert response.headers["X-RateLimit-Category"] == category
        assert response.json()["error"]["code"] == "rate_limit_exceeded"


def test_fault_header_slow_delays_then_answers_normally() -> None:
    with client(slow_seconds=0.2) as (http, _):
        import time

        started = time.monotonic()
        response = http.post(CREATE, json=body(), headers={**AUTH_A, "X-Mock-Fault": "slow"})
        assert time.monotonic() - started >= 0.2
        assert response.status_code == 200


def test_fault_header_drop_gives_no_response_in_process() -> None:
    with client() as (http, _), pytest.raises(ConnectionDropped):
        http.post(CREATE, json=body(), headers={**AUTH_A, "X-Mock-Fault": "drop"})


def test_unknown_fault_header_is_refused() -> None:
    with client() as (http, _):
        response = http.post(CREATE, json=body(), headers={**AUTH_A, "X-Mock-Fault": "teapot"})
        assert response.status_code == 400
        assert "X-Mock-Fault" in response.json()["error"]["message"]


def test_random_faults_follow_the_seed() -> None:
    def statuses(seed: int) -> list[int]:
        with client(faults={"500": 0.3}, seed=seed) as (http, _):
            return [http.post(CREATE, json=body(), headers=AUTH_A).status_code for _ in range(30)]

    first = statuses(1)
    assert first == statuses(1)
    assert set(first) == {200, 500}


# -- rate limits ------------------------------------------------------------------------------


def test_submit_burst_then_429_with_headers_and_refill() -> None:
    with client(rate_limits=True) as (http, clock):
        answers = [http.post(CREATE, json=body(), headers=AUTH_A) for _ in range(51)]
        assert [a.status_code for a in answers[:50]] == [200] * 50
        first, limited = answers[0], answers[50]
        assert first.headers["X-RateLimit-Limit"] == "50"
        assert first.headers["X-RateLimit-Remaining"] == "49"
        assert first.headers["X-RateLimit-Category"] == "async_submit"
        assert limited.status_code == 429
        assert limited.headers["Retry-After"] == "1"
        assert limited.headers["X-RateLimit-Remaining"] == "0"
        assert limited.json() == contract.example("createImageGeneration", 429, "asyncSubmit")
        assert len(http.state.tasks) == 50
        # Other tenants and the query bucket are untouched.
        assert http.post(CREATE, json=body(), headers=AUTH_B).status_code == 200
        task_id = answers[0].json()["id"]
        assert http.get(f"{CREATE}/{task_id}", headers=AUTH_A).status_code == 200
        # Refused requests take nothing: after 1 s (5 tokens at 5/s), exactly 5 more pass.
        for _ in range(20):
            assert http.post(CREATE, json=body(), headers=AUTH_A).status_code == 429
        clock.advance(1.0)
        after = [http.post(CREATE, json=body(), headers=AUTH_A).status_code for _ in range(6)]
        assert after == [200] * 5 + [429]


def test_query_burst_is_500_and_invalid_requests_count() -> None:
    with client(rate_limits=True) as (http, _):
        codes = [http.get(f"{CREATE}/missing", headers=AUTH_A).status_code for _ in range(501)]
        assert codes == [404] * 500 + [429]
        bad = [
            http.post(CREATE, json={"model": "gpt-4o-image"}, headers=AUTH_A).status_code
            for _ in range(51)
        ]
        assert bad == [400] * 50 + [429]
