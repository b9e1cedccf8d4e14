"""Every report format of a run: console (rich), JSON, a self-contained HTML page and JUnit XML.

All formats render one plain, already redacted data structure (``report_data``), so no format can
forget to mask a key; each renderer also passes its final text through the redactor once more.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from conformance.catalogue import CATALOGUE
from conformance.coverage import junit_cases, run_coverage, text_lines
from conformance.redact import Redactor, curl_command
from conformance.report_html import render_page
from conformance.runner import RunReport
from conformance.verdicts import Exchange, Status
from toapis_spec.promises import Promise

_BODY_SHOWN = 2000
_STYLE = {
    "pass": "green",
    "fail": "bold red",
    "warn": "bold dark_orange",
    "not_run": "yellow",
    "error": "bold magenta",
}


def _shown(body: bytes, content_type: str) -> str:
    """A body as a reader can take it: text as text, anything else (an image...) as a summary."""
    try:
        return body[:_BODY_SHOWN].decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= _BODY_SHOWN - 4:  # cut inside a multi-byte character
            return body[: error.start].decode("utf-8")
    return f"<{len(body)} bytes of {content_type or 'binary data'}>"


def _exchange_data(exchange: Exchange, redactor: Redactor) -> dict[str, Any]:
    request = exchange.request
    if request.body_summary is not None:
        request_body = f"<{request.body_summary}>"
    elif request.body is not None:
        request_body = request.body[:_BODY_SHOWN].decode("utf-8", "replace")
    else:
        request_body = None
    data: dict[str, Any] = {
        "request": {
            "method": request.method,
            "url": redactor.text(request.url),
            "headers": redactor.headers(request.headers),
            "body": redactor.text(request_body) if request_body is not None else None,
        },
        "curl": curl_command(request, redactor),
    }
    if exchange.response is None:
        data["response"] = None
        data["transport_error"] = redactor.text(exchange.transport_error or "")
    else:
        response = exchange.response
        data["response"] = {
            "status": response.status,
            "headers": redactor.headers(response.headers),
            "body": redactor.text(_shown(response.body, response.headers.get("content-type", ""))),
            "elapsed_ms": round(response.elapsed * 1000, 1),
        }
    return data


def report_data(
    report: RunReport,
    redactor: Redactor,
    *,
    strict: bool = False,
    mock_command: str | None = None,
    inventory: Iterable[Promise] | None = None,
) -> dict[str, Any]:
    """The run as plain data, redacted: what every format renders. ``mock_command`` starts the
    same mock again (embedded runs: the server is gone when the reproducers are read);
    ``inventory`` is the promise inventory of the coverage index (default: the project's)."""
    checks = []
    for verdict in report.verdicts:
        info = CATALOGUE[verdict.check_id]
        checks.append(
            {
                "id": verdict.check_id,
                "status": verdict.status.value,
                "title": info.title,
                "promise": info.promise,
                "source": info.source,
                "layer": info.layer,
                "area": info.area,
                "basis": {
                    "level": info.basis,
                    "quote": info.quote,
                    "decisions": list(info.decisions),
                },
                "reason": redactor.text(verdict.reason),
                "observations": verdict.exercised,
                # The selected models the verdict rests on; empty: model-independent.
                "models": list(verdict.models),
                "evidence": [
                    {
                        "message": redactor.text(e.message),
                        "expected": redactor.text(e.expected),
                        "decision": e.decision,
                        "exchanges": [_exchange_data(x, redactor) for x in e.exchanges],
                    }
                    for e in verdict.evidence
                ],
            }
        )
    return {
        "tool": "toapis-conformance",
        "base_url": redactor.text(report.base_url),
        "seed": report.seed,
        "budget": {"limit": report.budget_limit, "spent": report.budget_spent},
        "duration_s": round(report.duration, 2),
        "layer_seconds": {k: round(v, 2) for k, v in report.layer_seconds.items()},
        "counts": report.counts(),
        "interrupted": report.interrupted,
        "strict": strict,
        "reproduce": {"mock_command": mock_command} if mock_command else None,
        "notes": [redactor.text(n) for n in report.notes],
        "checks": checks,
        "coverage": run_coverage(
            report.models, report.verdicts, redactor.text, inventory, report.selected
        ),
    }


def render_json(data: dict[str, Any], redactor: Redactor) -> str:
    # ``data`` is redacted field by field already; a pass over the whole text would also touch
    # ids and titles (the test token "image" inside "results-images-match-request").
    return json.dumps(data, indent=2, ensure_ascii=False)


def _one_line(text: str) -> str:
    """A body on one line: its line breaks written as ``\\n``, so a log keeps it whole."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def print_console(
    data: dict[str, Any],
    redactor: Redactor,
    console: Console | None = None,
    *,
    only_problems: bool = False,
) -> None:
    """The report on a console. ``only_problems``: the check lines were streamed as they
    finished (or ``--quiet``), so only what did not pass is repeated, with its evidence."""
    console = console or Console(highlight=False)
    budget = data["budget"]
    limit = "unlimited" if budget["limit"] is None else budget["limit"]
    heading = (
        f"toapis-conformance against {escape(data['base_url'])}  seed={data['seed']}  "
        f"billable images: {budget['spent']} of {limit}"
    )
    if only_problems:
        # The streamed lines began with the run's heading already: a blank line, then evidence.
        if any(c["status"] not in ("pass", "not_run") for c in data["checks"]):
            console.print()
    else:
        console.print(f"[bold]{heading}[/]")
    for check in data["checks"]:
        status = check["status"]
        if only_problems and status in ("pass", "not_run"):
            continue
        line = f"[{_STYLE[status]}]{status.upper():8}[/] {check['id']}"
        if status == "not_run" and check["reason"]:
            line += f"  [dim]({escape(check['reason'])})[/]"
        console.print(line)
        for item in check["evidence"]:
            decision = item.get("decision")
            if decision:
                console.print(
                    f"    [dark_orange]decided ({decision}, openapi/DECISIONS.md):[/] "
                    f"{escape(item['message'])}"
                )
            else:
                console.print(f"    [red]{escape(item['message'])}[/]")
            console.print(f"    contract: {escape(check['source'])} - {escape(item['expected'])}")
            for exchange in item["exchanges"]:
                request = exchange["request"]
                console.print(f"    > {request['method']} {escape(request['url'])}")
                if request["body"]:
                    console.print(f"      {escape(_one_line(request['body'][:300]))}")
                response = exchange["response"]
                if response is None:
                    console.print(
                        f"    < no response: {escape(exchange.get('transport_error', ''))}"
                    )
                else:
                    body = _one_line(response["body"][:300])
                    console.print(f"    < {response['status']} {escape(body)}")
                console.print(f"    $ {escape(exchange['curl'][:1500])}", soft_wrap=True)
    counts = data["counts"]
    console.print(
        f"\n{counts['pass']} passed, {counts['fail']} failed, {counts.get('warn', 0)} warned, "
        f"{counts['not_run']} not run, {counts['error']} errors in {data['duration_s']} s; "
        f"billable images: {budget['spent']} of {limit} "
        + " ".join(f"({layer} {secs} s)" for layer, secs in data["layer_seconds"].items())
    )
    for line in text_lines(data.get("coverage")):
        console.print(escape(line), soft_wrap=True)
    if data.get("interrupted"):
        console.print(
            "[bold yellow]interrupted (Ctrl-C):[/] the run stopped; checks that had not finished "
            "are not run (exit status 130)"
        )
    for status, label in (("fail", "failed"), ("error", "errors"), ("warn", "warned")):
        names = [c["id"] for c in data["checks"] if c["status"] == status]
        if names:
            console.print(f"{label}: {', '.join(names)}")
    if counts.get("warn"):
        console.print(
            "warnings break only our decisions on what the docs leave open (exit status 0; "
            "--strict makes them fail)"
            if not data.get("strict")
            else "--strict: the warnings fail the run"
        )
    reproduce = data.get("reproduce")
    if reproduce and (counts["fail"] or counts.get("warn")):
        console.print(
            f"reproduce: the embedded mock is gone; start the same one with\n"
            f"    {escape(reproduce['mock_command'])}"
        )
    for note in data["notes"]:
        console.print(f"[dim]note: {escape(note)}[/]")


def render_html(data: dict[str, Any], redactor: Redactor) -> str:
    """A self-contained page: summary of failures and warnings first (conformance.report_html).

    ``data`` is redacted field by field (``report_data``); a pass over the whole page would also
    mask the suite's own words (the test token "image" in "an image of any format")."""
    del redactor
    return render_page(data)


def render_junit(data: dict[str, Any], redactor: Redactor) -> str:
    counts = data["counts"]
    coverage_cases = junit_cases(data.get("coverage"))
    suite = ET.Element(
        "testsuite",
        name="toapis-conformance",
        tests=str(len(data["checks"]) + len(coverage_cases)),
        failures=str(counts["fail"] + (counts.get("warn", 0) if data.get("strict") else 0)),
        errors=str(counts["error"]),
        skipped=str(counts["not_run"]),
        time=str(data["duration_s"]),
    )
    if coverage_cases:  # the coverage index: suite properties, and a passed case per model
        properties = ET.SubElement(suite, "properties")
        for name, values, _ in coverage_cases:
            for key, value in values.items():
                ET.SubElement(properties, "property", name=f"{name}.{key}", value=value)
    for check in data["checks"]:
        case = ET.SubElement(
            suite, "testcase", classname=f"conformance.{check['layer']}", name=check["id"]
        )
        warned = check["status"] == Status.WARN.value
        if check["status"] == Status.NOT_RUN.value:
            ET.SubElement(case, "skipped", message=check["reason"])
        elif warned and not data.get("strict"):
            # JUnit has no warning state: a passed case with the warning in its properties and
            # output, so CI dashboards stay green and the evidence stays one click away.
            properties = ET.SubElement(case, "properties")
            ET.SubElement(properties, "property", name="verdict", value="warn")
            decisions = sorted({e["decision"] for e in check["evidence"] if e.get("decision")})
            ET.SubElement(properties, "property", name="decisions", value=",".join(decisions))
            out = ET.SubElement(case, "system-out")
            out.text = "WARN\n" + "\n\n".join(
                f"{e['message']}\nDecision: {e.get('decision')}\n"
                + "\n".join(x["curl"] for x in e["exchanges"])
                for e in check["evidence"]
            )
        elif check["status"] in (Status.FAIL.value, Status.ERROR.value) or warned:
            tag = "error" if check["status"] == Status.ERROR.value else "failure"
            text = "\n\n".join(
                f"{item['message']}\nContract: {check['source']}: {item['expected']}\n"
                + "\n".join(x["curl"] for x in item["exchanges"])
                for item in check["evidence"]
            )
            node = ET.SubElement(
                case,
                tag,
                message=(check["evidence"][0]["message"] if check["evidence"] else check["reason"])[
                    :500
                ],
            )
            node.text = text
    for name, _, text in coverage_cases:
        case = ET.SubElement(suite, "testcase", classname="conformance.coverage", name=name)
        ET.SubElement(case, "system-out").text = text
    return ET.tostring(suite, encoding="unicode", xml_declaration=True)


def write_report(data: dict[str, Any], redactor: Redactor, path: Path) -> None:
    text = (
        render_html(data, redactor)
        if path.suffix.lower() in {".html", ".htm"}
        else render_json(data, redactor)
    )
    path.write_text(text, encoding="utf-8")
