"""What a task's answers echo or derive from its request: the model, and the defaults of what the
request left out (``n``, ``size``, with and without reference images).

Judged from the exchanges of one task (its create and its polls) and the downloads of its result
images, so the suite's probes and the validating proxy call the same functions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from conformance.checks import declare
from conformance.contract import Limits
from conformance.images import decode_displayed
from conformance.judges.images import RATIO_TOLERANCE
from conformance.probes.base import Recorder, evidence
from conformance.verdicts import Evidence, Exchange
from toapis_spec import models, ratio_of

_TASK = "#/components/schemas/Task"

MODEL_ECHO = declare(
    "echo-model-matches-request",
    title="Every answer about a task names the model the request asked for.",
    promise="The `model` of the create answer and of every poll is the requested model; an "
    "alias (`nano-banana-pro`) may be answered as the model it names, and a model as one of its "
    "aliases (D-51: which of the two the service echoes is not documented).",
    source=f"{_TASK}/properties/model",
    area="lifecycle",
    quote='model (response field, every model page): "Model name used"; the flux pages: '
    '"Model name used for generation"',
    decisions=("D-51",),
)
DEFAULTS_APPLIED = declare(
    "results-defaults-applied",
    title="A request that leaves out `n` or `size` gets their documented defaults.",
    promise="A completed task whose request had no `n` has the documented default count of "
    "result images; one without `size` has images (as they display) of the default's aspect "
    "ratio: with reference images, the default the page gives for that case "
    "(`x-default-with-references`, e.g. `match_input_image`: the reference's ratio). A default "
    "only the contract gives (D-44: pages that show none) is a WARN.",
    source="the `default` (and `x-default-with-references`) of each model's `n` and `size`",
    area="results",
    quote='gpt-4o page: n "Default: 1", size "`1:1` - Square (default)"; flux-kontext page: '
    'size "Default: With reference image: `match_input_image`; Without reference image: '
    '`16:9`"',
    decisions=("D-44",),
)


# -- the model echo ---------------------------------------------------------------------------


def echo_names(requested: str) -> frozenset[str]:
    """The `model` values a task asked for as ``requested`` may be answered with: the name,
    the model it is an alias of, and that model's other aliases (D-51)."""
    known = models()
    info = known.get(requested)
    if info is None:
        return frozenset({requested})
    canonical = info.alias_of or requested
    family = {name for name, other in known.items() if (other.alias_of or name) == canonical}
    return frozenset({requested, canonical, *family})


def judge_model_echo(
    rec: Recorder, body: dict[str, Any], answers: Iterable[tuple[Exchange, dict[str, Any]]]
) -> None:
    """``answers``: the task's 200 answers (create, polls) with their JSON bodies, for a task
    created with ``body``. A missing ``model`` is the schema's to report, not this check's."""
    requested = body.get("model")
    if not isinstance(requested, str):
        return
    allowed = echo_names(requested)
    for exchange, task in answers:
        echoed = task.get("model")
        if echoed is None:
            continue
        rec.expect(
            MODEL_ECHO,
            echoed in allowed,
            functools.partial(
                evidence,
                f"the request asked for model {requested!r}; task {task.get('id')} says "
                f"model {echoed!r}",
                "model: " + " or ".join(repr(n) for n in sorted(allowed)),
                exchange,
            ),
        )


# -- defaults -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Default:
    """The value a request field takes when the request leaves it out."""

    field: str
    value: Any
    decision: str | None
    """``None``: the docs state it; else the decision that gives it (a WARN when broken)."""


def references_of(body: dict[str, Any], lim: Limits) -> list[str]:
    """The reference image URLs of a request (strings or ``{url}`` items, D-49)."""
    urls: list[str] = []
    for name in lim.reference_fields:
        items = body.get(name)
        for item in items if isinstance(items, list) else []:
            url = item.get("url") if isinstance(item, dict) else item
            if isinstance(url, str):
                urls.append(url)
    return urls


def omitted_defaults(lim: Limits, body: dict[str, Any]) -> list[Default]:
    """The defaults of ``n`` and ``size`` that apply to ``body`` (the fields it leaves out that
    the model has, with a default the contract gives)."""
    client = models()[lim.model].properties
    server = models(view="server")[lim.model].properties
    found: list[Default] = []
    for name in ("n", "size"):
        prop = client.get(name)
        if not isinstance(prop, dict) or name in body:
            continue
        if name == "size" and references_of(body, lim) and "x-default-with-references" in prop:
            # The page's default for a request with references (documented: D-53 keeps it as
            # an extension so that tools read it, not as a decision).
            found.append(Default(name, prop["x-default-with-references"], None))
            continue
        if "default" not in prop:
            continue
        documented = "default" in server.get(name, {})
        decided = prop.get("x-decisions", {}).get("default")
        found.append(Default(name, prop["default"], None if documented else str(decided)))
    return found


def _record(rec: Recorder, default: Default, ok: bool, found: Callable[[], Evidence]) -> None:
    if ok:
        rec.ok(DEFAULTS_APPLIED)
    elif default.decision is None:
        rec.fail(DEFAULTS_APPLIED, found())
    else:
        rec.warn(DEFAULTS_APPLIED, found(), default.decision)


def judge_default_count(
    rec: Recorder, lim: Limits, body: dict[str, Any], create: Exchange, final: Exchange
) -> None:
    """A completed task created without ``n``: as many result images as the default says."""
    task = final.json()
    default = next((d for d in omitted_defaults(lim, body) if d.field == "n"), None)
    if default is None or not isinstance(task, dict) or task.get("status") != "completed":
        return
    result = task.get("result")
    data = result.get("data") if isinstance(result, dict) else None
    count = len(data) if isinstance(data, list) else 0
    _record(
        rec,
        default,
        count == default.value,
        lambda: evidence(
            f"a {lim.model} request without n completed with {count} result image(s)",
            f"the default n: {default.value} image(s)",
            create,
            final,
        ),
    )


def ratio_matches(width: int, height: int, ratio: tuple[int, int]) -> bool:
    return height > 0 and abs((width / height) / (ratio[0] / ratio[1]) - 1) <= RATIO_TOLERANCE


def judge_default_size(
    rec: Recorder,
    lim: Limits,
    body: dict[str, Any],
    final: Exchange,
    images: Sequence[tuple[str, Exchange]],
    reference: tuple[int, int] | None = None,
) -> None:
    """A completed task created without ``size``: every result image (``images``: each URL
    with its download) displays at the default's aspect ratio. ``reference``: the displayed
    size of the first reference image, for a default that is its ratio (``match_input_image``);
    unknown, such a default is not judged. Downloads that fail are the result-image check's."""
    default = next((d for d in omitted_defaults(lim, body) if d.field == "size"), None)
    if default is None:
        return
    ratio = ratio_of(str(default.value))
    if ratio is None and reference is not None:
        ratio = reference
    if ratio is None:
        return
    for url, fetched in images:
        if fetched.response is None or fetched.response.status != 200:
            continue
        try:
            fmt, width, height = decode_displayed(fetched.response.body)
        except Exception:  # undecodable: results-images-match-request reports it
            continue
        _record(
            rec,
            default,
            ratio_matches(width, height, ratio),
            functools.partial(
                evidence,
                f"a {lim.model} request without size gave {url}: {fmt} {width}x{height} "
                "(as displayed)",
                f"the default size {default.value}: aspect ratio {ratio[0]}:{ratio[1]}",
                final,
                fetched,
            ),
        )
