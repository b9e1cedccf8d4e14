"""Exit statuses and the informational commands of ``toapis-conformance``."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from conformance.catalogue import CATALOGUE
from conformance.cli import main
from tests.conformance.fake_api import serve_fake


def test_list_checks_prints_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-checks"]) == 0
    out = capsys.readouterr().out
    assert all(check_id in out for check_id in CATALOGUE)


def test_unknown_check_id_is_bad_usage() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--only", "no-such-check"])
    assert exit_info.value.code == 2


def test_base_url_without_token_is_bad_usage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOAPIS_API_KEY", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["--base-url", "http://127.0.0.1:9"])
    assert exit_info.value.code == 2


def test_unreachable_server_exits_2() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert (
        main(["--base-url", f"http://127.0.0.1:{port}", "--token", "t", "--request-timeout", "2"])
        == 2
    )


def test_failing_check_exits_1_and_writes_every_report(tmp_path: Path) -> None:
    with serve_fake() as (url, _):
        code = main(
            [
                "--base-url",
                url,
                "--token",
                "token-a",
                "--poll-interval",
                "0",
                "--only",
                "validation-mask-non-png,tasks-unknown-id-404",
                "--report",
                str(tmp_path / "r.json"),
                "--junit-xml",
                str(tmp_path / "j.xml"),
            ]
        )
        assert code == 1  # the fake accepts a JPEG mask
        assert (
            main(
                [
                    "--base-url",
                    url,
                    "--token",
                    "token-a",
                    "--only",
                    "tasks-unknown-id-404",
                    "--report",
                    str(tmp_path / "r.html"),
                ]
            )
            == 0
        )
    data = json.loads((tmp_path / "r.json").read_text())
    assert {c["id"]: c["status"] for c in data["checks"]} == {
        "validation-mask-non-png": "fail",
        "tasks-unknown-id-404": "pass",
    }
    assert "<testsuite" in (tmp_path / "j.xml").read_text()
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
