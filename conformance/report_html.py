"""The self-contained HTML page of a run (``conformance.report.render_html`` delegates here).

It renders the plain data of ``report_data()`` and tolerates fields that an older or newer run does
not have (``basis``, ``decision``, ``strict``, ``reproduce``, the ``warn`` count): every optional
field is read with ``.get``. Every piece of text is HTML-escaped exactly once, where it is put into
the page; bodies are shown as received, never re-encoded as JSON strings.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from conformance.coverage import html_section

__all__ = ["render_page"]

_STATUS_ORDER = ("fail", "error", "warn", "not_run", "pass")
_LABEL = {"pass": "PASS", "fail": "FAIL", "warn": "WARN", "not_run": "NOT RUN", "error": "ERROR"}
_BASIS_LABEL = {
    "documented": "documented promise",
    "decided": "decided promise (DECISIONS.md)",
}
# A JSON pointer into the contract, as the catalogue writes it in `source`.
_POINTER = re.compile(r"#/[^\s,;()]*")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")
_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;margin:0 auto;padding:1.5em;max-width:72em;line-height:1.45;
  color:#1d1d1f;overflow-wrap:anywhere}
h1{margin:.2em 0}
code{font-family:ui-monospace,monospace;background:#f0f0f3;padding:0 .25em;border-radius:3px;
  overflow-wrap:anywhere}
pre{background:#f6f6f8;padding:.6em;margin:.3em 0;white-space:pre-wrap;overflow-wrap:anywhere;
  word-break:break-word;max-width:100%;font-size:.85em}
.meta{color:#555}
.counts span{display:inline-block;margin-right:.8em}
.badge{display:inline-block;min-width:5.5em;text-align:center;font-weight:bold;font-size:.8em;
  padding:.1em .4em;border-radius:3px;color:#fff;background:#666}
.badge.pass{background:#1b7a2b}.badge.fail,.badge.error{background:#b00020}
.badge.warn{background:#b26a00}.badge.not_run{background:#7a7a7a}
nav#summary{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:1em 0}
nav#summary ol{margin:.3em 0;padding-left:1.4em}
nav#summary li{margin:.2em 0}
nav#summary li.warn a{color:#8a5200}
.check{border:1px solid #e0e0e0;border-left:6px solid #1b7a2b;border-radius:4px;
  padding:.5em .8em;margin:.6em 0}
.check.fail,.check.error{border-left-color:#b00020;background:#fff6f7}
.check.warn{border-left-color:#e09000;background:#fff8e6}
.check.not_run{border-left-color:#9a9a9a}
.check:target{outline:3px solid #3b6fd8}
.check h3{font-size:1em;margin:.1em 0}
.promise,.source,.basis,.reason{margin:.25em 0}
.basis blockquote{margin:.2em 0 .2em 1em;padding-left:.6em;border-left:3px solid #ccc;color:#444}
.decision{display:inline-block;font-size:.8em;font-weight:bold;color:#8a5200;background:#ffe9b8;
  border:1px solid #e0b050;border-radius:3px;padding:0 .35em;margin-left:.3em}
.evidence{border-top:1px dashed #ccc;margin-top:.5em;padding-top:.4em}
.evidence .message{font-weight:bold}
details{margin:.2em 0}
summary{cursor:pointer;color:#333}
table.coverage{border-collapse:collapse;margin:.5em 0}
table.coverage td,table.coverage th{border:1px solid #ddd;padding:.2em .6em;text-align:right;
  white-space:nowrap}
table.coverage td:first-child,table.coverage th:first-child,table.coverage td:last-child{
  text-align:left;white-space:normal}
table.coverage tr.overall{font-weight:bold;background:#f6f6f8}
#coverage-index li{margin:.4em 0}
#coverage-index blockquote{margin:.2em 0 .2em 1em;padding-left:.6em;border-left:3px solid #ccc;
  color:#444}
#coverage-index .where{color:#666;font-size:.85em}
#coverage-index .why{font-style:italic;color:#555}
.check-state{font-size:.8em;color:#555}
"""


def render_page(data: Mapping[str, Any]) -> str:
    """The whole page for ``data`` (``report_data()`` output); not yet passed through a redactor."""
    checks: list[Mapping[str, Any]] = list(data.get("checks", []))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>toapis-conformance report</title>
<style>{_CSS}</style></head><body>
<h1>toapis-conformance</h1>
{_header(data)}
{_summary(checks)}
{html_section(data.get("coverage"))}
<h2>Checks</h2>
{"".join(_check(check) for check in checks)}
{_notes(data.get("notes", []))}
</body></html>
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def anchor(check_id: object) -> str:
    """The ``id`` of a check's section: ``check-`` and the id, reduced to a safe character set."""
    return "check-" + (_NOT_ID.sub("-", str(check_id)).strip("-") or "unnamed")


def inline_markdown(text: object) -> str:
    """The inline Markdown the catalogue writes (`code`, **bold**, *emphasis*) as escaped HTML.

    A few lines instead of markdown-it-py: that package is a test dependency only, and the page
    is rendered by the installed suite, whose promises and titles use nothing but these spans.
    The text is escaped first and each span then wrapped, so no markup from the text survives.
    """
    parts = []
    rest = str(text)
    while (found := _CODE_SPAN.search(rest)) is not None:
        parts.append(_emphasis(_e(rest[: found.start()])))
        parts.append(f"<code>{_e(found.group(2).strip())}</code>")
        rest = rest[found.end() :]
    parts.append(_emphasis(_e(rest)))
    return "".join(parts)


def _emphasis(escaped: str) -> str:
    strong = _STRONG.sub(lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", escaped)
    return _EMPHASIS.sub(lambda m: f"<em>{m.group(1)}</em>", strong)


def unescape_pointer(pointer: str) -> str:
    """A contract pointer as a reader reads it, its tokens unescaped (``~1`` is ``/``, ``~0``
    ``~``): ``#/paths/~1v1~1images/post/responses/200`` is ``POST /v1/images → responses → 200``.
    """
    tokens = [
        t.replace("~1", "/").replace("~0", "~") for t in pointer.removeprefix("#").split("/") if t
    ]
    if len(tokens) >= 3 and tokens[0] == "paths" and tokens[2] in _METHODS:
        tokens = [f"{tokens[2].upper()} {tokens[1]}", *tokens[3:]]
    return " → ".join(tokens)


def source_html(source: object) -> str:
    """The ``source`` field: its contract pointers unescaped (raw pointer kept as a tooltip)."""
    text = str(source or "")
    parts = []
    at = 0
    for found in _POINTER.finditer(text):
        parts.append(inline_markdown(text[at : found.start()]))
        pointer = found.group(0)
        parts.append(
            f"<code class='pointer' title='{_e(pointer)}'>{_e(unescape_pointer(pointer))}</code>"
        )
        at = found.end()
    parts.append(inline_markdown(text[at:]))
    return "".join(parts)


def _status(check: Mapping[str, Any]) -> str:
    return str(check.get("status", "error"))


def _css_class(status: str) -> str:
    return _NOT_ID.sub("_", status)


def _badge(status: str) -> str:
    return (
        f"<span class='badge {_css_class(status)}'>{_e(_LABEL.get(status, status.upper()))}</span>"
    )


def _header(data: Mapping[str, Any]) -> str:
    budget = data.get("budget") or {}
    limit = budget.get("limit")
    counts: Mapping[str, Any] = data.get("counts") or {}
    shown = [s for s in ("pass", "fail", "warn", "not_run", "error") if s in counts or s != "warn"]
    chips = "".join(
        f"<span class='count-{_css_class(s)}'>{_badge(s)} {_e(counts.get(s, 0))}</span>"
        for s in shown
    )
    facts = [
        f"Target <code>{_e(data.get('base_url', '?'))}</code>",
        f"seed {_e(data.get('seed', '?'))}",
        f"{_e(data.get('duration_s', '?'))} s",
        f"billable images {_e(budget.get('spent', 0))} of "
        + ("unlimited" if limit is None else _e(limit)),
    ]
    if "strict" in data:
        facts.append(
            "strict: WARN fails the run" if data["strict"] else "not strict: WARN does not fail"
        )
    parts = [f"<p class='meta'>{', '.join(facts)}.</p>", f"<p class='counts'>{chips}</p>"]
    reproduce = data.get("reproduce")
    if isinstance(reproduce, Mapping) and reproduce.get("mock_command"):
        parts.append(
            "<p>Reproduce against the mock server:</p>"
            f"<pre class='reproduce'>{_e(reproduce['mock_command'])}</pre>"
        )
    return "\n".join(parts)


def _not_run(checks: Iterable[Mapping[str, Any]]) -> str:
    """The checks that were not run, each with its reason: what the run did not judge."""
    skipped = [c for c in checks if _status(c) == "not_run"]
    if not skipped:
        return ""
    items = "".join(
        f"<li>{_badge('not_run')} <a href='#{_e(anchor(c.get('id')))}'>"
        f"<code>{_e(c.get('id', '?'))}</code></a>"
        + (f" — {_e(c.get('reason'))}" if c.get("reason") else "")
        + "</li>"
        for c in skipped
    )
    return f"<h2>Not run: {len(skipped)} check(s)</h2><ul class='not-run'>{items}</ul>"


def _summary(checks: Iterable[Mapping[str, Any]]) -> str:
    checks = list(checks)
    ranked = [c for c in checks if _status(c) in ("fail", "error", "warn")]
    ranked.sort(key=lambda c: _STATUS_ORDER.index(_status(c)))
    if not ranked:
        return f"<nav id='summary'><p>No failures, errors or warnings.</p>{_not_run(checks)}</nav>"
    items = []
    for check in ranked:
        status = _status(check)
        evidence = check.get("evidence") or []
        first = evidence[0].get("message", "") if evidence else check.get("reason", "")
        decision = _decisions_of(check)
        items.append(
            f"<li class='{_css_class(status)}'>{_badge(status)} "
            f"<a href='#{_e(anchor(check.get('id')))}'><code>{_e(check.get('id', '?'))}</code></a>"
            + "".join(f"<span class='decision'>{_e(d)}</span>" for d in decision)
            + (f" — {_e(first)}" if first else "")
            + "</li>"
        )
    failures = sum(1 for c in ranked if _status(c) in ("fail", "error"))
    warnings = len(ranked) - failures
    return (
        f"<nav id='summary'><h2>Summary: {failures} failure(s), {warnings} warning(s)</h2>"
        f"<ol>{''.join(items)}</ol>{_not_run(checks)}</nav>"
    )


def _decisions_of(check: Mapping[str, Any]) -> list[str]:
    """The decision ids behind a check's evidence (for WARN: the constraint that broke)."""
    found = [str(e["decision"]) for e in check.get("evidence") or [] if e.get("decision")]
    return list(dict.fromkeys(found))


def _basis(check: Mapping[str, Any]) -> str:
    basis = check.get("basis")
    if not isinstance(basis, Mapping):
        return ""
    level = str(basis.get("level") or "")
    text = f"<div class='basis'>Basis: <b>{_e(_BASIS_LABEL.get(level, level))}</b>"
    decisions = [str(d) for d in basis.get("decisions") or []]
    if decisions:
        text += " " + "".join(f"<span class='decision'>{_e(d)}</span>" for d in decisions)
    if basis.get("quote"):
        text += f"<blockquote>{inline_markdown(basis['quote'])}</blockquote>"
    return text + "</div>"


def _check(check: Mapping[str, Any]) -> str:
    status = _status(check)
    reason = check.get("reason")
    return (
        f"<section class='check {_css_class(status)}' id='{_e(anchor(check.get('id')))}'>"
        f"<h3>{_badge(status)} <code>{_e(check.get('id', '?'))}</code> "
        f"{inline_markdown(check.get('title', ''))}</h3>"
        f"<div class='promise'>{inline_markdown(check.get('promise', ''))}</div>"
        f"<div class='source'>Contract: {source_html(check.get('source', ''))}</div>"
        f"{_basis(check)}"
        + (f"<div class='reason'><i>{_e(reason)}</i></div>" if reason else "")
        + "".join(_evidence(item) for item in check.get("evidence") or [])
        + "</section>\n"
    )


def _evidence(item: Mapping[str, Any]) -> str:
    decision = item.get("decision")
    head = f"<p class='message'>{_e(item.get('message', ''))}"
    if decision:
        head += f"<span class='decision'>decision {_e(decision)}</span>"
    head += "</p>"
    if item.get("expected"):
        head += f"<p>Expected: {inline_markdown(item['expected'])}</p>"
    return (
        f"<div class='evidence'>{head}"
        + "".join(_exchange(x) for x in item.get("exchanges") or [])
        + "</div>"
    )


def _headers(headers: object) -> str:
    if not isinstance(headers, Mapping) or not headers:
        return ""
    lines = "\n".join(f"{k}: {v}" for k, v in headers.items())
    return f"<details><summary>headers</summary><pre>{_e(lines)}</pre></details>"


def _exchange(exchange: Mapping[str, Any]) -> str:
    request: Mapping[str, Any] = exchange.get("request") or {}
    parts = [
        f"<p>&gt; <code>{_e(request.get('method', '?'))} {_e(request.get('url', ''))}</code></p>",
        _headers(request.get("headers")),
    ]
    if request.get("body") is not None:
        parts.append(f"<pre class='body request'>{_e(request['body'])}</pre>")
    response = exchange.get("response")
    if isinstance(response, Mapping):
        elapsed = response.get("elapsed_ms")
        parts.append(
            f"<p>&lt; HTTP {_e(response.get('status', '?'))}"
            + (f" in {_e(elapsed)} ms" if elapsed is not None else "")
            + "</p>"
        )
        parts.append(_headers(response.get("headers")))
        if response.get("body") is not None:
            parts.append(f"<pre class='body response'>{_e(response['body'])}</pre>")
    else:
        parts.append(f"<p>&lt; no response: {_e(exchange.get('transport_error') or '')}</p>")
    if exchange.get("curl"):
        parts.append(f"<p>Reproduce:</p><pre class='curl'>{_e(exchange['curl'])}</pre>")
    return f"<div class='exchange'>{''.join(parts)}</div>"


def _notes(notes: Iterable[object]) -> str:
    items = "".join(f"<li>{_e(note)}</li>" for note in notes)
    return f"<h2>Notes</h2><ul class='notes'>{items}</ul>" if items else ""
