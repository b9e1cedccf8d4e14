"""Every legal variant of the mock shows its behaviour, stays inside the contract where it is meant
to, and composes with the others and with the defects."""

from __future__ import annotations

import email.utils
import gzip
import re
import subprocess
import sys
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
import jsonschema
import pytest

import toapis_spec
from mock_server import MockConfig, contract, run_in_thread
from mock_server.cli import main
from mock_server.variants import FAMILIES, PROFILES, VARIANTS, compatible_set
from tests.mock_server.helpers import (
    AUTH_A,
    BASE,
    CREATE,
    UPLOAD,
    InProcessClient,
    body,
    client,
    config,
    dimensions,
    image_bytes,
    image_format,
    upload,
)

CREATE_OP = "createImageGeneration"
STATUS_OP = "getImageGenerationTask"
UPLOAD_OP = "uploadImage"
FAILING = body(prompt="A storm [[fail]]")


def assert_valid(operation: str, status: int, document: Any, *, view: str = "client") -> None:
    """``document`` is valid under the contract's response schema (as loaded now)."""
    schema = toapis_spec.operation(operation, view=view).response_schema(status)
    jsonschema.Draft202012Validator(schema).validate(document)


def create(http: InProcessClient, request: dict[str, Any] | None = None) -> dict[str, Any]:
    response = http.post(CREATE, json=request or body(), headers=AUTH_A)
    assert response.status_code == 200, response.text
    return dict(response.json())


def poll(http: InProcessClient, task_id: str) -> dict[str, Any]:
    response = http.get(f"{CREATE}/{task_id}", headers=AUTH_A)
    assert response.status_code == 200, response.text
    return dict(response.json())


def finished(http: InProcessClient, request: dict[str, Any] | None = None) -> dict[str, Any]:
    """Create a task and poll it until it is final (task_duration 0: the first poll)."""
    task = create(http, request)
    for _ in range(10):
        task = poll(http, task["id"])
        if task["status"] in {"completed", "failed"}:
            return task
    raise AssertionError(f"the task never finished: {task}")


def local(url: str) -> str:
    """The path and query of a URL the in-process mock handed out."""
    assert url.startswith(BASE), url
    return url.removeprefix(BASE)


# -- the catalogue --------------------------------------------------------------------------


def test_every_variant_is_documented_and_its_conflicts_are_symmetric() -> None:
    assert len(VARIANTS) >= 34
    assert {v.family for v in VARIANTS.values()} == set(FAMILIES)
    for name, variant in VARIANTS.items():
        assert variant.name == name
        assert variant.summary
        assert "\n" not in variant.summary
        assert variant.basis
        assert "\n" not in variant.basis
        assert variant.conflicts <= set(VARIANTS), name
        assert name not in variant.conflicts
        for other in variant.conflicts:
            assert name in VARIANTS[other].conflicts, f"{name} / {other} is one-sided"


def test_the_compatible_set_is_valid_and_maximal() -> None:
    chosen = compatible_set()
    assert chosen == compatible_set()  # deterministic
    MockConfig(variants=chosen)  # passes validation
    for name in set(VARIANTS) - set(chosen):
        assert VARIANTS[name].conflicts & set(chosen), f"{name} could be added"
    assert list(chosen) == [name for name in VARIANTS if name in chosen]  # documentation order


def test_unknown_and_conflicting_variants_are_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown variant.*no-such-thing"):
        MockConfig(variants=("gzip", "no-such-thing"))
    with pytest.raises(ValueError, match="jpeg-results and webp-results conflict"):
        MockConfig(variants=("jpeg-results", "webp-results"))
    with pytest.raises(ValueError, match="conflict"):
        MockConfig(variants=("instant-tasks", "slow-tasks"))


def test_list_variants_prints_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-variants"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(VARIANTS) + len(PROFILES)
    for line, variant in zip(lines, VARIANTS.values(), strict=False):
        assert line.split()[0] == variant.name
        assert f"[{variant.family}] {variant.summary}" in line
    for line, profile in zip(lines[len(VARIANTS) :], PROFILES.values(), strict=True):
        assert line.split()[:2] == [profile.name, "[profile]"]
        assert ", ".join(profile.variants) in line


def test_the_cli_switches_variants_on_and_says_so() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mock_server.cli",
            "--port",
            "0",
            "--seed",
            "1",
            "--variant",
            "gzip",
            "--variant",
            "hex-ids",
            "--fail-marker",
            "!!fail!!",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        lines = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            lines.append(line)
            if "variants ON" in line or not line:
                break
        assert "variants ON: gzip, hex-ids\n" in lines, lines
        port = next(int(li.rsplit(":", 1)[1]) for li in lines if "listening on" in li)
        auth = {"Authorization": "Bearer mock-token"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=auth) as http:
            created = http.post(CREATE, json=body(prompt="x !!fail!!")).json()
            assert re.fullmatch(r"img_[0-9a-f]{32}", created["id"])
            assert http.get(f"{CREATE}/{created['id']}").json()["status"] == "failed"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_cli_refuses_conflicting_variants(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--variant", "ulid-ids", "--variant", "hex-ids", "--port", "0"])
    assert exited.value.code == 2
    assert "conflict" in capsys.readouterr().err


# -- results --------------------------------------------------------------------------------


def test_signed_result_urls_change_their_query_on_every_poll_and_are_served() -> None:
    with client(variants=("signed-result-urls",)) as (http, _):
        first = finished(http, body(n=2))
        second = poll(http, first["id"])
        assert first["url"] == first["result"]["data"][0]["url"]
        for task in (first, second):
            assert_valid(STATUS_OP, 200, task)
        for before, after in zip(first["result"]["data"], second["result"]["data"], strict=True):
            old, new = urlsplit(before["url"]), urlsplit(after["url"])
            assert old.path == new.path
            assert old.query != new.query
            assert re.fullmatch(rf"sig=[0-9a-f]{{16}}&exp={first['expires_at']}", new.query)
            for url in (before["url"], after["url"], f"{BASE}{new.path}", f"{BASE}{new.path}?x"):
                served = http.get(local(url))
                assert served.status_code == 200
                assert image_format(served.content) == "PNG"


def test_redirect_results_answer_302_to_a_path_that_serves_the_image() -> None:
    with client(variants=("redirect-results", "signed-result-urls")) as (http, _):
        task = finished(http, body(size="3:2"))
        url = task["result"]["data"][0]["url"]
        first = http.get(local(url))
        assert first.status_code == 302
        location = first.headers["location"]
        assert urlsplit(location).path != urlsplit(url).path
        assert urlsplit(location).query == urlsplit(url).query
        image = http.get(local(location))
        assert image.status_code == 200
        assert dimensions(image.content) == (1536, 1024)
        # The redirect target of a task that does not exist is not an image.
        assert http.get(f"/files/cdn/files/generated/{task['id']}/7.png").status_code == 404
    with client() as (http, _):  # without the variant, there is no CDN path
        task = finished(http)
        assert http.get(f"/files/cdn/files/generated/{task['id']}/0.png").status_code == 404


@pytest.mark.parametrize(
    ("variant", "ext", "media_type", "fmt"),
    [("jpeg-results", "jpg", "image/jpeg", "JPEG"), ("webp-results", "webp", "image/webp", "WEBP")],
)
def test_result_formats(variant: str, ext: str, media_type: str, fmt: str) -> None:
    with client(variants=(variant,)) as (http, _):
        task = finished(http)
        assert_valid(STATUS_OP, 200, task)
        url = task["result"]["data"][0]["url"]
        assert url.endswith(f"/0.{ext}")
        assert task["url"] == url
        served = http.get(local(url))
        assert served.status_code == 200
        assert served.headers["content-type"] == media_type
        assert image_format(served.content) == fmt
        assert http.get(f"/files/generated/{task['id']}/0.png").status_code == 404


def test_untyped_results_are_octet_streams_of_png_bytes() -> None:
    with client(variants=("untyped-results",)) as (http, _):
        served = http.get(local(finished(http)["url"]))
        assert served.headers["content-type"] == "application/octet-stream"
        assert image_format(served.content) == "PNG"


def test_documented_url_shape_for_results_and_uploads() -> None:
    with client(variants=("documented-url-shape", "jpeg-results")) as (http, _):
        task = finished(http, body(n=2))
        assert_valid(STATUS_OP, 200, task)
        urls = [item["url"] for item in task["result"]["data"]]
        for url in urls:
            match = re.fullmatch(rf"{BASE}/generated/([0-9]+)_[0-9a-f]{{8}}\.jpg", url)
            assert match is not None
            assert int(match.group(1)) == task["completed_at"]
            assert task["id"] not in url
            served = http.get(local(url))
            assert served.status_code == 200
            assert image_format(served.content) == "JPEG"
        assert len(set(urls)) == 2
        assert http.get(f"/files/generated/{task['id']}/0.jpg").status_code == 404
        assert http.get("/generated/1_deadbeef.jpg").status_code == 404

        stored = upload(http, image_bytes("GIF"), "a.gif").json()
        assert_valid(UPLOAD_OP, 200, stored)
        url = stored["data"]["url"]
        assert re.fullmatch(rf"{BASE}/uploads/[0-9]+/[0-9]+_[0-9a-f]{{16}}\.gif", url), url
        assert http.get(local(url)).content == image_bytes("GIF")
        # Recognised as this server's upload: a GIF reference is refused, a made-up one too.
        refused = http.post(CREATE, json=body(image_urls=[url]), headers=AUTH_A)
        assert refused.status_code == 400
        assert "GIF" in refused.json()["error"]["message"]
        fake = url.rsplit("/", 1)[0] + "/1_0123456789abcdef.png"
        missing = http.post(CREATE, json=body(image_urls=[fake]), headers=AUTH_A)
        assert missing.status_code == 400
        assert "not a stored upload" in missing.text
        assert http.get(local(fake)).status_code == 404


def test_no_top_level_url() -> None:
    with client(variants=("no-top-level-url",)) as (http, _):
        task = finished(http)
        assert "url" not in task
        assert task["result"]["data"][0]["url"]
        assert_valid(STATUS_OP, 200, task)


def test_exif_rotated_results_are_stored_turned_and_display_upright() -> None:
    from conformance.images import decode_displayed

    with client(variants=("exif-rotated-results",)) as (http, _):
        task = finished(http, body(size="3:2"))
        image = http.get(local(task["result"]["data"][0]["url"]))
        assert image.status_code == 200
        assert dimensions(image.content) == (1024, 1536)  # as stored: a quarter turn
        assert decode_displayed(image.content)[1:] == (1536, 1024)  # as shown: 3:2


def test_echo_canonical_model_names_the_model_an_alias_stands_for() -> None:
    with client(variants=("echo-canonical-model",)) as (http, _):
        aliased = finished(http, body(model="nano-banana-pro"))
        assert aliased["model"] == "gemini-3-pro-image-preview"
        official = finished(http, body(model="nano-banana-2-lite-official"))
        assert official["model"] == "gemini-3.1-flash-image-preview-official"
        assert finished(http)["model"] == "gpt-4o-image"  # a model that is no alias: as asked


def test_result_item_extras() -> None:
    with client(variants=("result-item-extras", "webp-results")) as (http, _):
        task = finished(http, body(size="2:3", n=2))
        assert_valid(STATUS_OP, 200, task)
        for item in task["result"]["data"]:
            assert item["size"] == "2:3"
            assert item["output_format"] == "webp"


# -- timing -----------------------------------------------------------------------------------


def test_instant_tasks_are_final_in_the_create_answer() -> None:
    with client(variants=("instant-tasks",), step_per_poll=True) as (http, clock):
        created = create(http, body(n=2))
        assert_valid(CREATE_OP, 200, created)
        assert created["status"] == "completed"
        assert created["progress"] == 100
        assert created["expires_at"] == created["completed_at"] + 86_400
        assert len(created["result"]["data"]) == 2
        clock.advance(5)
        assert poll(http, created["id"]) == created
        failed = create(http, FAILING)
        assert failed["status"] == "failed"
        assert failed["error"]["code"] == "generation_failed"
        assert poll(http, failed["id"]) == failed


def test_slow_tasks_take_thirty_seconds_whatever_step_per_poll_says() -> None:
    with client(variants=("slow-tasks",), step_per_poll=True) as (http, clock):
        task_id = create(http)["id"]
        seen = [poll(http, task_id) for _ in range(8)]  # no time passes: no step is taken
        assert {task["status"] for task in seen} == {"queued"}
        clock.advance(2.9)
        assert poll(http, task_id)["status"] == "queued"
        progress = []
        for _ in range(26):
            clock.advance(1)
            task = poll(http, task_id)
            assert task["status"] == "in_progress", task
            progress.append(task["progress"])
            assert_valid(STATUS_OP, 200, task)
        assert progress == sorted(progress)
        assert progress[0] < progress[-1] < 100
        clock.advance(1.2)
        assert poll(http, task_id)["status"] == "completed"


def test_born_in_progress() -> None:
    with client(variants=("born-in-progress",), step_per_poll=True) as (http, _):
        created = create(http)
        assert created["status"] == "in_progress"
        assert created["progress"] > 0
        assert_valid(CREATE_OP, 200, created)
        statuses = [poll(http, created["id"]) for _ in range(4)]
        assert [t["progress"] for t in statuses] == [25, 50, 75, 100]


def test_long_queue_holds_tasks_queued_for_three_polls() -> None:
    with client(variants=("long-queue",), step_per_poll=True) as (http, _):
        task_id = create(http)["id"]
        seen = [poll(http, task_id) for _ in range(7)]
        assert [(t["status"], t["progress"]) for t in seen[:3]] == [("queued", 0)] * 3
        assert [t["progress"] for t in seen[3:]] == [25, 50, 75, 100]
        assert seen[-1]["status"] == "completed"
    with client(variants=("long-queue",)) as (http, _):  # time mode too (duration 0)
        task_id = create(http)["id"]
        assert [poll(http, task_id)["status"] for _ in range(4)] == ["queued"] * 3 + ["completed"]


def test_progress_jumps() -> None:
    # Seeded: which tasks go straight to 100 follows from their ids.
    with client(variants=("progress-jumps",), step_per_poll=True, seed=0) as (http, _):
        histories = []
        for _ in range(8):
            task_id = create(http)["id"]
            histories.append([poll(http, task_id)["progress"] for _ in range(4)])
        for history in histories:
            assert history == sorted(history)
            assert history[-1] == 100
            assert set(history) <= {0, 7, 63, 100}
        assert [0, 0, 0, 100] in histories
        assert any({7, 63} <= set(history) for history in histories)


def test_failed_with_finish_time() -> None:
    with client(variants=("failed-with-finish-time",), step_per_poll=True) as (http, _):
        task_id = create(http, FAILING)["id"]
        seen = [poll(http, task_id) for _ in range(4)]
        failed = seen[-1]
        assert failed["status"] == "failed"
        assert failed["progress"] == 75
        assert failed["completed_at"] >= failed["created_at"]
        assert "expires_at" not in failed
        assert "result" not in failed
        assert_valid(STATUS_OP, 200, failed)


# -- bodies -----------------------------------------------------------------------------------


def test_extra_fields_at_every_level_of_every_body() -> None:
    with client(variants=("extra-fields",), rate_limits=True) as (http, _):
        created = create(http, body(n=2))
        completed = poll(http, created["id"])
        again = poll(http, created["id"])
        failed = finished(http, FAILING)
        request_ids = {t["request_id"] for t in (created, completed, again, failed)}
        assert len(request_ids) == 4
        assert created["metadata"]
        assert completed["result"]["count"] == 2
        assert all("index" in item for item in completed["result"]["data"])
        assert failed["error"]["retryable"] is False
        for task in (completed, again, failed):
            assert_valid(STATUS_OP, 200, task)
        assert_valid(CREATE_OP, 200, created)

        envelopes = {
            (CREATE_OP, 400): http.post(CREATE, json=body(n=3), headers=AUTH_A),
            (CREATE_OP, 401): http.post(CREATE, json=body()),
            (STATUS_OP, 404): http.get(f"{CREATE}/task_img_missing", headers=AUTH_A),
            (CREATE_OP, 500): http.post(
                CREATE, json=body(), headers={**AUTH_A, "X-Mock-Fault": "500"}
            ),
            (STATUS_OP, 429): http.get(f"{CREATE}/x", headers={**AUTH_A, "X-Mock-Fault": "429"}),
        }
        for (operation, status), response in envelopes.items():
            assert response.status_code == status
            error = response.json()
            assert error["request_id"].startswith("req_")
            assert error["error"]["trace_id"]
            assert_valid(operation, status, error)
        assert envelopes[(CREATE_OP, 400)].json()["error"]["param"] == "n"

        stored = upload(http, image_bytes("PNG")).json()
        assert stored["request_id"]
        assert stored["data"]["purpose"] == "generation"
        assert_valid(UPLOAD_OP, 200, stored)
        refused = upload(http, b"not an image").json()
        assert refused["success"] is False
        assert refused["request_id"]
        assert_valid(UPLOAD_OP, 400, refused)


def test_null_for_absent() -> None:
    with client(variants=("null-for-absent",), step_per_poll=True) as (http, _):
        created = create(http)
        absent = ("completed_at", "expires_at", "url", "result", "error", "client_business_id")
        assert all(name in created and created[name] is None for name in absent), created
        assert_valid(CREATE_OP, 200, created)
        running = poll(http, created["id"])
        assert running["status"] == "in_progress"
        assert running["result"] is None
        assert_valid(STATUS_OP, 200, running)
        done = [poll(http, created["id"]) for _ in range(3)][-1]
        assert done["status"] == "completed"
        assert done["error"] is None
        assert done["result"]
        assert done["client_business_id"] is None
        assert_valid(STATUS_OP, 200, done)
        failed_id = create(http, FAILING)["id"]
        failed = [poll(http, failed_id) for _ in range(4)][-1]
        assert failed["status"] == "failed"
        assert failed["error"]
        assert all(failed[name] is None for name in ("completed_at", "expires_at", "url", "result"))
        assert_valid(STATUS_OP, 200, failed)
        named = create(http, body(client_business_id="order-1"))
        assert named["client_business_id"] == "order-1"


@pytest.mark.parametrize(
    ("variant", "pattern"),
    [("ulid-ids", r"tsk_img_[0-7][0-9A-HJKMNP-TV-Z]{25}"), ("hex-ids", r"img_[0-9a-f]{32}")],
)
def test_id_variants(variant: str, pattern: str) -> None:
    ids = []
    for _ in range(2):  # the same seed gives the same ids
        with client(variants=(variant,), seed=3) as (http, _):
            made = [create(http)["id"] for _ in range(5)]
            assert all(re.fullmatch(pattern, task_id) for task_id in made), made
            assert len(set(made)) == 5
            assert poll(http, made[0])["id"] == made[0]
            ids.append(made)
    assert ids[0] == ids[1]


def test_integer_error_codes_in_every_envelope() -> None:
    with client(variants=("integer-error-codes",), rate_limits=True) as (http, _):
        failed = finished(http, FAILING)  # a failed task's own error keeps its string code
        assert failed["error"]["code"] == "generation_failed"
        responses = [
            http.post(CREATE, json=body(size="16:9"), headers=AUTH_A),
            http.post(CREATE, json=body()),
            http.get(f"{CREATE}/task_img_missing", headers=AUTH_A),
            http.post(CREATE, json=body(), headers={**AUTH_A, "X-Mock-Fault": "500"}),
            http.post(CREATE, json=body(), headers={**AUTH_A, "X-Mock-Fault": "429"}),
        ]
        for _ in range(60):
            limited = http.post(CREATE, json=body(), headers=AUTH_A)
        responses.append(limited)
        assert [r.status_code for r in responses] == [400, 401, 404, 500, 429, 429]
        for response in responses:
            assert response.json()["error"]["code"] == response.status_code
            operation = STATUS_OP if response.status_code == 404 else CREATE_OP
            assert_valid(operation, response.status_code, response.json())
        assert responses[0].json()["error"]["param"] == "size"


def test_errors_without_type() -> None:
    with client(variants=("errors-without-type",)) as (http, _):
        invalid = http.post(CREATE, json=body(n="1"), headers=AUTH_A).json()
        assert "type" not in invalid["error"]
        assert invalid["error"]["param"] == "n"
        for response in (
            http.post(CREATE, json=body()),
            http.get(f"{CREATE}/task_img_missing", headers=AUTH_A),
            http.get(f"{CREATE}/x", headers={**AUTH_A, "X-Mock-Fault": "429"}),
        ):
            assert "type" not in response.json()["error"]
            assert_valid(STATUS_OP, response.status_code, response.json())


def test_upload_envelope_401() -> None:
    with client(variants=("upload-envelope-401",)) as (http, _):
        refused = upload(http, image_bytes("PNG"), headers={})
        assert refused.status_code == 401
        assert refused.json() == {
            "success": False,
            "message": "Authentication failed, please check your API key",
        }
        assert_valid(UPLOAD_OP, 401, refused.json())
        generation = http.post(CREATE, json=body())
        assert generation.json() == contract.example(CREATE_OP, 401, "generationEndpoint")


def test_no_metadata_and_no_upload_message() -> None:
    with client(variants=("no-metadata", "no-upload-message")) as (http, _):
        created = create(http)
        assert "metadata" not in created
        assert "metadata" not in finished(http)
        assert_valid(CREATE_OP, 200, created)
        stored = upload(http, image_bytes("JPEG")).json()
        assert "message" not in stored
        assert stored["success"] is True
        assert_valid(UPLOAD_OP, 200, stored)


def test_submitted_status() -> None:
    with client(variants=("submitted-status",), step_per_poll=True) as (http, _):
        created = create(http)
        assert created["status"] == "submitted"
        # Inside the documented status table (the contract's server view), not our D-02 choice.
        assert_valid(CREATE_OP, 200, created, view="server")
        with pytest.raises(jsonschema.ValidationError):
            assert_valid(CREATE_OP, 200, created)
        statuses = [poll(http, created["id"])["status"] for _ in range(4)]
        assert statuses == ["in_progress"] * 3 + ["completed"]


# -- transport --------------------------------------------------------------------------------


def test_gzip_compresses_json_when_accepted() -> None:
    with client(variants=("gzip",)) as (http, _):
        compressed = http.post(CREATE, json=body(), headers=AUTH_A)
        assert compressed.headers["content-encoding"] == "gzip"
        assert compressed.json()["object"] == "generation.task"  # httpx decoded it
        fault = http.post(CREATE, json=body(), headers={**AUTH_A, "X-Mock-Fault": "500"})
        assert fault.headers["content-encoding"] == "gzip"
        assert fault.status_code == 500
        plain = http.get(f"{CREATE}/x", headers={**AUTH_A, "Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers
        assert plain.json()["error"]
    with run_in_thread(config(variants=("gzip",), seed=0)) as server:
        url = f"{server.base_url}{CREATE}/missing"
        with httpx.stream("GET", url, headers={**AUTH_A, "Accept-Encoding": "gzip"}) as raw:
            assert raw.headers["content-encoding"] == "gzip"
            assert b"not_found_error" in gzip.decompress(b"".join(raw.iter_raw()))


def test_latency_delays_api_requests_only() -> None:
    with client(variants=("latency",)) as (http, _):
        started = time.perf_counter()
        task = finished(http)
        api_seconds = time.perf_counter() - started
        assert api_seconds >= 2 * 0.15  # two API requests
        started = time.perf_counter()
        assert http.get(local(task["url"])).status_code == 200
        assert time.perf_counter() - started < 0.15


def test_connection_close_on_every_response() -> None:
    cfg = config(variants=("connection-close",), seed=0)
    with (
        run_in_thread(cfg) as server,
        httpx.Client(base_url=server.base_url, headers=AUTH_A) as http,
    ):
        created = http.post(CREATE, json=body())
        task = http.get(f"{CREATE}/{created.json()['id']}")
        fault = http.get(f"{CREATE}/x", headers={"X-Mock-Fault": "500"})
        image = http.get(urlsplit(task.json()["url"]).path)
        for response in (created, task, fault, image):
            assert response.headers["connection"] == "close"
        assert image.status_code == 200


# -- rate limits ------------------------------------------------------------------------------


def test_random_429_is_seeded_documented_and_counts_nothing() -> None:
    outcomes = []
    for _ in range(2):
        with client(variants=("random-429",), seed=5) as (http, _):
            statuses = [http.post(CREATE, json=body(), headers=AUTH_A) for _ in range(200)]
            limited = [r for r in statuses if r.status_code == 429]
            assert 10 <= len(limited) <= 40
            assert len(http.state.tasks) == 200 - len(limited)
            for response in limited:
                assert response.headers["retry-after"] == "1"
                assert response.json() == contract.example(CREATE_OP, 429, "asyncSubmit")
            # Uploads never get one: the contract documents no 429 there.
            uploads = [upload(http, image_bytes("PNG")).status_code for _ in range(30)]
            assert set(uploads) == {200}
            outcomes.append([r.status_code for r in statuses])
    assert outcomes[0] == outcomes[1]


def _retry_after_date(response: httpx.Response) -> float:
    value = response.headers["retry-after"]
    assert not value.isdigit(), value
    parsed = email.utils.parsedate_to_datetime(value)
    assert value.endswith(" GMT")
    return parsed.timestamp() - time.time()


def test_http_date_retry_after_on_every_429() -> None:
    variants = ("http-date-retry-after", "random-429")
    with client(variants=variants, rate_limits=True) as (http, _):
        fault = http.get(f"{CREATE}/x", headers={**AUTH_A, "X-Mock-Fault": "429"})
        responses = [fault]
        for _ in range(80):
            responses.append(http.post(CREATE, json=body(), headers=AUTH_A))
        limited = [r for r in responses if r.status_code == 429]
        assert len(limited) > 20  # the fault, the random ones and the exhausted bucket
        for response in limited:
            assert 0.0 < _retry_after_date(response) <= 2.5
            assert_valid(CREATE_OP, 429, response.json())


def test_documented_rate_limits() -> None:
    with client(variants=("documented-rate-limits",)) as (http, _):
        created = http.post(CREATE, json=body(), headers=AUTH_A)
        polled = http.get(f"{CREATE}/{created.json()['id']}", headers=AUTH_A)
        assert created.headers["x-ratelimit-category"] == "async_submit"
        assert polled.headers["x-ratelimit-category"] == "async_query"
        assert created.headers["x-ratelimit-limit"] == "50"
        answers = [http.post(CREATE, json=body(), headers=AUTH_A).status_code for _ in range(50)]
        assert answers[:49] == [200] * 49
        assert answers[49] == 429


# -- strictness -------------------------------------------------------------------------------


def test_accept_empty_prompt_weakens_nothing_else() -> None:
    with client(variants=("accept-empty-prompt",)) as (http, _):
        assert finished(http, body(prompt=""))["status"] == "completed"
        too_long = http.post(CREATE, json=body(prompt="x" * 1001), headers=AUTH_A)
        assert too_long.status_code == 400
        assert too_long.json()["error"]["param"] == "prompt"
        missing = http.post(CREATE, json={"model": "gpt-4o-image"}, headers=AUTH_A)
        assert missing.status_code == 400
        assert missing.json()["error"]["param"] == "prompt"
    with client() as (http, _):
        assert http.post(CREATE, json=body(prompt=""), headers=AUTH_A).status_code == 400


def test_ignore_mask_without_reference() -> None:
    with client(variants=("ignore-mask-without-reference",)) as (http, _):
        mask = upload(http, image_bytes("JPEG")).json()["data"]["url"]  # not even a PNG
        task = finished(http, body(mask_url=mask))
        assert task["status"] == "completed"
        # With a reference the mask is still checked, and the rest of validation stays.
        reference = upload(http, image_bytes("PNG")).json()["data"]["url"]
        checked = http.post(
            CREATE, json=body(image_urls=[reference], mask_url=mask), headers=AUTH_A
        )
        assert checked.status_code == 400
        assert checked.json()["error"]["param"] == "mask_url"
        assert http.post(CREATE, json=body(n=3), headers=AUTH_A).status_code == 400
        bad_mask = http.post(CREATE, json=body(mask_url="ftp://x/m.png"), headers=AUTH_A)
        assert bad_mask.status_code == 400


def test_refuse_float_n() -> None:
    with client(variants=("refuse-float-n",)) as (http, _):
        refused = http.post(CREATE, json=body(n=1.0), headers=AUTH_A)
        assert refused.status_code == 400
        assert refused.json()["error"]["param"] == "n"
        assert_valid(CREATE_OP, 400, refused.json())
        assert [create(http, body(n=n))["status"] for n in (1, 2, 4)] == ["queued"] * 3
    with client() as (http, _):
        assert http.post(CREATE, json=body(n=1.0), headers=AUTH_A).status_code == 200


def test_accept_gif_references() -> None:
    with client(variants=("accept-gif-references",)) as (http, _):
        gif = upload(http, image_bytes("GIF")).json()["data"]["url"]
        assert finished(http, body(image_urls=[gif]))["status"] == "completed"
    with client() as (http, _):
        gif = upload(http, image_bytes("GIF")).json()["data"]["url"]
        assert http.post(CREATE, json=body(image_urls=[gif]), headers=AUTH_A).status_code == 400


# -- composition ------------------------------------------------------------------------------


def test_all_compatible_variants_at_once_stay_inside_the_documented_contract() -> None:
    chosen = compatible_set()
    with client(variants=chosen, seed=1) as (http, _):
        answers = []
        for _ in range(40):  # random-429 answers some of them
            answers.append(http.post(CREATE, json=body(n=2), headers=AUTH_A))
        created = [r.json() for r in answers if r.status_code == 200]
        assert created
        assert all(r.status_code in {200, 429} for r in answers)
        for task in created:
            assert_valid(CREATE_OP, 200, task, view="server")
            assert task["status"] in {"completed", "failed"}  # instant-tasks
        for response in answers:
            assert_valid(CREATE_OP, response.status_code, response.json(), view="server")
        url = created[0]["result"]["data"][0]["url"]
        redirect = http.get(local(url))
        assert redirect.status_code == 302
        image = http.get(local(redirect.headers["location"]))
        assert image.status_code == 200
        assert image_format(image.content) == "JPEG"


def test_defects_still_act_with_variants_on() -> None:
    with client(defects=("accept-n-3",), variants=("refuse-float-n",)) as (http, _):
        assert http.post(CREATE, json=body(n=3), headers=AUTH_A).status_code == 200
        assert http.post(CREATE, json=body(n=1.0), headers=AUTH_A).status_code == 400
    with client(defects=("jpeg-served-as-png",), variants=("jpeg-results",)) as (http, _):
        served = http.get(local(finished(http)["url"]))
        assert served.headers["content-type"] == "image/jpeg"
        assert image_format(served.content) == "PNG"  # still not what the URL names
    with client(defects=("never-finishes",), variants=("instant-tasks",)) as (http, _):
        created = create(http)
        assert (created["status"], created["progress"]) == ("in_progress", 99)
        assert poll(http, created["id"])["status"] == "in_progress"
    variants = ("signed-result-urls", "documented-url-shape")
    with client(defects=("finished-task-changes",), variants=variants) as (http, _):
        first = finished(http)
        second = poll(http, first["id"])
        assert urlsplit(first["url"]).path != urlsplit(second["url"]).path
        for task in (first, second):
            assert http.get(local(task["url"])).status_code == 200
    with client(defects=("retry-after-missing",), variants=("http-date-retry-after",)) as (
        http,
        _,
    ):
        fault = http.get(f"{CREATE}/x", headers={**AUTH_A, "X-Mock-Fault": "429"})
        assert "retry-after" not in fault.headers
    with client(defects=("failed-task-without-error",), variants=("null-for-absent",)) as (
        http,
        _,
    ):
        failed = finished(http, FAILING)
        assert failed["status"] == "failed"
        assert failed["error"] is None
    with client(defects=("unauthorized-wrong-envelope",), variants=("upload-envelope-401",)) as (
        http,
        _,
    ):
        assert upload(http, image_bytes("PNG"), headers={}).json() == {"message": "Unauthorized"}


def test_upload_route_answers_are_unchanged_without_variants() -> None:
    with client() as (http, _):
        stored = http.post(
            UPLOAD, files={"file": ("a.png", image_bytes("PNG"))}, headers=AUTH_A
        ).json()
        assert stored["message"] == ""
        assert "request_id" not in stored
        assert stored["data"]["url"].startswith(f"{BASE}/files/uploads/")


def test_the_embedded_mock_passes_variants_and_fits_its_timing_settings() -> None:
    from conformance.embedded import embedded_mock

    with embedded_mock(seed=0, variants=("slow-tasks", "hex-ids")) as server:
        settings = server.settings()
        assert (settings.poll_interval, settings.task_timeout) == (1.0, 120.0)
        assert "--variant slow-tasks" in server.mock_command
        auth = {"Authorization": f"Bearer {server.token}"}
        created = httpx.post(f"{server.base_url}{CREATE}", json=body(), headers=auth).json()
        assert re.fullmatch(r"img_[0-9a-f]{32}", created["id"])
    with embedded_mock(seed=0, variants=("random-429",)) as server:
        assert (server.settings().poll_interval, server.settings().task_timeout) == (0.0, 30.0)
    with embedded_mock(seed=0) as server:
        assert (server.settings().poll_interval, server.settings().task_timeout) == (0.0, 10.0)
        assert server.settings(task_timeout=5).task_timeout == 5
