"""Every report format of a run: console (rich), JSON, a self-contained HTML page and JUnit XML.

All formats render one plain, already redacted data structure (``report_data``), so no format can
forget to mask a key; each renderer also passes its final text through the redactor once more.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from conformance.catalogue import CATALOGUE
from conformance.redact import Redactor, curl_command
from conformance.runner import RunReport
from conformance.verdicts import Exchange, Status

_BODY_SHOWN = 2000
_STYLE = {"pass": "green", "fail": "bold red", "not_run": "yellow", "error": "bold magenta"}


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


def report_data(report: RunReport, redactor: Redactor) -> dict[str, Any]:
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
                "reason": redactor.text(verdict.reason),
                "observations": verdict.exercised,
                "evidence": [
                    {
                        "message": redactor.text(e.message),
                        "expected": redactor.text(e.expected),
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
        "notes": [redactor.text(n) for n in report.notes],
        "checks": checks,
    }


def render_json(data: dict[str, Any], redactor: Redactor) -> str:
    return redactor.text(json.dumps(data, indent=2, ensure_ascii=False))


def print_console(data: dict[str, Any], redactor: Redactor, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    budget = data["budget"]
    limit = "unlimited" if budget["limit"] is None else budget["limit"]
    console.print(
        f"[bold]toapis-conformance[/] against {escape(data['base_url'])}  seed={data['seed']}  "
        f"billable images: {budget['spent']} of {limit}"
    )
    for check in data["checks"]:
        status = check["status"]
        line = f"[{_STYLE[status]}]{status.upper():8}[/] {check['id']}"
        if status == "not_run" and check["reason"]:
            line += f"  [dim]({escape(check['reason'])})[/]"
        console.print(redactor.text(line))
        for item in check["evidence"]:
            console.print(f"    [red]{escape(redactor.text(item['message']))}[/]")
            console.print(f"    contract: {escape(check['source'])} - {escape(item['expected'])}")
            for exchange in item["exchanges"]:
                request = exchange["request"]
                console.print(f"    > {request['method']} {escape(request['url'])}")
                if request["body"]:
                    console.print(f"      {escape(request['body'][:300])}")
                response = exchange["response"]
                if response is None:
                    console.print(
                        f"    < no response: {escape(exchange.get('transport_error', ''))}"
                    )
                else:
                    console.print(f"    < {response['status']} {escape(response['body'][:300])}")
                console.print(f"    $ {escape(exchange['curl'][:1500])}", soft_wrap=True)
    counts = data["counts"]
    console.print(
        f"\n{counts['pass']} passed, {counts['fail']} failed, {counts['not_run']} not run, "
        f"{counts['error']} errors in {data['duration_s']} s "
        + " ".join(f"({layer} {secs} s)" for layer, secs in data["layer_seconds"].items())
    )
    for note in data["notes"]:
        console.print(f"[dim]note: {escape(note)}[/]")


def render_html(data: dict[str, Any], redactor: Redactor) -> str:
    e = html.escape
    rows = []
    for check in data["checks"]:
        details = ""
        for item in check["evidence"]:
            exchanges = "".join(
                "<pre>"
                + e(
                    json.dumps(
                        {k: v for k, v in x.items() if k != "curl"}, indent=2, ensure_ascii=False
                    )
                )
                + "</pre><p>Reproduce:</p><pre>"
                + e(x["curl"])
                + "</pre>"
                for x in item["exchanges"]
            )
            details += (
                f"<div class='evidence'><p><b>{e(item['message'])}</b></p>"
                f"<p>Contract: {e(check['source'])}: {e(item['expected'])}</p>{exchanges}</div>"
            )
        rows.append(
            f"<tr class='{e(check['status'])}'><td>{e(check['status'])}</td>"
            f"<td><code>{e(check['id'])}</code></td>"
            f"<td>{e(check['title'])}<br><small>{e(check['promise'])}</small>"
            + (f"<br><i>{e(check['reason'])}</i>" if check["reason"] else "")
            + f"{details}</td></tr>"
        )
    counts = data["counts"]
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>toapis-conformance report</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2em}}
table{{border-collapse:collapse;width:100%}}
td{{border-bottom:1px solid #ddd;padding:.4em;vertical-align:top}}
pre{{background:#f6f6f6;padding:.5em;overflow-x:auto}}
tr.pass td:first-child{{color:#186a1f}}
tr.fail td:first-child,tr.error td:first-child{{color:#b00020;font-weight:bold}}
tr.not_run td:first-child{{color:#8a6d00}}
</style></head><body>
<h1>toapis-conformance</h1>
<p>Target {e(data["base_url"])}, seed {data["seed"]}, {data["duration_s"]} s.
{counts["pass"]} passed, {counts["fail"]} failed, {counts["not_run"]} not run,
{counts["error"]} errors.</p>
<table><tr><th>Status</th><th>Check</th><th>Promise and evidence</th></tr>
{"".join(rows)}
</table>
<ul>{"".join(f"<li>{e(n)}</li>" for n in data["notes"])}</ul>
</body></html>
"""
    return redactor.text(page)


def render_junit(data: dict[str, Any], redactor: Redactor) -> str:
    counts = data["counts"]
    suite = ET.Element(
        "testsuite",
        name="toapis-conformance",
        tests=str(len(data["checks"])),
        failures=str(counts["fail"]),
        errors=str(counts["error"]),
        skipped=str(counts["not_run"]),
        time=str(data["duration_s"]),
    )
    for check in data["checks"]:
        case = ET.SubElement(
            suite, "testcase", classname=f"conformance.{check['layer']}", name=check["id"]
        )
        if check["status"] == Status.NOT_RUN.value:
            ET.SubElement(case, "skipped", message=check["reason"])
        elif check["status"] in (Status.FAIL.value, Status.ERROR.value):
            tag = "failure" if check["status"] == Status.FAIL.value else "error"
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
    return redactor.text(ET.tostring(suite, encoding="unicode", xml_declaration=True))


def write_report(data: dict[str, Any], redactor: Redactor, path: Path) -> None:
    text = (
        render_html(data, redactor)
        if path.suffix.lower() in {".html", ".htm"}
        else render_json(data, redactor)
    )
    path.write_text(text, encoding="utf-8")
