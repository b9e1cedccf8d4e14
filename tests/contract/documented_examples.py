"""Examples copied verbatim from the public ToAPIs docs (shared/reference/toapis-api.md).

They are the oracle the contract is tested against, so they live here as literal data and are never
read from the contract itself. Each entry: (where the docs show it, operationId, HTTP status or
None for
a request body, body).
"""

from __future__ import annotations

from typing import Any

CREATE = "createImageGeneration"
STATUS = "getImageGenerationTask"
UPLOAD = "uploadImage"

COMPLETED_TASK: dict[str, Any] = {
    "id": "img_5b8b19afe5c24ab3a92df996f1a33931",
    "object": "generation.task",
    "model": "gemini-3-pro-image-preview",
    "status": "completed",
    "progress": 100,
    "created_at": 1768381010,
    "completed_at": 1768381063,
    "expires_at": 1768467463,
    "result": {
        "type": "image",
        "data": [{"url": "https://files.toapis.com/generated/1768381061_c55c1bbb.jpg"}],
    },
}

IN_PROGRESS_TASK: dict[str, Any] = {
    "id": "img_5b8b19afe5c24ab3a92df996f1a33931",
    "object": "generation.task",
    "model": "gemini-3-pro-image-preview",
    "status": "in_progress",
    "progress": 50,
    "created_at": 1768381010,
}

FAILED_TASK: dict[str, Any] = {
    "id": "img_73c450923a9a43e4aabf426e1c681d64",
    "object": "generation.task",
    "model": "gemini-3-pro-image-preview",
    "status": "failed",
    "progress": 0,
    "created_at": 1768215312,
    "error": {
        "code": "generation_failed",
        "message": "call upstream API failed: upstream returned status 422",
    },
}

TEXT_TO_IMAGE: dict[str, Any] = {
    "model": "gpt-4o-image",
    "prompt": "An ancient castle under the starry sky",
    "size": "1:1",
    "n": 1,
}

VALID: list[tuple[str, str, int | None, Any]] = [
    ("gpt-4o page, text-to-image request", CREATE, None, TEXT_TO_IMAGE),
    (
        "gpt-4o page, image-to-image request",
        CREATE,
        None,
        {
            "model": "gpt-4o-image",
            "prompt": "Transform this image into an ancient castle under the starry sky",
            "size": "1:1",
            "n": 1,
            "image_urls": ["https://example.com/castle.jpg"],
        },
    ),
    (
        "gpt-4o page, image editing request",
        CREATE,
        None,
        {
            "model": "gpt-4o-image",
            "prompt": "Add fireworks above the castle",
            "size": "1:1",
            "n": 1,
            "image_urls": ["https://example.com/castle.jpg"],
            "mask_url": "https://example.com/mask.png",
        },
    ),
    (
        "gpt-4o page, 200 task created",
        CREATE,
        200,
        {
            "id": "task_img_abc123def456",
            "object": "generation.task",
            "model": "gpt-4o-image",
            "status": "queued",
            "progress": 0,
            "created_at": 1703884800,
            "metadata": {},
        },
    ),
    (
        "gpt-4o page, 400 missing prompt",
        CREATE,
        400,
        {
            "error": {
                "code": "invalid_request",
                "message": "The 'prompt' field is required.",
                "param": "prompt",
                "type": "invalid_request_error",
            }
        },
    ),
    (
        "gpt-4o page, 401",
        CREATE,
        401,
        {
            "error": {
                "code": "unauthorized",
                "message": "Invalid API key",
                "type": "authentication_error",
            }
        },
    ),
    (
        "rate-limit page, 429 async submit",
        CREATE,
        429,
        {"error": {"code": "rate_limit_exceeded", "message": "Async task request rate exceeded"}},
    ),
    (
        "rate-limit page, 503 submit limiter down",
        CREATE,
        503,
        {
            "error": {
                "code": "rate_limit_unavailable",
                "message": "The async task submit limiter is temporarily unavailable",
            }
        },
    ),
    ("status page, 200 in progress", STATUS, 200, IN_PROGRESS_TASK),
    ("status page, 200 completed", STATUS, 200, COMPLETED_TASK),
    (
        "status page (.md export), 200 completed on the older file host",
        STATUS,
        200,
        {
            **COMPLETED_TASK,
            "result": {
                "type": "image",
                "data": [{"url": "https://files.dashlyai.cc/generated/1768381061_c55c1bbb.jpg"}],
            },
        },
    ),
    (
        "cn status page, 200 completed with client_business_id",
        STATUS,
        200,
        {"client_business_id": "order_20260428_001", **COMPLETED_TASK},
    ),
    ("status page, 200 failed", STATUS, 200, FAILED_TASK),
    (
        "status page, 404",
        STATUS,
        404,
        {"error": {"code": 404, "message": "Task not found", "type": "not_found_error"}},
    ),
    (
        "cn status page, 404",
        STATUS,
        404,
        {"error": {"code": 404, "message": "任务不存在", "type": "not_found_error"}},
    ),
    (
        "status page, 401",
        STATUS,
        401,
        {
            "error": {
                "code": 401,
                "message": "Authentication failed, please check your API key",
                "type": "authentication_error",
            }
        },
    ),
    (
        "cn status page, 401",
        STATUS,
        401,
        {
            "error": {
                "code": 401,
                "message": "身份验证失败，请检查您的API密钥",  # noqa: RUF001 (verbatim cn docs)
                "type": "authentication_error",
            }
        },
    ),
    (
        "account pages, 429",
        STATUS,
        429,
        {
            "error": {
                "code": 429,
                "message": "Too many requests, please try again later",
                "type": "rate_limit_error",
            }
        },
    ),
    (
        "rate-limit page, 429 async query",
        STATUS,
        429,
        {"error": {"code": "rate_limit_exceeded", "message": "Async task request rate exceeded"}},
    ),
    (
        "upload page, 200",
        UPLOAD,
        200,
        {
            "success": True,
            "message": "",
            "data": {
                "id": "upload_abc12345",
                "url": "https://files.toapis.com/uploads/123/1737568800_abc12345.jpg",
                "mime_type": "image/jpeg",
                "size": 89234,
            },
        },
    ),
    (
        "upload page, 400 unsupported type",
        UPLOAD,
        400,
        {"success": False, "message": "Unsupported image type. Allowed: JPEG, PNG, WebP, GIF"},
    ),
    (
        "upload page, 400 file too large",
        UPLOAD,
        400,
        {"success": False, "message": "Image too large. Maximum size is 10MB"},
    ),
]

# Inputs the docs call invalid, and bodies the contract rejects on purpose (DECISIONS.md).
INVALID: list[tuple[str, str, int | None, Any]] = [
    ("prompt of 1001 characters", CREATE, None, {**TEXT_TO_IMAGE, "prompt": "x" * 1001}),
    ('n as the string "1"', CREATE, None, {**TEXT_TO_IMAGE, "n": "1"}),
    ("n = 3", CREATE, None, {**TEXT_TO_IMAGE, "n": 3}),
    ("n = true", CREATE, None, {**TEXT_TO_IMAGE, "n": True}),
    ("size 16:9", CREATE, None, {**TEXT_TO_IMAGE, "size": "16:9"}),
    (
        "six image_urls",
        CREATE,
        None,
        {**TEXT_TO_IMAGE, "image_urls": [f"https://example.com/{i}.png" for i in range(6)]},
    ),
    (
        "a data: URL",
        CREATE,
        None,
        {**TEXT_TO_IMAGE, "image_urls": ["data:image/png;base64,iVBORw0KGgo="]},
    ),
    (
        "raw base64 as a reference",
        CREATE,
        None,
        {**TEXT_TO_IMAGE, "image_urls": ["iVBORw0KGgoAAAANSUhEUg=="]},
    ),
    (
        "an ftp:// URL",
        CREATE,
        None,
        {**TEXT_TO_IMAGE, "image_urls": ["ftp://example.com/castle.jpg"]},
    ),
    (
        "{url} objects in image_urls (older pages, D-06)",
        CREATE,
        None,
        {**TEXT_TO_IMAGE, "image_urls": [{"url": "https://example.com/castle.jpg"}]},
    ),
    ("a missing prompt", CREATE, None, {"model": "gpt-4o-image", "size": "1:1", "n": 1}),
    ("an empty prompt (D-14)", CREATE, None, {**TEXT_TO_IMAGE, "prompt": ""}),
    (
        "a model the contract does not describe",
        CREATE,
        None,
        {**TEXT_TO_IMAGE, "model": "no-such-image-model"},
    ),
    (
        "a mask without a reference image (D-09)",
        CREATE,
        None,
        {**TEXT_TO_IMAGE, "mask_url": "https://example.com/mask.png"},
    ),
    (
        "oldest cn status example: object image.generation, no progress (D-05)",
        STATUS,
        200,
        {
            "id": "task_01KA040M0HP1GJWBJYZMKX1XS1",
            "object": "image.generation",
            "status": "in_progress",
            "model": "gpt-4o-image",
            "created_at": 1735516800,
        },
    ),
    (
        "status submitted (en status table, D-02)",
        STATUS,
        200,
        {**IN_PROGRESS_TASK, "status": "submitted"},
    ),
    (
        "completed without result",
        STATUS,
        200,
        {k: v for k, v in COMPLETED_TASK.items() if k != "result"},
    ),
    ("completed with progress 99", STATUS, 200, {**COMPLETED_TASK, "progress": 99}),
    (
        "failed with a result",
        STATUS,
        200,
        {**FAILED_TASK, "result": COMPLETED_TASK["result"]},
    ),
    ("failed without error", STATUS, 200, {k: v for k, v in FAILED_TASK.items() if k != "error"}),
    (
        "in progress with a result",
        STATUS,
        200,
        {**IN_PROGRESS_TASK, "result": COMPLETED_TASK["result"]},
    ),
    ("progress above 100", STATUS, 200, {**IN_PROGRESS_TASK, "progress": 101}),
    ("error envelope without message", STATUS, 404, {"error": {"code": 404}}),
    ("upload error reporting success", UPLOAD, 400, {"success": True, "message": "ok"}),
]

# Valid by JSON Schema semantics although Python's isinstance() says otherwise (D-15).
VALID_EDGE: list[tuple[str, str, int | None, Any]] = [
    ("n = 1.0 is a JSON integer", CREATE, None, {**TEXT_TO_IMAGE, "n": 1.0}),
    ("prompt of exactly 1000 characters", CREATE, None, {**TEXT_TO_IMAGE, "prompt": "é" * 1000}),
    (
        "five image_urls with an upper-case scheme",
        CREATE,
        None,
        {**TEXT_TO_IMAGE, "image_urls": [f"HTTPS://example.com/{i}.png" for i in range(5)]},
    ),
    (
        "an internationalised host name (D-06)",
        CREATE,
        None,
        {**TEXT_TO_IMAGE, "image_urls": ["https://bücher.example/castle.jpg"]},
    ),
    (
        "an unknown extra field (D-10)",
        CREATE,
        None,
        {**TEXT_TO_IMAGE, "client_business_id": "order-1"},
    ),
    (
        "failed task with null result and a completion time (D-20, D-21)",
        STATUS,
        200,
        {**FAILED_TASK, "result": None, "completed_at": 1768215400},
    ),
    (
        "completed task with a top-level url (D-03)",
        STATUS,
        200,
        {**COMPLETED_TASK, "url": "https://x.example/a.png"},
    ),
]
