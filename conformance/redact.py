"""Keep API keys out of everything the suite writes: console, reports, logs and curl reproducers.

Secrets are registered once (the tokens the user passed). What the server was sent or echoed
(URLs, headers, bodies, transport errors, messages quoting them, reproducers) passes through
``Redactor.text``, which masks a secret where it stands as a whole token, never inside another
word: with the test token ``image``, the check id ``results-images-match-request`` and the word
"images" stay as they are. What the suite itself names (check ids, titles, promises) is never
passed through it. Authorization headers are masked whatever their value, so a token the suite
never saw (a wrong token a check made up) is not printed either.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Mapping

from conformance.verdicts import RecordedRequest

MASK = "[REDACTED]"
_SECRET_HEADERS = {"authorization", "proxy-authorization", "x-api-key", "cookie", "set-cookie"}


# Characters an API key is made of (RFC 6750's b64token, plus "_"): a secret next to one of them
# is part of a longer word, not the secret itself.
_TOKEN_CHAR = r"[A-Za-z0-9\-._~+/=]"
ENV_VARS = ("$TOAPIS_API_KEY", "$TOAPIS_API_KEY_B")
"""The variables the reproducers read the first and the second user's key from."""
WRONG_KEY = "sk-not-a-valid-key"
"""What a reproducer sends where the check sent a key it made up (any unknown key will do)."""


class Redactor:
    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        # In the order given: the first is the first user's key, the second the second user's.
        self.secrets = tuple(dict.fromkeys(s for s in secrets if s))
        # Longest first, so a secret that contains another is masked whole.
        alternatives = "|".join(re.escape(s) for s in sorted(self.secrets, key=len, reverse=True))
        self._pattern = (
            re.compile(f"(?<!{_TOKEN_CHAR})(?:{alternatives})(?!{_TOKEN_CHAR})")
            if alternatives
            else None
        )

    def text(self, value: str) -> str:
        return self._pattern.sub(MASK, value) if self._pattern is not None else value

    def env_var(self, key: str) -> str:
        """How a reproducer spells ``key``: the variable it is read from, or a made-up key."""
        if key in self.secrets:
            return ENV_VARS[min(self.secrets.index(key), len(ENV_VARS) - 1)]
        return WRONG_KEY

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
                key = redactor.env_var(value.removeprefix("Bearer ").strip())
                parts += ["-H", f'"Authorization: Bearer {key}"']
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
