"""The asyncio client: the same methods as ``toapis.Client``, as coroutines.

    from toapis import AsyncClient

    async with AsyncClient() as client:       # API key from TOAPIS_API_KEY
        task = await client.generate_and_wait("An ancient castle under the starry sky")
        paths = await client.download(task, "images")

The retry and polling decisions are shared with ``Client`` (``toapis._engine``); only the loops
that await are written here. See ``Client`` for what each method promises.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import partial
from io import BytesIO
from pathlib import Path
from typing import Any

import httpx

from toapis import _engine as engine
from toapis.clock import Clock
from toapis.errors import ConfigurationError, TaskFailedError
from toapis.files import read_upload_source, result_extension, result_path, write_atomically
from toapis.policies import PollPolicy, RetryPolicy
from toapis.tasks import GenerationTask
from toapis_client.api.images import get_image_generation_task
from toapis_client.api.uploads import upload_image
from toapis_client.models import ImageUploadRequest
from toapis_client.types import File


class AsyncClient:
    """The asyncio ToAPIs client (arguments as for ``Client``; ``transport`` is async here).

    Args:
        token: the API key; default: the ``TOAPIS_API_KEY`` environment variable. It is required
            (ConfigurationError without it) and never appears in reprs, logs or exceptions.
        base_url: default: the contract's production server, ``https://toapis.com``.
        retry, poll: waiting behaviour; the defaults follow the documented advice.
        clock: where sleeps go; pass ``FakeClock()`` in tests so nothing really waits.
        seed: seeds the jitter, so that a run's waits can be replayed.
        timeout: per-request timeout in seconds (or an ``httpx.Timeout``).
        headers: extra headers sent with every API request.
        transport: an ``httpx.BaseTransport`` for every request (tests use ``httpx.ASGITransport``
            or ``httpx.MockTransport``).
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        retry: RetryPolicy | None = None,
        poll: PollPolicy | None = None,
        clock: Clock | None = None,
        seed: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        headers: Mapping[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._settings = engine.resolve_settings(
            token=token,
            base_url=base_url,
            retry=retry,
            poll=poll,
            clock=clock,
            seed=seed,
            timeout=timeout,
            headers=headers,
        )
        self._api = engine.generated_client(self._settings, transport)
        self._transport = transport
        self._files: httpx.AsyncClient | None = None

    def __repr__(self) -> str:
        return f"AsyncClient(base_url={self._settings.base_url!r})"

    @property
    def base_url(self) -> str:
        return self._settings.base_url

    # -- tasks --------------------------------------------------------------------------------

    async def generate(
        self,
        prompt: str,
        *,
        model: str | None = None,
        size: str | None = None,
        n: int | None = None,
        image_urls: Sequence[str] | None = None,
        mask_url: str | None = None,
        resolution: str | None = None,
        reference_images: Sequence[str] | None = None,
        response_format: str | None = None,
        quality: str | None = None,
        callback_url: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> GenerationTask:
        """Create a generation task and return it (usually ``queued``); see ``wait``.

        ``model`` is any model name of the contract (``toapis models`` lists them; default: the
        contract's first); its request schema says which fields it takes. The named arguments
        are the common ones; any other field of the model goes in ``**fields`` (``seed=7``,
        ``layer_decomposition=True``...) and nested ones in ``metadata``
        (``metadata={"watermark": False}``). ``resolution`` goes where the model's schema takes
        it (top-level ``resolution`` or ``metadata.resolution``). ``n`` not given: the model's
        default, when it has an ``n``. A field the model does not have is a
        ``ConfigurationError`` before anything is sent; values are judged by the service (a 400
        naming the field). The request goes to the model's create operation, read from the
        contract (``/v1/images/edits`` for editing models).

        Retries: every create is billed (the cost of ``n`` images is deducted when the task is
        created), so a create is sent again only when the service cannot have seen it:

        - the connection could not be opened (connection refused, connect timeout): retried;
        - 429: retried after ``Retry-After`` plus jitter. The docs say requests rejected with
          429 do not count, and a 429 means the task was not accepted, so nothing was created;
        - a 5xx answer, a read timeout or a dropped connection: NOT retried. The service may have
          created (and billed) the task before failing, so a retry could pay for it twice. The
          error is raised; check your tasks before sending the request again.

        ``extra_body`` adds top-level fields the contract allows beyond the documented ones (for
        example ``client_business_id``), unchecked.
        """
        request = engine.create_request(
            model,
            prompt,
            {
                "size": size,
                "n": n,
                "image_urls": image_urls,
                "mask_url": mask_url,
                "resolution": resolution,
                "reference_images": reference_images,
                "response_format": response_format,
                "quality": quality,
                "callback_url": callback_url,
                "metadata": metadata,
                **fields,
            },
            extra_body,
        )
        retrier = engine.Retrier(
            self._settings,
            request.operation_id,
            retry_errors=engine.NOT_SENT_ERRORS,
            retry_server_errors=False,
        )
        answer = await self._send(retrier, partial(self._post_create, request))
        return engine.task_from_answer(self._settings, request.operation_id, answer)

    async def _post_create(self, request: engine.CreateRequest) -> Any:
        if request.typed is not None:
            return await request.endpoint.asyncio_detailed(client=self._api, body=request.typed)
        # No generated request model gives back this body unchanged: it is sent as written.
        return await self._api.get_async_httpx_client().request(
            request.method, request.path, json=dict(request.body)
        )

    async def get_task(self, task_id: str) -> GenerationTask:
        """The current state of a task (retried after 429, 5xx and connection errors)."""
        retrier = engine.Retrier(
            self._settings,
            engine.GET,
            retry_errors=engine.IDEMPOTENT_RETRY_ERRORS,
            retry_server_errors=True,
        )
        answer = await self._send(
            retrier,
            lambda: get_image_generation_task.asyncio_detailed(
                engine.task_id_of(task_id), client=self._api
            ),
        )
        return engine.task_from_answer(self._settings, engine.GET, answer)

    async def wait(
        self,
        task: str | GenerationTask,
        *,
        timeout: float | None = None,
        on_update: Callable[[GenerationTask], None] | None = None,
    ) -> GenerationTask:
        """Poll a task until it is final and return it completed.

        Follows the documented advice: a first query after ``poll.initial_delay`` (5 s), then
        every 5-10 s with jitter; after a 429, ``Retry-After`` plus jitter and a doubled interval
        (capped at 60 s). 5xx answers and connection errors are retried with backoff up to
        ``retry.max_retries`` times in a row. ``on_update`` sees every state read.

        Raises:
            TaskFailedError: the task ended ``failed`` (``.code`` and ``.message`` say why).
            TaskTimeoutError: not final within ``timeout`` (default ``poll.timeout``, 120 s).
        """
        task_id = engine.task_id_of(task)
        poller = engine.Poller(self._settings, task_id, timeout=timeout, on_update=on_update)
        clock = self._settings.clock
        while True:
            delay = poller.next_sleep()
            if delay > 0:
                await clock.async_sleep(delay)
            try:
                answer = await get_image_generation_task.asyncio_detailed(task_id, client=self._api)
            except httpx.RequestError as exc:
                poller.after_exception(exc)
                continue
            final = poller.after_answer(answer)
            if final is not None:
                return final

    async def generate_and_wait(
        self,
        prompt: str,
        *,
        model: str | None = None,
        size: str | None = None,
        n: int | None = None,
        image_urls: Sequence[str] | None = None,
        mask_url: str | None = None,
        resolution: str | None = None,
        reference_images: Sequence[str] | None = None,
        response_format: str | None = None,
        quality: str | None = None,
        callback_url: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        on_update: Callable[[GenerationTask], None] | None = None,
        **fields: Any,
    ) -> GenerationTask:
        """``generate`` then ``wait``: the completed task, or TaskFailedError/TaskTimeoutError."""
        created = await self.generate(
            prompt,
            model=model,
            size=size,
            n=n,
            image_urls=image_urls,
            mask_url=mask_url,
            resolution=resolution,
            reference_images=reference_images,
            response_format=response_format,
            quality=quality,
            callback_url=callback_url,
            metadata=metadata,
            extra_body=extra_body,
            **fields,
        )
        if on_update is not None:
            on_update(created)
        return await self.wait(created, timeout=timeout, on_update=on_update)

    # -- files --------------------------------------------------------------------------------

    async def upload(
        self, source: str | os.PathLike[str] | bytes, *, file_name: str | None = None
    ) -> str:
        """Upload a local image (a path or its bytes) and return its public URL for ``image_urls``.

        Retried after 429, 5xx and connection errors: an upload creates nothing billed, and a
        duplicate only stores the same image twice.
        """
        image = read_upload_source(source, file_name=file_name)
        retrier = engine.Retrier(
            self._settings,
            engine.UPLOAD,
            retry_errors=engine.IDEMPOTENT_RETRY_ERRORS,
            retry_server_errors=True,
        )

        async def send() -> Any:
            # A fresh stream per attempt: a retry must send the whole image again.
            payload = File(
                payload=BytesIO(image.content), file_name=image.file_name, mime_type=image.mime_type
            )
            return await upload_image.asyncio_detailed(
                client=self._api, body=ImageUploadRequest(file=payload)
            )

        return engine.url_from_upload(self._settings, await self._send(retrier, send))

    async def download(
        self, task: str | GenerationTask, directory: str | os.PathLike[str]
    ) -> list[Path]:
        """Save every image of a completed task into ``directory`` and return the paths.

        Files are named ``<task id>_<index><ext>`` (the id reduced to letters, digits, ``_`` and
        ``-``), never after a name from the server. The API key is not sent to the result URLs,
        which the contract documents as public.
        """
        done = await self.get_task(task) if isinstance(task, str) else task
        if done.is_failed:
            raise TaskFailedError(done)
        if not done.is_completed:
            raise ConfigurationError(
                f"task {done.id} is {done.status}, not completed: nothing to download"
            )
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        paths: list[Path] = []
        for index, url in enumerate(done.image_urls):
            retrier = engine.Retrier(
                self._settings,
                engine.DOWNLOAD,
                retry_errors=engine.IDEMPOTENT_RETRY_ERRORS,
                retry_server_errors=True,
            )
            response = await self._send(retrier, partial(self._file_client().get, url))
            if not response.is_success:
                raise engine.status_error(self._settings, engine.DOWNLOAD, response)
            path = result_path(
                folder, done.id, index, result_extension(url, response.headers.get("content-type"))
            )
            write_atomically(path, response.content)
            paths.append(path)
        return paths

    # -- plumbing -----------------------------------------------------------------------------

    async def _send(self, retrier: engine.Retrier, send: Callable[[], Awaitable[Any]]) -> Any:
        clock = self._settings.clock
        while True:
            try:
                answer = await send()
            except httpx.RequestError as exc:
                await clock.async_sleep(retrier.after_exception(exc))
                continue
            delay = retrier.after_response(answer)
            if delay is None:
                return answer
            await clock.async_sleep(delay)

    def _file_client(self) -> httpx.AsyncClient:
        if self._files is None:
            self._files = httpx.AsyncClient(
                transport=self._transport,
                timeout=self._settings.timeout,
                headers={"User-Agent": engine.user_agent()},
                follow_redirects=True,
            )
        return self._files

    async def close(self) -> None:
        await self._api.get_async_httpx_client().aclose()
        if self._files is not None:
            await self._files.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
