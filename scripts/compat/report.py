"""The outcome of one compatibility check, and its text, JSON and JUnit XML renderings."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compat.properties import PropertyResult, render_counterexample
from compat.rules import CLIENTS, SERVERS
from compat.sources import major_version
from compat.structural import Change

__all__ = ["CompatReport"]


@dataclass
class CompatReport:
    base: str
    head: str
    changes: list[Change]
    properties: list[PropertyResult] = field(default_factory=list)
    fail_on: frozenset[str] = frozenset({CLIENTS})
    seed: int = 0
    # ``info.version`` of each side; with ``allow_major_bump`` (the release gate), breaking
    # changes pass when the head's major number is above the base's, and only then.
    base_version: str | None = None
    head_version: str | None = None
    allow_major_bump: bool = False

    @property
    def major_raised(self) -> bool:
        old, new = major_version(self.base_version), major_version(self.head_version)
        return old is not None and new is not None and new > old

    def breaking(self, party: str) -> list[Change]:
        return [change for change in self.changes if party in change.breaks]

    def counterexamples(self, party: str) -> list[PropertyResult]:
        return [result for result in self.properties if result.found and result.party == party]

    @property
    def breaks(self) -> bool:
        """Whether any change breaks a party in ``fail_on``."""
        return any(self.breaking(party) or self.counterexamples(party) for party in self.fail_on)

    @property
    def failed(self) -> bool:
        return self.breaks and not (self.allow_major_bump and self.major_raised)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def as_json(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "head": self.head,
            "fail_on": sorted(self.fail_on),
            "seed": self.seed,
            "versions": {"base": self.base_version, "head": self.head_version},
            "major_raised": self.major_raised,
            "breaking": {
                party: len(self.breaking(party)) + len(self.counterexamples(party))
                for party in (CLIENTS, SERVERS)
            },
            "changes": [change.as_json() for change in self.changes],
            "properties": [result.as_json() for result in self.properties],
            "exit_code": self.exit_code,
        }

    def text(self) -> str:
        lines = [
            f"Compatibility of {self.head} ({self.head_version}) with {self.base} "
            f"({self.base_version})"
        ]
        if not self.changes:
            lines.append("No structural change.")
        for change in self.changes:
            mark = (
                "BREAKING"
                if change.breaks & self.fail_on
                else ("breaking" if change.breaking else "ok")
            )
            lines.append(f"  {mark:8} {change}")
        found = [result for result in self.properties if result.found]
        searched = sum(result.checked for result in self.properties)
        lines.append(
            f"Property search: {len(self.properties)} direction(s), {searched} values "
            f"judged, {len(found)} counterexample(s) (seed {self.seed})."
        )
        if any(result.out_of_time for result in self.properties):
            lines.append("  note: the time budget ran out; raise --time-budget for a full search.")
        for result in found:
            lines.append("  COUNTEREXAMPLE " + render_counterexample(result))
        for party in (CLIENTS, SERVERS):
            count = len(self.breaking(party)) + len(self.counterexamples(party))
            lines.append(
                f"Breaks {party}: {count} finding(s)"
                + (" (fails the check)" if party in self.fail_on and count else "")
            )
        if found:
            lines.append(f"Reproduce with the same --seed {self.seed}.")
        if self.breaks and self.allow_major_bump:
            lines.append(
                f"info.version's major number rose ({self.base_version} -> {self.head_version}): "
                "the breaking changes are released as a new major version"
                if self.major_raised
                else f"info.version {self.head_version} keeps the major number of "
                f"{self.base_version}: a breaking change needs a major version "
                f"({(major_version(self.base_version) or 0) + 1}.0.0)"
            )
        return "\n".join(lines)

    def write_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    def write_junit(self, path: Path) -> None:
        """One test case per change and per searched direction; breaking ones fail."""
        suite = ET.Element("testsuite", name="contract-compatibility")
        failures = 0
        for change in self.changes:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"compat.{change.rule_id}",
                name=f"{change.operation_id} {change.location}",
            )
            if change.breaks & self.fail_on:
                failures += 1
                failure = ET.SubElement(case, "failure", type=change.rule_id, message=change.detail)
                failure.text = json.dumps(change.as_json(), indent=2, ensure_ascii=False)
            else:
                ET.SubElement(case, "system-out").text = str(change)
        for result in self.properties:
            case = ET.SubElement(
                suite, "testcase", classname="compat.property-search", name=result.name
            )
            if result.found and result.party in self.fail_on:
                failures += 1
                failure = ET.SubElement(
                    case, "failure", type="counterexample", message=result.reason
                )
                failure.text = render_counterexample(result)
        suite.set("tests", str(len(suite)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        path.parent.mkdir(parents=True, exist_ok=True)
        tree = ET.ElementTree(suite)
        ET.indent(tree)
        tree.write(path, encoding="utf-8", xml_declaration=True)
