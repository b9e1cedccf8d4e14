"""A model is data of the contract: adding one to a copy of it is all the tools need.

The copy gets one more member schema and one more `mapping` entry, nothing else. Then, with no
other edit: the mock serves the model (images at its new aspect ratio), the suite checks it
(``--model``, its limits read from the schema), the generator makes a typed request class for
it, and the documentation lists it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import toapis_spec

ROOT = Path(__file__).resolve().parents[2]
MODEL = "acme-image-1"
# A ratio, a prompt limit and an `n` range no documented model has, so that passing checks can
# only come from reading the new schema.
MEMBER: dict[str, Any] = {
    "title": "AcmeImageGenerationRequest",
    "description": "A model added by a test: nothing but this schema describes it.",
    "x-model": {"family": "acme", "page": "images/acme/generation.mdx"},
    "type": "object",
    "required": ["model", "prompt"],
    "properties": {
        "model": {"type": "string", "const": MODEL},
        "prompt": {"type": "string", "minLength": 1, "maxLength": 321},
        "size": {"type": "string", "enum": ["1:1", "3:1"], "default": "1:1"},
        "n": {"type": "integer", "minimum": 1, "maximum": 3, "default": 1},
        "image_urls": {
            "type": "array",
            "maxItems": 2,
            "items": {"$ref": "#/components/schemas/ImageUrl"},
        },
        "metadata": {
            "type": "object",
            "properties": {"resolution": {"type": "string", "enum": ["1K", "2K"], "default": "1K"}},
        },
    },
}


def _extended_contract() -> dict[str, Any]:
    document = toapis_spec.load()
    schemas = document["components"]["schemas"]
    schemas["AcmeImageGenerationRequest"] = MEMBER
    union = schemas["ImageGenerationRequest"]
    union["oneOf"].append({"$ref": "#/components/schemas/AcmeImageGenerationRequest"})
    union["discriminator"]["mapping"][MODEL] = "#/components/schemas/AcmeImageGenerationRequest"
    return document


@pytest.fixture(scope="module")
def overlay(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory that shadows ``toapis_spec`` with a copy reading the extended contract."""
    base = tmp_path_factory.mktemp("model-is-data")
    package = base / "toapis_spec"
    shutil.copytree(ROOT / "openapi" / "toapis_spec", package)
    with open(package / "openapi.yaml", "w", encoding="utf-8") as handle:
        yaml.safe_dump(_extended_contract(), handle, sort_keys=False, allow_unicode=True)
    return base


def _run(overlay: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(overlay), str(ROOT)])}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, timeout=300, cwd=ROOT
    )


def test_the_copy_is_the_one_read(overlay: Path) -> None:
    shown = _run(overlay, "-c", "import toapis_spec; print(sorted(toapis_spec.models()))")
    assert shown.returncode == 0, shown.stderr
    assert MODEL in shown.stdout


def test_the_mock_and_the_suite_pick_the_model_up(overlay: Path) -> None:
    checks = [
        "results-images-match-request",
        "validation-rejects-n-outside-enum",
        "validation-rejects-prompt-over-limit",
        "validation-rejects-too-many-image-urls",
        "validation-accepts-prompt-at-limit",
    ]
    only = [arg for check in checks for arg in ("--only", check)]
    run = _run(
        overlay, "-m", "conformance.cli", "--model", MODEL, *only, "--no-progress", "--seed", "1"
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{len(checks)} passed, 0 failed, 0 warned, 0 not run" in run.stdout, run.stdout


def test_the_suite_names_what_it_read_from_the_new_schema(overlay: Path) -> None:
    code = (
        "from conformance.contract import limits, select_models\n"
        f"lim = limits({MODEL!r})\n"
        "print(lim.prompt_max, lim.n_values, lim.sizes, lim.image_urls_max, lim.resolutions)\n"
        "print(select_models(['acme']))\n"
    )
    shown = _run(overlay, "-c", code)
    assert shown.returncode == 0, shown.stderr
    assert "321 (1, 2, 3) ('1:1', '3:1') 2 ('1K', '2K')" in shown.stdout
    assert f"('{MODEL}',)" in shown.stdout


def test_the_generated_client_gets_a_typed_request(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "openapi", root / "openapi")
    (root / "generated_client").mkdir()
    with open(root / "openapi" / "openapi.yaml", "w", encoding="utf-8") as handle:
        yaml.safe_dump(_extended_contract(), handle, sort_keys=False, allow_unicode=True)
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regenerate_client"), "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    models = root / "generated_client" / "toapis_client" / "models"
    generated = (models / "acme_image_generation_request.py").read_text(encoding="utf-8")
    assert "class AcmeImageGenerationRequest" in generated
    assert "AcmeImageGenerationRequest" in (models / "__init__.py").read_text(encoding="utf-8")
