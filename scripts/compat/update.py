"""``scripts/update_contract``: validate, lint, check compatibility, regenerate the client, verify
that its public surface changed only as the contract did, rebuild the docs. Each step is timed.

A failed step stops the run (later steps would work from a broken contract or client) and the exit
status is 1; ``--allow-breaking`` lets a deliberate breaking change through the compatibility step,
and only when ``info.version``'s major number was raised against the base. A Python that lacks the
``generate`` extra gets one line naming the install command and exit status 2 (``compat.needs``).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from compat.cli import compare
from compat.rules import CLIENTS
from compat.sources import SourceError, default_base_ref, load_contract
from compat.structural import Change
from compat.surface import attribute, diff_surfaces, read_surface

__all__ = ["main"]

TOOLS_ROOT = Path(__file__).resolve().parents[2]


class StepFailed(Exception):
    pass


@dataclass
class Context:
    root: Path
    base: str | None
    allow_breaking: bool
    seed: int
    time_budget: float
    contract_changes: list[Change]

    @property
    def contract(self) -> Path:
        return self.root / "openapi" / "openapi.yaml"

    @property
    def client_package(self) -> Path:
        return self.root / "generated_client" / "toapis_client"


def _run(command: list[str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise StepFailed(f"`{' '.join(command)}` exited {done.returncode}:\n{output}")
    return output


def step_validate(ctx: Context) -> str:
    try:
        validate(yaml.safe_load(ctx.contract.read_text(encoding="utf-8")))
    except (OpenAPIValidationError, yaml.YAMLError) as exc:
        raise StepFailed(f"{ctx.contract} is not a valid OpenAPI 3.1 document: {exc}") from None
    return "valid OpenAPI 3.1 (openapi-spec-validator)"


def step_lint(ctx: Context) -> str:
    redocly = TOOLS_ROOT / "node_modules" / ".bin" / "redocly"
    if not redocly.is_file():
        raise StepFailed(f"{redocly} is missing: run `npm ci` in {TOOLS_ROOT}")
    output = _run([str(redocly), "lint", "openapi/openapi.yaml"], ctx.root)
    return output.splitlines()[-1] if output else "lint passed"


def step_compat(ctx: Context) -> str:
    try:
        report = compare(_base(ctx), str(ctx.contract), seed=ctx.seed, time_budget=ctx.time_budget)
    except SourceError as exc:
        raise StepFailed(str(exc)) from None
    ctx.contract_changes = report.changes
    print(report.text())
    if report.failed and not ctx.allow_breaking:
        raise StepFailed(
            "the contract breaks clients (above); if that is intended, bump the major "
            "version and rerun with --allow-breaking"
        )
    if report.failed:
        _require_major_bump(ctx)
    breaking = len(report.breaking(CLIENTS))
    return f"{len(report.changes)} change(s), {breaking} breaking clients, against {report.base}"


def _base(ctx: Context) -> str:
    """The contract an edit is compared with: ``--base``, else the last commit (last tag, else
    main). The release gate (``tox -e compat``) compares with the released contract instead."""
    return ctx.base if ctx.base is not None else default_base_ref()


def _major(version: object) -> int | None:
    found = re.match(r"v?(\d+)(?:\.|$)", str(version).strip())
    return int(found.group(1)) if found else None


def _require_major_bump(ctx: Context) -> None:
    """--allow-breaking lets a break through only when ``info.version``'s major number rose."""
    try:
        base = load_contract(_base(ctx))
    except SourceError as exc:
        raise StepFailed(str(exc)) from None
    head = yaml.safe_load(ctx.contract.read_text(encoding="utf-8"))
    old = base.document.get("info", {}).get("version")
    new = head.get("info", {}).get("version") if isinstance(head, dict) else None
    old_major, new_major = _major(old), _major(new)
    if new_major is None or (old_major is not None and new_major <= old_major):
        wanted = f"{old_major + 1}.0.0" if old_major is not None else "a higher major number"
        raise StepFailed(
            f"--allow-breaking needs info.version's major number raised: {base.label} has "
            f"{old!r}, {ctx.contract} has {new!r}; set info.version to {wanted} and rerun"
        )


def step_regenerate(ctx: Context) -> str:
    script = TOOLS_ROOT / "scripts" / "regenerate_client"
    if not script.is_file():
        raise StepFailed(f"{script} is missing: the client cannot be regenerated")
    before = read_surface(ctx.client_package) if ctx.client_package.is_dir() else {}
    _run([sys.executable, str(script), "--root", str(ctx.root)], ctx.root)
    after = read_surface(ctx.client_package)
    changes = attribute(diff_surfaces(before, after), ctx.contract_changes)
    for change in changes:
        print(f"  {change}")
    unexplained = [change for change in changes if not change.causes]
    if unexplained:
        raise StepFailed(
            f"{len(unexplained)} change(s) of the client surface have no cause in the "
            "contract changes (marked NONE FOUND above): the generator, its "
            "configuration or templates changed, or the committed client was stale"
        )
    return f"client regenerated; {len(changes)} surface change(s), each explained by the contract"


def step_docs(ctx: Context) -> str:
    _run(
        [sys.executable, str(TOOLS_ROOT / "scripts" / "build_docs"), "--root", str(ctx.root)],
        ctx.root,
    )
    return f"site rebuilt in {_relative(ctx.root / 'site')}"


def _relative(path: Path) -> Path:
    """``path`` relative to the current directory when inside it (``site``, as the README shows)."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


STEPS: list[tuple[str, Callable[[Context], str]]] = [
    ("validate", step_validate),
    ("lint", step_lint),
    ("compatibility", step_compat),
    ("regenerate client", step_regenerate),
    ("documentation", step_docs),
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="update_contract",
        description="After editing openapi/openapi.yaml: validate, lint, check compatibility, "
        "regenerate the client, check its surface, rebuild the docs.",
    )
    parser.add_argument("--root", type=Path, default=TOOLS_ROOT, help="checkout to update")
    parser.add_argument(
        "--base", help="earlier contract: git ref or file (default: last tag, else main)"
    )
    parser.add_argument(
        "--allow-breaking",
        action="store_true",
        help="continue when the contract breaks clients (a deliberate major change): "
        "refused unless info.version's major number is higher than the base's",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--time-budget",
        type=float,
        default=60.0,
        help="seconds for the property search of the compatibility step",
    )
    args = parser.parse_args(argv)
    ctx = Context(
        args.root.resolve(), args.base, args.allow_breaking, args.seed, args.time_budget, []
    )
    total = time.monotonic()
    for name, step in STEPS:
        started = time.monotonic()
        print(f"== {name}", flush=True)
        try:
            summary = step(ctx)
        except StepFailed as exc:
            print(f"FAILED {name} after {time.monotonic() - started:.1f} s: {exc}")
            print(
                f"update_contract: failed at step {name!r}; total {time.monotonic() - total:.1f} s"
            )
            return 1
        print(f"ok {name} ({time.monotonic() - started:.1f} s): {summary}", flush=True)
    print(f"update_contract: all {len(STEPS)} steps passed in {time.monotonic() - total:.1f} s")
    return 0
