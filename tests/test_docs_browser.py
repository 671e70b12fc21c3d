"""The service's /docs page in real headless Chromium, with no network: Swagger UI renders the API."""

from __future__ import annotations

from pathlib import Path

import pytest

from xcheck.service.app import create_app

from .browser import ensure_chromium, run_chromium
from .conftest import FakeEmbedder
from .test_service_usage import serving

pytestmark = pytest.mark.integration


def test_docs_render_offline(tmp_path: Path) -> None:
    chromium = ensure_chromium()
    with serving(create_app(tmp_path / "idx", embedder=FakeEmbedder())) as url:
        # --virtual-time-budget lets the page run its script and fetch /openapi.json before the dump
        run = run_chromium(chromium, f"{url}/docs", "--virtual-time-budget=15000", "--dump-dom")
    assert run.returncode == 0, run.stderr[-3000:]
    dom = run.stdout
    assert 'class="swagger-ui"' in dom, dom[:2000]
    for summary in ("The claims nearest to a sentence", "Judged pairs of claims across sources"):
        assert summary in dom  # read from /openapi.json and rendered by the locally served script
    for path in ("/query", "/check", "/ingest", "/pairs", "/report", "/health"):
        assert path in dom
