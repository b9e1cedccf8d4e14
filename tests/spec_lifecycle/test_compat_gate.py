"""The CI compat gate (`tox -e compat`) compares with the released contract and can fail.

CI clones have no tags, so the released contract is kept in the repository
(openapi/released/openapi.yaml). The env's own command, read from tox.ini, is run in a copy of
the repository whose contract is the released one edited: a change that breaks clients fails
unless info.version's major number rose; additive changes pass.
"""

from __future__ import annotations

import configparser
import json
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO
from .spec_pairs import optional_response_field, prompt_limit_500

RELEASED = REPO / "openapi" / "released" / "openapi.yaml"


def _compat_command() -> list[str]:
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(REPO / "tox.ini", encoding="utf-8")
    (line,) = [c for c in tox["testenv:compat"]["commands"].splitlines() if c.strip()]
    words = shlex.split(line)
    assert words[:2] == ["python", "scripts/check_compat"], words
    return [sys.executable, *words[1:]]


def _released() -> dict[str, Any]:
    document = yaml.safe_load(RELEASED.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def _gate(tmp_path: Path, edit: Callable[[dict[str, Any]], None], version: str) -> tuple[int, str]:
    """Run the env's command in a copy of the repository whose contract is the released one,
    edited, at ``version``; (exit status, output)."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "scripts" / "compat", root / "scripts" / "compat")
    shutil.copy(REPO / "scripts" / "check_compat", root / "scripts" / "check_compat")
    (root / "openapi" / "released").mkdir(parents=True)
    shutil.copy(RELEASED, root / "openapi" / "released" / "openapi.yaml")
    document = _released()
    edit(document)
    document["info"]["version"] = version
    (root / "openapi" / "openapi.yaml").write_text(
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    done = subprocess.run(
        _compat_command(), cwd=root, capture_output=True, text=True, timeout=300, check=False
    )
    report = json.loads((root / "reports" / "compat.json").read_text(encoding="utf-8"))
    assert report["versions"] == {"base": "2.0.0", "head": version}
    assert (root / "reports" / "compat.xml").is_file()
    return done.returncode, done.stdout + done.stderr


def test_the_released_contract_is_kept_with_the_version_it_was_released_as() -> None:
    assert _released()["info"]["version"] == "2.0.0"
    assert (RELEASED.parent / "README.md").is_file()


def test_by_default_the_check_compares_with_the_released_contract() -> None:
    from compat.sources import RELEASED as DEFAULT
    from compat.sources import load_contract

    base = load_contract(None)
    assert base.label == DEFAULT
    assert base.version == "2.0.0"


def test_a_breaking_change_without_a_major_bump_fails_the_env(tmp_path: Path) -> None:
    code, output = _gate(tmp_path, prompt_limit_500, "2.1.0")
    assert code == 1, output
    assert "a breaking change needs a major version (3.0.0)" in output


def test_a_breaking_change_released_as_a_new_major_version_passes(tmp_path: Path) -> None:
    code, output = _gate(tmp_path, prompt_limit_500, "3.0.0")
    assert code == 0, output
    assert "BREAKING" in output  # still listed


@pytest.mark.parametrize("version", ["2.0.0", "2.1.0"])
def test_an_additive_change_passes(tmp_path: Path, version: str) -> None:
    code, output = _gate(tmp_path, optional_response_field, version)
    assert code == 0, output


def _gpt_image_2(document: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = document["components"]["schemas"]["GptImage2GenerationRequest"]
    return schema


def _condition_into_all_of(document: dict[str, Any]) -> None:
    schema = _gpt_image_2(document)
    schema["allOf"] = [{"if": schema.pop("if"), "then": schema.pop("then")}]


def test_a_condition_moved_into_all_of_is_no_change() -> None:
    from compat.structural import compare_documents

    new = _released()
    _condition_into_all_of(new)
    assert compare_documents(_released(), new) == []


def test_a_condition_added_beside_a_moved_one_is_the_only_change() -> None:
    from compat.structural import compare_documents

    new = _released()
    _condition_into_all_of(new)
    _gpt_image_2(new)["allOf"].append(
        {"if": {"required": ["size"]}, "then": {"required": ["resolution"]}}
    )
    changes = compare_documents(_released(), new)
    assert [change.rule_id for change in changes] == ["all-of-member-added"]
