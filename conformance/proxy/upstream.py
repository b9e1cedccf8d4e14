"""A lean HTTP/1.1 client for the forwarding path: keep-alive connections to one upstream.

Measured on this machine (``scripts/bench_proxy``): forwarding through ``httpx.AsyncClient`` cost
the proxy 1.4-1.9 ms of CPU a request, most of it in httpcore's connection pool (every request
polls every pooled socket), which capped the proxy near 500 req/s. This client does only what a
proxy needs: write the request as given, parse the answer with httptools (uvicorn's parser),
hand the body over chunk by chunk, and keep the connection for the next request when the
upstream allows. The judge's own reads (result images) still use httpx.

No interim (1xx) answer is expected: the proxy reads the whole request body first and never
forwards ``Expect``. A request is sent once: if a kept connection turns out to be closed before
any answer came, a GET or HEAD is sent again on a new connection, never a POST (a create is
billed).
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import urlsplit

import httptools

_RETRIABLE = frozenset({"GET", "HEAD", "OPTIONS"})


class UpstreamError(Exception):
    """The upstream could not be reached, or closed the connection without an answer."""


@dataclass
class _Answer:
    status: int = 0
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    chunks: deque[bytes] = field(default_factory=deque)
    headers_done: asyncio.Event = field(default_factory=asyncio.Event)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    complete: bool = False
    error: BaseException | None = None
    received_any: bool = False


class _Connection(asyncio.Protocol):
    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.answer: _Answer | None = None
        self.closed = False
        self.head = False
        self.paused = False

    # -- asyncio.Protocol ------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        answer = self.answer
        if answer is None:  # bytes nobody asked for: the connection is not reusable
            self.close()
            return
        answer.received_any = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            pass
        except httptools.HttpParserError as exc:
            answer.error = UpstreamError(f"the upstream's answer is not HTTP/1.1: {exc}")
            self.close()
            self._wake()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        answer = self.answer
        if answer is not None and not answer.complete:
            if answer.headers_done.is_set() and not exc:
                # A body delimited by the end of the connection ends here.
                with contextlib.suppress(httptools.HttpParserError):
                    self.parser.feed_data(b"")
            if not answer.complete:
                answer.error = UpstreamError(
                    f"the upstream closed the connection{f': {exc}' if exc else ''}"
                )
            self._wake()

    # -- httptools callbacks --------------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        assert self.answer is not None
        self.answer.headers.append((name, value))

    def on_headers_complete(self) -> None:
        answer = self.answer
        assert answer is not None
        answer.status = self.parser.get_status_code()
        answer.headers_done.set()
        if self.head or answer.status in (204, 304):
            answer.complete = True
        self._wake()

    def on_body(self, body: bytes) -> None:
        answer = self.answer
        assert answer is not None
        answer.chunks.append(bytes(body))
        if len(answer.chunks) > 64 and self.transport is not None and not self.paused:
            self.paused = True  # the application reads slower than the upstream sends
            self.transport.pause_reading()
        self._wake()

    def on_message_complete(self) -> None:
        answer = self.answer
        if answer is not None:
            answer.complete = True
        self._wake()

    # -- helpers ----------------------------------------------------------------------------------

    def _wake(self) -> None:
        if self.answer is not None:
            self.answer.changed.set()

    def resume(self) -> None:
        if self.paused and self.transport is not None and not self.closed:
            self.paused = False
            self.transport.resume_reading()

    def reusable(self) -> bool:
        return (
            not self.closed
            and self.answer is not None
            and self.answer.complete
            and not self.head
            and self.parser.should_keep_alive()
        )

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()


class UpstreamResponse:
    """The upstream's answer: status and headers at once, the body as it comes."""

    def __init__(self, pool: UpstreamPool, connection: _Connection, answer: _Answer) -> None:
        self._pool = pool
        self._connection = connection
        self._answer = answer
        self.status = answer.status
        self.headers = answer.headers

    async def body(self) -> AsyncIterator[bytes]:
        answer = self._answer
        while True:
            while answer.chunks:
                yield answer.chunks.popleft()
                self._connection.resume()
            if answer.complete:
                return
            if answer.error is not None:
                raise answer.error
            answer.changed.clear()
            if answer.chunks or answer.complete or answer.error is not None:
                continue
            try:
                async with asyncio.timeout(self._pool.timeout):
                    await answer.changed.wait()
            except TimeoutError:
                raise UpstreamError("the upstream stopped sending the body") from None

    def close(self) -> None:
        """The body was not read to its end: the connection cannot carry another request."""
        self._connection.close()

    def release(self) -> None:
        """Give the connection back (kept when the upstream allows), or close it."""
        connection = self._connection
        if connection.reusable():
            connection.answer = None
            self._pool.idle.append(connection)
        else:
            connection.close()


class UpstreamPool:
    """Keep-alive connections to the upstream of one proxy (one event loop)."""

    def __init__(self, base_url: str, *, timeout: float = 120.0, max_idle: int = 64) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self.secure = parts.scheme == "https"
        self.host = parts.hostname
        self.port = parts.port or (443 if self.secure else 80)
        default = 443 if self.secure else 80
        shown_host = f"[{self.host}]" if ":" in self.host else self.host
        self.host_header = (
            shown_host if self.port == default else f"{shown_host}:{self.port}"
        ).encode("idna")
        self.prefix = parts.path.rstrip("/")
        self.timeout = timeout
        self.max_idle = max_idle
        self.idle: deque[_Connection] = deque()
        self._ssl = ssl.create_default_context() if self.secure else None

    async def _connect(self) -> _Connection:
        loop = asyncio.get_running_loop()
        try:
            _, connection = await asyncio.wait_for(
                loop.create_connection(
                    _Connection,
                    self.host,
                    self.port,
                    ssl=self._ssl,
                    server_hostname=self.host if self.secure else None,
                ),
                self.timeout,
            )
        except (OSError, TimeoutError) as exc:
            raise UpstreamError(f"cannot connect to {self.host}:{self.port}: {exc!r}") from None
        return connection

    def _take_idle(self) -> _Connection | None:
        while self.idle:
            connection = self.idle.pop()
            if not connection.closed:
                return connection
        return None

    async def send(
        self, method: str, target: str, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> UpstreamResponse:
        """Send one request (``target``: path and query as the application sent them) and
        wait for the upstream's status line and headers."""
        head = [f"{method} {self.prefix}{target} HTTP/1.1\r\n".encode("latin-1")]
        head.append(b"host: " + self.host_header + b"\r\n")
        for name, value in headers:
            head.append(name + b": " + value + b"\r\n")
        if body or method in {"POST", "PUT", "PATCH"}:
            head.append(b"content-length: " + str(len(body)).encode() + b"\r\n")
        payload = b"".join(head) + b"\r\n" + body
        reused = self._take_idle()
        try:
            return await self._exchange(reused or await self._connect(), method, payload)
        except UpstreamError as failed:
            if reused is None or method not in _RETRIABLE or getattr(failed, "answered", False):
                raise
            return await self._exchange(await self._connect(), method, payload)

    async def _exchange(
        self, connection: _Connection, method: str, payload: bytes
    ) -> UpstreamResponse:
        answer = _Answer()
        connection.answer = answer
        connection.head = method == "HEAD"
        assert connection.transport is not None
        if connection.closed:
            raise UpstreamError("the kept connection was closed")
        connection.transport.write(payload)
        while not answer.headers_done.is_set():
            if answer.error is not None:
                connection.close()
                error = answer.error
                error.answered = answer.received_any  # type: ignore[attr-defined]
                raise error
            answer.changed.clear()
            try:
                async with asyncio.timeout(self.timeout):
                    await answer.changed.wait()
            except TimeoutError:
                connection.close()
                raise UpstreamError("the upstream did not answer in time") from None
        return UpstreamResponse(self, connection, answer)

    def close(self) -> None:
        while self.idle:
            self.idle.pop().close()
