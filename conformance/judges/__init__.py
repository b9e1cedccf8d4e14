"""Judging code: functions of recorded exchanges that decide checks, shared by the suite's probes
and the validating proxy. Each module declares the checks it judges (``conformance.checks``)."""
