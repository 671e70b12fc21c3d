"""`xcheck serve`: the HTTP service."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import UsageError
from .common import BackendOpt, IndexOpt, ModelOpt, translate_errors


@translate_errors
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; loopback unless you mean otherwise.")
    ] = ("127.0.0.1"),
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1024, help="Largest request body accepted, in bytes.")
    ] = 1024 * 1024,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Also answer requests for this host name (besides localhost, 127.0.0.1 and [::1]); "
            "repeat for more.",
            show_default=False,
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="XCHECK_TOKEN",
            help="Require 'Authorization: Bearer TOKEN' on every request (default: $XCHECK_TOKEN).",
            show_default=False,
        ),
    ] = None,
    index: IndexOpt = None,
    model: ModelOpt = None,
    backend: BackendOpt = None,
) -> None:
    """Serve query, check, ingest, pairs and report over HTTP (OpenAPI docs at /docs)."""
    try:
        import uvicorn

        from ..service.app import create_app
        from ..service.http import server_config
    except ImportError as exc:
        raise UsageError(
            f"the HTTP service needs FastAPI and uvicorn: pip install 'xcheck[serve]' ({exc})"
        ) from None
    hosts = list(allow_host or [])
    if host not in ("0.0.0.0", "::", ""):
        hosts.append(f"[{host}]" if ":" in host else host)  # the bound name answers too
    app = create_app(
        index, model=model, backend=backend, max_body_bytes=max_body, allow_hosts=hosts, token=token or None
    )
    typer.echo(
        f"xcheck serving {app.state.corpus.index_dir} on http://{host}:{port} (docs at /docs)", err=True
    )
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        typer.echo("xcheck: warning: serving beyond loopback without --token", err=True)
    uvicorn.Server(server_config(app, host, port)).run()
