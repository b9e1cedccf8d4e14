"""scripts/update_contract on a copy of the repository with an edited contract."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from compat import update
from compat.surface import read_surface

from .conftest import REPO
from .spec_pairs import remove_n_4

SCRIPT = REPO / "scripts" / "update_contract"
N_ALIAS = "models.gpt_4o_image_generation_request_n.Gpt4OImageGenerationRequestN"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The parts of the repository the steps read and write, with `n` losing its value 4."""
    root = tmp_path / "checkout"
    shutil.copytree(
        REPO / "openapi", root / "openapi", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        REPO / "generated_client",
        root / "generated_client",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(REPO / "redocly.yaml", root / "redocly.yaml")
    contract = root / "openapi" / "openapi.yaml"
    document = yaml.safe_load(contract.read_text(encoding="utf-8"))
    remove_n_4(document)
    contract.write_text(
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--root",
            str(root),
            "--base",
            str(REPO / "openapi" / "openapi.yaml"),
            "--time-budget",
            "30",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_breaking_change_stops_before_touching_the_client(checkout: Path) -> None:
    before = read_surface(checkout / "generated_client" / "toapis_client")
    done = _run(checkout)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAILED compatibility" in done.stdout
    assert "[enum-value-removed]" in done.stdout
    assert read_surface(checkout / "generated_client" / "toapis_client") == before
    assert not (checkout / "site").exists()


def _set_version(root: Path, version: str) -> None:
    contract = root / "openapi" / "openapi.yaml"
    document = yaml.safe_load(contract.read_text(encoding="utf-8"))
    document["info"]["version"] = version
    contract.write_text(
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def _major_of_base() -> int:
    base = yaml.safe_load((REPO / "openapi" / "openapi.yaml").read_text(encoding="utf-8"))
    return int(str(base["info"]["version"]).split(".")[0])


@pytest.mark.parametrize("version", ["same", "minor"])
def test_allow_breaking_refuses_without_a_major_bump(checkout: Path, version: str) -> None:
    major = _major_of_base()
    if version == "minor":
        _set_version(checkout, f"{major}.9.0")
    before = read_surface(checkout / "generated_client" / "toapis_client")
    done = _run(checkout, "--allow-breaking")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAILED compatibility" in done.stdout
    assert "--allow-breaking needs info.version's major number raised" in done.stdout
    assert f"set info.version to {major + 1}.0.0" in done.stdout
    assert read_surface(checkout / "generated_client" / "toapis_client") == before


def test_allowed_breaking_change_regenerates_and_explains_the_surface(checkout: Path) -> None:
    _set_version(checkout, f"{_major_of_base() + 1}.0.0")
    done = _run(checkout, "--allow-breaking")
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    # The removed enum value shows as a changed Literal, with the contract change as its cause.
    assert f"~ {N_ALIAS}: Literal[1, 2, 4] -> Literal[1, 2]" in out
    alias_report = out.split(f"~ {N_ALIAS}")[1].split("\n  ~ ")[0]
    assert "cause: [enum-value-removed] createImageGeneration" in alias_report
    assert "NONE FOUND" not in out
    after = read_surface(checkout / "generated_client" / "toapis_client")
    assert after[N_ALIAS] == "Literal[1, 2]"
    for step in ("validate", "lint", "compatibility", "regenerate client", "documentation"):
        assert f"ok {step} (" in out
    assert "update_contract: all 5 steps passed in" in out
    assert (checkout / "site" / "api.html").is_file()


def test_missing_regeneration_script_fails_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(update, "TOOLS_ROOT", tmp_path)
    ctx = update.Context(REPO, None, False, 0, 1.0, [])
    with pytest.raises(update.StepFailed, match="regenerate_client is missing"):
        update.step_regenerate(ctx)


def test_unexplained_surface_change_is_reported() -> None:
    from compat.surface import attribute, diff_surfaces

    (change,) = attribute(
        diff_surfaces({"models.task.Task.progress": "int"}, {"models.task.Task.progress": "float"}),
        [],
    )
    assert not change.causes
    assert "NONE FOUND" in str(change)
