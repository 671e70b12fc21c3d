"""Plain data that flows through xcheck: documents, sentence spans, claims, query hits."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

UNDATED = "undated"


def mark_undated(data: Any) -> Any:
    """``data`` with ``"undated": true/false`` beside every ``"published"`` key, at any depth.

    Every output that shows a claim or a document says when it has no date, so that a conflict
    "(no date to order them)" can be traced to its undated article.
    """
    if isinstance(data, dict):
        out = {k: mark_undated(v) for k, v in data.items()}
        if "published" in out and "undated" not in out:
            out["undated"] = out["published"] is None
        return out
    if isinstance(data, list | tuple):
        return [mark_undated(v) for v in data]
    return data


@dataclass(frozen=True)
class Document:
    """One article as read from a file, a JSONL line, stdin or HTTP.

    ``origin`` says where it came from (``path`` or ``path:line``) for messages.
    ``published`` is an ISO date (``YYYY-MM-DD``) or ``None`` when unknown.
    """

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    doc_key: str | None = None
    origin: str = "<memory>"

    @property
    def sha256(self) -> str:
        """Content hash over everything that ends up in the index."""
        h = hashlib.sha256()
        for part in (self.text, self.title, self.source, self.url, self.published):
            h.update((part or "").encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Span:
    """A piece of a document's text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


TITLE = "title"
BODY = "text"


@dataclass(frozen=True)
class Claim:
    """A checkable sentence of a document, with its character span and frame.

    ``part`` says which field the span points into: the article's ``text`` or its ``title`` (a
    headline that states a fact is a claim too). ``repeats`` counts how often the same sentence occurs
    in the document; it is stored once, at the span of its first occurrence.
    """

    text: str
    start: int
    end: int
    frame: dict[str, Any] = field(default_factory=dict)
    part: str = BODY
    repeats: int = 1

    @property
    def text_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Hit:
    """One result of a similarity query."""

    claim_id: int
    doc_id: int
    score: float
    text: str
    source: str | None
    published: str | None
    title: str | None
    start: int
    end: int

    @classmethod
    def from_row(cls, claim_id: int, score: float, row: Any, doc_id: int | None = None) -> Hit:
        """The hit of a claim row joined with its document (``claims_with_docs``); ``doc_id`` overrides
        the row's (a sharded index's global id)."""
        return cls(
            claim_id=claim_id,
            doc_id=int(row["doc_id"]) if doc_id is None else doc_id,
            score=score,
            text=row["text"],
            source=row["source"],
            published=row["published"],
            title=row["title"],
            start=int(row["start"]),
            end=int(row["end"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "doc_id": self.doc_id,
            "score": round(self.score, 4),
            "text": self.text,
            "source": self.source,
            "published": self.published,
            "title": self.title,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class IngestFailure:
    """A file or line that could not be ingested; the rest of the batch went on."""

    origin: str
    message: str


@dataclass
class IngestReport:
    """What one ingest run did."""

    documents: int = 0
    claims: int = 0
    skipped: int = 0
    embedded: int = 0
    failed: list[IngestFailure] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # what was changed on the way in (split, capped)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "claims": self.claims,
            "skipped": self.skipped,
            "embedded": self.embedded,
            "failed": [{"origin": f.origin, "message": f.message} for f in self.failed],
            "seconds": round(self.seconds, 3),
            "notes": list(self.notes),
        }
