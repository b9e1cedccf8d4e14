"""Error bodies, taken from the contract's examples wherever the contract has one."""

from __future__ import annotations

import functools
from typing import Any

from mock_server import contract
from mock_server.contract import CREATE, GET_TASK, UPLOAD


@functools.cache
def _examples() -> dict[str, Any]:
    return {
        "unauthorized_create": contract.example(CREATE, 401, "generationEndpoint"),
        "unauthorized_status": contract.example(GET_TASK, 401, "statusEndpoint"),
        "unauthorized_upload": contract.example(UPLOAD, 401, "unauthorized"),
        "not_found": contract.example(GET_TASK, 404, "notFound"),
        "submit_limited": contract.example(CREATE, 429, "asyncSubmit"),
        "query_limited": contract.example(GET_TASK, 429, "asyncQuery"),
        "generic_limited": contract.example(GET_TASK, 429, "generic"),
        "internal": contract.example(CREATE, 500, "internalError"),
        "upload_unsupported": contract.example(UPLOAD, 400, "unsupportedType"),
        "upload_too_large": contract.example(UPLOAD, 400, "fileTooLarge"),
        "invalid_request": contract.example(CREATE, 400, "missingPrompt"),
    }


def body(name: str) -> Any:
    """A documented body by its role (see ``_examples``); callers must not mutate it."""
    return _examples()[name]


def invalid_request(message: str, param: str | None) -> dict[str, Any]:
    """The documented 400 envelope (code and type from the contract example)."""
    template = body("invalid_request")["error"]
    error: dict[str, Any] = {"code": template["code"], "message": message}
    if param is not None:
        error["param"] = param
    error["type"] = template["type"]
    return {"error": error}


def upload_error(message: str) -> dict[str, Any]:
    return {"success": False, "message": message}


FILE_NOT_FOUND = {"error": {"code": 404, "message": "File not found", "type": "not_found_error"}}
FOREIGN_TASK = {"error": {"code": 403, "message": "Forbidden", "type": "permission_error"}}
WRONG_UNAUTHORIZED = {"message": "Unauthorized"}
