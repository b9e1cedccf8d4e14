"""The public surface of the generated client, read with ``ast``, and where its changes come from.

The surface is every public function signature, every model field with its annotation and default,
and every type alias (``TaskStatus = Literal[...]``) of ``generated_client/toapis_client``.
Comparing surfaces rather than bytes ignores docstrings and formatting, and shows a contract change
the way a client author meets it: a removed enum value is a changed ``Literal``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from compat.structural import Change

__all__ = ["SurfaceChange", "attribute", "diff_surfaces", "read_surface"]

PACKAGE = "toapis_client"


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _public(name: str) -> bool:
    return not name.startswith("_")


def _signature(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    prefix = "async " if isinstance(node, ast.AsyncFunctionDef) else ""
    returns = f" -> {ast.unparse(node.returns)}" if node.returns is not None else ""
    return f"{prefix}({ast.unparse(node.args)}){returns}"


def read_surface(package_dir: Path) -> dict[str, str]:
    """Surface entries, e.g. ``{"models.task.Task.progress": "int", ...}``."""
    surface: dict[str, str] = {}
    for path in sorted(package_dir.rglob("*.py")):
        module = ".".join(path.relative_to(package_dir).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _public(node.name):
                surface[f"{module}.{node.name}"] = _signature(node)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript):
                # Type aliases: `TaskStatus = Literal[...]`, `X = A | B` spelled with a subscript.
                for target in node.targets:
                    if isinstance(target, ast.Name) and _public(target.id):
                        surface[f"{module}.{target.id}"] = ast.unparse(node.value)
            elif isinstance(node, ast.ClassDef) and _public(node.name):
                surface[f"{module}.{node.name}"] = "class"
                for member in node.body:
                    if isinstance(member, ast.AnnAssign) and isinstance(member.target, ast.Name):
                        default = f" = {ast.unparse(member.value)}" if member.value else ""
                        surface[f"{module}.{node.name}.{member.target.id}"] = (
                            ast.unparse(member.annotation) + default
                        )
                    elif isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef) and _public(
                        member.name
                    ):
                        surface[f"{module}.{node.name}.{member.name}"] = _signature(member)
    return surface


@dataclass(frozen=True)
class SurfaceChange:
    key: str  # e.g. "models.task_status.TaskStatus"
    before: str | None
    after: str | None
    causes: tuple[Change, ...] = ()

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "changed"

    def __str__(self) -> str:
        text = {
            "added": f"+ {self.key}: {self.after}",
            "removed": f"- {self.key}: {self.before}",
            "changed": f"~ {self.key}: {self.before} -> {self.after}",
        }[self.kind]
        if not self.causes:
            return f"{text}\n      cause: NONE FOUND in the contract changes"
        return text + "".join(f"\n      cause: {cause}" for cause in self.causes)


def diff_surfaces(before: dict[str, str], after: dict[str, str]) -> list[SurfaceChange]:
    keys = sorted(before.keys() | after.keys())
    return [
        SurfaceChange(key, before.get(key), after.get(key))
        for key in keys
        if before.get(key) != after.get(key)
    ]


def _explains(change: Change, key: str) -> bool:
    """Whether a contract change can account for a change of the surface entry ``key``.

    openapi-python-client names a model after its schema's title, and an inline enum or object
    after the title followed by the property names that lead to it (``Gpt4oImageGenerationRequest``
    + ``n`` -> ``Gpt4OImageGenerationRequestN``); functions live in a module named after the
    operationId.
    """
    parts = key.split(".")
    if parts[0] == "api":
        return _norm(parts[-2] if len(parts) >= 3 else "") == _norm(change.operation_id) or any(
            _norm(p) == _norm(change.operation_id) for p in parts[:-1]
        )
    if parts[0] != "models" or len(parts) < 3:
        return False
    name, member = parts[2], (parts[3] if len(parts) > 3 else None)
    path = [p for p in change.schema_path.split(".") if p]
    for start in range(len(path)):
        for end in range(start, len(path)):
            if _norm("".join(path[start : end + 1])) != _norm(name):
                continue
            following = path[end + 1] if end + 1 < len(path) else None
            if member is None or following is None or _norm(member.rstrip("_")) == _norm(following):
                return True
    return False


def attribute(changes: Iterable[SurfaceChange], contract: list[Change]) -> list[SurfaceChange]:
    """Each surface change with the contract changes that explain it (none: unexplained)."""
    return [
        SurfaceChange(s.key, s.before, s.after, tuple(c for c in contract if _explains(c, s.key)))
        for s in changes
    ]
