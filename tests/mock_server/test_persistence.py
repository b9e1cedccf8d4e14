"""With --state-dir nothing is lost across restarts; without it, memory stays bounded."""

from __future__ import annotations

from pathlib import Path

from mock_server.clock import ManualClock
from tests.mock_server.helpers import AUTH_A, AUTH_B, CREATE, body, client, image_bytes, upload


def test_tasks_and_uploads_survive_a_restart(tmp_path: Path) -> None:
    clock = ManualClock()
    with client(state_dir=tmp_path, task_duration=10.0, clock=clock) as (http, _):
        done = http.post(
            CREATE, json=body(n=2, client_business_id="order-7"), headers=AUTH_A
        ).json()["id"]
        failed = http.post(CREATE, json=body(prompt="[[fail]]"), headers=AUTH_A).json()["id"]
        running = http.post(CREATE, json=body(), headers=AUTH_B).json()["id"]
        clock.advance(5)
        halfway = http.get(f"{CREATE}/{running}", headers=AUTH_B).json()
        clock.advance(6)
        before = {tid: http.get(f"{CREATE}/{tid}", headers=AUTH_A).json() for tid in (done, failed)}
        picture = image_bytes("WEBP")
        uploaded = upload(http, picture).json()["data"]
        image = http.get(before[done]["url"]).content

    with client(state_dir=tmp_path, task_duration=10.0, clock=clock) as (http, _):
        for tid, task in before.items():
            assert http.get(f"{CREATE}/{tid}", headers=AUTH_A).json() == task
        assert http.get(f"{CREATE}/order-7", headers=AUTH_A).json()["id"] == done
        assert http.get(f"{CREATE}/{running}", headers=AUTH_A).status_code == 404  # still isolated
        resumed = http.get(f"{CREATE}/{running}", headers=AUTH_B).json()
        assert resumed["created_at"] == halfway["created_at"]
        assert resumed["progress"] >= halfway["progress"]
        assert resumed["status"] == "completed"
        assert http.get(uploaded["url"]).content == picture
        assert http.get(before[done]["url"]).content == image
        assert (
            http.post(CREATE, json=body(image_urls=[uploaded["url"]]), headers=AUTH_A).status_code
            == 200
        )
        # Ids handed out after the restart never collide with earlier ones.
        new_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        assert new_id not in {done, failed, running}
        assert len(http.state.tasks) == 5


def test_step_mode_progress_is_not_lost_on_restart(tmp_path: Path) -> None:
    with client(state_dir=tmp_path, step_per_poll=True) as (http, _):
        task_id = http.post(CREATE, json=body(), headers=AUTH_A).json()["id"]
        assert http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()["progress"] == 25
        assert http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()["progress"] == 50
    with client(state_dir=tmp_path, step_per_poll=True) as (http, _):
        assert http.get(f"{CREATE}/{task_id}", headers=AUTH_A).json()["progress"] == 75


def test_memory_is_bounded_without_a_state_dir() -> None:
    with client(max_tasks=20, max_uploads=3) as (http, _):
        ids = [http.post(CREATE, json=body(), headers=AUTH_A).json()["id"] for _ in range(10)]
        for task_id in ids:  # finish the first ten
            http.get(f"{CREATE}/{task_id}", headers=AUTH_A)
        running = [http.post(CREATE, json=body(), headers=AUTH_A).json()["id"] for _ in range(30)]
        assert len(http.state.tasks) <= 20
        # Finished tasks go first: the newest running tasks are all still there.
        assert http.get(f"{CREATE}/{ids[0]}", headers=AUTH_A).status_code == 404
        for task_id in running[-10:]:
            assert http.get(f"{CREATE}/{task_id}", headers=AUTH_A).status_code == 200
        urls = [upload(http, image_bytes("PNG")).json()["data"]["url"] for _ in range(5)]
        assert len(http.state.uploads) <= 3
        assert http.get(urls[0]).status_code == 404
        assert http.get(urls[-1]).status_code == 200
