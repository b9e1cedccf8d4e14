"""The property search finds a concrete breaking request or response, and none for safe edits."""

from __future__ import annotations

import functools
import json

import jsonschema
import pytest
from compat.properties import PropertyResult, check_pairs, render_counterexample, schema_pairs
from compat.rules import Side

from .spec_pairs import PAIRS, SpecPair

# Small but enough: every breaking pair below is found well within it on seed 0.
MAX_EXAMPLES = 40


@functools.cache
def _search(name: str, seed: int = 0) -> list[PropertyResult]:
    pair = next(p for p in PAIRS if p.name == name)
    old, new = pair.documents()
    return check_pairs(
        schema_pairs(old, new), seed_value=seed, max_examples=MAX_EXAMPLES, time_budget=120
    )


SEARCHED = [
    p for p in PAIRS if p.edit.__name__ not in {"remove_upload_operation", "new_required_header"}
]


@pytest.mark.parametrize("pair", SEARCHED, ids=[p.name for p in SEARCHED])
def test_counterexample_found_exactly_when_clients_break(pair: SpecPair) -> None:
    results = _search(pair.name)
    found = [r for r in results if r.found]
    assert bool(found) is pair.client_counterexample, [render_counterexample(r) for r in found]
    _old, _new = pair.documents()
    for result in found:
        # The counterexample really is what it claims: valid on one side, refused on the other.
        source, target = (
            (result.pair.old, result.pair.new)
            if result.pair.side is Side.REQUEST
            else (result.pair.new, result.pair.old)
        )
        assert jsonschema.Draft202012Validator(source).is_valid(result.counterexample)
        assert not jsonschema.Draft202012Validator(target).is_valid(result.counterexample)
        json.dumps(result.counterexample)  # printable as JSON


def test_prompt_limit_counterexample_is_a_long_prompt() -> None:
    (result,) = [r for r in _search("prompt maxLength 1000 -> 500") if r.found]
    prompt = result.counterexample["prompt"]
    assert 500 < len(prompt) <= 1000
    assert "createImageGeneration requestBody/application/json" in render_counterexample(result)


def test_n_counterexample_sends_4() -> None:
    (result,) = [r for r in _search("remove 4 from n's enum") if r.found]
    assert result.counterexample["n"] == 4


def test_search_is_reproducible_from_its_seed() -> None:
    first = _search("add a task status value", 7)
    _search.cache_clear()
    second = _search("add a task status value", 7)
    assert [r.counterexample for r in first] == [r.counterexample for r in second]


def test_time_budget_bounds_the_search() -> None:
    pair = next(p for p in PAIRS if p.name == "add an optional response field")
    old, new = pair.documents()
    results = check_pairs(schema_pairs(old, new), max_examples=10_000, time_budget=0.5)
    assert all(r.out_of_time for r in results)
    assert not any(r.found for r in results)
