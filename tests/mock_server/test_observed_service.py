"""The variants of what the real service was observed doing beyond the docs, and the
``observed-service`` profile that switches them on together (``toapis-mock --variant
observed-service``)."""

from __future__ import annotations

import re
from decimal import Decimal

import jsonschema
import pytest

from conformance.embedded import embedded_mock
from mock_server import MockConfig
from mock_server.variants import (
    BILLING_PENDING_ONE_IN,
    PRICE_PER_IMAGE_USD,
    PROFILES,
    SLOW_TASK_SECONDS,
    VARIANTS,
    expand_profiles,
)
from tests.mock_server.helpers import BASE, body, client, image_format
from tests.mock_server.test_variants import (
    CREATE_OP,
    FAILING,
    STATUS_OP,
    assert_valid,
    create,
    finished,
    local,
    poll,
)

PROFILE = "observed-service"
HOSTED = re.compile(rf"{BASE}/images/([^/]+)/([0-9]+)_[0-9a-f]{{8}}\.(png|jpg|webp)")


# -- pending-status ---------------------------------------------------------------------------


def test_pending_status_names_the_not_yet_started_state() -> None:
    with client(variants=("pending-status",), step_per_poll=True) as (http, _):
        created = create(http)
        assert created["status"] == "pending"
        with pytest.raises(jsonschema.ValidationError):
            assert_valid(CREATE_OP, 200, created)  # outside our D-02 enum
        statuses = [poll(http, created["id"])["status"] for _ in range(4)]
        assert statuses == ["in_progress"] * 3 + ["completed"]
    with client(variants=("pending-status", "long-queue"), step_per_poll=True) as (http, _):
        created = create(http)
        assert [poll(http, created["id"])["status"] for _ in range(3)] == ["pending"] * 3


def test_the_server_view_of_the_contract_allows_pending() -> None:
    """D-02: `pending` is a third name of the state the docs call `queued` and `submitted`; a
    server sending it gets a WARN, not a FAIL (openapi.yaml, TaskStatus x-decisions)."""
    with client(variants=("pending-status",)) as (http, _):
        assert_valid(CREATE_OP, 200, create(http), view="server")


def test_pending_and_submitted_conflict() -> None:
    with pytest.raises(ValueError, match="conflict"):
        MockConfig(variants=("submitted-status", "pending-status"))


# -- billing-fields ---------------------------------------------------------------------------


def test_billing_fields_follow_the_task() -> None:
    with client(variants=("billing-fields",), step_per_poll=True) as (http, _):
        created = create(http, body(n=2))
        cost = PRICE_PER_IMAGE_USD * 2
        assert created["billing"] == {
            "status": "pending",
            "credits": f"{cost * 100:.2f}",
            "cost_usd": f"{cost:.4f}",
        }
        assert "usage" not in created
        assert "fail_reason" not in created
        running = poll(http, created["id"])
        assert running["billing"]["status"] == "pending"
        settled = set()
        for _ in range(3 * BILLING_PENDING_ONE_IN):
            task = finished(http)
            assert_valid(STATUS_OP, 200, task)  # extra fields are never forbidden (D-10)
            billing = task["billing"]
            settled.add(billing["status"])
            assert Decimal(billing["credits"]) == Decimal(billing["cost_usd"]) * 100 > 0
            usage = task["usage"]
            assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"] > 0
            assert poll(http, task["id"]) == task  # final bodies never change
        assert settled == {"settled", "pending"}  # pending may still hold at completion

        failed = finished(http, FAILING)
        assert failed["status"] == "failed"
        assert_valid(STATUS_OP, 200, failed)
        assert failed["billing"]["status"] == "refunded"
        assert failed["fail_reason"] == failed["error"]["message"]
        assert "usage" not in failed


# -- files-host-paths -------------------------------------------------------------------------


def test_files_host_paths_are_served() -> None:
    with client(variants=("files-host-paths",)) as (http, _):
        task = finished(http, body(n=2))
        assert_valid(STATUS_OP, 200, task)
        urls = [item["url"] for item in task["result"]["data"]]
        assert task["url"] == urls[0]
        assert len(set(urls)) == 2
        for url in urls:
            match = HOSTED.fullmatch(url)
            assert match is not None, url
            assert match.group(1) == task["id"]
            assert int(match.group(2)) == task["completed_at"]
            served = http.get(local(url))
            assert served.status_code == 200
            assert image_format(served.content) == "PNG"
        # Only the paths handed out: not the default shape, not another hash or task.
        assert http.get(f"/files/generated/{task['id']}/0.png").status_code == 404
        path = local(urls[0])
        assert http.get(path[:-12] + "deadbeef.png").status_code == 404
        assert http.get(path.replace(task["id"], "tsk_img_nope")).status_code == 404
        assert http.get(path[:-4] + ".jpg").status_code == 404


def test_files_host_paths_compose_with_formats_redirects_and_defects() -> None:
    with client(variants=("files-host-paths", "jpeg-results", "redirect-results")) as (http, _):
        url = finished(http)["url"]
        assert HOSTED.fullmatch(url)
        assert url.endswith(".jpg")
        redirect = http.get(local(url))
        assert redirect.status_code == 302
        image = http.get(local(redirect.headers["location"]))
        assert image.status_code == 200
        assert image_format(image.content) == "JPEG"
    with client(variants=("files-host-paths",), defects=("finished-task-changes",)) as (http, _):
        first = finished(http)
        second = poll(http, first["id"])
        assert first["url"] != second["url"]
        for task in (first, second):
            versioned = rf"{BASE}/images/{task['id']}/v[0-9]+/[0-9]+_[0-9a-f]{{8}}\.png"
            assert re.fullmatch(versioned, task["url"])
            assert http.get(local(task["url"])).status_code == 200
    with client(variants=("files-host-paths",)) as (http, _):
        failed = finished(http, FAILING)
        assert "url" not in failed
    with pytest.raises(ValueError, match="conflict"):
        MockConfig(variants=("files-host-paths", "documented-url-shape"))


# -- the profile ------------------------------------------------------------------------------


def test_the_profile_expands_to_known_compatible_variants() -> None:
    variants = PROFILES[PROFILE].variants
    assert set(variants) <= set(VARIANTS)
    assert PROFILE not in VARIANTS
    assert MockConfig(variants=(PROFILE,)).variants == variants
    # Names may repeat or mix with variants: each is switched on once, in order.
    mixed = expand_profiles(("gzip", PROFILE, "ulid-ids"))
    assert mixed == ("gzip", *variants)
    with pytest.raises(ValueError, match="conflict"):
        MockConfig(variants=(PROFILE, "submitted-status"))
    with pytest.raises(ValueError, match=r"unknown variant.*profiles: observed-service"):
        MockConfig(variants=("observed",))


def test_the_observed_service_profile_end_to_end() -> None:
    with client(variants=(PROFILE,), seed=3) as (http, clock):
        created = create(http, body(n=2))
        assert re.fullmatch(r"tsk_img_[0-9A-HJKMNP-TV-Z]{26}", created["id"])
        assert created["status"] == "pending"
        assert created["billing"]["status"] == "pending"
        clock.advance(SLOW_TASK_SECONDS / 2)
        running = poll(http, created["id"])
        assert running["status"] == "in_progress"
        assert 0 < running["progress"] < 100
        clock.advance(SLOW_TASK_SECONDS / 2)
        done = poll(http, created["id"])
        assert done["status"] == "completed"
        assert done["billing"]["status"] in {"settled", "pending"}
        assert done["usage"]["output_tokens"] > 0
        for item in done["result"]["data"]:
            assert HOSTED.fullmatch(item["url"])
            assert http.get(local(item["url"])).status_code == 200


def test_the_embedded_mock_of_the_suite_accepts_the_profile() -> None:
    with embedded_mock(seed=0, variants=(PROFILE,)) as server:
        assert server.variants == PROFILES[PROFILE].variants
        assert "--variant observed-service" in server.mock_command
        # slow-tasks is in the profile: the suite polls as it does for slow-tasks.
        assert (server.settings().poll_interval, server.settings().task_timeout) == (1.0, 120.0)
