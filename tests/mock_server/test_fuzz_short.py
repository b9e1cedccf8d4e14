"""CI's short run of ``scripts/fuzz_mock``: a few hundred hostile requests plus Schemathesis'
negative mode against a mock of its own, bounded to well under a minute."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz_mock"


def test_a_short_fuzz_run_finds_no_5xx_no_hang_and_flat_memory() -> None:
    completed = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--requests",
            "600",
            "--seconds",
            "30",
            "--seed",
            "1",
            "--schemathesis-examples",
            "3",
            "--rss-growth-mb",
            "48",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    rows = {
        match.group(1): [int(value) for value in match.group(2, 3, 4, 5)]
        for match in re.finditer(
            r"^(hand-built|schemathesis)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", output, re.MULTILINE
        )
    }
    assert set(rows) == {"hand-built", "schemathesis"}, output
    sent, server_errors, _, hangs = rows["hand-built"]
    assert sent == 600
    assert server_errors == hangs == 0
    assert rows["schemathesis"][0] > 0  # negative mode did send requests
    assert rows["schemathesis"][1] == 0
    assert "OK: no 5xx" in output
