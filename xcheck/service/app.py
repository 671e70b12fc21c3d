"""The HTTP service: a thin FastAPI layer over ``Corpus``.

Reads (health, query, pairs, events, report) never wait for a write: each thread reads its own SQLite
snapshot and the vectors of the committed generation. Writes (ingest, and pairing the claims that
arrived since the last call) embed first and then take the index's file lock, which serialises them
across threads and processes; the service holds no lock of its own while waiting for it.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import threading
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..check import check_documents
from ..corpus import Corpus
from ..embed import Embedder
from ..errors import IndexBusyError, InputError, UsageError, XcheckError
from ..ingest.readers import document_from_record
from ..types import Document, mark_undated

# About 10,000 sentences: a request of this size takes well under a minute to embed on two CPU cores.
DEFAULT_MAX_BODY = 1024 * 1024
BODY_TIMEOUT = 30.0  # seconds a client has to send a request body
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


class Article(BaseModel):
    """One article, with the same fields as a line of a JSONL input."""

    text: str = Field(min_length=1, description="The article text; paragraphs separated by blank lines.")
    id: str | None = Field(default=None, description="Your identifier; re-sending the same id replaces it.")
    title: str | None = None
    source: str | None = Field(default=None, description="Outlet name.")
    url: str | None = None
    published: str | None = Field(default=None, description="Publication date, YYYY-MM-DD.")


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets 413, declared or streamed; a body not
    complete within ``timeout`` seconds gets 408."""

    def __init__(self, app: Any, max_bytes: int, timeout: float = BODY_TIMEOUT) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

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
        too_large = timed_out = body_done = False
        started = False
        deadline = time.monotonic() + self.timeout

        async def counting_receive() -> Any:
            nonlocal seen, too_large, timed_out, body_done
            if too_large or timed_out:
                return {"type": "http.disconnect"}
            if body_done:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                timed_out = True  # the app sees a client that went away and stops reading
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if seen > self.max_bytes:
                    too_large = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Any) -> None:
            nonlocal started
            if too_large or timed_out:
                return  # whatever the app says to a "disconnected" client is replaced by 413 / 408
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not (too_large or timed_out):
                raise
        if started:
            return
        if too_large:
            await too_big(scope, receive, send)
        elif timed_out:
            slow = JSONResponse(
                {"error": f"the request body did not arrive within {self.timeout:g} s"},
                status_code=408,
                headers={"connection": "close"},
            )
            await slow(scope, receive, send)


def _host_name(header: str) -> str:
    """The host of a Host header, without the port: ``[::1]:8000`` -> ``[::1]``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostAndToken:
    """ASGI middleware against DNS rebinding and for use beyond loopback.

    A request whose Host header names none of ``hosts`` gets 403 (a web page that rebinds its own name
    to 127.0.0.1 sends its own name). With a ``token``, every request must carry
    ``Authorization: Bearer <token>`` or gets 401.
    """

    def __init__(self, app: Any, hosts: Iterable[str], token: str | None = None) -> None:
        self.app = app
        self.hosts = {_host_name(h) for h in hosts}
        self.token = token.encode() if token else None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = _host_name(headers.get(b"host", b"").decode("latin-1"))
        if host not in self.hosts:
            shown = host.encode("ascii", "backslashreplace").decode()[:100] or "(none)"
            refuse = JSONResponse(
                {"error": f"the host {shown!r} is not served here; start the service with --allow-host"},
                status_code=403,
            )
            await refuse(scope, receive, send)
            return
        if self.token is not None:
            given = headers.get(b"authorization", b"")
            if not hmac.compare_digest(given, b"Bearer " + self.token):
                refuse = JSONResponse(
                    {"error": "this service needs a token: send Authorization: Bearer <token>"},
                    status_code=401,
                    headers={"www-authenticate": "Bearer"},
                )
                await refuse(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _document(article: Article, origin: str) -> Document:
    # An article without an id is keyed by a hash of its text: the same in every process and after
    # every restart (Python's hash() of a str is not).
    key = "http:" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:32]
    return document_from_record(article.model_dump(), origin, 1, default_key=key)


MODEL_RETRY_AFTER = 1  # seconds a client is told to wait while the model loads (ONNX: under a second)


class ModelLoader:
    """Loads the model in a thread at start-up, so the first request does not wait for it unawares.

    In the background rather than before listening: ``/health`` answers at once (a supervisor sees the
    process alive and "starting"), and the requests that need no model (health, pairs, report) are
    served meanwhile. A request that needs the model before it is ready gets 503 with ``Retry-After``
    rather than hanging on the load (see ``ready``). The index's vectors are loaded too, and one query
    run through both (``Corpus.warm_up``), so the first real query is as fast as the others.

    ``status`` is ``starting`` until the model is loaded, then ``ok`` (or ``error``).
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus  # its own lock makes model calls wait for this load instead of racing it
        self.status = "starting"
        self.error: str | None = None
        self.thread = threading.Thread(target=self._load, name="xcheck-model-loader", daemon=True)

    def _load(self) -> None:
        try:
            self.corpus.warm_up()
        except XcheckError as exc:
            self.status, self.error = "error", str(exc)
        except Exception as exc:  # whatever a broken model raises, /health says so
            self.status, self.error = "error", f"{type(exc).__name__}: {exc}"
        else:
            self.status = "ok"

    def ready(self) -> None:
        """Raise 503 with Retry-After while the model is still loading (a load that failed is left to
        the request, which says why)."""
        if self.status == "starting":
            raise StarletteHTTPException(
                503,
                "the model is still loading; try again in a moment",
                headers={"Retry-After": str(MODEL_RETRY_AFTER)},
            )


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
    backend: str | None = None,
    embedder: Embedder | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY,
    body_timeout: float = BODY_TIMEOUT,
    allow_hosts: Iterable[str] = (),
    token: str | None = None,
) -> FastAPI:
    """The application for one index folder (created if missing).

    Only requests whose Host header is a loopback name or one of ``allow_hosts`` are served; with a
    ``token``, each request must also carry it as a bearer token.
    """
    corpus = Corpus(index_dir, model=model, backend=backend, embedder=embedder, create=True)
    loader = ModelLoader(corpus)

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
        "list judged pairs and events, get the consistency report.",
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

    app.add_middleware(BodyLimit, max_bytes=max_body_bytes, timeout=body_timeout)
    app.add_middleware(HostAndToken, hosts=[*LOOPBACK_HOSTS, *allow_hosts], token=token)

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

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": f"internal error ({type(exc).__name__})"}, status_code=500)

    @app.get("/health", summary="Liveness, whether the model is loaded yet, and what the index holds")
    def health() -> dict[str, Any]:
        stats = corpus.stats()
        stats.pop("index", None)  # the folder's absolute path is none of a client's business
        out = {"status": loader.status, "ready": loader.status == "ok", "version": __version__, **stats}
        if loader.error:
            out["error"] = loader.error
        return out

    @app.get("/query", summary="The claims nearest to a sentence")
    def query(
        q: Annotated[str, Query(min_length=1, max_length=2000, description="A sentence to look for.")],
        k: Annotated[int, Query(ge=1, le=100)] = 10,
    ) -> list[dict[str, Any]]:
        loader.ready()
        return mark_undated([h.to_dict() for h in corpus.query(q, k=k)])

    @app.post("/check", summary="Check one article against the corpus (same result as `xcheck check --json`)")
    def check(article: Annotated[Article, Body()], add: bool = False) -> dict[str, Any]:
        loader.ready()
        doc = _document(article, "<http>")
        result = check_documents(corpus, [doc], add=add)
        return mark_undated(result.articles[0].to_dict())

    @app.post("/ingest", summary="Add one article or a list of articles to the index")
    def ingest(articles: Annotated[Article | list[Article], Body()]) -> dict[str, Any]:
        loader.ready()
        batch = articles if isinstance(articles, list) else [articles]
        if not batch:
            raise UsageError("no articles given")
        docs = [_document(a, f"<http>[{i}]") for i, a in enumerate(batch)]
        return corpus.ingest_documents(docs).to_dict()

    @app.get("/pairs", summary="Judged pairs of claims across sources")
    def pairs(
        relation: Literal["conflict", "update", "consistent", "duplicate", "related"] | None = None,
        min_similarity: Annotated[float | None, Query(ge=-1.0, le=1.0)] = None,
        same_document: bool = False,
        every_claim: bool = False,
    ) -> list[dict[str, Any]]:
        corpus.update_pairs(floor=min_similarity)  # pairing what arrived since the last call: a write
        found = corpus.pairs(
            relation=relation,
            min_similarity=min_similarity,
            same_document=same_document,
            every_claim=every_claim,
        )
        return mark_undated([p.to_dict() for p in found])

    @app.get("/events", summary="Events (one incident at one target): sources, attributes, conflicts")
    def events() -> list[dict[str, Any]]:
        corpus.update_pairs()  # pairing what arrived since the last call: a write, then a read
        return mark_undated([e.to_dict(claims=False) for e in corpus.events()])

    @app.get(
        "/events/{event_id}",
        summary="One event: every claim grouped by what it says, the tolls over time, conflicts, agreements",
        responses={404: {"description": "No event with this id in the index"}},
    )
    def event(
        event_id: Annotated[str, PathParam(max_length=300, description="An event id as /events lists it.")],
    ) -> dict[str, Any]:
        corpus.update_pairs()
        try:
            found = corpus.event(event_id)
        except UsageError:
            raise StarletteHTTPException(
                404, f"no event {event_id!r} in this index; GET /events lists them"
            ) from None
        return mark_undated(found.to_dict())

    @app.get("/report", summary="The consistency report as HTML, Markdown or JSON", response_model=None)
    def report(
        format: Literal["html", "md", "markdown", "json"] = "html",
        source: str | None = None,
        since: str | None = None,
    ) -> Response:
        from ..report_data import build_report_data
        from ..reports import render

        corpus.update_pairs()  # a write, then a read
        data = build_report_data(corpus, source=source, since=since)
        body = render(data, format)
        if format == "html":
            return HTMLResponse(body)
        if format in ("md", "markdown"):
            return Response(body, media_type="text/markdown; charset=utf-8")
        return Response(body, media_type="application/json")

    return app
