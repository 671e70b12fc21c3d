"""Events as a unit: the claims of all sources about one incident, grouped from their frames.

A claim's frame carries an event mention (:mod:`xcheck.claims.events`): a target (``station@Kramatorsk``)
and what it says of the event. Claims are grouped by target and date:

- a target hit once (a station, a mall, a prison, a ship; a massacre) keeps one event while reports
  follow each other within the facility window (``Policy.facility_window_days``);
- any other target (a nuclear plant shelled again and again) has one event per day;
- a strike on a city named without a facility (``@Kramatorsk``) joins a facility event in that city on
  the same day, or is its own event of that day;
- a target of no stated place (``station@``: "Russia bombs train station") joins the one event of its
  class on that day, if there is exactly one, and is left out otherwise.

Each event has a stable id (target and first day: ``station-kramatorsk-2022-04-08``), a label, its
sources, every claim with the attributes it states (who did it, with what, denial, state), the tolls as
a timeline, and the judged pairs among its claims: conflicts and agreements.

Claims sharing an event are candidates for judgement whatever their similarity
(:func:`event_candidates`): the cost grows with the claims per event that state an attribute, not with
the corpus.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..claims.events import city_in_part, is_country_part, target_label
from .policy import POLICY
from .relate import CONFLICT, CONSISTENT, DUPLICATE, ClaimView, event_gap, in_city_class

__all__ = ["ATTRIBUTES", "Event", "build_events", "event_candidates", "event_pairs", "states_something"]

ATTRIBUTES = ("agent", "weapon", "denier", "status")
_WORDS = {"agent": "agent_text", "denier": "denial_text"}  # the attribute's words as written
# a report of no stated place is judged against the events of its class this many days around it
P_UNPLACED = POLICY.repeated_facility_window_days
_TOLL_MEASURES = ("killed", "injured", "missing", "casualties", "victims", "rescued", "evacuated", "detained")


@dataclass
class Event:
    id: str
    target: str
    label: str
    kind: str | None
    first: str
    last: str
    claims: list[ClaimView] = field(default_factory=list)
    conflicts: list[Any] = field(default_factory=list)  # PairRecord
    agreements: list[Any] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({c.source or "unknown" for c in self.claims})

    def attributes(self) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """attribute -> value -> who says so: ``{"agent": {"Russia": [{source, speaker, claim_id,
        text, words}], …}, …}``."""
        out: dict[str, dict[str, list[dict[str, Any]]]] = {a: {} for a in ATTRIBUTES}
        for c in self.claims:
            ev = c.frame.event
            if ev is None:
                continue
            for attr in ATTRIBUTES:
                value = getattr(ev, attr)
                if not value:
                    continue
                words = getattr(
                    ev, {"agent": "agent_text", "denier": "denial_text"}.get(attr, f"{attr}_text")
                )
                out[attr].setdefault(str(value), []).append(
                    {
                        "source": c.source,
                        "speaker": c.frame.attribution,
                        "published": c.published,
                        "claim_id": c.claim_id,
                        "text": c.text,
                        "words": words,
                    }
                )
        return out

    def timeline(self) -> list[dict[str, Any]]:
        """The tolls its claims give, oldest report first: measure, value, as-of date, source."""
        rows = []
        for c in self.claims:
            for q in c.frame.quantities:
                if q.measure not in _TOLL_MEASURES or q.role != "total":
                    continue
                rows.append(
                    {
                        "measure": q.measure,
                        "low": q.low,
                        "high": q.high,
                        "text": q.text,
                        "as_of": c.frame.as_of or c.published,
                        "source": c.source,
                        "claim_id": c.claim_id,
                    }
                )
        rows.sort(key=lambda r: (str(r["as_of"] or ""), r["measure"], r["claim_id"]))
        return rows

    def to_dict(self, *, claims: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "target": self.target,
            "kind": self.kind,
            "first": self.first,
            "last": self.last,
            "sources": self.sources,
            "n_claims": len(self.claims),
            "attributes": {
                attr: {v: len(who) for v, who in values.items()} for attr, values in self.attributes().items()
            },
            "n_conflicts": len(self.conflicts),
            "n_agreements": len(self.agreements),
        }
        if claims:
            out["attributes"] = self.attributes()
            out["timeline"] = self.timeline()
            out["claims"] = [
                {
                    **c.to_dict(),
                    "event": c.frame.event.to_dict() if c.frame.event else None,
                    "speaker": c.frame.attribution,
                }
                for c in self.claims
            ]
            out["conflicts"] = [p.to_dict() for p in self.conflicts]
            out["agreements"] = [p.to_dict() for p in self.agreements]
        return out


def _day(c: ClaimView) -> date | None:
    ev = c.frame.event
    for value in (ev.day if ev else None, c.published):
        if value:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


def _once(c: ClaimView) -> bool:
    return bool(c.frame.event and c.frame.event.once)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "event"


def _kind(claims: Sequence[ClaimView]) -> str | None:
    counts: dict[str, int] = defaultdict(int)
    for c in claims:
        k = c.frame.event.kind if c.frame.event else None
        if k:
            counts[k] += 1
    return max(sorted(counts), key=lambda k: counts[k]) if counts else None


def _make(target: str, claims: list[ClaimView]) -> Event:
    days = sorted(d for c in claims if (d := _day(c)) is not None)
    first, last = days[0].isoformat(), days[-1].isoformat()
    kind = _kind(claims)
    place = target_label(target)
    label = f"{kind or 'event'}: {place}, {first}"
    cls, _, where = target.partition("@")
    return Event(
        id=f"{_slug(cls or 'city')}-{_slug(where)}-{first}",
        target=target,
        label=label,
        kind=kind,
        first=first,
        last=last,
        claims=sorted(claims, key=lambda c: (str(c.published or ""), c.claim_id)),
    )


def group_claims(
    views: Iterable[ClaimView], *, candidates: bool = False
) -> list[tuple[str, list[ClaimView]]]:
    """``(target, claims)`` of each event, claims with an event mention and a date only.

    A claim whose target has no stated place ("a detention facility") is shown in the one event of its
    class that day, or in one that dwarfs the others of that day. With ``candidates`` it goes into every
    event of its class within a day of it, so that the judgement (:func:`event_gap`, pair by pair)
    decides: a second prison event that day must not hide the reports of no place from the first."""
    by_target: dict[str, list[tuple[date, ClaimView]]] = defaultdict(list)
    for c in views:
        ev = c.frame.event
        d = _day(c)
        if not ev or not ev.target or d is None:
            continue
        by_target[str(ev.target)].append((d, c))
    groups: list[tuple[str, list[ClaimView]]] = []
    facility_days: dict[tuple[str, date], list[int]] = defaultdict(list)  # (city, day) -> facility groups
    for target in sorted(t for t in by_target if not t.startswith("@") and not t.endswith("@")):
        items = sorted(by_target[target], key=lambda x: (x[0], x[1].claim_id))
        once = all(_once(c) for _d, c in items)
        current: list[ClaimView] = []
        last: date | None = None
        for d, c in items:
            gap = POLICY.facility_window_days if once else POLICY.event_window_days
            if current and last is not None and (d - last).days > gap:
                groups.append((target, current))
                current = []
            current.append(c)
            last = d
        if current:
            groups.append((target, current))
    # a facility hit once first (the station struck that day), then a building of the city hit again and
    # again (an apartment block): the groups a strike on the city that day may belong to
    for in_city_only in (False, True):
        for i, (target, claims) in enumerate(groups):
            city = target.partition("@")[2]
            once = all(_once(c) for c in claims)
            if once == in_city_only or (in_city_only and not in_city_class(target)):
                continue  # a strike on the city is not on a plant named after it
            for c in claims:
                d = _day(c)
                if d is not None and i not in facility_days[(city, d)]:
                    facility_days[(city, d)].append(i)
    city_groups: dict[tuple[str, date], list[ClaimView]] = defaultdict(list)
    for target in sorted(t for t in by_target if t.startswith("@")):
        for d, c in by_target[target]:
            homes = facility_days.get((target[1:], d), [])
            for home in homes if candidates else homes[:1]:  # judged against each, shown in the first
                groups[home][1].append(c)
            if not homes:
                city_groups[(target, d)].append(c)
    for (target, _d), claims in sorted(city_groups.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        groups.append((target, claims))
    # "a train station" of no stated place joins the one station event of that day, if there is one
    class_days: dict[tuple[str, date], set[int]] = defaultdict(set)
    on_day: dict[tuple[int, date], int] = defaultdict(int)  # claims of a group on a day, before any joins
    for i, (target, claims) in enumerate(groups):
        cls = target.partition("@")[0]
        for c in claims:
            d = _day(c)
            if cls and d is not None:
                class_days[(cls, d)].add(i)
                on_day[(i, d)] += 1
    if candidates:
        # "a mall in central Ukraine": judged against each event of its class within the window whose
        # city lies there (the Kremenchuk mall), as a target of no place is (below)
        for target in sorted(by_target):
            cls, _, part = target.partition("@")
            if not cls or not is_country_part(part):
                continue
            for d, c in by_target[target]:
                for i in sorted(_class_near(class_days, cls, d)):
                    if groups[i][0] != target and city_in_part(part, groups[i][0].partition("@")[2]):
                        groups[i][1].append(c)
    for target in sorted(t for t in by_target if t.endswith("@")):
        for d, c in by_target[target]:
            if candidates:
                for i in sorted(_class_near(class_days, target[:-1], d)):
                    groups[i][1].append(c)
                continue
            homes = sorted(class_days.get((target[:-1], d), set()), key=lambda i: (-on_day[(i, d)], i))
            # the one event of its class that day, or one that dwarfs the others that day (at least three
            # claims and twice the next: 30 reports of the Olenivka prison against one of "a prison in
            # Donetsk"); counted before any report of no place joins, so the order of claims does not matter
            top = on_day[(homes[0], d)] if homes else 0
            if homes and (len(homes) == 1 or (top >= 3 and top >= 2 * on_day[(homes[1], d)])):
                groups[homes[0]][1].append(c)
    if not candidates:
        # "a mall in central Ukraine" is shown in the one mall event of that day in a city there
        for target, claims in groups:
            cls, _, part = target.partition("@")
            if not is_country_part(part):
                continue
            for c in list(claims):
                day = _day(c)
                if day is None:
                    continue
                homes = [
                    i
                    for i in class_days.get((cls, day), set())
                    if city_in_part(part, groups[i][0].partition("@")[2])
                ]
                if len(homes) == 1:
                    claims.remove(c)
                    groups[homes[0]][1].append(c)
        groups = [g for g in groups if g[1]]
    return groups


def _class_near(class_days: dict[tuple[str, date], set[int]], cls: str, d: date) -> set[int]:
    """The groups of class ``cls`` within a day of a target of that class told with no city."""
    near = (d + timedelta(days=k) for k in range(-P_UNPLACED, P_UNPLACED + 1))
    return set().union(*(class_days.get((cls, x), set()) for x in near))


def build_events(views: Iterable[ClaimView], pairs: Sequence[Any] = ()) -> list[Event]:
    """The events of ``views``, biggest first, with the judged ``pairs`` (PairRecord) among their claims:
    conflicts and agreements (consistent or duplicate on an attribute of the event)."""
    events = [_make(target, claims) for target, claims in group_claims(views)]
    home: dict[int, Event] = {}
    for e in events:
        for c in e.claims:
            home[c.claim_id] = e
    for p in pairs:
        ev = home.get(p.a.claim_id)
        if ev is None or home.get(p.b.claim_id) is not ev:
            continue
        if p.relation == CONFLICT:
            ev.conflicts.append(p)
        elif p.relation in (CONSISTENT, DUPLICATE) and p.cue in ("agent", "weapon", "status", "denial"):
            ev.agreements.append(p)
    events.sort(key=lambda e: (-len(e.sources), -len(e.claims), e.first, e.id))
    return events


def states_something(c: ClaimView) -> bool:
    """Who did it, with what, a denial, a state, or a toll of the event (a total, not a part)."""
    ev = c.frame.event
    if ev is not None and any(getattr(ev, a) for a in ATTRIBUTES):
        return True
    return any(
        q.measure in _TOLL_MEASURES and q.role == "total" and q.kind != "vague" for q in c.frame.quantities
    )


def event_candidates(
    views: Sequence[ClaimView], new_ids: Iterable[int] | None = None
) -> list[tuple[int, int]]:
    """Pairs ``(a, b)`` (``a < b``) of claims of one event from different documents that both state an
    attribute (who, with what, denial, state) or a toll, at least one of them in ``new_ids`` (all when
    None).

    These are judged whatever their similarity: "a Ukrainian Tochka-U" and "a Russian missile" about
    one strike may rank far apart by cosine."""
    fresh = None if new_ids is None else set(new_ids)
    out: set[tuple[int, int]] = set()
    for _target, claims in group_claims(views, candidates=True):
        stating = [c for c in claims if states_something(c)]
        if len(stating) < 2:
            continue
        for i, a in enumerate(stating):
            for b in stating[i + 1 :]:
                if a.doc_id == b.doc_id:
                    continue
                if fresh is not None and a.claim_id not in fresh and b.claim_id not in fresh:
                    continue
                if event_gap(a, b) is not None:
                    continue
                out.add((min(a.claim_id, b.claim_id), max(a.claim_id, b.claim_id)))
    return sorted(out)


def event_pairs(
    found: Iterable[tuple[int, int, float]],
    views: Sequence[ClaimView],
    vectors_of: Callable[[list[int]], dict[int, np.ndarray]],
    new_ids: Iterable[int] | None = None,
) -> list[tuple[int, int, float]]:
    """The event candidates of ``views`` (:func:`event_candidates`) that ``found`` (neighbour pairs
    ``(a, b, similarity)``, ``a < b``) lacks, with their similarity from ``vectors_of(ids)`` (id ->
    unit vector): what one index and a sharded one add to their neighbour search."""
    have = {(int(a), int(b)) for a, b, _s in found}
    extra = [p for p in event_candidates(views, new_ids) if p not in have]
    if not extra:
        return []
    vec = vectors_of(sorted({i for p in extra for i in p}))
    return [(a, b, float(np.dot(vec[a], vec[b]))) for a, b in extra]
