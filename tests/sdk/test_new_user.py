"""What a new user trips over: a quiet command for scripts, saved files, another server."""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mock_server import MockConfig, RunningServer, run_in_thread
from tests.sdk.sdk_testkit import TOKEN, make_client
from toapis.cli import main

REPO = Path(__file__).resolve().parents[2]
FAST = ["--initial-delay", "0", "--poll-interval", "0.01"]


@contextlib.contextmanager
def _umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def test_quiet_image_prints_only_the_saved_paths(
    stepping_mock: RunningServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TOAPIS_API_KEY", TOKEN)
    out = tmp_path / "images"
    argv = ["image", "castle", "-n", "2", "--out", str(out), "--quiet",
            "--base-url", stepping_mock.base_url, *FAST]  # fmt: skip
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.err == "", "--quiet printed more than errors"
    assert sorted(Path(line) for line in captured.out.splitlines()) == sorted(out.iterdir())


def test_quiet_is_explained_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["image", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "print only the saved paths" in text
    assert "nothing on stderr but errors" in text


@pytest.mark.parametrize(
    ("umask", "mode"),
    [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)],
    ids=["umask-022", "umask-027", "umask-077"],
)
def test_saved_images_follow_the_umask(
    mock_server: RunningServer, tmp_path: Path, umask: int, mode: int
) -> None:
    with make_client(mock_server.base_url) as client:
        task = client.generate_and_wait("castle", n=2)
        with _umask(umask):
            paths = client.download(task, tmp_path / "out")
    assert paths
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == mode, oct(path.stat().st_mode)


def _readme_python_blocks() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```$", readme, flags=re.DOTALL | re.MULTILINE)


def test_readme_shows_how_to_point_the_client_at_another_server() -> None:
    """The README's `base_url=` example runs as written against the mock it names."""
    (example,) = [block for block in _readme_python_blocks() if "base_url=" in block]
    url = re.search(r'base_url="(http://127\.0\.0\.1:(\d+))"', example)
    token = re.search(r'token="([^"]+)"', example)
    assert url is not None
    assert token is not None
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"toapis-mock --port {url.group(2)} --token {token.group(1)}" in readme
    with run_in_thread(MockConfig(tokens=(token.group(1),)), host="127.0.0.1", port=0) as server:
        code = example.replace(url.group(1), server.base_url)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "README.md", "exec"), {})
    assert printed.getvalue().startswith(f"completed {server.base_url}/")
