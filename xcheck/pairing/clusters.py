"""Fact clusters: claims that state one established fact, with their conflicts.

Two claims join when a duplicate, consistent or update pair links them and both state the same fact
key: the same measure, subject, place and period or incident ("killed · civilians · Kharkiv region ·
since 2022-02-24"), or the same statement word for word. A paraphrase or a shared figure without that
key links nothing, so a cluster never chains through loose similarity into thousands of claims.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .places import fact_places
from .relate import CONFLICT, CONSISTENT, DUPLICATE, UPDATE, ClaimView

JOINING = frozenset({DUPLICATE, CONSISTENT, UPDATE})


@dataclass(frozen=True)
class PairRecord:
    """A judged pair as stored: ``a.claim_id < b.claim_id``."""

    relation: str
    similarity: float
    confidence: float
    reason: str
    cue: str | None
    a: ClaimView
    b: ClaimView
    # other claim pairs of the same two articles with the same relation and cue, folded into this one
    # (a headline and its lede that both contradict the other article are one finding)
    more: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation": self.relation,
            "similarity": round(self.similarity, 4),
            "confidence": self.confidence,
            "reason": self.reason,
            "cue": self.cue,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "more": self.more,
        }


@dataclass
class Cluster:
    id: str
    claims: list[ClaimView]
    sources: list[str]
    measure: str | None
    values: list[dict[str, Any]]
    value_range: tuple[float | None, float | None] | None
    conflicts: list[PairRecord] = field(default_factory=list)
    updates: list[PairRecord] = field(default_factory=list)
    title: str | None = None  # the fact: "killed · civilians · Kharkiv region · since 2022-02-24"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "size": len(self.claims),
            "sources": self.sources,
            "measure": self.measure,
            "value_range": list(self.value_range) if self.value_range else None,
            "values": self.values,
            "claims": [c.to_dict() for c in self.claims],
            "conflicts": [p.to_dict() for p in self.conflicts],
            "updates": [p.to_dict() for p in self.updates],
        }


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the smallest claim id is the root: stable ids


def _values(claims: Sequence[ClaimView]) -> tuple[str | None, list[dict[str, Any]]]:
    """The measure most claims of the cluster count, and each claim's value of it."""
    measures = Counter(q.measure for c in claims for q in c.frame.quantities if q.measure)
    if not measures:
        return None, []
    measure = measures.most_common(1)[0][0]
    return measure, values_of(claims, measure)


def _range(values: list[dict[str, Any]]) -> tuple[float | None, float | None] | None:
    """From the smallest value stated to the largest ("at least 15,000" counts as 15,000)."""
    lows = [v["low"] for v in values if v["low"] is not None]
    tops = [v["high"] if v["high"] is not None else v["low"] for v in values]
    tops = [t for t in tops if t is not None]
    if not values:
        return None
    return (min(lows) if lows else None, max(tops) if tops else None)


def values_of(claims: Sequence[ClaimView], measure: str) -> list[dict[str, Any]]:
    """Each claim's value of ``measure`` (claims without one are left out)."""
    out = []
    for c in claims:
        for q in c.frame.quantities:
            if q.measure == measure:
                out.append(
                    {
                        "claim_id": c.claim_id,
                        "source": c.source,
                        "published": c.published,
                        "as_of": c.frame.as_of or c.published,
                        "text": q.text,
                        "low": q.low,
                        "high": q.high,
                        "kind": q.kind,
                    }
                )
                break
    return out


FactKey = tuple[str, str, str, str]


def fact_keys(claim: ClaimView) -> set[FactKey]:
    """(measure, subject, place, period) of each total the claim states, where all four are known; the
    place is the claim's own first most specific one, else its article's."""
    frame = claim.frame
    places = fact_places(frame)
    period = frame.period
    if not places or not period:
        return set()
    label = period.label or ""
    if period.kind in ("day", "span") and period.end:
        label = f"{label} to {period.end}" if label != period.end else label
    keys = set()
    for q in frame.quantities:
        if q.measure and q.role == "total" and q.measure != "age":
            subject = q.subject or ""
            keys.add(
                (
                    str(q.measure),
                    "" if subject in ("people", "persons") else subject,
                    places[0].label,
                    label,
                )
            )
    return keys


def _title(key: FactKey) -> str:
    return " · ".join(part for part in key if part)


def build_clusters(pairs: Iterable[PairRecord]) -> list[Cluster]:
    """Clusters of claims joined by duplicate/consistent/update pairs, each with its conflicts.

    A cluster's id is ``F<smallest claim id>``, stable as long as that claim stays in the index.
    A conflict is listed once, with the larger of the two clusters its claims belong to (the first
    claim's on a tie); a lone claim that only conflicts shows in that conflict.
    """
    pairs = list(pairs)
    uf = _UnionFind()
    views: dict[int, ClaimView] = {}
    shared: dict[int, Counter[FactKey]] = {}  # per claim: the fact keys its joining pairs share
    for p in pairs:
        if p.relation in JOINING or p.relation == CONFLICT:
            views[p.a.claim_id], views[p.b.claim_id] = p.a, p.b
            uf.find(p.a.claim_id)
            uf.find(p.b.claim_id)
        if p.relation in JOINING:
            keys = fact_keys(p.a) & fact_keys(p.b)
            if keys or p.a.frame.cues.key == p.b.frame.cues.key:
                uf.union(p.a.claim_id, p.b.claim_id)
                for cid in (p.a.claim_id, p.b.claim_id):
                    shared.setdefault(cid, Counter()).update(keys)
    members: dict[int, list[int]] = {}
    for cid in views:
        members.setdefault(uf.find(cid), []).append(cid)
    clusters: dict[int, Cluster] = {}
    for root, ids in members.items():
        claims = [views[i] for i in sorted(ids)]
        tally: Counter[FactKey] = Counter()
        for i in ids:
            tally.update(shared.get(i, Counter()))
        key = tally.most_common(1)[0][0] if tally else None
        measure: str | None
        if key is not None:
            measure, values = key[0], values_of(claims, key[0])
        else:
            measure, values = _values(claims)
        value_range = _range(values)
        clusters[root] = Cluster(
            id=f"F{root}",
            claims=claims,
            sources=sorted({c.source or "unknown" for c in claims}),
            measure=measure,
            values=values,
            value_range=value_range,
            title=_title(key) if key else None,
        )
    for p in pairs:
        if p.relation == CONFLICT:
            ra, rb = uf.find(p.a.claim_id), uf.find(p.b.claim_id)
            home = rb if len(clusters[rb].claims) > len(clusters[ra].claims) else ra
            clusters[home].conflicts.append(p)
        elif p.relation == UPDATE:
            clusters[uf.find(p.a.claim_id)].updates.append(p)
    out = [c for c in clusters.values() if len(c.claims) > 1 or c.conflicts]
    out.sort(key=lambda c: (-len(c.conflicts), -len(c.sources), c.id))
    return out


def per_article_pair(pairs: list[PairRecord]) -> list[PairRecord]:
    """One pair per two articles, relation and cue: the first in order stands for the others, which it
    counts in ``more`` (a headline and its lede that both contradict the other article are one finding)."""
    first: dict[tuple[Any, ...], int] = {}
    kept: list[PairRecord] = []
    for p in pairs:
        key = (p.relation, p.cue, *sorted((p.a.doc_id, p.b.doc_id)))
        at = first.get(key)
        if at is None:
            first[key] = len(kept)
            kept.append(p)
        else:
            kept[at] = replace(kept[at], more=kept[at].more + 1)
    return kept
