"""The consistency report as JSON: the report data itself, ``schema_version`` first."""

from __future__ import annotations

import json
from typing import Any

from .common import EMPTY_MESSAGE, SCHEMA_VERSION


def render(data: dict[str, Any]) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)`` with ``schema_version`` as the first key.

    ``json.loads`` gives ``data`` back. The one addition: a report without clusters or events also carries
    ``"message": "No conflicts or updates found"`` (unless it has a message of its own).
    """
    out: dict[str, Any] = {"schema_version": data.get("schema_version", SCHEMA_VERSION)}
    out.update((k, v) for k, v in data.items() if k != "schema_version")
    if not data.get("clusters") and not data.get("events") and "message" not in out:
        out["message"] = EMPTY_MESSAGE
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
