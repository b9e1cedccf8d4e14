"""A YAML syntax error in the contract: one line with file, line and column from every entry point,
never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

BROKEN = "openapi: 3.1.0\ninfo:\n  title: x\n  version: [1\npaths: {}\n"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def broken_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A toapis_spec whose contract has a syntax error (line 5, column 6)."""
    root = tmp_path_factory.mktemp("broken")
    shutil.copytree(
        REPO / "openapi" / "toapis_spec",
        root / "openapi" / "toapis_spec",
        ignore=shutil.ignore_patterns("__pycache__", "*.yaml"),
    )
    (root / "openapi" / "openapi.yaml").write_text(BROKEN, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "command",
    [
        [str(BIN / "toapis-conformance"), "--list-checks"],
        [str(BIN / "toapis-mock"), "--port", "0"],
        [sys.executable, str(REPO / "scripts" / "build_docs"), "--check"],
        [
            sys.executable,
            str(REPO / "scripts" / "regenerate_client"),
            "--check",
            "--root",
            "{root}",
        ],
    ],
    ids=["toapis-conformance", "toapis-mock", "build_docs", "regenerate_client"],
)
def test_a_yaml_syntax_error_is_one_line_with_file_line_and_column(
    command: list[str], broken_root: Path
) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(broken_root / "openapi"), os.environ.get("PYTHONPATH", "")]
        ),
    }
    done = subprocess.run(
        [part.replace("{root}", str(broken_root)) for part in command],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert f"{broken_root / 'openapi' / 'openapi.yaml'}:5:6: invalid YAML" in lines[0]
