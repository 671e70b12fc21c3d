"""Check new articles against the indexed corpus, like a linter for facts.

Each claim of each new article is embedded (all articles in one batched pass), its neighbours in the
index above the similarity floor are judged, and the claim is reported with the claims that
corroborate it (duplicate, consistent, update) and those that conflict with it. The articles are
not added to the index unless asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .corpus import EMBED_CHUNK, PAIR_NEIGHBOURS, Corpus, claims_of
from .pairing.relate import CONFLICT, CONSISTENT, DUPLICATE, UPDATE, ClaimView, judge
from .store.index import lock_timeout
from .types import Claim, Document, IngestFailure, IngestReport

CORROBORATING = frozenset({DUPLICATE, CONSISTENT, UPDATE})
NEW_DOC_ID = -1


@dataclass
class ArticleCheck:
    """The result for one new article."""

    document: Document
    claims: list[dict[str, Any]] = field(default_factory=list)

    @property
    def conflicts(self) -> int:
        return sum(len(c["conflicting"]) for c in self.claims)

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {
            "document": {
                "origin": d.origin,
                "title": d.title,
                "source": d.source,
                "url": d.url,
                "published": d.published,
            },
            "claims": self.claims,
            "conflicts": self.conflicts,
            "corroborations": sum(len(c["corroborating"]) for c in self.claims),
        }


@dataclass
class CheckResult:
    articles: list[ArticleCheck]
    failed: list[IngestFailure]
    added: IngestReport | None = None
    notes: list[str] = field(default_factory=list)  # claims split, repeated or capped on the way in

    @property
    def conflicts(self) -> int:
        return sum(a.conflicts for a in self.articles)


def _match(
    view: ClaimView, sim: float, relation: str, confidence: float, reason: str, cue: str | None
) -> dict:
    return {
        **view.to_dict(),
        "relation": relation,
        "similarity": round(sim, 4),
        "confidence": confidence,
        "reason": reason,
        "cue": cue,
    }


def check_documents(
    corpus: Corpus,
    items: Sequence[Document | IngestFailure],
    *,
    add: bool = False,
    floor: float | None = None,
) -> CheckResult:
    """Judge every claim of the new documents against the index; optionally add them afterwards."""
    failed = [i for i in items if isinstance(i, IngestFailure)]
    docs = [i for i in items if isinstance(i, Document)]
    if add and docs:
        lock_timeout()  # a bad XCHECK_LOCK_TIMEOUT is reported before the model loads
    floor = corpus.pair_floor() if floor is None else floor
    notes: list[str] = []
    # the new articles are read as the index reads its own: without their outlet's furniture
    furniture = corpus.furniture_for(docs)
    per_doc: list[list[Claim]] = [
        claims_of(d, notes=notes, furniture=furniture.get(d.source or "")) for d in docs
    ]
    flat = [c for claims in per_doc for c in claims]
    texts = list(dict.fromkeys(c.text for c in flat))
    vectors: dict[str, np.ndarray] = {}
    for i in range(0, len(texts), EMBED_CHUNK):
        chunk = texts[i : i + EMBED_CHUNK]
        for t, v in zip(chunk, corpus.embed(chunk), strict=True):
            vectors[t] = v
    index = corpus.store.vectors()
    hits: list[list[tuple[int, float]]] = [[] for _ in flat]
    if flat and index.size:
        scores, ids = index.search(np.stack([vectors[c.text] for c in flat]), PAIR_NEIGHBOURS)
        for row in range(len(flat)):
            hits[row] = [
                (int(i), float(s))
                for i, s in zip(ids[row], scores[row], strict=True)
                if i >= 0 and s >= floor
            ]
    views = corpus.claim_views(sorted({cid for h in hits for cid, _ in h}))  # a claim gone since: skipped
    articles: list[ArticleCheck] = []
    row = 0
    for doc, claims in zip(docs, per_doc, strict=True):
        result = ArticleCheck(document=doc)
        for claim in claims:
            new = ClaimView(
                claim_id=0,
                doc_id=NEW_DOC_ID,
                text=claim.text,
                frame=claim.frame,
                source=doc.source,
                published=doc.published,
                start=claim.start,
                end=claim.end,
            )
            corroborating, conflicting = [], []
            for cid, sim in hits[row]:
                old = views.get(cid)
                if old is None:
                    continue
                j = judge(old, new, sim)
                if j.relation == CONFLICT:
                    conflicting.append(_match(old, sim, j.relation, j.confidence, j.reason, j.cue))
                elif j.relation in CORROBORATING:
                    corroborating.append(_match(old, sim, j.relation, j.confidence, j.reason, j.cue))
            row += 1
            result.claims.append(
                {
                    "text": claim.text,
                    "start": claim.start,
                    "end": claim.end,
                    "frame": claim.frame,
                    "corroborating": corroborating,
                    "conflicting": sorted(conflicting, key=lambda m: -m["confidence"]),
                }
            )
        articles.append(result)
    added = None
    if add and docs:
        known = {Claim(text=t, start=0, end=0).text_hash: v for t, v in vectors.items()}
        added = corpus.ingest_documents(docs, known_vectors=known)
    return CheckResult(articles=articles, failed=failed, added=added, notes=notes)
