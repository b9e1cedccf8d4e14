"""scripts/regenerate_client: the committed client is current, and drift is caught.

Every run works on a copy of openapi/, generated_client/ and the script (--root), never on the
real tree. The subprocesses get a PATH without the venv, as when the venv is not activated: the
pinned ruff must still be found.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "regenerate_client"
TASK_MODEL = "generated_client/toapis_client/models/task.py"
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc")


def _load_script() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("regenerate_client", str(SCRIPT))
    spec = importlib.util.spec_from_loader("regenerate_client", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def _copy_of_the_repository(root: Path) -> Path:
    for folder in ("openapi", "generated_client"):
        shutil.copytree(REPO / folder, root / folder, ignore=IGNORED)
    (root / "scripts").mkdir()
    shutil.copy2(SCRIPT, root / "scripts" / "regenerate_client")
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": os.pathsep.join(["/usr/bin", "/bin"])}
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "regenerate_client"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_pins_are_those_of_pyproject() -> None:
    script = _load_script()
    with open(REPO / "pyproject.toml", "rb") as handle:
        generate_extra = tomllib.load(handle)["project"]["optional-dependencies"]["generate"]
    pins = dict(item.partition("==")[::2] for item in generate_extra)
    assert pins["openapi-python-client"] == script.GENERATOR_VERSION
    assert pins["ruff"] == script.RUFF_VERSION


def test_a_tool_that_is_not_the_pinned_version_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _load_script()
    monkeypatch.setattr(script, "GENERATOR_VERSION", "0.0.1")
    monkeypatch.setattr(script, "RUFF_VERSION", "0.0.2")

    assert script.main(["--check"]) == 2

    error = capsys.readouterr().err
    assert "openapi-python-client is 0.29.1, the pinned version is 0.0.1" in error
    assert "ruff 0.17.6, the pinned version is 0.0.2" in error
    assert "pip install" in error


def test_check_passes_on_the_committed_client_and_fails_after_a_contract_change(
    tmp_path: Path,
) -> None:
    root = _copy_of_the_repository(tmp_path)

    current = _run(root, "--check")
    assert current.returncode == 0, current.stdout + current.stderr
    assert "matches a fresh regeneration" in current.stdout

    contract = root / "openapi" / "openapi.yaml"
    document = yaml.safe_load(contract.read_text(encoding="utf-8"))
    document["components"]["schemas"]["Task"]["properties"]["eta_seconds"] = {
        "description": "Estimated seconds until the task is final.",
        "type": "integer",
    }
    contract.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")

    stale = _run(root, "--check")
    assert stale.returncode == 1, stale.stdout + stale.stderr
    summary = stale.stdout.partition("differ from a fresh regeneration:\n")[2].split("\n\n")[0]
    assert summary.splitlines() == [f"  {TASK_MODEL}"]
    assert f"+++ regenerated/{TASK_MODEL.removeprefix('generated_client/')}" in stale.stdout
    assert "eta_seconds" in stale.stdout
    assert _tree(root / "generated_client") == _tree(REPO / "generated_client")


def test_regeneration_replaces_the_whole_folder(tmp_path: Path) -> None:
    root = _copy_of_the_repository(tmp_path)
    package = root / "generated_client" / "toapis_client"
    (package / "models" / "hand_edit.py").write_text("VALUE = 1\n", encoding="utf-8")
    (package / "types.py").write_text("# edited by hand\n", encoding="utf-8")
    (package / "errors.py").unlink()

    result = _run(root)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "byte-identical" in result.stdout
    assert _tree(root / "generated_client") == _tree(REPO / "generated_client")
