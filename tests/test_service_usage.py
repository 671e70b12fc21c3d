"""The service in everyday use: model loaded at start-up, stable keys, Markdown report, offline docs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from xcheck.service.app import Article, _document, create_app

from .conftest import REPO, FakeEmbedder
from .test_service import ARTICLES, free_port, server, wait_until_ready  # noqa: F401


class SlowModel(FakeEmbedder):
    """A model whose load takes until the test says so."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    @property
    def dim(self) -> int:  # type: ignore[override]
        assert self.release.wait(timeout=20), "the test never released the model"
        return 64


@contextmanager
def serving(app: object) -> Iterator[str]:
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def test_health_says_starting_until_the_model_is_loaded_at_start_up(tmp_path: Path) -> None:
    model = SlowModel()
    with serving(create_app(tmp_path / "idx", embedder=model)) as url:
        health = httpx.get(f"{url}/health", timeout=5).json()
        assert health["status"] == "starting" and health["ready"] is False
        # what needs the model says so at once, with when to come back; the rest is served
        for r in (
            httpx.get(f"{url}/query", params={"q": "killed"}, timeout=5),
            httpx.post(f"{url}/ingest", json=ARTICLES[0], timeout=5),
            httpx.post(f"{url}/check", json=ARTICLES[0], timeout=5),
        ):
            assert r.status_code == 503 and r.headers["retry-after"] == "1"
            assert "still loading" in r.json()["error"]
        assert httpx.get(f"{url}/pairs", timeout=5).status_code == 200
        model.release.set()  # the load finishes without any request having asked for the model
        wait_until_ready(url)
        health = httpx.get(f"{url}/health", timeout=5).json()
        assert health["status"] == "ok" and health["ready"] is True
        assert len(model.embedded) == 1  # loaded and warmed up with one call, no request used it
        r = httpx.get(f"{url}/query", params={"q": "killed"}, timeout=5)
        assert r.status_code == 200


def test_the_vectors_are_loaded_and_searched_once_at_start_up(tmp_path: Path) -> None:
    """At 1M claims reading the vector file takes seconds: it is done before /health says ready,
    not by the first query."""
    from xcheck.corpus import Corpus

    with Corpus(tmp_path / "idx", embedder=FakeEmbedder(), create=True) as c:
        c.ingest_documents([_document(Article(**a), "x") for a in ARTICLES])
    app = create_app(tmp_path / "idx", embedder=FakeEmbedder())
    corpus = app.state.corpus
    searched: list[int] = []
    with serving(app) as url:
        wait_until_ready(url)
        assert corpus.store._cache is not None  # loaded before any request asked for it
        vectors = corpus.store.vectors()
        assert vectors.size == 3
        real = vectors.search
        vectors.search = lambda q, k: searched.append(1) or real(q, k)  # type: ignore[method-assign]
        assert httpx.get(f"{url}/query", params={"q": "killed"}, timeout=5).status_code == 200
        assert searched == [1]  # the query searched the vectors loaded at start-up


def test_a_model_that_cannot_load_is_reported_by_health(tmp_path: Path) -> None:
    class Broken(FakeEmbedder):
        @property
        def dim(self) -> int:  # type: ignore[override]
            raise RuntimeError("weights are missing")

    with serving(create_app(tmp_path / "idx", embedder=Broken())) as url:
        deadline = time.monotonic() + 10
        while (health := httpx.get(f"{url}/health", timeout=5).json())["status"] == "starting":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert health["status"] == "error" and "weights are missing" in health["error"]


def test_article_keys_without_id_are_the_same_in_every_process() -> None:
    code = (
        "from xcheck.service.app import Article, _document; "
        "print(_document(Article(text='Officials said 12 people were hurt.'), 'x').doc_key)"
    )
    keys = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(REPO))
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=True
        )
        keys.add(out.stdout.strip())
    assert len(keys) == 1 and next(iter(keys)).startswith("http:")


def test_reposting_after_a_restart_replaces_instead_of_adding(tmp_path: Path) -> None:
    article = {"text": ARTICLES[1]["text"], "source": "Wire", "published": "2022-06-20"}
    for title in ("First", "Second"):  # a changed article (new title) with the same text, no id
        with serving(create_app(tmp_path / "idx", embedder=FakeEmbedder())) as url:
            wait_until_ready(url)
            r = httpx.post(f"{url}/ingest", json=dict(article, title=title), timeout=10)
            assert r.status_code == 200 and r.json()["documents"] == 1
            assert httpx.get(f"{url}/health", timeout=5).json()["documents"] == 1


def test_report_in_markdown(server: str) -> None:  # noqa: F811
    with httpx.Client(base_url=server, timeout=30) as http:
        http.post("/ingest", json=ARTICLES)
        r = http.get("/report", params={"format": "md"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
        assert r.text.startswith("#")
        # the same report under both names; the time stamp may move on by a second between the calls
        again = http.get("/report", params={"format": "markdown"}).text
        stamp = re.compile(r"Generated \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
        assert stamp.search(r.text) and stamp.sub("", again) == stamp.sub("", r.text)


def test_errors_name_the_service_parameters(server: str) -> None:  # noqa: F811
    with httpx.Client(base_url=server, timeout=30) as http:
        http.post("/ingest", json=ARTICLES)
        r = http.get("/report", params={"since": "junk"})
        assert r.status_code == 422
        assert r.json()["error"].startswith("since: cannot read the date 'junk'")
        assert "--" not in r.json()["error"]


def test_outputs_mark_undated_claims(server: str) -> None:  # noqa: F811
    with httpx.Client(base_url=server, timeout=30) as http:
        undated = {"id": "u", "text": ARTICLES[1]["text"].replace("650", "700")}
        http.post("/ingest", json=[ARTICLES[1], undated])
        hits = http.get("/query", params={"q": "civilians killed Kharkiv", "k": 2}).json()
        assert sorted(h["undated"] for h in hits) == [False, True]
        # an undated count is never a conflict: the pair is related, and says why
        pairs = http.get("/pairs", params={"relation": "related"}).json()
        assert pairs and all({p["a"]["undated"], p["b"]["undated"]} == {False, True} for p in pairs)
        assert any("no date to order them" in p["reason"] for p in pairs)


def test_docs_use_no_cdn(server: str) -> None:  # noqa: F811
    with httpx.Client(base_url=server, timeout=10) as http:
        page = http.get("/docs")
        assert page.status_code == 200
        refs = re.findall(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""", page.text)
        assert refs and all(ref.startswith("/") for ref in refs), refs  # nothing from another host
        for ref in refs:
            assert http.get(ref).status_code == 200, ref
        assert http.get("/redoc").status_code == 404  # FastAPI's ReDoc page would load from a CDN
