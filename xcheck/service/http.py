"""The HTTP server's own guards, below the application: slow or oversized request heads.

uvicorn waits for a request's head (request line and headers) for as long as the client keeps the
connection open, and answers an oversized head by closing the connection. ``guarded_protocol`` gives
every connection a deadline for each request head (closed with 408 when it passes) and answers a
request line or header block over the limit with 414 or 431.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # seconds a client has to send a request's head
MAX_HEAD_BYTES = 64 * 1024  # request line plus headers
MAX_CONNECTIONS = 100  # beyond this many open connections, a request is answered 503
DRAIN_SECONDS = 1.0  # after an early answer, read (and drop) what the client still sends for this long


def _answer(status: int, reason: str, message: str) -> bytes:
    body = ('{"error": "' + message + '"}').encode()
    return (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    ).encode() + body


def guarded_protocol(
    header_timeout: float = HEADER_TIMEOUT, max_head_bytes: int = MAX_HEAD_BYTES
) -> type[H11Protocol]:
    """An h11 protocol class with a deadline for each request head and a cap on its size."""

    class GuardedH11Protocol(H11Protocol):
        _head_timer: asyncio.TimerHandle | None = None
        _armed_cycle: Any = None
        _draining = False

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def _arm(self) -> None:
            self._disarm()
            self._armed_cycle = self.cycle
            self._head_timer = self.loop.call_later(header_timeout, self._head_deadline, self.cycle)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_deadline(self, cycle_when_armed: Any) -> None:
            self._head_timer = None
            if self.cycle is cycle_when_armed and not self.transport.is_closing():
                # no request head arrived in time: the connection is a slow or idle client
                self._early_answer(408, "Request Timeout", "the request head did not arrive in time")

        def _early_answer(self, status: int, reason: str, message: str) -> None:
            self.transport.write(_answer(status, reason, message))
            # Closing with unread data would reset the connection before the client reads the answer:
            # drop what still arrives for a moment, then close.
            self._draining = True
            self.loop.call_later(DRAIN_SECONDS, self.transport.close)

        def data_received(self, data: bytes) -> None:
            if self._draining:
                return
            if self.conn.their_state is h11.IDLE:  # reading a request head
                head = self.conn.trailing_data[0] + data
                end = head.find(b"\r\n\r\n")
                if end > max_head_bytes or (end < 0 and len(head) > max_head_bytes):
                    if b"\r\n" not in head[:max_head_bytes]:
                        self._early_answer(414, "URI Too Long", "the request line is too long")
                    else:
                        too_large = "Request Header Fields Too Large"
                        self._early_answer(431, too_large, "the headers are too large")
                    return
            super().data_received(data)
            if self._head_timer is not None and self.cycle is not self._armed_cycle:
                self._disarm()  # a head arrived; the body has its own deadline in the application

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return GuardedH11Protocol


def server_config(
    app: Any,
    host: str,
    port: int,
    *,
    log_level: str = "info",
    header_timeout: float = HEADER_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
) -> uvicorn.Config:
    """The uvicorn configuration of the service (also used by the tests)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        http=guarded_protocol(header_timeout),
        h11_max_incomplete_event_size=MAX_HEAD_BYTES + 1024,
        limit_concurrency=max_connections,
        timeout_keep_alive=5,
        lifespan="on",
    )
