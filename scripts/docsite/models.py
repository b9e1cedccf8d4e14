"""The models page: every model of the contract, grouped by family, with its limits and decisions.

Everything on the page is read from the contract (``toapis_spec.models()``, ``pixel_table()``,
``non_ratio_sizes()``, ``conformance.contract.limits()`` and ``families()``) and from the decision
table of ``openapi/DECISIONS.md`` (the titles of the decisions it cites); nothing here names a
model, a family or a limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import toapis_spec

__all__ = ["decision_locations", "decision_titles", "models_markdown"]

DecisionLink = Callable[[str], str]
"""Where a decision id links to: ``D-44`` -> an address (a file, or a page and its anchor)."""

_DECISION_ROW = re.compile(r"^\|\s*(D-\d+)\s*\|\s*([^|]*?)\s*\|", re.MULTILINE)
# Keywords whose values are data, not subschemas: an `x-decisions` inside them marks nothing.
_DATA_KEYWORDS = {"enum", "const", "default", "examples", "example", "required"}


class ModelsPageError(Exception):
    """The page cannot be written from what the contract and DECISIONS.md say."""


def decision_titles(decisions: Path) -> dict[str, str]:
    """The title of each decision of the table in ``DECISIONS.md``, by id."""
    return {m.group(1): m.group(2) for m in _DECISION_ROW.finditer(decisions.read_text("utf-8"))}


def _decided_ids(keyword: str, decided: Any) -> Iterator[tuple[str, str]]:
    """``(decision id, what it marks)`` for one entry of an ``x-decisions`` map."""
    if isinstance(decided, str):
        yield decided, f"`{keyword}`"
    elif isinstance(decided, dict) and "decision" in decided:
        yield str(decided["decision"]), f"`{keyword}`"
    elif isinstance(decided, dict):  # required: {property: D-xx}
        for name, decision in decided.items():
            yield str(decision), f"`{keyword}` `{name}`"


def decision_locations(schema: Mapping[str, Any]) -> dict[str, dict[str, list[str]]]:
    """Every decision marked (``x-decisions``) inside a request schema: by decision id, the
    fields it marks (a dotted path, ``image_urls[]`` for the items of a list, ``""`` for the
    request object itself), each with the keywords it marks. Ids in numeric order, fields and
    keywords in schema order, no repeats."""
    found: dict[str, dict[str, list[str]]] = {}

    def walk(node: Any, where: str) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, where)
            return
        if not isinstance(node, dict):
            return
        for keyword, decided in node.get(toapis_spec.DECISIONS_KEY, {}).items():
            for decision, what in _decided_ids(keyword, decided):
                marked = found.setdefault(decision, {}).setdefault(where, [])
                if what not in marked:
                    marked.append(what)
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for name, prop in value.items():
                    walk(prop, f"{where}.{name}" if where else name)
            elif key == "items":
                walk(value, f"{where}[]")
            elif key not in _DATA_KEYWORDS and not key.startswith("x-"):
                walk(value, where)

    walk(schema, "")
    return {d: found[d] for d in sorted(found, key=lambda d: int(d.partition("-")[2] or 0))}


def _where(fields: Mapping[str, list[str]]) -> str:
    return "; ".join(
        (f"`{field}`" if field else "the request object") + ": " + ", ".join(keywords)
        for field, keywords in fields.items()
    )


def _code(values: Any) -> str:
    return ", ".join(f"`{value}`" for value in values)


def _n_text(values: tuple[int, ...]) -> str:
    if len(values) > 2 and list(values) == list(range(values[0], values[-1] + 1)):
        return f"`{values[0]}` to `{values[-1]}`"
    return _code(values)


class _Page:
    def __init__(self, titles: Mapping[str, str], link: DecisionLink) -> None:
        self.titles = titles
        self.link = link

    def decision(self, decision: str) -> str:
        if decision not in self.titles:
            raise ModelsPageError(
                f"the contract cites {decision}, which the table of openapi/DECISIONS.md lacks"
            )
        return f"[{decision}]({self.link(decision)})"

    def basis(self, field: Mapping[str, Any] | None, *keywords: str) -> str:
        """`` (decided: D-xx)`` when one of ``keywords`` of ``field`` is a decision, else ``""``."""
        if field is None:
            return ""
        marks = sorted(
            {
                decision
                for keyword in keywords
                if (decision := toapis_spec.decision_on_path(field, [keyword])) is not None
            }
        )
        return f" (decided: {', '.join(self.decision(d) for d in marks)})" if marks else ""


def _rows(model: toapis_spec.Model, page: _Page) -> list[tuple[str, str]]:
    from conformance.contract import limits

    lim = limits(model.name)
    op = toapis_spec.operation(model.operation_id)
    aliases = [n for n, other in toapis_spec.models().items() if other.alias_of == model.name]
    rows = [
        ("Aliases", _code(aliases) if aliases else "none"),
        ("Endpoint", f"`{op.method} {op.path}` (`{model.operation_id}`)"),
        ("Vendor page", f"`{model.page}`" if model.page else "not given"),
    ]
    prompt = model.field("prompt")
    rows.append(
        (
            "Prompt",
            (
                f"at most {lim.prompt_max} characters"
                if lim.prompt_max is not None
                else "no limit stated"
            )
            + page.basis(prompt, "maxLength"),
        )
    )
    n = model.field("n")
    rows.append(
        (
            "`n`",
            f"{_n_text(lim.n_values)}, default `{lim.n_default}`"
            + page.basis(n, "enum", "minimum", "maximum", "default")
            if lim.has_n
            else "no `n` field: one image per task",
        )
    )
    size = model.field("size")
    if size is None:
        rows += [("Sizes", "no `size` field"), ("Default size", "none (no `size` field)")]
    else:
        text = _code(lim.sizes) or "no aspect ratio"
        others = toapis_spec.non_ratio_sizes(model.name)
        if others:
            text += "; also " + ", ".join(f"`{v}` ({meaning})" for v, meaning in others.items())
        rows.append(("Sizes", text + page.basis(size, "enum")))
        if lim.size_default is None:
            default = "none"
        else:
            default = f"`{lim.size_default}`, " + (
                "documented" if lim.size_default_documented else "not documented"
            )
        rows.append(("Default size", default + page.basis(size, "default")))
    if lim.resolution_field:
        tier = model.field(lim.resolution_field)
        rows.append(
            (
                "Resolution",
                f"`{lim.resolution_field}`: {_code(lim.resolutions)}"
                + (f", default `{lim.resolution_default}`" if lim.resolution_default else "")
                + page.basis(tier, "enum", "default"),
            )
        )
    else:
        rows.append(("Resolution", "no resolution field"))
    if lim.reference_field:
        reference = model.field(lim.reference_field)
        text = f"`{lim.reference_field}`"
        if len(lim.reference_fields) > 1:
            text += " (also " + _code(lim.reference_fields[1:]) + ")"
        text += (
            f", at most {lim.image_urls_max}"
            if lim.image_urls_max is not None
            else ", no maximum stated"
        )
        if lim.required_references:
            text += ", required"
        rows.append(("Reference images", text + page.basis(reference, "maxItems", "minItems")))
    else:
        rows.append(("Reference images", "none"))
    rows.append(("Mask", "yes (`mask_url`)" if lim.has_mask else "not supported"))
    table = toapis_spec.pixel_table(model.name)
    if table is None:
        pixels = "none: the contract gives no pixel sizes"
    else:
        keys = "`size`" + (f" and `{table.by}`" if table.by else "")
        if table.decision:
            pixels = f"decided: {page.decision(table.decision)} (per {keys})"
        elif table.promised:
            pixels = f"{table.basis} (per {keys})"
        else:
            pixels = f"none: the docs state no pixels (the {table.basis}'s own table, per {keys})"
    rows.append(("Pixel table", pixels))
    return rows


def _decision_lines(model: toapis_spec.Model, page: _Page) -> list[str]:
    decided = decision_locations(model.schema)
    if not decided:
        return ["No decision marks a constraint of its request schema."]
    lines = ["Decisions marking constraints of its request schema:", ""]
    for decision, fields in decided.items():
        title = " ".join(page.titles[decision].split()) if decision in page.titles else ""
        lines.append(f"- {page.decision(decision)} {title} ({_where(fields)})")
    return lines


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def models_markdown(decisions: Path, link: DecisionLink) -> str:
    """The models page as markdown; ``link`` gives the address of each decision it cites."""
    from conformance.contract import families

    page = _Page(decision_titles(decisions), link)
    models = toapis_spec.models()
    grouped = families()
    aliases = sum(1 for info in models.values() if info.alias_of is not None)
    endpoints = {info.operation_id for info in models.values()}
    lines = [
        "# Models",
        "",
        "Every image model the contract describes, grouped by family (in contract order), with",
        "the limits of its create request. Generated from `openapi/openapi.yaml` (through",
        "`toapis_spec` and `conformance.contract`) by `scripts/build_docs`; do not edit by hand.",
        "",
        "A value the docs state is **documented**; one marked *decided* is our reading of the",
        "docs (`openapi/DECISIONS.md`, marked `x-decisions` in the contract): `toapis-conformance`",
        "FAILs a server only for a documented promise and gives a WARN naming the decision",
        "otherwise. The list under each model names every decision marked inside its request",
        "schema and the fields and keywords it marks. The vendor page is a file of the vendor's",
        "API reference (`docs/en/api-reference/`).",
        "",
        f"{len(models)} model names ({aliases} aliases) in {len(grouped)} families, on "
        f"{len(endpoints)} create operations.",
        "",
        "| Family | Models |",
        "| --- | --- |",
    ]
    for family, names in grouped.items():
        lines.append(f"| `{family}` | {_code(names)} |")
    for family, names in grouped.items():
        lines += ["", f"## Family `{family}`"]
        for name in names:
            lines += ["", f"### `{name}`", "", "| Property | Value |", "| --- | --- |"]
            for label, value in _rows(models[name], page):
                lines.append(f"| {label} | {_cell(value)} |")
            lines += ["", *_decision_lines(models[name], page)]
    return "\n".join(lines) + "\n"
