"""The README's life-cycle paths: what they run, what they need installed, how they fail.

The paths themselves run in fresh clones in the `readme` tox env (scripts/check_readme_paths);
these tests check the pieces that env relies on, quickly.
"""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.metadata
import importlib.util
import re
import subprocess
import sys
import tomllib
from types import ModuleType

import pytest
from compat.needs import INSTALL

from .conftest import REPO, SCRIPTS

LIFECYCLE_SCRIPTS = ("update_contract", "check_compat", "build_docs", "regenerate_client")
FIRST_PARTY = {
    "compat",
    "docsite",
    "toapis_spec",
    "toapis_client",
    "toapis",
    "conformance",
    "mock_server",
}


def _load_checker() -> ModuleType:
    path = str(SCRIPTS / "check_readme_paths")
    loader = importlib.machinery.SourceFileLoader("check_readme_paths", path)
    spec = importlib.util.spec_from_loader("check_readme_paths", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_readme_paths"] = module  # its dataclasses look their module up there
    loader.exec_module(module)
    return module


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    found = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert found is not None, requirement
    return _normal(found.group(0))


def test_the_readme_marks_both_paths_and_runs_the_scripts_with_the_venv_python() -> None:
    checker = _load_checker()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = checker.readme_commands(readme)
    assert {path.name for path in checker.PATHS} <= found.keys()
    api = [command.line for command in found["api-changed"]]
    assert api[0] == INSTALL  # the line the scripts print when a package is missing
    assert ".venv/bin/python scripts/update_contract" in api
    update = next(c for c in found["api-changed"] if c.line.endswith("scripts/update_contract"))
    assert update.expected[-1].startswith("update_contract: all 5 steps passed in")
    assert any(c.line.startswith(".venv/bin/python scripts/build_docs") for c in found["docs"])
    # One way to run a script, everywhere in the README: the venv's python, never a bare one.
    assert not re.findall(r"(?<![/\w])python3? scripts/", readme)


def test_expected_output_allows_other_timings_only() -> None:
    checker = _load_checker()
    expected = [
        "ok validate (0.2 s): valid OpenAPI 3.1",
        "update_contract: all 5 steps passed in 8.0 s",
    ]
    printed = "== validate\nok validate (12.75 s): valid OpenAPI 3.1\nmore\n"
    done = "update_contract: all 5 steps passed in 3.1 s"
    assert checker.missing_output(expected, printed + done) == []
    assert checker.missing_output(expected, printed + done.replace("5", "4")) == [expected[1]]
    assert checker.missing_output(expected, printed.replace("3.1", "3.0") + done) == [expected[0]]
    assert checker.missing_output(expected[::-1], printed + done) == [expected[0]]  # in order


def test_the_new_user_environment_drops_an_active_virtualenv() -> None:
    checker = _load_checker()
    env = checker.new_user_environment(
        {"PATH": f"/tmp/venv/bin:{sys.prefix}/bin:/usr/bin", "VIRTUAL_ENV": "/tmp/venv"}
    )
    assert "VIRTUAL_ENV" not in env
    assert env["PATH"].split(":")[-1] == "/usr/bin"
    assert "/tmp/venv/bin" not in env["PATH"].split(":")


def _third_party_imports() -> dict[str, set[str]]:
    files = [SCRIPTS / name for name in LIFECYCLE_SCRIPTS]
    files += sorted((SCRIPTS / "compat").glob("*.py")) + sorted((SCRIPTS / "docsite").glob("*.py"))
    found: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in FIRST_PARTY:
                    found.setdefault(top, set()).add(path.name)
    return found


def test_the_generate_extra_holds_everything_the_lifecycle_scripts_import() -> None:
    with open(REPO / "pyproject.toml", "rb") as handle:
        project = tomllib.load(handle)["project"]
    declared = {_requirement_name(r) for r in project["dependencies"]}
    declared |= {_requirement_name(r) for r in project["optional-dependencies"]["generate"]}
    distributions = importlib.metadata.packages_distributions()
    imports = _third_party_imports()
    assert {"openapi_spec_validator", "jsonschema_rs", "markdown_it"} <= imports.keys()
    undeclared = {
        module: sorted(users)
        for module, users in imports.items()
        if not {_normal(d) for d in distributions.get(module, [module])} & declared
    }
    assert undeclared == {}, "add these to the `generate` extra of pyproject.toml"


@pytest.mark.parametrize(
    ("script", "module"),
    [
        ("update_contract", "openapi_spec_validator"),
        ("check_compat", "jsonschema_rs"),
        ("build_docs", "markdown_it"),
    ],
)
def test_a_missing_package_gives_one_line_naming_the_install_command(
    script: str, module: str
) -> None:
    path = str(SCRIPTS / script)
    code = (
        f"import runpy, sys; sys.modules[{module!r}] = None; sys.argv = [{path!r}]; "
        f"runpy.run_path({path!r}, run_name='__main__')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"the Python module {module!r} is missing" in done.stderr
    assert INSTALL in done.stderr
    assert f".venv/bin/python scripts/{script}" in done.stderr
