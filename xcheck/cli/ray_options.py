"""The options of ``--ray`` (ingest, pairs): a flag, and where the cluster is."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import UsageError

RayOpt = Annotated[
    bool,
    typer.Option(
        "--ray",
        help="Run on Ray: a local Ray instance of its own, or the cluster named by --ray-address. Needs "
        "Ray, installed with xcheck's extra `ray`.",
    ),
]
RayAddressOpt = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        metavar="ADDRESS",
        help="Implies --ray. 'local' (the default) starts a local Ray instance for this command; 'auto' "
        "joins the cluster that `ray start` runs on this machine; HOST:PORT joins that cluster's head.",
        show_default=False,
    ),
]


def ray_target(ray: bool, address: str | None) -> str | None:
    """The address to use, or ``None`` for no Ray at all."""
    if address is not None:
        if not address.strip():
            raise UsageError("give an address: local, auto or HOST:PORT", param="ray_address")
        return address.strip()
    return "local" if ray else None
