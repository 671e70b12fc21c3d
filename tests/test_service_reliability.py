"""The service under stress: slow writes, a busy index, slow or hostile clients (issue 10)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import uvicorn
from filelock import FileLock

from xcheck.service.app import create_app
from xcheck.service.http import server_config
from xcheck.store.index import LOCK_NAME

from .conftest import FakeEmbedder
from .test_service import ARTICLES, free_port, wait_until_ready


class SlowEmbedder(FakeEmbedder):
    """The fake model at the pace of the real one on two CPU cores: 5 ms a sentence."""

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        time.sleep(0.005 * len(texts))
        return super().embed_batch(texts)


Start = Callable[..., str]


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Start]:
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def run(header_timeout: float = 10.0, max_connections: int = 100, **app_options: Any) -> str:
        app_options.setdefault("embedder", FakeEmbedder())
        app = create_app(tmp_path / "idx", **app_options)
        port = free_port()
        config = server_config(
            app, "127.0.0.1", port, log_level="warning", header_timeout=header_timeout,
            max_connections=max_connections,
        )  # fmt: skip
        srv = uvicorn.Server(config)
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        servers.append((srv, thread))
        deadline = time.monotonic() + 10
        while not srv.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        url = f"http://127.0.0.1:{port}"
        if not app_options.get("token"):
            wait_until_ready(url)  # a request that needs the model before then gets 503
        return url

    yield run
    for srv, thread in servers:
        srv.should_exit = True
        thread.join(timeout=10)


def _timed(call: Callable[[], httpx.Response]) -> tuple[float, httpx.Response]:
    t = time.perf_counter()
    r = call()
    return time.perf_counter() - t, r


def test_health_and_reads_answer_while_a_large_ingest_runs(start: Start) -> None:
    url = start(embedder=SlowEmbedder())
    httpx.post(f"{url}/ingest", json=ARTICLES, timeout=30).raise_for_status()
    big = [
        {"id": f"n{i}", "text": f"Officials said {i} aid trucks reached the city of Kharkiv on Monday."}
        for i in range(1200)
    ]  # 1,200 sentences: about 6 s of embedding
    done: list[httpx.Response] = []
    writer = threading.Thread(target=lambda: done.append(httpx.post(f"{url}/ingest", json=big, timeout=60)))
    writer.start()
    time.sleep(0.5)
    timings: list[tuple[str, float]] = []
    while writer.is_alive() and len(timings) < 10:
        took, r = _timed(lambda: httpx.get(f"{url}/health", timeout=10))
        assert r.status_code == 200
        timings.append(("health", took))
        took, r = _timed(lambda: httpx.get(f"{url}/query", params={"q": "civilians killed"}, timeout=10))
        assert r.status_code == 200
        timings.append(("query", took))
        time.sleep(0.2)
    writer.join(60)
    assert done and done[0].status_code == 200 and done[0].json()["documents"] == 1200
    assert len(timings) >= 6, "the ingest ended before the reads were measured"
    assert max(t for _, t in timings) < 1.0, timings


def test_a_busy_index_never_stalls_the_other_requests(start: Start, tmp_path: Path) -> None:
    """Another process holds the index's write lock: /pairs waits for it (then 503), others do not."""
    url = start()
    httpx.post(f"{url}/ingest", json=ARTICLES, timeout=30).raise_for_status()
    httpx.post(f"{url}/ingest", json={"text": "Officials said 700 civilians were killed in Kharkiv."})
    held = FileLock(str(tmp_path / "idx" / LOCK_NAME))
    held.acquire()  # like a CLI ingest in another process (XCHECK_LOCK_TIMEOUT is 2 s in the tests)
    try:
        answers: list[httpx.Response] = []
        waiting = threading.Thread(target=lambda: answers.append(httpx.get(f"{url}/pairs", timeout=30)))
        waiting.start()
        time.sleep(0.3)
        for path in ("/health", "/query?q=killed"):
            took, r = _timed(lambda path=path: httpx.get(f"{url}{path}", timeout=10))  # type: ignore[misc]
            assert r.status_code == 200 and took < 1.0, (path, took)
        waiting.join(30)
        assert answers[0].status_code == 503 and "another xcheck process" in answers[0].json()["error"]
    finally:
        held.release()
    r = httpx.get(f"{url}/pairs", timeout=30)
    assert r.status_code == 200 and r.json()  # once free, the new claims are paired


def _half_request(port: int, data: bytes) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(data)
    return s


def _answer_and_close(s: socket.socket, within: float) -> bytes:
    """What the server sends before it closes the connection (fails if it keeps it open)."""
    s.settimeout(within)
    got = b""
    try:
        while chunk := s.recv(4096):
            got += chunk
    except TimeoutError:
        pytest.fail(f"the connection was still open after {within} s")
    finally:
        s.close()
    return got


def test_half_sent_heads_and_bodies_time_out(start: Start) -> None:
    url = start(header_timeout=1.0, body_timeout=1.0)
    port = int(url.rsplit(":", 1)[1])
    head = _half_request(port, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    body = _half_request(
        port,
        b"POST /ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b'Content-Length: 100\r\n\r\n{"text": "half',
    )
    assert _answer_and_close(head, 5).startswith(b"HTTP/1.1 408")
    assert _answer_and_close(body, 5).startswith(b"HTTP/1.1 408")
    assert httpx.get(f"{url}/health").status_code == 200


def test_many_half_open_connections_are_all_closed(start: Start) -> None:
    url = start(header_timeout=1.0)
    port = int(url.rsplit(":", 1)[1])
    conns = [_half_request(port, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n") for _ in range(200)]
    time.sleep(1.5)
    for s in conns:
        _answer_and_close(s, 5)
    assert httpx.get(f"{url}/health").status_code == 200


def test_an_oversized_query_line_gets_a_status(start: Start) -> None:
    url = start()
    port = int(url.rsplit(":", 1)[1])
    s = _half_request(port, b"GET /query?q=" + b"x" * 1_000_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    answer = _answer_and_close(s, 10)
    assert answer.startswith(b"HTTP/1.1 414") and b"too long" in answer
    r = httpx.get(f"{url}/query", params={"q": "x" * 10_000}, timeout=30)
    assert r.status_code == 422 and "error" in r.json()


def test_a_deeply_nested_body_answers_like_every_error(start: Start) -> None:
    url = start()
    r = httpx.post(
        f"{url}/ingest",
        content=b"[" * 100_000 + b"]" * 100_000,
        headers={"content-type": "application/json"},
        timeout=30,
    )
    assert r.status_code == 400 and set(r.json()) == {"error"}
    assert set(httpx.get(f"{url}/no-such-page").json()) == {"error"}


def test_only_the_bound_host_names_are_served(start: Start) -> None:
    url = start(allow_hosts=["xcheck.internal"])
    port = url.rsplit(":", 1)[1]
    for host in ("127.0.0.1", "localhost", "[::1]", "xcheck.internal"):
        r = httpx.get(f"{url}/health", headers={"host": f"{host}:{port}"})
        assert r.status_code == 200, host
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example"):
        r = httpx.get(f"{url}/health", headers={"host": f"{host}:{port}"})
        assert r.status_code == 403 and "not served here" in r.json()["error"], host
        r = httpx.post(f"{url}/ingest", json=ARTICLES[0], headers={"host": host})
        assert r.status_code == 403
    assert httpx.get(f"{url}/health").json()["documents"] == 0


def test_health_does_not_reveal_the_index_path(start: Start, tmp_path: Path) -> None:
    url = start()
    r = httpx.get(f"{url}/health")
    assert r.status_code == 200 and str(tmp_path) not in r.text and "index" not in r.json()


def test_a_token_guards_every_request(start: Start) -> None:
    url = start(token="s3cret")
    assert httpx.get(f"{url}/health").status_code == 401
    assert httpx.get(f"{url}/health", headers={"authorization": "Bearer wrong"}).status_code == 401
    r = httpx.post(f"{url}/ingest", json=ARTICLES[0])
    assert r.status_code == 401 and "token" in r.json()["error"]
    assert httpx.get(f"{url}/health", headers={"authorization": "Bearer s3cret"}).status_code == 200
