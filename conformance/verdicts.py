"""What a check concludes, and the evidence it shows for it.

A check ends in one of five states: ``pass``; ``fail`` (the server departed from a documented
promise, with evidence); ``warn`` (it departed only from a decided promise, one that an entry of
DECISIONS.md reads into the docs: reported with the evidence and the decision, exit status 0
unless ``--strict``); ``not_run`` (the check could not be exercised: no second token, no budget,
the server never produced the situation; always with a reason); ``error`` (the suite itself broke,
which is never blamed on the server but still fails the run so it is noticed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    NOT_RUN = "not_run"
    ERROR = "error"


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None
    # Text shown in reports instead of a long or binary body ("<PNG image, 10485761 bytes>").
    body_summary: str | None = None


@dataclass(frozen=True)
class RecordedResponse:
    status: int
    headers: dict[str, str]
    body: bytes
    elapsed: float


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and what came back: a response, or the transport error instead."""

    request: RecordedRequest
    response: RecordedResponse | None
    transport_error: str | None = None

    def request_json(self) -> Any:
        """The request body as JSON, or ``None`` when there is none or it is not JSON."""
        import json

        if self.request.body is None:
            return None
        try:
            return json.loads(self.request.body)
        except ValueError:
            return None

    def json(self) -> Any:
        """The response body as JSON, or ``None`` when there is none or it is not JSON."""
        import json

        if self.response is None:
            return None
        try:
            return json.loads(self.response.body)
        except ValueError:
            return None


@dataclass(frozen=True)
class Evidence:
    """Why a check failed: what the contract says and the exchange(s) that show otherwise."""

    message: str
    expected: str
    exchanges: tuple[Exchange, ...] = ()
    decision: str | None = None
    """The DECISIONS.md entry whose constraint broke; ``None`` for a documented promise."""


@dataclass
class Verdict:
    check_id: str
    status: Status
    reason: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    exercised: int = 0  # how many observations the verdict rests on (requests, tasks, cases)
    duration: float = 0.0
    models: tuple[str, ...] = ()
    """The selected models the verdict rests on: those its create requests named and those of
    the tasks it judged. Empty: model-independent (nothing it judged was a model's), so it
    stands for every selected model (``conformance.coverage``)."""


class CheckFailed(AssertionError):
    def __init__(self, evidence: Evidence) -> None:
        super().__init__(evidence.message)
        self.evidence = evidence


class NotRun(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
