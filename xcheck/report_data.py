"""The data behind a consistency report: summary, the events, and the clusters with conflicts or updates.

Renderers in ``xcheck.reports`` turn this dict into HTML, Markdown or JSON; nothing here formats.

The data contract, ``schema_version`` 2 (1 had no ``events``, no ``summary.events`` and no
``cluster.event``)::

    schema_version, generated, index, filters {source, since},
    summary {sources, documents, claims, clusters, events, relations {…}, conflicts_by_cue {…}},
    events: [{
        id, label, target, kind, first, last, sources, size (claims),
        attributes: [{attribute ("agent" | "weapon" | "denier" | "status"), value,
                      sources, speakers, claims: [claim + "words" (the words that say so)]}],
        conflicts: [pair],              # every conflict between two claims of the event
        agreements: int,                # pairs that agree on who did it, with what, denial or state
        agreements_by_attribute: {cue: int},
        timeline: [{measure, values: [value]}],   # one series per measure, this event's claims only
        clusters: [cluster id],         # the fact clusters wholly inside this event
    }],
    clusters: [{id, title, size, sources, measure, value_range, importance, values, claims,
                conflicts, updates, event (the id of the event it lies in, or null)}]

A claim is ``{claim_id, doc_id, text, source, published, start, end, part, title, url, speaker,
undated, highlights}``; a pair ``{relation, similarity, confidence, reason, cue, a, b}``; a value
``{claim_id, source, published, as_of, text, low, high, kind}``. Events are listed when they hold a
conflict, an agreement or tolls from two reports; a fact cluster that lies wholly in one event is shown
with it, the others stay in ``clusters`` with ``event`` null.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from .corpus import Corpus
from .errors import UsageError
from .event_index import event_views
from .ingest.dates import normalise_date
from .pairing.clusters import Cluster, PairRecord, values_of
from .pairing.events import ATTRIBUTES, Event, build_events
from .pairing.relate import CONFLICT, ClaimView
from .reports.common import ordered_conflicts

SCHEMA_VERSION = 2
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|none|denied|denies|deny|without)\b|\b\w+n't\b", re.IGNORECASE
)


def highlights(view: ClaimView) -> list[list[Any]]:
    """[start, end, kind] spans in the claim text: its quantities and negation words."""
    spans: list[list[Any]] = []
    for q in view.frame.quantities:
        start, end = q.start, q.end
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(view.text):
            spans.append([start, end, "quantity"])
    if view.frame.negated or view.frame.memberships:
        spans.extend([m.start(), m.end(), "negation"] for m in _NEGATION.finditer(view.text))
    return sorted(spans)


def claim_dict(view: ClaimView, docs: dict[int, dict[str, Any]]) -> dict[str, Any]:
    doc = docs.get(view.doc_id, {})
    return {
        **view.to_dict(),
        "title": doc.get("title"),
        "url": doc.get("url"),
        "speaker": view.frame.attribution,
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
    events = [
        e
        for e in build_events([v for v in event_views(corpus) if keep(v)], pairs)
        if _worth_showing(e) and (source is None or source in e.sources)
    ]
    events.sort(key=lambda e: (-len(e.conflicts), -len(e.sources), -len(e.claims), e.first, e.id))
    doc_ids = sorted(
        {v.doc_id for c in clusters for v in c.claims}
        | {v.doc_id for e in events for v in e.claims}
        | {v.doc_id for e in events for p in e.conflicts for v in (p.a, p.b)}
    )
    docs = corpus.store.sql.documents_by_id(doc_ids)
    event_of_claim = {v.claim_id: e.id for e in events for v in e.claims}

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
                "event": _event_of(c, event_of_claim),
            }
        )
    out_events = [
        _event_dict(e, docs, [str(c["id"]) for c in out_clusters if c["event"] == e.id]) for e in events
    ]
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
            "events": len(out_events),
            "relations": {r: relations.get(r, 0) for r in ("conflict", "update", "consistent", "duplicate")},
            "conflicts_by_cue": {
                cue: cues.get(cue, 0) for cue in ("numeric", "membership", "negation", "date")
            },
        },
        "events": out_events,
        "clusters": out_clusters,
    }


def _worth_showing(e: Event) -> bool:
    """An event with a conflict, an agreement, or tolls from two reports."""
    return bool(e.conflicts or e.agreements or len({r["claim_id"] for r in e.timeline()}) > 1)


def _event_of(c: Cluster, event_of_claim: dict[int, str]) -> str | None:
    """The event that holds every claim of the cluster and of its conflicts and updates, if one does."""
    claims = [*c.claims, *(v for p in [*c.conflicts, *c.updates] for v in (p.a, p.b))]
    found = {event_of_claim.get(v.claim_id) for v in claims}
    return found.pop() if len(found) == 1 else None


def _toll_values(e: Event) -> list[dict[str, Any]]:
    """One series per measure: the tolls of this event's claims with their kind (bound, exact, range)."""
    by_id = {c.claim_id: c for c in e.claims}
    series: dict[str, list[dict[str, Any]]] = {}
    for row in e.timeline():
        c = by_id[row["claim_id"]]
        kind = next(
            (q.kind for q in c.frame.quantities if q.measure == row["measure"] and q.text == row["text"]),
            None,
        )
        series.setdefault(row["measure"], []).append(
            {
                "claim_id": c.claim_id,
                "source": c.source,
                "published": c.published,
                "as_of": row["as_of"],
                "text": row["text"],
                "low": row["low"],
                "high": row["high"],
                "kind": kind,
            }
        )
    return [{"measure": m, "values": v} for m, v in series.items()]


def _event_dict(e: Event, docs: dict[int, dict[str, Any]], clusters: list[str]) -> dict[str, Any]:
    attributes = []
    for attr, values in e.attributes().items():
        for value, who in sorted(values.items()):
            by_id = {c.claim_id: c for c in e.claims}
            claims = [{**claim_dict(by_id[w["claim_id"]], docs), "words": w["words"]} for w in who]
            attributes.append(
                {
                    "attribute": attr,
                    "value": value,
                    "sources": sorted({w["source"] or "unknown" for w in who}),
                    "speakers": sorted({w["speaker"] for w in who if w["speaker"]}),
                    "claims": claims,
                }
            )
    attributes.sort(key=lambda a: (ATTRIBUTES.index(a["attribute"]), -len(a["sources"]), a["value"]))
    agreements = Counter(p.cue or "other" for p in e.agreements)
    return {
        "id": e.id,
        "label": e.label,
        "target": e.target,
        "kind": e.kind,
        "first": e.first,
        "last": e.last,
        "sources": e.sources,
        "size": len(e.claims),
        "attributes": attributes,
        "conflicts": ordered_conflicts([_pair_dict(p, docs) for p in e.conflicts]),
        "agreements": len(e.agreements),
        "agreements_by_attribute": dict(sorted(agreements.items())),
        "timeline": _toll_values(e),
        "clusters": clusters,
    }
