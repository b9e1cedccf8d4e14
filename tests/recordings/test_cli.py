"""``toapis-mock --replay DIR --speed X`` from the command line, as the README shows it."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.recordings.test_cassette_errors import _small_cassette


def test_the_command_serves_a_cassette_until_ctrl_c(tmp_path: Path) -> None:
    directory = _small_cassette(tmp_path / "cassette")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mock_server.cli",
            "--replay",
            str(directory),
            "--port",
            "0",
            "--speed",
            "100",
            "--log-level",
            "warning",
        ],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        match = re.search(r"on (http://127\.0\.0\.1:\d+)", line)
        assert match, line
        assert "3 exchanges, 1 tasks, speed 100x" in line
        with httpx.Client(base_url=match.group(1), trust_env=False) as client:
            created = client.post(
                "/v1/images/generations",
                content=b'{"model": "gpt-4o-image", "prompt": "x"}',
                headers={"Authorization": "Bearer t", "Content-Type": "application/json"},
            )
            assert created.json()["status"] == "queued"
            # 100x: the poll recorded 2 s after the create is due 20 ms after it.
            statuses = set()
            for _ in range(200):
                statuses.add(
                    client.get(
                        "/v1/images/generations/task_1", headers={"Authorization": "Bearer t"}
                    ).json()["status"]
                )
                if "completed" in statuses:
                    break
                time.sleep(0.005)
            assert "completed" in statuses
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
