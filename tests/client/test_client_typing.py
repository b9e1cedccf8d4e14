"""The generated client type-checks under mypy --strict, as its users' code will be checked.

The custom templates (openapi/client-templates/) and the ruff fixes of the post hooks both change
the generated code; this is where a change that breaks its typing shows up.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import toapis_client


def test_the_generated_client_passes_mypy_strict(tmp_path: Path) -> None:
    package = Path(toapis_client.__file__).parent
    assert (package / "py.typed").is_file(), "without the PEP 561 marker users get no types"
    # Run from tmp_path so that the repository's mypy settings (which exclude generated code) and
    # its cache stay out of it.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.11",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            str(package),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
