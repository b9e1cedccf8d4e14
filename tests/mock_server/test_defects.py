"""Every defect switch changes exactly the behaviour it names, and nothing else.

Each probe observes one documented behaviour on a fresh server. For every defect, the probe it
is mapped to must observe something different from the clean server, and every other probe must
observe exactly what the clean server shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

import toapis_spec
from conformance.images import padded_png
from mock_server import MockConfig, contract
from mock_server.cli import main
from mock_server.clock import ManualClock
from mock_server.defects import DEFECTS
from mock_server.webhooks import WebhookDispatcher, WebhookTarget
from tests.mock_server.helpers import (
    AUTH_A,
    AUTH_B,
    CREATE,
    TOKEN_A,
    InProcessClient,
    body,
    client,
    dimensions,
    image_bytes,
    image_format,
    upload,
)
from toapis import webhooks as signing

Probe = Callable[[InProcessClient, ManualClock], Any]


@dataclass(frozen=True)
class ProbeSpec:
    run: Probe
    settings: dict[str, Any] = field(default_factory=dict)


def _status_of(request_body: dict[str, Any]) -> Probe:
    return lambda http, _: http.post(CREATE, json=request_body, headers=AUTH_A).status_code


def _finished(http: InProcessClient, request_body: dict[str, Any] | None = None) -> dict[str, Any]:
    task_id = http.post(CREATE, json=request_body or body(), headers=AUTH_A).json()["id"]
    return dict(http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json())


def progress_never_decreases(http: InProcessClient, _: ManualClock) -> bool:
    task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
    seen = [http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()["progress"] for _ in range(3)]
    return seen == sorted(seen)


def task_finishes(http: InProcessClient, _: ManualClock) -> str:
    """The first final status a task shows within six polls (else the last status)."""
    task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
    statuses = [http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()["status"] for _ in range(6)]
    return str(next((s for s in statuses if s in {"completed", "failed"}), statuses[-1]))


def finished_task_is_stable(http: InProcessClient, _: ManualClock) -> bool:
    first = _finished(http)
    return bool(first == http.get(f"{CREATE}/{first['id']}", headers=AUTH_A).json())


# Probes below state a promise about completed tasks; like a conformance check, they hold
# vacuously when there is no completed task to look at (that is another probe's business).


def result_count_is_n(http: InProcessClient, _: ManualClock) -> bool:
    task = _finished(http, body(n=2))
    return "result" not in task or len(task["result"]["data"]) == 2


def results_live_24_hours(http: InProcessClient, _: ManualClock) -> bool:
    task = _finished(http)
    return bool(
        task["status"] != "completed" or task["expires_at"] - task["completed_at"] == 86_400
    )


def created_at_is_fixed(http: InProcessClient, clock: ManualClock) -> bool:
    created = http.post(CREATE, json=body(), headers=AUTH_A).json()
    clock.advance(5)
    polled = http.get(f"{CREATE}/{created['id']}", headers=AUTH_A).json()
    return bool(polled["created_at"] == created["created_at"])


def completed_has_result(http: InProcessClient, _: ManualClock) -> bool:
    task = _finished(http)
    return task["status"] != "completed" or ("result" in task and "url" in task)


def failed_task_has_error(http: InProcessClient, _: ManualClock) -> bool:
    task_id = http.post(CREATE, json=body(prompt="[[fail]]"), headers=AUTH_A).json()["id"]
    task = http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()
    return task["status"] != "failed" or isinstance(task.get("error"), dict)


def failed_task_status(http: InProcessClient, _: ManualClock) -> int:
    task_id = http.post(CREATE, json=body(prompt="[[fail]]"), headers=AUTH_A).json()["id"]
    return http.get(f"{CREATE}/{task_id}", headers=AUTH_A).status_code


def foreign_task(http: InProcessClient, _: ManualClock) -> tuple[int, bool]:
    task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
    foreign = http.get(f"{CREATE}/{task_id}", headers=AUTH_B)
    missing = http.get(f"{CREATE}/task_img_missing", headers=AUTH_B)
    return foreign.status_code, foreign.content == missing.content


def status_without_token(http: InProcessClient, _: ManualClock) -> int:
    task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
    return http.get(f"{CREATE}/{task_id}").status_code


def unauthorized_body(http: InProcessClient, _: ManualClock) -> Any:
    return http.post(CREATE, json=body(), headers={"Authorization": "Bearer nope"}).json()


def invalid_request_body(http: InProcessClient, _: ManualClock) -> Any:
    return http.post(CREATE, json={"model": "gpt-4o-image"}, headers=AUTH_A).json()


def retry_after(http: InProcessClient, _: ManualClock) -> str | None:
    for _attempt in range(50):
        http.post(CREATE, json=body(), headers=AUTH_A)
    value = http.post(CREATE, json=body(), headers=AUTH_A).headers.get("Retry-After")
    return None if value is None else str(value)


def json_content_type(http: InProcessClient, _: ManualClock) -> str:
    return str(http.get(f"{CREATE}/missing", headers=AUTH_A).headers["content-type"])


def upload_typed_by(http: InProcessClient, _: ManualClock) -> Any:
    return upload(http, image_bytes("PNG"), name="photo.jpg").json()["data"]["mime_type"]


def upload_over_limit(http: InProcessClient, _: ManualClock) -> int:
    return upload(http, image_bytes("PNG") + b"\0" * (10 * 1024 * 1024), "big.png").status_code


def upload_gif(http: InProcessClient, _: ManualClock) -> int:
    return upload(http, image_bytes("GIF"), "anim.gif").status_code


def _first_result_file(http: InProcessClient, request_body: dict[str, Any] | None = None) -> Any:
    # The mock's own file URL, so the probe does not depend on the task JSON carrying it.
    return http.get(f"/files/generated/{_finished(http, request_body)['id']}/0.png")


def result_dimensions(http: InProcessClient, _: ManualClock) -> bool:
    image = _first_result_file(http, body(size="3:2"))
    return image.status_code != 200 or dimensions(image.content) == (1536, 1024)


def result_is_png(http: InProcessClient, _: ManualClock) -> bool:
    image = _first_result_file(http)
    return image.status_code != 200 or image_format(image.content) == "PNG"


def _format_model() -> str:
    """The first model whose request names its result files' format (the contract's)."""
    return next(m for m in toapis_spec.canonical_models() if toapis_spec.result_format(m))


def asked_format_served(http: InProcessClient, _: ManualClock) -> bool:
    """The first result file of a task that asked for JPEG files is typed image/jpeg (the
    type, not the bytes: ``jpeg-served-as-png`` changes those, and has its own probe)."""
    model = _format_model()
    found = toapis_spec.result_format(model)
    assert found is not None
    jpeg = next(value for value, media in found.formats.items() if media == "image/jpeg")
    request = body(model=model, **{found.field: jpeg})
    if found.with_any_of:
        url = upload(http, image_bytes("PNG"), "reference.png").json()["data"]["url"]
        request[found.with_any_of[0]] = [url]
    result = _finished(http, request).get("result")
    if not isinstance(result, dict) or not result.get("data"):
        return True
    image = http.get(result["data"][0]["url"])
    return image.status_code != 200 or image.headers.get("content-type") == "image/jpeg"


def item_format_names_file(http: InProcessClient, _: ManualClock) -> bool:
    """Every result item that carries output_format names its file's format."""
    result = _finished(http).get("result")
    for item in result.get("data", []) if isinstance(result, dict) else []:
        label = item.get("output_format")
        if label is None:
            continue
        image = http.get(item["url"])
        if image.status_code == 200 and image_format(image.content) != str(label).upper():
            return False
    return True


def webp_reference_status(http: InProcessClient, _: ManualClock) -> int:
    url = upload(http, image_bytes("WEBP"), "reference.webp").json()["data"]["url"]
    return http.post(CREATE, json=body(image_urls=[url]), headers=AUTH_A).status_code


def expired_result(http: InProcessClient, clock: ManualClock) -> int:
    task = _finished(http)
    clock.advance(86_401)
    return http.get(f"/files/generated/{task['id']}/0.png").status_code


def echoed_model(http: InProcessClient, _: ManualClock) -> Any:
    return _finished(http)["model"]


def created_at_in_seconds(http: InProcessClient, _: ManualClock) -> bool:
    return bool(_finished(http)["created_at"] < 10**11)


def default_count_is_one(http: InProcessClient, _: ManualClock) -> bool:
    """A request without n gets as many images as one with n: 1 (compared, so that defects of
    the result count in general show elsewhere)."""
    counts = [_finished(http, request).get("result") for request in (body(), body(n=1))]
    return len({len(r["data"]) if isinstance(r, dict) else -1 for r in counts}) == 1


def top_level_url_serves(http: InProcessClient, _: ManualClock) -> bool:
    task = _finished(http)
    return "url" not in task or http.get(task["url"]).status_code == 200


def upload_served_size(http: InProcessClient, _: ManualClock) -> tuple[int, int]:
    sent = upload(http, image_bytes("PNG", (48, 32)), name="image.png")
    return dimensions(http.get(sent.json()["data"]["url"]).content)


MAX_URLS = int(contract.request_property("image_urls")["maxItems"])
REFERENCE = "https://example.com/a.png"

HOOK_URL = "https://hooks.example/toapis"
HOOK_SECRET = "hook-secret"


def webhook_deliveries(http: InProcessClient, clock: ManualClock) -> dict[str, Any]:
    """What a receiver answering 500, then 307, then 204 sees of one completed task's event
    (deliveries go to an ``httpx.MockTransport``: nothing leaves the process)."""
    seen: list[httpx.Request] = []
    answers = iter((500, 307))

    def receive(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path != "/toapis":
            return httpx.Response(204)
        status = next(answers, 204)
        location = {"Location": "https://hooks.example/elsewhere"} if status == 307 else {}
        return httpx.Response(status, headers=location)

    dispatcher: WebhookDispatcher = http.app.app.state.webhooks  # type: ignore[attr-defined]
    dispatcher.transport = httpx.MockTransport(receive)
    task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
    task = http.state.tasks.get(None, task_id)
    assert task is not None

    async def finish() -> bool:
        # By hand, so that no life-cycle defect (never-finishes...) shows here.
        task.status, task.progress, task.completed_at = "completed", 100, int(clock.now())
        dispatcher.task_final(task)
        return await dispatcher.idle(5.0)

    assert http.run(finish())
    hooked = [r for r in seen if r.url.path == "/toapis"]
    verified = []
    for request in hooked:
        try:
            signing.verify(request.content, request.headers, HOOK_SECRET, now=clock.now())
            verified.append("ok")
        except signing.WebhookError as exc:
            verified.append(type(exc).__name__)
    payloads = [json.loads(r.content) for r in hooked]
    return {
        "answers": len(hooked),
        "verified": verified,
        "ids": len({p["id"] for p in payloads}),
        "status": sorted({p["data"]["status"] for p in payloads}),
        "redirect-followed": len(seen) - len(hooked),
    }


def _mask_status(mask: bytes, reference: bytes) -> Probe:
    """The create status of a gpt-4o edit with these uploads as reference and mask."""

    def probe(http: InProcessClient, _: ManualClock) -> int:
        reference_url, mask_url = (
            upload(http, data, name).json()["data"]["url"]
            for data, name in ((reference, "reference.png"), (mask, "mask.png"))
        )
        edit = body(image_urls=[reference_url], mask_url=mask_url)
        return http.post(CREATE, json=edit, headers=AUTH_A).status_code

    return probe


def _numeric_over_maximum() -> Probe:
    """The create status of a request with a numeric option (not `n`) one past its maximum,
    for the first model that has one."""
    from conformance.edges import model_edges, set_value

    edge = next(
        e
        for model in contract.models()
        for e in model_edges(model)
        if e.keyword == "maximum" and e.field != "n" and not e.given
    )
    request = set_value({"model": edge.model, "prompt": "A castle"}, edge.field, edge.past)
    return _status_of(request)


_MASK_LIMIT = toapis_spec.fetched_max_bytes(contract.default_model(), "mask_url") or 0

PROBES: dict[str, ProbeSpec] = {
    "mismatched-mask": ProbeSpec(
        _mask_status(image_bytes("PNG", (48, 64)), image_bytes("PNG", (64, 64)))
    ),
    "large-mask": ProbeSpec(_mask_status(padded_png(_MASK_LIMIT + 1), image_bytes("PNG", (8, 8)))),
    "numeric-over-maximum": ProbeSpec(_numeric_over_maximum()),
    "long-prompt": ProbeSpec(_status_of(body(prompt="x" * 1001))),
    "n-3": ProbeSpec(_status_of(body(n=3))),
    "n-string": ProbeSpec(_status_of(body(n="1"))),
    "n-true": ProbeSpec(_status_of(body(n=True))),
    "size-16-9": ProbeSpec(_status_of(body(size="16:9"))),
    "too-many-urls": ProbeSpec(_status_of(body(image_urls=[REFERENCE] * (MAX_URLS + 1)))),
    "max-urls": ProbeSpec(_status_of(body(image_urls=[REFERENCE] * MAX_URLS))),
    "unknown-model": ProbeSpec(_status_of(body(model="no-such-image-model"))),
    "data-url": ProbeSpec(_status_of(body(image_urls=["data:image/png;base64,iVBORw0KGgo="]))),
    "mask-alone": ProbeSpec(_status_of(body(mask_url="https://example.com/m.png"))),
    "progress-monotonic": ProbeSpec(progress_never_decreases, {"step_per_poll": True}),
    "task-finishes": ProbeSpec(task_finishes, {"step_per_poll": True}),
    "finished-stable": ProbeSpec(finished_task_is_stable),
    "result-count": ProbeSpec(result_count_is_n),
    "result-lifetime": ProbeSpec(results_live_24_hours),
    "created-at-fixed": ProbeSpec(created_at_is_fixed, {"task_duration": 10.0}),
    "completed-has-result": ProbeSpec(completed_has_result),
    "failed-is-200": ProbeSpec(failed_task_status),
    "failed-has-error": ProbeSpec(failed_task_has_error),
    "foreign-task": ProbeSpec(foreign_task),
    "status-needs-token": ProbeSpec(status_without_token),
    "unauthorized-body": ProbeSpec(unauthorized_body),
    "invalid-request-body": ProbeSpec(invalid_request_body),
    "retry-after": ProbeSpec(retry_after, {"rate_limits": True}),
    "json-content-type": ProbeSpec(json_content_type),
    "upload-typed-by-content": ProbeSpec(upload_typed_by),
    "upload-limit": ProbeSpec(upload_over_limit),
    "upload-gif": ProbeSpec(upload_gif),
    "result-dimensions": ProbeSpec(result_dimensions),
    "result-format": ProbeSpec(result_is_png),
    "asked-format": ProbeSpec(asked_format_served),
    "webp-reference": ProbeSpec(webp_reference_status),
    "item-format": ProbeSpec(item_format_names_file),
    "expired-result": ProbeSpec(expired_result),
    "model-echo": ProbeSpec(echoed_model),
    "created-at-seconds": ProbeSpec(created_at_in_seconds),
    "default-count": ProbeSpec(default_count_is_one),
    "top-level-url": ProbeSpec(top_level_url_serves),
    "upload-served": ProbeSpec(upload_served_size),
    "webhook": ProbeSpec(
        webhook_deliveries,
        {
            "webhooks": {TOKEN_A: WebhookTarget(HOOK_URL, HOOK_SECRET)},
            "webhook_retry_scale": 0.0,
        },
    ),
}

# The one probe each defect must change.
SHOWN_BY: dict[str, str] = {
    "accept-long-prompt": "long-prompt",
    "accept-n-3": "n-3",
    "accept-n-string": "n-string",
    "accept-n-true": "n-true",
    "accept-size-16-9": "size-16-9",
    "accept-too-many-image-urls": "too-many-urls",
    "refuses-max-reference-images": "max-urls",
    "ignores-model": "unknown-model",
    "accept-data-urls": "data-url",
    "accept-mask-without-reference": "mask-alone",
    "accept-mismatched-mask": "mismatched-mask",
    "accept-large-mask": "large-mask",
    "numeric-limit-off-by-one": "numeric-over-maximum",
    "progress-goes-backwards": "progress-monotonic",
    "finished-task-changes": "finished-stable",
    "finished-task-status-changes": "finished-stable",
    "finished-result-count-changes": "finished-stable",
    "progress-dips-briefly": "progress-monotonic",
    "failed-task-without-error": "failed-has-error",
    "result-count-mismatch": "result-count",
    "expires-at-wrong": "result-lifetime",
    "created-at-changes": "created-at-fixed",
    "completed-without-result": "completed-has-result",
    "never-finishes": "task-finishes",
    "failed-task-http-500": "failed-is-200",
    "cross-tenant-read": "foreign-task",
    "foreign-task-403": "foreign-task",
    "status-without-token": "status-needs-token",
    "unauthorized-wrong-envelope": "unauthorized-body",
    "invalid-request-without-param": "invalid-request-body",
    "error-as-string": "invalid-request-body",
    "retry-after-missing": "retry-after",
    "json-as-html": "json-content-type",
    "upload-type-by-name": "upload-typed-by-content",
    "upload-no-size-limit": "upload-limit",
    "upload-rejects-gif": "upload-gif",
    "upload-too-large-413": "upload-limit",
    "wrong-aspect-ratio": "result-dimensions",
    "jpeg-served-as-png": "result-format",
    "output-format-ignored": "asked-format",
    "refuse-webp-references": "webp-reference",
    "result-item-format-wrong": "item-format",
    "expired-results-served": "expired-result",
    "webhook-wrong-signature": "webhook",
    "webhook-signs-body-only": "webhook",
    "webhook-stale-timestamp": "webhook",
    "webhook-status-mismatch": "webhook",
    "webhook-new-event-id-per-retry": "webhook",
    "webhook-no-retry": "webhook",
    "webhook-follows-redirects": "webhook",
    "echo-other-model": "model-echo",
    "default-n-two": "default-count",
    "top-level-url-broken": "top-level-url",
    "upload-url-thumbnail": "upload-served",
    "created-at-in-ms": "created-at-seconds",
}


def observe(defects: tuple[str, ...]) -> dict[str, Any]:
    observed: dict[str, Any] = {}
    for name, probe in PROBES.items():
        with client(defects=defects, **probe.settings) as (http, clock):
            observed[name] = probe.run(http, clock)
    return observed


_CLEAN: dict[str, Any] = {}


def clean() -> dict[str, Any]:
    if not _CLEAN:
        _CLEAN.update(observe(()))
    return _CLEAN


def test_every_defect_has_a_probe_and_a_summary() -> None:
    assert set(SHOWN_BY) == set(DEFECTS)
    assert len(DEFECTS) >= 20
    for defect in DEFECTS.values():
        assert defect.summary
        assert "\n" not in defect.summary
        assert defect.area in {
            "validation",
            "lifecycle",
            "auth",
            "envelope",
            "content-type",
            "uploads",
            "results",
            "webhooks",
        }
    assert {d.area for d in DEFECTS.values()} == {
        "validation",
        "lifecycle",
        "auth",
        "envelope",
        "content-type",
        "uploads",
        "results",
        "webhooks",
    }


def test_the_clean_server_keeps_every_promise() -> None:
    observed = clean()
    assert observed["progress-monotonic"] is True
    assert observed["task-finishes"] == "completed"
    assert observed["finished-stable"] is True
    assert observed["result-count"] is True
    assert observed["result-lifetime"] is True
    assert observed["completed-has-result"] is True
    assert observed["foreign-task"] == (404, True)
    assert observed["status-needs-token"] == 401
    assert observed["max-urls"] == 200
    assert observed["failed-has-error"] is True
    assert observed["retry-after"] == "1"
    assert observed["json-content-type"] == "application/json"
    assert observed["upload-typed-by-content"] == "image/png"
    assert observed["result-dimensions"] is True
    assert observed["result-format"] is True
    assert observed["asked-format"] is True
    assert observed["webp-reference"] == 200
    assert observed["item-format"] is True
    assert observed["expired-result"] == 404
    assert observed["model-echo"] == "gpt-4o-image"
    assert observed["created-at-seconds"] is True
    assert observed["default-count"] is True
    assert observed["top-level-url"] is True
    assert observed["upload-served"] == (48, 32)
    assert all(
        observed[name] == 400
        for name in (
            "long-prompt",
            "n-3",
            "n-string",
            "n-true",
            "size-16-9",
            "too-many-urls",
            "unknown-model",
            "data-url",
            "mask-alone",
            "mismatched-mask",
            "large-mask",
            "numeric-over-maximum",
            "upload-limit",
        )
    )


@pytest.mark.parametrize("defect", list(DEFECTS))
def test_defect_changes_exactly_its_own_behaviour(defect: str) -> None:
    expected = clean()
    observed = observe((defect,))
    shown_by = SHOWN_BY[defect]
    assert observed[shown_by] != expected[shown_by], f"{defect} is not visible in {shown_by}"
    others = {name: value for name, value in observed.items() if name != shown_by}
    assert others == {name: expected[name] for name in others}, f"{defect} leaks elsewhere"


# -- the behaviour of each newer defect, in detail -------------------------------------------


def _poll(http: InProcessClient, task_id: str) -> dict[str, Any]:
    return dict(http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json())


def test_finished_task_status_changes_to_failed_after_the_first_completed_answer() -> None:
    with client(defects=("finished-task-status-changes",)) as (http, _):
        first = _finished(http)
        later = [_poll(http, first["id"]) for _ in range(2)]
        assert first["status"] == "completed"
        for task in later:
            assert task["status"] == "failed"
            assert task["error"]["code"] == "generation_failed"
            assert "result" not in task


def test_finished_result_count_changes_on_every_later_poll() -> None:
    with client(defects=("finished-result-count-changes",)) as (http, _):
        first = _finished(http, body(n=2))
        counts = [len(first["result"]["data"])]
        counts += [len(_poll(http, first["id"])["result"]["data"]) for _ in range(2)]
        assert counts == [2, 3, 4]
        last = _poll(http, first["id"])["result"]["data"][-1]["url"]
        assert http.get(last.removeprefix("http://testserver")).status_code == 200


def test_finished_task_changes_the_path_not_the_query() -> None:
    with client(defects=("finished-task-changes",)) as (http, _):
        first = _finished(http)
        second = _poll(http, first["id"])
        urls = [task["result"]["data"][0]["url"] for task in (first, second)]
        assert urls[0] != urls[1]
        for url in urls:
            assert "?" not in url
            path = rf"/files/generated/{first['id']}/v\d+/0\.png"
            assert re.fullmatch(rf"http://testserver{path}", url)
            assert http.get(url.removeprefix("http://testserver")).status_code == 200


def test_ignores_model_serves_any_string_model_as_the_default_one() -> None:
    with client(defects=("ignores-model",)) as (http, _):
        created = http.post(CREATE, json=body(model="no-such-model", n=2), headers=AUTH_A)
        assert created.status_code == 200
        task = _poll(http, created.json()["id"])
        assert task["model"] == "no-such-model"
        assert task["status"] == "completed"
        assert len(task["result"]["data"]) == 2
        # Everything else is still checked, as for the default model.
        assert http.post(CREATE, json=body(model="x", n=3), headers=AUTH_A).status_code == 400
        assert http.post(CREATE, json=body(model=5), headers=AUTH_A).status_code == 400
    with client() as (http, _):
        refused = http.post(CREATE, json=body(model="no-such-model"), headers=AUTH_A)
        assert refused.status_code == 400
        assert refused.json()["error"]["param"] == "model"


def test_refuses_max_reference_images_is_an_off_by_one() -> None:
    with client(defects=("refuses-max-reference-images",)) as (http, _):
        at_max = http.post(CREATE, json=body(image_urls=[REFERENCE] * MAX_URLS), headers=AUTH_A)
        assert at_max.status_code == 400
        assert at_max.json()["error"]["param"] == "image_urls"
        fewer = body(image_urls=[REFERENCE] * (MAX_URLS - 1))
        assert http.post(CREATE, json=fewer, headers=AUTH_A).status_code == 200


def test_progress_dips_only_when_polled_again_within_half_a_second() -> None:
    with client(defects=("progress-dips-briefly",), step_per_poll=True) as (http, clock):
        task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        quick = [_poll(http, task_id)["progress"] for _ in range(3)]
        assert quick[1] < quick[0]
        assert quick[2] < quick[1]
        task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        spaced = []
        for _ in range(3):
            spaced.append(_poll(http, task_id)["progress"])
            clock.advance(0.5)
        assert spaced == [25, 50, 75]
    with client(defects=("progress-dips-briefly",), task_duration=10.0) as (http, clock):
        task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        clock.advance(3)
        before = _poll(http, task_id)["progress"]
        clock.advance(0.2)
        assert _poll(http, task_id)["progress"] < before
        clock.advance(5)
        assert _poll(http, task_id)["progress"] > before


def test_failed_task_without_error() -> None:
    with client(defects=("failed-task-without-error",)) as (http, _):
        task = _finished(http, body(prompt="[[fail]]"))
        assert task["status"] == "failed"
        assert "error" not in task


def test_the_fail_marker_is_configurable() -> None:
    with client(fail_marker="<<boom>>") as (http, _):
        assert _finished(http, body(prompt="a <<boom>> b"))["status"] == "failed"
        assert "<<boom>>" in _finished(http, body(prompt="<<boom>>"))["error"]["message"]
        assert _finished(http, body(prompt="a [[fail]] b"))["status"] == "completed"
    with pytest.raises(ValueError, match="fail_marker"):
        MockConfig(fail_marker="")


def test_the_old_defect_name_is_a_deprecated_alias(capsys: pytest.CaptureFixture[str]) -> None:
    assert MockConfig(defects=("accept-six-image-urls",)).defects == ("accept-too-many-image-urls",)
    with client(defects=("accept-six-image-urls",)) as (http, _):
        too_many = body(image_urls=[REFERENCE] * (MAX_URLS + 1))
        assert http.post(CREATE, json=too_many, headers=AUTH_A).status_code == 200
    assert "accept-six-image-urls" not in DEFECTS
    assert main(["--defect", "accept-six-image-urls", "--list-defects"]) == 0
    out, err = capsys.readouterr()
    assert "deprecated" in err
    assert "accept-too-many-image-urls" in err
    names = [line.split()[0] for line in out.splitlines()]
    assert names == list(DEFECTS)


def test_defect_summaries_take_their_numbers_from_the_contract() -> None:
    prompt_max = contract.request_property("prompt")["maxLength"]
    n_allowed = contract.request_property("n")["enum"]
    assert str(prompt_max) in DEFECTS["accept-long-prompt"].summary
    assert all(str(n) in DEFECTS["accept-n-3"].summary for n in n_allowed)
    assert str(MAX_URLS) in DEFECTS["accept-too-many-image-urls"].summary
    assert str(MAX_URLS) in DEFECTS["refuses-max-reference-images"].summary
    assert str(contract.upload_size_limit()) in DEFECTS["upload-no-size-limit"].summary
