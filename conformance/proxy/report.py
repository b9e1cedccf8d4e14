"""The proxy's reports: the suite's JSON, HTML and JUnit writers, fed verdicts built from the
proxy's ``Recorder``, plus each task's timeline (in the JSON and the HTML).

Everything passes the suite's redaction: the tokens the proxy saw in Authorization headers are
its secrets, masked wherever they stand.
"""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import Any

from conformance.proxy.tracker import Tracker
from conformance.report import render_html, render_json, render_junit, report_data
from conformance.runner import RunReport

JSON_NAME = "toapis-proxy-report.json"
HTML_NAME = "toapis-proxy-report.html"
JUNIT_NAME = "toapis-proxy-junit.xml"


def proxy_data(tracker: Tracker, upstream: str) -> dict[str, Any]:
    """Every exchange judged so far, as the plain redacted data the writers render."""
    tracker.drain()
    duration = time.time() - tracker.started_at
    verdicts = tracker.verdict_recorder().verdicts(duration)
    redactor = tracker.redactor
    report = RunReport(
        base_url=upstream,
        seed=0,
        budget_limit=None,
        budget_spent=tracker.images_created,
        verdicts=list(verdicts.values()),
        layer_seconds={},
        notes=[
            f"{tracker.exchanges} exchanges seen: {tracker.forwarded} forwarded, "
            f"{tracker.refused} refused by --enforce; {len(tracker.tasks)} tasks followed; "
            f"{tracker.deliveries} webhook deliveries received"
            + (
                f" ({tracker.deliveries_unanswered} not answered by --webhook-forward: "
                "the proxy answered 502)"
                if tracker.deliveries_unanswered
                else ""
            )
        ],
        started_at=tracker.started_at,
        duration=duration,
        secrets=tuple(tracker.secrets),
    )
    data = report_data(report, redactor)
    data["tool"] = "toapis-proxy"
    data["upstream"] = redactor.text(upstream)
    data["findings"] = [
        {
            "level": f.level,
            "check": f.check_id,
            "task_id": f.task_id,
            "message": redactor.text(f.message),
        }
        for f in tracker.findings
    ]
    data["timelines"] = tracker.timelines()
    return data


def timelines_html(timelines: list[dict[str, Any]]) -> str:
    rows = []
    for line in timelines:
        events = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(event.get(key, '')))}</td>"
                for key in ("t", "kind", "http", "status", "progress", "elapsed_ms")
            )
            + "</tr>"
            for event in line["events"]
        )
        rows.append(
            f"<details><summary><code>{html.escape(str(line['task_id']))}</code> "
            f"{html.escape(str(line['model']))} n={html.escape(str(line['n']))} "
            f"size={html.escape(str(line['size']))}</summary>"
            "<table><tr><th>t (s)</th><th>what</th><th>HTTP</th><th>status</th>"
            f"<th>progress</th><th>ms</th></tr>{events}</table></details>"
        )
    return f'<section id="timelines"><h2>Task timelines</h2>{"".join(rows)}</section>'


def write_reports(tracker: Tracker, upstream: str, directory: Path) -> dict[str, Any]:
    """Write the JSON, HTML and JUnit reports into ``directory``; returns their paths."""
    data = proxy_data(tracker, upstream)
    redactor = tracker.redactor
    directory.mkdir(parents=True, exist_ok=True)
    page = render_html(data, redactor)
    section = timelines_html(data["timelines"])
    page = page.replace("</body>", f"{section}</body>", 1) if "</body>" in page else page + section
    paths = {
        "json": directory / JSON_NAME,
        "html": directory / HTML_NAME,
        "junit": directory / JUNIT_NAME,
    }
    paths["json"].write_text(render_json(data, redactor), encoding="utf-8")
    paths["html"].write_text(page, encoding="utf-8")
    paths["junit"].write_text(render_junit(data, redactor), encoding="utf-8")
    return {kind: str(path) for kind, path in paths.items()} | {
        "counts": data["counts"],
        "findings": len(data["findings"]),
    }
