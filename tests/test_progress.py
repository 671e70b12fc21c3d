"""The ingest progress: what the corpus reports, and the bar the CLI draws from it on a terminal."""

from __future__ import annotations

import io
import sys

import pytest

from tests.conftest import EXAMPLES
from xcheck.cli.ingest import TerminalProgress
from xcheck.corpus import Corpus


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_corpus_reports_progress_up_to_every_document(corpus: Corpus) -> None:
    calls: list[tuple[int, int]] = []
    report = corpus.ingest([str(EXAMPLES)], progress=lambda done, total: calls.append((done, total)))
    assert calls, "no progress reported"
    totals = {total for _, total in calls}
    assert totals == {report.documents + report.skipped + len(report.failed)}
    dones = [done for done, _ in calls]
    assert dones == sorted(dones) and dones[-1] == calls[-1][1]


def test_bar_is_drawn_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    bar = TerminalProgress()
    for done in (0, 1, 3, 3, 4):
        bar(done, 4)
    bar.close()
    out = screen.getvalue()
    assert "ingesting" in out and "100%" in out


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    bar = TerminalProgress()
    bar(1, 4)
    bar(4, 4)
    bar.close()
    assert piped.getvalue() == ""


def test_no_bar_for_a_single_document(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    bar = TerminalProgress()
    bar(1, 1)
    bar.close()
    assert screen.getvalue() == ""


def test_bar_shows_rate_position_and_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    now = [100.0]
    bar = TerminalProgress(clock=lambda: now[0])
    bar(0, 40)
    now[0] += 4.0
    bar(10, 40)
    assert bar.rate() == "2.5 docs/s, 0:12 left"
    bar._bar.render_progress()  # click throttles redraws; draw now
    out = screen.getvalue()
    bar.close()
    assert "10/40" in out and "25%" in out and "2.5 docs/s, 0:12 left" in out
