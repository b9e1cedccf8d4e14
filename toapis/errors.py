"""Exceptions raised by the toapis client, one class per documented error.

Every exception carries only what the server said and what the caller asked for: never the API
key, and never the ``httpx.Request`` (whose headers hold the key). Messages from the server pass
through the client's redaction before they reach an exception, in case a server echoes the key.

Hierarchy::

    ToAPIsError
    ├── ConfigurationError           no API key, bad argument, unreadable local file
    ├── APIConnectionError           the service could not be reached or stopped answering
    │   └── APITimeoutError
    ├── APIStatusError               any HTTP error answer (also non-standard codes such as 520)
    │   ├── InvalidRequestError      400 (.param names the field at fault)
    │   ├── AuthenticationError      401
    │   ├── InsufficientQuotaError   402
    │   ├── NotFoundError            404 (unknown task, or another user's task)
    │   ├── ContentPolicyError       422
    │   └── RateLimitError           429 (.retry_after in seconds, when the server sent it)
    ├── MalformedResponseError       a success answer the client cannot read (no id, not JSON)
    ├── TaskFailedError              the task ended ``failed`` (.task, .code, .message)
    └── TaskTimeoutError             the task was not final before the deadline (.last_task)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from toapis.tasks import GenerationTask


class ToAPIsError(Exception):
    """Base class of every error raised by this package."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors defeat the default pickling of exceptions; rebuild from
        # the attributes instead, so errors can cross process boundaries (multiprocessing).
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[ToAPIsError], args: tuple[Any, ...], state: dict[str, Any]) -> ToAPIsError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ConfigurationError(ToAPIsError, ValueError):
    """The client or a call was set up wrongly (no API key, an unreadable file...)."""


class APIConnectionError(ToAPIsError):
    """The request could not be completed: connection refused or dropped, TLS failure, timeout."""

    def __init__(self, message: str, *, operation: str) -> None:
        super().__init__(message)
        self.operation = operation


class APITimeoutError(APIConnectionError):
    """The service accepted the connection but did not answer in time."""


class APIStatusError(ToAPIsError):
    """The service answered with an HTTP error status.

    ``code`` is ``error.code`` from the body: a string (``invalid_request``) or the numeric HTTP
    status (``404``), as both forms are documented; ``None`` when the body carried no code (the
    upload envelope ``{success: false, message}`` has none, and proxies answer with HTML).
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        operation: str,
        code: str | int | None = None,
        error_type: str | None = None,
        param: str | None = None,
        retry_after: float | None = None,
        body: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.param = param
        self.retry_after = retry_after
        self.message = message
        self.status_code = status_code
        self.operation = operation
        self.code = code
        self.error_type = error_type
        self.body = body
        self.headers: Mapping[str, str] = dict(headers or {})

    def __str__(self) -> str:
        # The numeric form of error.code repeats the status; show only a code that adds something.
        code = f" ({self.code})" if self.code not in (None, self.status_code) else ""
        return f"{self.operation}: HTTP {self.status_code}{code}: {self.message}"


class InvalidRequestError(APIStatusError):
    """400: a request parameter is invalid; ``param`` names it when the server said which."""

    def __str__(self) -> str:
        where = f" [param: {self.param}]" if self.param else ""
        return super().__str__() + where


class AuthenticationError(APIStatusError):
    """401: the API key is missing or invalid."""


class InsufficientQuotaError(APIStatusError):
    """402: the balance cannot pay for the requested images."""


class NotFoundError(APIStatusError):
    """404: no such task for this API key (another user's task looks the same)."""


class ContentPolicyError(APIStatusError):
    """422: the prompt or a reference image violates the content policy."""


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` is the server's ``Retry-After`` in seconds."""


class MalformedResponseError(ToAPIsError):
    """A success status whose body the client cannot use (not JSON, no task id, no upload URL)."""

    def __init__(self, message: str, *, operation: str, status_code: int, body: str) -> None:
        super().__init__(message)
        self.operation = operation
        self.status_code = status_code
        self.body = body


class TaskFailedError(ToAPIsError):
    """The task ended ``failed``; ``code`` and ``message`` are the task's ``error``."""

    def __init__(self, task: GenerationTask) -> None:
        self.task = task
        self.code = task.error.code if task.error else None
        self.message = task.error.message if task.error else "the task failed without a reason"
        super().__init__(f"task {task.id} failed ({self.code}): {self.message}")


class TaskTimeoutError(ToAPIsError):
    """The task was not final before the deadline; ``last_task`` is its last known state."""

    def __init__(
        self, task_id: str, *, timeout: float, last_task: GenerationTask | None, reason: str = ""
    ) -> None:
        self.task_id = task_id
        self.timeout = timeout
        self.last_task = last_task
        state = (
            f"last seen {last_task.status} at {last_task.progress}%"
            if last_task is not None
            else "never seen"
        )
        why = f"; {reason}" if reason else ""
        super().__init__(
            f"task {task_id} was not finished within {timeout:g} s ({state}){why}. "
            f"It may still finish: poll it again later with its id."
        )
