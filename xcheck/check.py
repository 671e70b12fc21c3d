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
from .event_index import touched_events
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

    events: list[dict[str, Any]] = field(default_factory=list)  # the index events it touches

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
            "events": self.events,
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
    # each new claim gets a negative id of its own, each new article a doc id of its own, for grouping
    new_views: list[ClaimView] = []
    for n, (doc, claims) in enumerate(zip(docs, per_doc, strict=True)):
        for claim in claims:
            new_views.append(
                ClaimView.from_stored(
                    claim_id=-(len(new_views) + 1),
                    doc_id=NEW_DOC_ID - n,
                    text=claim.text,
                    frame=claim.frame,
                    source=doc.source,
                    published=doc.published,
                    start=claim.start,
                    end=claim.end,
                )
            )
    touches = touched_events(corpus, new_views) if index.size else None
    if touches is not None and touches.candidates:
        # claims of one event that state an attribute are judged whatever their similarity
        wanted = np.asarray(sorted({o for _n, o in touches.candidates}), dtype=np.int64)
        # a claim stored after the vectors were read (a concurrent ingest) has no vector here: skipped
        old_ids = [int(i) for i in wanted[np.isin(wanted, index.all_ids())]]
        old_vectors = dict(zip(old_ids, index.get(old_ids), strict=True))
        for n, o in touches.candidates:
            row = -n - 1
            if o in old_vectors and all(cid != o for cid, _s in hits[row]):
                sim = float(np.dot(vectors[flat[row].text], old_vectors[o]))
                hits[row].append((o, sim))
    views = corpus.claim_views(sorted({cid for h in hits for cid, _ in h}))  # a claim gone since: skipped
    event_of_old: dict[int, str] = {}
    if touches is not None:
        for e in touches.events.values():
            event_of_old.update((c.claim_id, e.id) for c in e.claims)
    articles: list[ArticleCheck] = []
    row = 0
    for doc, claims in zip(docs, per_doc, strict=True):
        result = ArticleCheck(document=doc)
        touched: dict[str, dict[str, Any]] = {}
        for claim in claims:
            new = ClaimView.from_stored(
                claim_id=0,
                doc_id=NEW_DOC_ID,
                text=claim.text,
                frame=new_views[row].frame,  # typed once
                source=doc.source,
                published=doc.published,
                start=claim.start,
                end=claim.end,
            )
            event_id = touches.by_claim.get(-(row + 1)) if touches is not None else None
            corroborating, conflicting = [], []
            for cid, sim in hits[row]:
                old = views.get(cid)
                if old is None:
                    continue
                j = judge(old, new, sim)
                match = _match(old, sim, j.relation, j.confidence, j.reason, j.cue)
                match["event"] = event_of_old.get(cid)
                match["speaker"] = old.frame.attribution
                if j.relation == CONFLICT:
                    conflicting.append(match)
                elif j.relation in CORROBORATING:
                    corroborating.append(match)
            row += 1
            conflicting.sort(key=lambda m: -m["confidence"])
            if event_id is not None and touches is not None:
                e = touches.events[event_id]
                seen = touched.setdefault(
                    event_id,
                    {
                        "id": e.id,
                        "label": e.label,
                        "target": e.target,
                        "first": e.first,
                        "last": e.last,
                        "sources": e.sources,
                        "claims": 0,
                        "conflicts": [],
                    },
                )
                seen["claims"] += 1
                seen["conflicts"].extend(
                    {
                        "text": claim.text,
                        "start": claim.start,
                        "end": claim.end,
                        "reason": m["reason"],
                        "cue": m["cue"],
                        "confidence": m["confidence"],
                        "speaker": new.frame.attribution,
                        "against": {
                            k: m[k] for k in ("claim_id", "doc_id", "text", "source", "published", "speaker")
                        },
                    }
                    for m in conflicting
                    if m["event"] == event_id
                )
            result.claims.append(
                {
                    "text": claim.text,
                    "start": claim.start,
                    "end": claim.end,
                    "frame": claim.frame,
                    "event": event_id,
                    "corroborating": corroborating,
                    "conflicting": conflicting,
                }
            )
        result.events = list(touched.values())
        articles.append(result)
    added = None
    if add and docs:
        known = {Claim(text=t, start=0, end=0).text_hash: v for t, v in vectors.items()}
        added = corpus.ingest_documents(docs, known_vectors=known)
    return CheckResult(articles=articles, failed=failed, added=added, notes=notes)
