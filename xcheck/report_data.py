"""The data behind a consistency report: summary and the clusters with conflicts or updates.

Renderers in ``xcheck.reports`` turn this dict into HTML, Markdown or JSON; nothing here formats.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from .corpus import Corpus
from .errors import UsageError
from .ingest.dates import normalise_date
from .pairing.clusters import Cluster, PairRecord, values_of
from .pairing.relate import CONFLICT, ClaimView
from .reports.common import ordered_conflicts

SCHEMA_VERSION = 1
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|none|denied|denies|deny|without)\b|\b\w+n't\b", re.IGNORECASE
)


def highlights(view: ClaimView) -> list[list[Any]]:
    """[start, end, kind] spans in the claim text: its quantities and negation words."""
    spans: list[list[Any]] = []
    for q in view.frame.get("quantities", []):
        start, end = q.get("start"), q.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(view.text):
            spans.append([start, end, "quantity"])
    if view.frame.get("negated") or view.frame.get("memberships"):
        spans.extend([m.start(), m.end(), "negation"] for m in _NEGATION.finditer(view.text))
    return sorted(spans)


def claim_dict(view: ClaimView, docs: dict[int, dict[str, Any]]) -> dict[str, Any]:
    doc = docs.get(view.doc_id, {})
    return {
        **view.to_dict(),
        "title": doc.get("title"),
        "url": doc.get("url"),
        "speaker": view.frame.get("attribution"),
        "undated": view.published is None,
        "highlights": highlights(view),
    }


def _pair_dict(p: PairRecord, docs: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {**p.to_dict(), "a": claim_dict(p.a, docs), "b": claim_dict(p.b, docs)}


def _importance(pairs: list[PairRecord]) -> tuple[float, int]:
    if not pairs:
        return 0.0, 0
    return max(p.confidence for p in pairs), len({s for p in pairs for s in (p.a.source, p.b.source)})


def build_report_data(
    corpus: Corpus, *, source: str | None = None, since: str | None = None
) -> dict[str, Any]:
    """Everything a report shows, filtered to one source and/or claims published on or after ``since``."""
    if since is not None:
        try:
            since = normalise_date(since)
        except ValueError as exc:
            raise UsageError(str(exc), param="since") from None

    def keep(v: ClaimView) -> bool:
        return since is None or (v.published is not None and v.published >= since)

    pairs = [p for p in corpus.pairs() if keep(p.a) and keep(p.b)]
    from .pairing.clusters import build_clusters

    clusters: list[Cluster] = [
        c
        for c in build_clusters(pairs)
        if (c.conflicts or c.updates) and (source is None or source in c.sources)
    ]
    doc_ids = sorted({v.doc_id for c in clusters for v in c.claims})
    docs = corpus.store.sql.documents_by_id(doc_ids)

    def order(c: Cluster) -> tuple[float, int, int, str]:
        confidence, n_sources = _importance(c.conflicts)
        return (-confidence, -n_sources, -len(c.sources), c.id)

    out_clusters = []
    for c in sorted(clusters, key=order):
        values = list(c.values)
        if c.measure:  # the other side of a conflict may lie outside the cluster: chart its value too
            members = {v.claim_id for v in c.claims}
            outside = {v.claim_id: v for p in c.conflicts for v in (p.a, p.b) if v.claim_id not in members}
            values += values_of(list(outside.values()), c.measure)
        out_clusters.append(
            {
                "id": c.id,
                "title": c.title,
                "size": len(c.claims),
                "sources": c.sources,
                "measure": c.measure,
                "value_range": list(c.value_range) if c.value_range else None,
                "importance": _importance(c.conflicts)[0],
                "values": values,
                "claims": [claim_dict(v, docs) for v in c.claims],
                # the renderers' own order (confidence, then sources), so JSON and HTML agree
                "conflicts": ordered_conflicts([_pair_dict(p, docs) for p in c.conflicts]),
                "updates": [_pair_dict(p, docs) for p in c.updates],
            }
        )
    relations = Counter(p.relation for p in pairs)
    cues = Counter(p.cue or "other" for p in pairs if p.relation == CONFLICT)
    counts = corpus.store.sql.counts()
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "index": str(corpus.index_dir),
        "filters": {"source": source, "since": since},
        "summary": {
            "sources": corpus.store.sql.sources(),
            "documents": counts["documents"],
            "claims": counts["claims"],
            "clusters": len(out_clusters),
            "relations": {r: relations.get(r, 0) for r in ("conflict", "update", "consistent", "duplicate")},
            "conflicts_by_cue": {
                cue: cues.get(cue, 0) for cue in ("numeric", "membership", "negation", "date")
            },
        },
        "clusters": out_clusters,
    }
