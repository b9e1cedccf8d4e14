"""``scripts/check_compat``: is the contract compatible with an earlier version of itself?

Exit codes: 0 compatible (for the parties in --fail-on; with --allow-major-bump also when the
breaking changes come with a new major version), 1 breaking changes found, 2 the check could not run
(bad --base, unreadable contract, bad option).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from compat.properties import check_pairs, schema_pairs
from compat.report import CompatReport
from compat.rules import CLIENTS, RULES, SERVERS
from compat.sources import CONTRACT, RELEASED, REPO, SourceError, load_contract
from compat.structural import compare_documents

__all__ = ["compare", "main"]


def compare(
    base: str | None,
    head: str | None = None,
    *,
    fail_on: frozenset[str] = frozenset({CLIENTS}),
    properties: bool = True,
    seed: int = 0,
    max_examples: int = 100,
    time_budget: float = 60.0,
    allow_major_bump: bool = False,
) -> CompatReport:
    """Compare ``head`` (default: the working tree's) with ``base`` (default: the released
    contract in openapi/released/, else the last tag, else main)."""
    old = load_contract(base)
    new = load_contract(head if head is not None else str(REPO / CONTRACT))
    changes = compare_documents(old.document, new.document)
    results = []
    if properties:
        results = check_pairs(
            schema_pairs(old.document, new.document),
            parties=fail_on,
            seed_value=seed,
            max_examples=max_examples,
            time_budget=time_budget,
        )
    return CompatReport(
        old.label,
        new.label,
        changes,
        results,
        fail_on,
        seed,
        base_version=old.version,
        head_version=new.version,
        allow_major_bump=allow_major_bump,
    )


def _parties(value: str) -> frozenset[str]:
    chosen = {"clients": {CLIENTS}, "servers": {SERVERS}, "both": {CLIENTS, SERVERS}}.get(value)
    if chosen is None:
        raise argparse.ArgumentTypeError("expected clients, servers or both")
    return frozenset(chosen)


def _rules_table() -> str:
    rows = [f"{'rule':34} {'in a request breaks':22} in a response breaks"]
    for rule in RULES.values():
        rows.append(
            f"{rule.id:34} {' and '.join(sorted(rule.on_request)) or 'nobody':22} "
            f"{' and '.join(sorted(rule.on_response)) or 'nobody'}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="check_compat",
        description="Classify every change of the contract since an earlier version as breaking or "
        "not, for clients and for servers, and search for a concrete request or response "
        "that breaks.",
    )
    parser.add_argument(
        "--base",
        help=f"git ref or file of the earlier contract (default: {RELEASED}, the released "
        "contract, else the last tag, else main)",
    )
    parser.add_argument("--head", help=f"file or git ref of the new contract (default: {CONTRACT})")
    parser.add_argument(
        "--fail-on",
        type=_parties,
        default=frozenset({CLIENTS}),
        help="whose breakage fails the check: clients (default), servers or both",
    )
    parser.add_argument("--json", type=Path, help="write the JSON report here")
    parser.add_argument("--junit-xml", type=Path, help="write a JUnit XML report here")
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the property search (default 0)"
    )
    parser.add_argument(
        "--max-examples",
        type=int,
        default=100,
        help="values generated per schema and direction (default 100)",
    )
    parser.add_argument(
        "--time-budget",
        type=float,
        default=60.0,
        help="seconds for the whole property search (default 60)",
    )
    parser.add_argument(
        "--no-properties", action="store_true", help="structural rules only, no property search"
    )
    parser.add_argument(
        "--allow-major-bump",
        action="store_true",
        help="breaking changes pass when info.version's major number is above the base's "
        "(the release gate); without it every breaking change fails",
    )
    parser.add_argument("--list-rules", action="store_true", help="print the rule table and exit")
    args = parser.parse_args(argv)
    if args.list_rules:
        print(_rules_table())
        return 0
    if args.max_examples < 1 or args.time_budget <= 0:
        parser.error("--max-examples and --time-budget must be positive")
    try:
        report = compare(
            args.base,
            args.head,
            fail_on=args.fail_on,
            properties=not args.no_properties,
            seed=args.seed,
            max_examples=args.max_examples,
            time_budget=args.time_budget,
            allow_major_bump=args.allow_major_bump,
        )
    except SourceError as exc:
        print(f"check_compat: {exc}", file=sys.stderr)
        return 2
    print(report.text())
    if args.json:
        report.write_json(args.json)
    if args.junit_xml:
        report.write_junit(args.junit_xml)
    return report.exit_code
