"""The HTTP service, started for real on a loopback port."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn

from xcheck.service.app import create_app

from .conftest import FakeEmbedder

ARTICLES = [
    {
        "id": "a",
        "title": "Kharkiv toll",
        "source": "Northern Ledger",
        "published": "2022-06-13",
        "text": "Officials said 606 civilians have been killed in the Kharkiv region since February 24.\n\n"
        "Ukraine is not a party to the Convention on Cluster Munitions.",
    },
    {
        "id": "b",
        "title": "Toll update",
        "source": "Danube Wire",
        "published": "2022-06-20",
        "text": "Officials said 650 civilians have been killed in the Kharkiv region since February 24.",
    },
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_ready(url: str, timeout: float = 10.0) -> None:
    """The model loads in a thread at start-up; /health says "starting" until it is in."""
    deadline = time.monotonic() + timeout
    while httpx.get(f"{url}/health", timeout=5).json()["status"] == "starting":
        assert time.monotonic() < deadline, "the model did not load"
        time.sleep(0.02)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    app = create_app(tmp_path / "idx", embedder=FakeEmbedder(), max_body_bytes=64 * 1024)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    wait_until_ready(f"http://127.0.0.1:{port}")
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_health_ingest_query_pairs(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as http:
        assert http.get("/health").json()["status"] == "ok"
        r = http.post("/ingest", json=ARTICLES)
        assert r.status_code == 200 and r.json()["documents"] == 2
        hits = http.get("/query", params={"q": "civilians killed in the Kharkiv region", "k": 2}).json()
        assert len(hits) == 2 and {
            "text",
            "score",
            "source",
            "published",
            "title",
            "doc_id",
            "claim_id",
        } <= set(hits[0])
        pairs = http.get("/pairs").json()
        assert any(p["relation"] == "update" for p in pairs)
        only = http.get("/pairs", params={"relation": "update"}).json()
        assert only and all(p["relation"] == "update" for p in only)
        assert http.get("/health").json()["documents"] == 2


def test_check_matches_the_cli_shape(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as http:
        http.post("/ingest", json=ARTICLES[0])
        article = {
            "text": "Ukraine is a state party to the Convention on Cluster Munitions.",
            "source": "X",
            "published": "2022-06-14",
        }
        r = http.post("/check", json=article)
        assert r.status_code == 200
        body = r.json()
        assert set(body) == {"document", "claims", "events", "conflicts", "corroborations"}
        assert body["conflicts"] == 1
        assert http.get("/health").json()["documents"] == 1  # not added


def test_validation_errors_are_4xx_with_a_message(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as http:
        r = http.post("/check", json={"title": "no text"})
        assert r.status_code == 422 and "text" in r.json()["error"]
        r = http.post("/check", content=b"{not json", headers={"content-type": "application/json"})
        assert r.status_code == 422
        r = http.post("/ingest", json={"text": "x", "published": "someday"})
        assert r.status_code == 422 and "someday" in r.json()["error"]
        r = http.get("/query", params={"q": "x", "k": 0})
        assert r.status_code == 422
        r = http.get("/pairs", params={"relation": "nonsense"})
        assert r.status_code == 422
        assert "Traceback" not in r.text


def test_oversize_body_is_refused(server: str) -> None:
    big = {"text": "word " * 20000}
    with httpx.Client(base_url=server, timeout=10) as http:
        r = http.post("/ingest", json=big)
        assert r.status_code == 413

        def chunks() -> Iterator[bytes]:
            yield json.dumps(big).encode()

        r = http.post("/ingest", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        assert http.get("/health").json()["documents"] == 0


def test_openapi_docs(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as http:
        spec = http.get("/openapi.json").json()
        assert {"/health", "/query", "/check", "/ingest", "/pairs", "/report"} <= set(spec["paths"])
        assert http.get("/docs").status_code == 200


def test_concurrent_reads_and_writes(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as http:
        http.post("/ingest", json=ARTICLES[0])

    def write(i: int) -> int:
        with httpx.Client(base_url=server, timeout=30) as http:
            art = {
                "id": f"w{i}",
                "text": f"Officials said {700 + i} civilians were killed in Kharkiv region.",
                "published": "2022-07-01",
            }
            return http.post("/ingest", json=art).status_code

    def read(_: int) -> int:
        with httpx.Client(base_url=server, timeout=30) as http:
            return http.get("/query", params={"q": "killed in Kharkiv"}).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: write(i) if i % 2 else read(i), range(24)))
    assert set(codes) == {200}
    with httpx.Client(base_url=server, timeout=10) as http:
        assert http.get("/health").json()["documents"] == 13


def test_report_html_and_json(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as http:
        evil = dict(ARTICLES[1], title="<script>alert(1)</script>", id="evil")
        http.post("/ingest", json=[ARTICLES[0], evil])
        r = http.get("/report")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert "<script>alert(1)</script>" not in r.text
        data = http.get("/report", params={"format": "json"}).json()
        assert data["schema_version"] == 2 and data["summary"]["documents"] == 2
        assert any(c["updates"] for c in data["clusters"])
        assert http.get("/report", params={"format": "pdf"}).status_code == 422
        assert http.get("/report", params={"since": "someday"}).status_code == 422
