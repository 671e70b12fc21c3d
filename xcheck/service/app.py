"""The HTTP service: a thin FastAPI layer over ``Corpus``.

Reads (query, pairs, report) run in parallel; writes (ingest, and the pairing a read may need first)
are serialised by a readers-writer lock, and across processes by the index's own file lock.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from .. import __version__
from ..check import check_documents
from ..corpus import Corpus
from ..embed import Embedder
from ..errors import IndexBusyError, InputError, UsageError, XcheckError
from ..ingest.readers import document_from_record
from ..types import Document, mark_undated

DEFAULT_MAX_BODY = 5 * 1024 * 1024


class Article(BaseModel):
    """One article, with the same fields as a line of a JSONL input."""

    text: str = Field(min_length=1, description="The article text; paragraphs separated by blank lines.")
    id: str | None = Field(default=None, description="Your identifier; re-sending the same id replaces it.")
    title: str | None = None
    source: str | None = Field(default=None, description="Outlet name.")
    url: str | None = None
    published: str | None = Field(default=None, description="Publication date, YYYY-MM-DD.")


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets 413, declared or streamed."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_big = JSONResponse(
            {"error": f"the request body is larger than {self.max_bytes} bytes"}, status_code=413
        )
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await too_big(scope, receive, send)
            return
        seen = 0
        too_large = False
        started = False

        async def counting_receive() -> Any:
            nonlocal seen, too_large
            if too_large:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    too_large = True  # the app sees a client that went away and stops reading
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Any) -> None:
            nonlocal started
            if too_large:
                return  # whatever the app says to a "disconnected" client is replaced by the 413
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not too_large:
                raise
        if too_large and not started:
            await too_big(scope, receive, send)


class RWLock:
    """Many readers or one writer."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._readers:
                self._cond.wait()
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


def _document(article: Article, origin: str) -> Document:
    # An article without an id is keyed by a hash of its text: the same in every process and after
    # every restart (Python's hash() of a str is not).
    key = "http:" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:32]
    return document_from_record(article.model_dump(), origin, 1, default_key=key)


class ModelLoader:
    """Loads the model in a thread at start-up, so the first request does not wait for it unawares.

    ``status`` is ``starting`` until the model is loaded, then ``ok`` (or ``error``).
    """

    def __init__(self, corpus: Corpus, lock: threading.Lock) -> None:
        self.corpus = corpus
        self.lock = lock  # held while loading: model calls wait for the load instead of racing it
        self.status = "starting"
        self.error: str | None = None
        self.thread = threading.Thread(target=self._load, name="xcheck-model-loader", daemon=True)

    def _load(self) -> None:
        try:
            with self.lock:
                self.corpus.load_model()
        except XcheckError as exc:
            self.status, self.error = "error", str(exc)
        except Exception as exc:  # whatever a broken model raises, /health says so
            self.status, self.error = "error", f"{type(exc).__name__}: {exc}"
        else:
            self.status = "ok"


def _docs_page(openapi_url: str) -> HTMLResponse:
    """Swagger UI from the installed swagger-ui-bundle-v2 package: nothing is fetched from a CDN."""
    return get_swagger_ui_html(
        openapi_url=openapi_url,
        title="xcheck API",
        swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
    )


DOCS_ASSETS = "/docs/assets"
NO_DOCS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>xcheck API</title></head>
<body><h1>xcheck API</h1><p>The interactive documentation needs the package swagger-ui-bundle-v2
(<code>pip install 'xcheck[serve]'</code>). The API description is at <a href="{url}">{url}</a>.</p>
</body></html>"""


def create_app(
    index_dir: str | Path | None = None,
    *,
    model: str | None = None,
    embedder: Embedder | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY,
) -> FastAPI:
    """The application for one index folder (created if missing)."""
    corpus = Corpus(index_dir, model=model, embedder=embedder, create=True)
    lock = RWLock()
    embed_lock = threading.Lock()  # one model call at a time; FAISS and SQLite reads run in parallel
    loader = ModelLoader(corpus, embed_lock)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        loader.thread.start()  # the server answers (/health: "starting") while the model loads
        yield
        corpus.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # FastAPI's own /docs and /redoc load their scripts from a CDN: served below
        redoc_url=None,
        title="xcheck",
        version=__version__,
        description="Cross-check facts across news sources: query claims, check new articles, "
        "list judged pairs, get the consistency report.",
    )
    app.state.corpus = corpus
    app.state.loader = loader

    try:
        from starlette.staticfiles import StaticFiles
        from swagger_ui_bundle import swagger_ui_path

        app.mount(DOCS_ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
        have_assets = True
    except ImportError:
        have_assets = False

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        url = app.openapi_url or "/openapi.json"
        return _docs_page(url) if have_assets else HTMLResponse(NO_DOCS_PAGE.format(url=url))

    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)

    @app.exception_handler(XcheckError)
    async def xcheck_error(_: Request, exc: XcheckError) -> JSONResponse:
        if isinstance(exc, IndexBusyError):
            status = 503
        elif isinstance(exc, InputError | UsageError):
            status = 422
        else:
            status = 400
        return JSONResponse({"error": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
            problems.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return JSONResponse({"error": "; ".join(problems) or "invalid request"}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": f"internal error ({type(exc).__name__})"}, status_code=500)

    @app.get("/health", summary="Liveness, whether the model is loaded yet, and what the index holds")
    def health() -> dict[str, Any]:
        with lock.read():
            stats = corpus.stats()
        out = {"status": loader.status, "version": __version__, **stats}
        if loader.error:
            out["error"] = loader.error
        return out

    @app.get("/query", summary="The claims nearest to a sentence")
    def query(
        q: Annotated[str, Query(min_length=1, max_length=2000, description="A sentence to look for.")],
        k: Annotated[int, Query(ge=1, le=100)] = 10,
    ) -> list[dict[str, Any]]:
        with lock.read(), embed_lock:
            return mark_undated([h.to_dict() for h in corpus.query(q, k=k)])

    @app.post("/check", summary="Check one article against the corpus (same result as `xcheck check --json`)")
    def check(article: Annotated[Article, Body()], add: bool = False) -> dict[str, Any]:
        doc = _document(article, "<http>")
        if add:
            with lock.write():
                result = check_documents(corpus, [doc], add=True)
        else:
            with lock.read(), embed_lock:
                result = check_documents(corpus, [doc], add=False)
        return mark_undated(result.articles[0].to_dict())

    @app.post("/ingest", summary="Add one article or a list of articles to the index")
    def ingest(articles: Annotated[Article | list[Article], Body()]) -> dict[str, Any]:
        batch = articles if isinstance(articles, list) else [articles]
        if not batch:
            raise UsageError("no articles given")
        docs = [_document(a, f"<http>[{i}]") for i, a in enumerate(batch)]
        with lock.write():
            return corpus.ingest_documents(docs).to_dict()

    @app.get("/pairs", summary="Judged pairs of claims across sources")
    def pairs(
        relation: Literal["conflict", "update", "consistent", "duplicate", "related"] | None = None,
        min_similarity: Annotated[float | None, Query(ge=-1.0, le=1.0)] = None,
        same_document: bool = False,
    ) -> list[dict[str, Any]]:
        with lock.write():  # pairing the claims that arrived since the last call writes to the index
            corpus.update_pairs(floor=min_similarity if min_similarity is not None else None)
        with lock.read():
            found = corpus.pairs(
                relation=relation, min_similarity=min_similarity, same_document=same_document
            )
        return mark_undated([p.to_dict() for p in found])

    @app.get("/report", summary="The consistency report as HTML, Markdown or JSON", response_model=None)
    def report(
        format: Literal["html", "md", "markdown", "json"] = "html",
        source: str | None = None,
        since: str | None = None,
    ) -> Response:
        from ..report_data import build_report_data
        from ..reports import render

        with lock.write():
            corpus.update_pairs()
        with lock.read():
            data = build_report_data(corpus, source=source, since=since)
        body = render(data, format)
        if format == "html":
            return HTMLResponse(body)
        if format in ("md", "markdown"):
            return Response(body, media_type="text/markdown; charset=utf-8")
        return Response(body, media_type="application/json")

    return app
