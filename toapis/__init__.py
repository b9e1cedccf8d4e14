"""The hand-written ToAPIs client: polling, retries, typed errors and a command line.

It is built on the generated low-level client (``toapis_client``), which it never edits: a
regeneration from the contract cannot destroy anything here.
"""

from toapis.async_client import AsyncClient
from toapis.client import Client
from toapis.clock import Clock, FakeClock, SystemClock
from toapis.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    ContentPolicyError,
    InsufficientQuotaError,
    InvalidRequestError,
    MalformedResponseError,
    NotFoundError,
    RateLimitError,
    TaskFailedError,
    TaskTimeoutError,
    ToAPIsError,
)
from toapis.policies import PollPolicy, RetryPolicy
from toapis.tasks import GenerationTask, TaskFailure
from toapis.webhooks import (
    WebhookError,
    WebhookEvent,
    WebhookPayloadError,
    WebhookSignatureError,
    WebhookTimestampError,
)

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AuthenticationError",
    "Client",
    "Clock",
    "ConfigurationError",
    "ContentPolicyError",
    "FakeClock",
    "GenerationTask",
    "InsufficientQuotaError",
    "InvalidRequestError",
    "MalformedResponseError",
    "NotFoundError",
    "PollPolicy",
    "RateLimitError",
    "RetryPolicy",
    "SystemClock",
    "TaskFailedError",
    "TaskFailure",
    "TaskTimeoutError",
    "ToAPIsError",
    "WebhookError",
    "WebhookEvent",
    "WebhookPayloadError",
    "WebhookSignatureError",
    "WebhookTimestampError",
]
