"""Keep API keys out of everything the suite writes: console, reports, logs and curl reproducers.

Secrets are registered once (the tokens the user passed) and every string that leaves the suite is
passed through ``Redactor.text``. Authorization headers are masked whatever their value, so a
token the suite never saw (a wrong token a check made up) is not printed either.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping

from conformance.verdicts import RecordedRequest

MASK = "[REDACTED]"
_SECRET_HEADERS = {"authorization", "proxy-authorization", "x-api-key", "cookie", "set-cookie"}


class Redactor:
    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        # Longest first, so a secret that contains another is masked whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def text(self, value: str) -> str:
        for secret in self._secrets:
            value = value.replace(secret, MASK)
        return value

    def headers(self, headers: Mapping[str, str]) -> dict[str, str]:
        masked: dict[str, str] = {}
        for name, value in headers.items():
            if name.lower() in _SECRET_HEADERS:
                scheme = value.split(" ", 1)[0] if " " in value else ""
                masked[name] = f"{scheme} {MASK}".strip()
            else:
                masked[name] = self.text(value)
        return masked


def curl_command(request: RecordedRequest, redactor: Redactor) -> str:
    """A shell command that replays the request, with the key left to an environment variable."""
    parts = ["curl", "-sS", "-X", request.method, shlex.quote(redactor.text(request.url))]
    for name, value in request.headers.items():
        lowered = name.lower()
        if lowered in {"host", "content-length", "accept-encoding", "connection", "user-agent"}:
            continue
        if lowered == "authorization":
            if value.startswith("Bearer "):
                parts += ["-H", '"Authorization: Bearer $TOAPIS_API_KEY"']
            else:
                parts += ["-H", shlex.quote(f"Authorization: {MASK}")]
            continue
        if lowered == "content-type" and value.startswith("multipart/"):
            continue  # curl writes its own boundary for --form
        parts += ["-H", shlex.quote(f"{name}: {redactor.text(value)}")]
    if request.body_summary is not None and request.body_summary.startswith("multipart:"):
        for field in request.body_summary.removeprefix("multipart:").split(","):
            if field:
                parts += ["--form", shlex.quote(field)]
    elif request.body is not None and request.body_summary is None:
        parts += [
            "--data-binary",
            shlex.quote(redactor.text(request.body.decode("utf-8", "replace"))),
        ]
    elif request.body_summary is not None:
        parts += ["--data-binary", shlex.quote(f"@<{request.body_summary}>")]
    return " ".join(parts)
