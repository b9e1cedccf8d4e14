"""No credential reaches a cassette: not the suite's tokens, not a wrong token a check made up,
not a key in a query or a body, not a webhook secret; tenants are named instead."""

from __future__ import annotations

import json
from pathlib import Path

from conformance.cassette import INDEX, Cassette, CassetteWriter
from conformance.redact import MASK
from conformance.verdicts import Exchange, RecordedRequest, RecordedResponse
from tests.recordings.harness import Recording


def _everything(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file())


def test_no_token_of_the_recorded_suite_run_is_in_any_file(recorded: Recording) -> None:
    content = _everything(recorded.directory)
    assert len(recorded.credentials) >= 4  # both tenants, the webhook tenant, made-up keys
    for secret in (*recorded.credentials, *recorded.secrets):
        assert secret.encode() not in content, secret
    cassette = Cassette.load(recorded.directory)
    tenants = {e.tenant for e in cassette.exchanges}
    assert {"tenant-1", "tenant-2", None} <= tenants
    assert not any("authorization" in e.request_headers for e in cassette.exchanges)


def test_keys_in_headers_queries_bodies_and_echoes_are_masked(tmp_path: Path) -> None:
    token, api_key, secret = "sk-live-0123456789abcdef", "qk-55aa55aa55aa", "whsec-not-for-disk"
    body = {
        "model": "gpt-4o-image",
        "prompt": "x",
        "webhook_secret": secret,
        "metadata": {"access_token": "nested-token-value-1"},
    }
    echoed = {"error": {"message": f"key {token} is not valid", "type": "authentication_error"}}
    directory = tmp_path / "masked"
    with CassetteWriter(directory, "http://127.0.0.1:4010", secrets=[secret]) as writer:
        writer.record(
            Exchange(
                RecordedRequest(
                    "POST",
                    f"http://127.0.0.1:4010/v1/images/generations?api_key={api_key}&x=1",
                    {
                        "Authorization": f"Bearer {token}",
                        "X-Api-Key": api_key,
                        "Cookie": "session=abcdef123456",
                        "Content-Type": "application/json",
                    },
                    json.dumps(body).encode(),
                ),
                RecordedResponse(
                    401,
                    {"content-type": "application/json", "set-cookie": "s=abcdef123456"},
                    json.dumps(echoed).encode(),
                    0.01,
                ),
            ),
            started=1.0,
        )
    content = _everything(directory)
    for leaked in (token, api_key, secret, "nested-token-value-1", "abcdef123456"):
        assert leaked.encode() not in content, leaked
    entry = json.loads((directory / INDEX).read_text())["exchanges"][0]
    assert entry["tenant"] == "tenant-1"
    assert ["api_key", MASK] in entry["query"]
    assert ["x", "1"] in entry["query"]
    assert entry["request"]["body"]["json"]["webhook_secret"] == MASK
    assert entry["request"]["body"]["json"]["metadata"]["access_token"] == MASK
    assert entry["request"]["body"]["json"]["prompt"] == "x"
    assert MASK in entry["response"]["body"]["json"]["error"]["message"]
    assert set(entry["request"]["headers"]) == {"content-type"}
