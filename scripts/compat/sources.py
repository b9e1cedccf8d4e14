"""Where the two contracts come from: a file, or a git ref's version of openapi/openapi.yaml.

The default base is the released contract kept in the repository (``openapi/released/``), so that
the check compares with what clients have even where git has no tag (CI clones). Without it: the
last tag, else ``main``.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "CONTRACT",
    "RELEASED",
    "ContractSource",
    "SourceError",
    "default_base_ref",
    "load_contract",
    "major_version",
]

REPO = Path(__file__).resolve().parents[2]
CONTRACT = "openapi/openapi.yaml"
# The contract as last released, its ``info.version`` the version it was released as. A release
# replaces it (see openapi/released/README.md).
RELEASED = "openapi/released/openapi.yaml"


class SourceError(Exception):
    """The contract to compare could not be found or read; the message says what to do."""


@dataclass(frozen=True)
class ContractSource:
    label: str  # e.g. "v1.0.0:openapi/openapi.yaml" or a file path
    document: dict[str, Any]

    @property
    def version(self) -> str | None:
        info = self.document.get("info")
        version = info.get("version") if isinstance(info, dict) else None
        return None if version is None else str(version)


def major_version(version: object) -> int | None:
    """The major number of a version such as ``2.1.0`` or ``v3``; ``None`` if there is none."""
    found = re.match(r"v?(\d+)(?:\.|$)", str(version).strip()) if version is not None else None
    return int(found.group(1)) if found else None


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
    )


def default_base_ref() -> str:
    """The last tag reachable from HEAD, else ``main``."""
    tag = _git("describe", "--tags", "--abbrev=0")
    if tag.returncode == 0 and tag.stdout.strip():
        return tag.stdout.strip()
    if _git("rev-parse", "--verify", "--quiet", "main^{commit}").returncode == 0:
        return "main"
    raise SourceError(
        "no earlier contract to compare with: the repository has no tag and no commit on `main`. "
        "Commit the contract first, or pass --base PATH_TO_AN_EARLIER_openapi.yaml"
    )


def _parse(text: str, label: str) -> dict[str, Any]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourceError(f"{label} is not valid YAML: {exc}") from None
    if not isinstance(document, dict) or "openapi" not in document or "paths" not in document:
        raise SourceError(f"{label} is not an OpenAPI document (no `openapi`/`paths` keys)")
    return document


def load_contract(spec: str | None) -> ContractSource:
    """A contract from a file path, or from ``git show REF:openapi/openapi.yaml``.

    A path that exists wins over a ref of the same name. ``None`` means the default base: the
    released contract (``RELEASED``) if the repository keeps one, else the last tag, else main.
    """
    if spec is None and (REPO / RELEASED).is_file():
        released = (REPO / RELEASED).read_text(encoding="utf-8")
        return ContractSource(RELEASED, _parse(released, RELEASED))
    if spec is not None and Path(spec).is_file():
        return ContractSource(spec, _parse(Path(spec).read_text(encoding="utf-8"), spec))
    ref = spec if spec is not None else default_base_ref()
    shown = _git("show", f"{ref}:{CONTRACT}")
    if shown.returncode != 0:
        raise SourceError(
            f"{ref!r} is neither a file nor a git ref holding {CONTRACT} "
            f"(git: {shown.stderr.strip() or 'no output'})"
        )
    label = f"{ref}:{CONTRACT}"
    return ContractSource(label, _parse(shown.stdout, label))
