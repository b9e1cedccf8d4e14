"""Authentication on every operation, unknown task ids, and isolation between users."""

from __future__ import annotations

import secrets

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from conformance.checks import declare
from conformance.contract import CREATE, STATUS, UPLOAD, schema_errors
from conformance.images import image_bytes
from conformance.probes.base import (
    Context,
    Probe,
    Recorder,
    body_text,
    evidence,
    expect_documented,
    require_status,
)
from conformance.verdicts import CheckFailed, Exchange

_STATUS = "#/paths/~1v1~1images~1generations~1{task_id}/get"

UNKNOWN_ID = declare(
    "tasks-unknown-id-404",
    title="An unknown task id is answered 404 with the error envelope.",
    promise="No task with this id exists for the user: 404 with `error{code,message}`.",
    source="#/components/responses/TaskNotFound",
    area="lifecycle",
    quote='404 example: {"error": {"code": 404, "message": "Task not found", ...}}',
)
ISOLATION = declare(
    "tasks-tenant-isolation",
    title="One API key cannot read another user's task.",
    promise="Tasks are scoped to the user who owns the key: another user's task is never served. "
    "That it is answered like a task that does not exist (404, the same error code) is "
    "D-29: another answer is a WARN.",
    source=f"{_STATUS} (description), #/components/responses/TaskNotFound",
    area="auth",
    quote="The lookup is scoped to the user who owns the API key.",
    decisions=("D-29",),
)
MISSING_KEY = declare(
    "auth-missing-key-401",
    title="Every operation answers 401 with the documented body when the key is missing.",
    promise="Every endpoint requires `Authorization: Bearer <key>`; without it the answer is 401 "
    "with a documented 401 body.",
    source="#/components/responses/Unauthorized, uploadImage 401",
    area="auth",
    quote="Every endpoint requires it; 401 `unauthorized`: Authentication failed",
)
WRONG_KEY = declare(
    "auth-wrong-key-401",
    title="Every operation answers 401 with the documented body for an unknown key.",
    promise="An invalid API key is answered 401 with a documented 401 body on every operation.",
    source="#/components/responses/Unauthorized, uploadImage 401",
    area="auth",
    quote='401 example: {"error": {"code": "unauthorized", "message": "Invalid API key", ...}}',
)


def _check_401(rec: Recorder, check_id: str, op_id: str, exchange: Exchange) -> None:
    expect_documented(
        rec, check_id, exchange, op_id, 401, f"HTTP 401 with a documented 401 body of {op_id}"
    )


def run_auth(ctx: Context, rec: Recorder) -> None:
    wrong = "sk-conformance-" + secrets.token_hex(12)  # a key no server can know
    # --read-only asks only the status route. A create or an upload without a valid key cannot
    # bill or store anything on a correct server, but these checks exist for the servers that get
    # authentication wrong, where it might: their worst case is not "nothing", so none is sent.
    read_only = ctx.settings.read_only
    for check_id, token in ((MISSING_KEY, None), (WRONG_KEY, wrong)):
        if not read_only:
            _check_401(rec, check_id, CREATE, ctx.client.create(ctx.valid_body(), token=token))
        _check_401(
            rec, check_id, STATUS, ctx.client.get_task("task_conformance_probe", token=token)
        )
        if not read_only:
            _check_401(
                rec,
                check_id,
                UPLOAD,
                ctx.client.upload(image_bytes("PNG", (32, 32)), token=token),
            )


_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


def run_unknown_ids(ctx: Context, rec: Recorder) -> None:
    check_id = UNKNOWN_ID
    known = {"task_img_abc123def456"}  # the documented example id is not "unknown" for sure

    @settings(
        max_examples=max(3, min(ctx.settings.max_examples, 25)),
        deadline=None,
        database=None,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=list(HealthCheck),
    )
    @given(st.text(_ID_ALPHABET, min_size=1, max_size=40))
    def probe(suffix: str) -> None:
        # A prefix no server hands out keeps the id unknown whatever format the server uses.
        task_id = f"conformance-unknown-{suffix}"
        if task_id in known:
            return
        exchange = ctx.client.get_task(task_id)
        expected = "HTTP 404 with the ErrorResponse envelope (#/components/responses/TaskNotFound)"
        try:
            body = require_status(exchange, 404, expected)
        except CheckFailed as failed:
            rec.fail(check_id, failed.evidence)
            return
        problems = schema_errors(STATUS, 404, body)
        rec.expect(
            check_id,
            not problems,
            lambda: evidence(
                f"the 404 body is not the envelope: {'; '.join(problems)}", expected, exchange
            ),
        )

    seed(ctx.settings.seed)(probe)()


def run_isolation(ctx: Context, rec: Recorder) -> None:
    check_id = ISOLATION
    if ctx.client_b is None:
        rec.not_run(check_id, "needs a second tenant: pass --token-b")
        return
    created = ctx.client.create(ctx.valid_body())
    task = created.json()
    if (
        created.response is None
        or created.response.status != 200
        or not isinstance(task, dict)
        or "id" not in task
    ):
        rec.not_run(check_id, f"could not create a task to read: {body_text(created, 120)}")
        return
    task_id = str(task["id"])
    own = ctx.client.get_task(task_id)
    if own.response is None or own.response.status != 200:
        rec.not_run(check_id, f"the owner cannot read its own task: {body_text(own, 120)}")
        return
    foreign = ctx.client_b.get_task(task_id)
    unknown = ctx.client_b.get_task(f"conformance-unknown-{secrets.token_hex(6)}")
    expected = "another user's task is answered exactly like an unknown task (404)"
    if foreign.response is not None and foreign.response.status == 200:
        rec.fail(
            check_id,
            evidence(
                f"tenant B read tenant A's task: {body_text(foreign)}", expected, created, foreign
            ),
        )
        return
    if foreign.response is None or foreign.response.status != 404:
        # Not served, so the documented promise holds; answering otherwise than for an unknown
        # task tells B which ids exist (D-29).
        rec.warn(
            check_id,
            evidence(
                f"another user's task is answered {body_text(foreign)}, an unknown task 404",
                expected,
                created,
                foreign,
                unknown,
            ),
            "D-29",
        )
        return
    problems = schema_errors(STATUS, 404, foreign.json())
    if problems:
        rec.fail(
            check_id,
            evidence(
                f"the 404 for another user's task is not the error envelope: {'; '.join(problems)}",
                expected,
                foreign,
            ),
        )
        return
    # Compared as the docs describe a 404: the status and the envelope's code, not the bytes
    # (a per-response request id or a message naming the id may differ).
    same = (
        unknown.response is not None
        and unknown.response.status == 404
        and _error_code(foreign.json()) == _error_code(unknown.json())
    )
    rec.expect(
        check_id,
        same,
        lambda: evidence(
            "the 404 for another user's task has another error code than the 404 for an unknown "
            "task",
            expected,
            foreign,
            unknown,
        ),
    )


def _error_code(body: object) -> object:
    error = body.get("error") if isinstance(body, dict) else None
    return error.get("code") if isinstance(error, dict) else None


PROBES = (
    Probe(
        "auth",
        (MISSING_KEY, WRONG_KEY),
        run_auth,
        lambda s: 0 if s.read_only else 2,
    ),
    Probe("unknown-ids", (UNKNOWN_ID,), run_unknown_ids),
    Probe("isolation", (ISOLATION,), run_isolation, lambda s: 1, needs_token_b=True),
)
