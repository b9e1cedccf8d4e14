"""Task webhooks of the mock: targets, events, signatures, retries, ``callback_url``."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from conformance.webhook_receiver import PATH, REDIRECT_PATH, Received, WebhookReceiver
from mock_server import MockConfig, run_in_thread
from mock_server.cli import main as mock_main
from mock_server.webhooks import WebhookDispatcher, WebhookTarget, load_config_file
from toapis import webhooks

TOKEN, OTHER = "hooked", "plain"
SECRET = "a1" * 32
SCALE = 0.005  # 10 s -> 50 ms, 30 s -> 150 ms


@contextmanager
def mock_and_receiver(
    script: tuple[int, ...] = (),
    *,
    target_path: str = PATH,
    previous_secret: str | None = None,
    **config: Any,
) -> Iterator[tuple[str, WebhookReceiver, WebhookDispatcher]]:
    receiver = WebhookReceiver("127.0.0.1", 0, script=script)
    with receiver.running():
        url = f"http://127.0.0.1:{receiver.port}{target_path}"
        settings = MockConfig(
            tokens=(TOKEN, OTHER),
            seed=0,
            webhooks={TOKEN: WebhookTarget(url, SECRET, previous_secret)},
            webhook_retry_scale=SCALE,
            **config,
        )
        with run_in_thread(settings) as server:
            yield server.base_url, receiver, server.app.app.state.webhooks  # type: ignore[attr-defined]


def create(base_url: str, body: dict[str, Any], token: str = TOKEN) -> httpx.Response:
    return httpx.post(
        f"{base_url}/v1/images/generations",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )


def poll(base_url: str, task_id: str, token: str = TOKEN) -> dict[str, Any]:
    for _ in range(10):
        task: dict[str, Any] = httpx.get(
            f"{base_url}/v1/images/generations/{task_id}",
            headers={"Authorization": f"Bearer {token}"},
        ).json()
        if task["status"] in ("completed", "failed"):
            return task
    raise AssertionError(f"task {task_id} never became final")


def acknowledged(receiver: WebhookReceiver, task_id: str, timeout: float = 5.0) -> list[Received]:
    assert receiver.wait(
        lambda: any(200 <= r.answered < 300 for r in receiver.of_task(task_id)), timeout
    ), receiver.records
    return receiver.of_task(task_id)


GPT4O = {"model": "gpt-4o-image", "prompt": "A lighthouse"}
VIP = {"model": "gpt-image-2-vip", "prompt": "A lighthouse"}


def test_a_task_nobody_polls_sends_its_signed_documented_event() -> None:
    with mock_and_receiver(task_duration=0.2) as (base_url, receiver, _):
        task = create(base_url, GPT4O).json()
        (delivery,) = acknowledged(receiver, task["id"])
        final = poll(base_url, task["id"])
    assert delivery.method == "POST"
    assert delivery.path == PATH
    assert delivery.headers["user-agent"] == "ToAPIs-Webhook/1.0"
    assert delivery.headers["content-type"] == "application/json"
    event = webhooks.verify(delivery.body, delivery.headers, SECRET)
    assert event.type == "generation.completed"
    assert event.id.startswith("evt_")
    payload = json.loads(delivery.body)
    assert payload["api_version"] == "v1"
    data = payload["data"]
    assert data["task_id"] == task["id"]
    assert data["model"] == "gpt-4o-image"
    assert (data["status"], data["progress"], data["task_type"]) == ("SUCCESS", "100%", "image")
    assert data["error"] is None
    assert data["submitted_at"] == final["created_at"]
    assert data["finished_at"] == final["completed_at"]
    assert [i["url"] for i in data["result"]["data"]] == [i["url"] for i in final["result"]["data"]]


def test_in_step_per_poll_mode_the_final_poll_sends_it_and_failures_send_generation_failed() -> (
    None
):
    with mock_and_receiver(step_per_poll=True) as (base_url, receiver, _):
        task = create(base_url, {**GPT4O, "prompt": "fail me [[fail]]"}).json()
        assert receiver.wait(lambda: bool(receiver.records), 0.3) is False  # not final yet
        final = poll(base_url, task["id"])
        (delivery,) = acknowledged(receiver, task["id"])
    assert final["status"] == "failed"
    event = webhooks.verify(delivery.body, delivery.headers, SECRET)
    assert event.type == "generation.failed"
    assert event.data is not None
    assert event.data.status == "FAILURE"
    assert event.data.image_urls == ()
    assert event.data.error is not None
    assert event.data.error.code == "generation_failed"
    assert event.data.error.message == final["error"]["message"]


def test_a_non_2xx_is_retried_with_the_same_event_id_and_a_fresh_signature() -> None:
    with mock_and_receiver((500, 404, 503)) as (base_url, receiver, dispatcher):
        task = create(base_url, {**GPT4O}).json()
        poll(base_url, task["id"])
        deliveries = acknowledged(receiver, task["id"])
    assert [d.answered for d in deliveries] == [500, 404, 503, 204]
    assert len({d.event_id for d in deliveries}) == 1
    for delivery in deliveries:
        assert webhooks.verify(delivery.body, delivery.headers, SECRET).id == delivery.event_id
    gaps = [b.received_at - a.received_at for a, b in itertools.pairwise(deliveries)]
    # 10 s, 30 s and 2 min, scaled: each gap at least its delay.
    assert gaps[0] >= 10 * SCALE
    assert gaps[1] >= 30 * SCALE
    assert gaps[2] >= 120 * SCALE
    assert [a.status for a in dispatcher.attempts] == [500, 404, 503, 204]


def test_a_redirect_is_not_followed_and_counts_as_a_failure() -> None:
    with mock_and_receiver((307,)) as (base_url, receiver, _):
        task = create(base_url, GPT4O).json()
        poll(base_url, task["id"])
        deliveries = acknowledged(receiver, task["id"])
    assert [(d.path, d.answered) for d in deliveries] == [(PATH, 307), (PATH, 204)]
    assert not [r for r in receiver.records if r.path == REDIRECT_PATH]


def test_during_rotation_both_signatures_are_sent_current_first() -> None:
    with mock_and_receiver(previous_secret="the-old-one") as (base_url, receiver, _):
        task = create(base_url, GPT4O).json()
        poll(base_url, task["id"])
        (delivery,) = acknowledged(receiver, task["id"])
    header = delivery.headers["x-toapis-webhook-signature"]
    stamp = delivery.headers["x-toapis-webhook-timestamp"]
    current = webhooks.signature(SECRET, delivery.event_id or "", stamp, delivery.body)
    previous = webhooks.signature("the-old-one", delivery.event_id or "", stamp, delivery.body)
    assert header == f"v1={current},v1={previous}"
    assert webhooks.verify(delivery.body, delivery.headers, "the-old-one").id == delivery.event_id


def test_callback_url_changes_the_path_where_the_model_declares_it() -> None:
    # The default URL is a path the receiver does not serve (404): only callback_url works.
    with mock_and_receiver(target_path="/elsewhere") as (base_url, receiver, _):
        callback = f"http://127.0.0.1:{receiver.port}{PATH}?order=7"
        task = create(base_url, {**VIP, "callback_url": callback}).json()
        poll(base_url, task["id"])
        (delivery,) = acknowledged(receiver, task["id"])
    assert delivery.path == PATH
    assert delivery.answered == 204


def test_callback_url_on_another_origin_is_refused() -> None:
    with mock_and_receiver() as (base_url, receiver, _):
        for other in (
            f"https://127.0.0.1:{receiver.port}{PATH}",  # scheme
            f"http://localhost:{receiver.port}{PATH}",  # host
            f"http://127.0.0.1:{receiver.port + 1}{PATH}",  # port
        ):
            answer = create(base_url, {**VIP, "callback_url": other})
            assert answer.status_code == 400, other
            error = answer.json()["error"]
            assert (error["code"], error["param"]) == ("invalid_request", "callback_url")


def test_callback_url_without_a_configured_webhook_is_webhook_not_configured() -> None:
    with mock_and_receiver() as (base_url, receiver, _):
        answer = create(base_url, {**VIP, "callback_url": receiver.url}, token=OTHER)
        # A model whose schema does not declare it: an unknown field, ignored (D-10, D-42).
        ignored = create(base_url, {**GPT4O, "callback_url": receiver.url}, token=OTHER)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "webhook_not_configured"
    assert answer.json()["error"]["param"] == "callback_url"
    assert ignored.status_code == 200


def test_callback_url_is_ignored_for_a_model_that_does_not_declare_it() -> None:
    with mock_and_receiver() as (base_url, receiver, _):
        answer = create(base_url, {**GPT4O, "callback_url": "https://elsewhere.example/x"})
        task = answer.json()
        poll(base_url, task["id"])
        (delivery,) = acknowledged(receiver, task["id"])
    assert answer.status_code == 200
    assert delivery.path == PATH


def test_tasks_of_a_token_without_webhook_send_nothing() -> None:
    with mock_and_receiver() as (base_url, receiver, dispatcher):
        task = create(base_url, GPT4O, token=OTHER).json()
        poll(base_url, task["id"], token=OTHER)
        hooked = create(base_url, GPT4O).json()
        poll(base_url, hooked["id"])
        acknowledged(receiver, hooked["id"])
    assert not receiver.of_task(task["id"])
    assert {a.task_id for a in dispatcher.attempts} == {hooked["id"]}


def test_an_unreachable_receiver_costs_retries_not_the_mock() -> None:
    receiver = WebhookReceiver("127.0.0.1", 0)
    with receiver.running():
        port = receiver.port
    settings = MockConfig(
        tokens=(TOKEN,),
        seed=0,
        webhooks={TOKEN: WebhookTarget(f"http://127.0.0.1:{port}{PATH}", SECRET)},
        webhook_retry_scale=SCALE,
    )
    with run_in_thread(settings) as server:
        dispatcher: WebhookDispatcher = server.app.app.state.webhooks  # type: ignore[attr-defined]
        task = create(server.base_url, GPT4O).json()
        poll(server.base_url, task["id"])
        with httpx.Client() as client:
            for _ in range(20):
                if len(dispatcher.attempts) >= 3:
                    break
                client.get(
                    f"{server.base_url}/v1/images/generations/{task['id']}",
                    headers={"Authorization": f"Bearer {TOKEN}"},
                    timeout=5,
                )
                time.sleep(0.1)
        assert create(server.base_url, GPT4O).status_code == 200
    assert len(dispatcher.attempts) >= 3
    assert all(a.status is None and a.error for a in dispatcher.attempts)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://hooks.example.com/toapis", True),
        ("http://127.0.0.1:9000/hook", True),
        ("http://[::1]:9000/hook", True),
        ("http://localhost/hook", True),
        ("http://hooks.example.com/toapis", False),
        ("ftp://hooks.example.com/toapis", False),
        ("https:///no-host", False),
    ],
)
def test_default_urls_are_https_or_loopback_http(url: str, ok: bool) -> None:
    if ok:
        assert WebhookTarget(url, SECRET).url == url
    else:
        with pytest.raises(ValueError, match="webhook URL"):
            WebhookTarget(url, SECRET)


def test_config_refuses_webhooks_of_unknown_tokens_and_empty_secrets() -> None:
    with pytest.raises(ValueError, match="not accepted tokens"):
        MockConfig(tokens=("a",), webhooks={"b": WebhookTarget("https://x.example/", SECRET)})
    with pytest.raises(ValueError, match="secret"):
        WebhookTarget("https://x.example/", "")


def test_the_config_file_and_the_cli_options(tmp_path: Path) -> None:
    path = tmp_path / "hooks.json"
    path.write_text(
        json.dumps({"t": {"url": "https://x.example/h", "secret": "s", "previous_secret": "p"}})
    )
    assert load_config_file(path) == {"t": WebhookTarget("https://x.example/h", "s", "p")}
    path.write_text(json.dumps({"t": {"url": "https://x.example/h"}}))
    with pytest.raises(ValueError, match="url and secret"):
        load_config_file(path)
    for argv in (
        ["--token", "t", "--webhook", "t=https://x.example/h"],  # no secret
        ["--token", "t", "--webhook-secret", "t=s"],  # no URL
        ["--token", "t", "--webhook", "t=http://x.example/h", "--webhook-secret", "t=s"],
        ["--token", "t", "--webhook", "nope"],
    ):
        with pytest.raises(SystemExit) as exited:
            mock_main([*argv, "--port", "1"])
        assert exited.value.code == 2, argv
