"""`xcheck serve`: the HTTP service."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import UsageError
from .common import IndexOpt, ModelOpt, translate_errors


@translate_errors
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; loopback unless you mean otherwise.")
    ] = ("127.0.0.1"),
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1024, help="Largest request body accepted, in bytes.")
    ] = 5 * 1024 * 1024,
    index: IndexOpt = None,
    model: ModelOpt = None,
) -> None:
    """Serve query, check, ingest, pairs and report over HTTP (OpenAPI docs at /docs)."""
    try:
        import uvicorn

        from ..service.app import create_app
    except ImportError as exc:
        raise UsageError(
            f"the HTTP service needs FastAPI and uvicorn: pip install 'xcheck[serve]' ({exc})"
        ) from None
    app = create_app(index, model=model, max_body_bytes=max_body)
    typer.echo(
        f"xcheck serving {app.state.corpus.index_dir} on http://{host}:{port} (docs at /docs)", err=True
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
