"""Events of an index seen from outside the façade: the claims that name an event, and the events a
new article's claims touch (for ``xcheck check``).

Everything goes through a :class:`~xcheck.corpus.Corpus` and the grouping of
:mod:`xcheck.pairing.events`; nothing here writes to the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .corpus import Corpus
from .pairing.events import Event, build_events, event_candidates, group_claims
from .pairing.relate import ClaimView

__all__ = ["EventTouches", "event_views", "touched_events"]


def event_views(corpus: Corpus) -> list[ClaimView]:
    """Every claim of the index whose frame names an event."""
    views = corpus.claim_views(corpus.store.sql.all_claim_ids(), with_event=True)
    return [v for v in views.values() if v.frame.event]


@dataclass
class EventTouches:
    """Which index events the new claims touch, and the claims of those events to judge them against.

    ``by_claim``: new claim id -> the index event its claim belongs to; ``candidates``: (new claim id,
    index claim id) pairs of one event that both state an attribute (who, with what, denial, state),
    to be judged whatever their similarity."""

    events: dict[str, Event] = field(default_factory=dict)
    by_claim: dict[int, str] = field(default_factory=dict)
    candidates: list[tuple[int, int]] = field(default_factory=list)


def touched_events(corpus: Corpus, new: Sequence[ClaimView]) -> EventTouches:
    """The index events that the claims ``new`` (negative claim ids, one doc id per new article) join
    when they are grouped with the index's claims; a group made of new claims only is no index event."""
    out = EventTouches()
    mine = [v for v in new if v.frame.event]
    if not mine:
        return out
    old = event_views(corpus)
    if not old:
        return out
    events = build_events(old)
    home = {c.claim_id: e for e in events for c in e.claims}
    new_ids = {v.claim_id for v in mine}
    for _target, claims in group_claims([*old, *mine]):
        olds = [home[c.claim_id] for c in claims if c.claim_id in home]
        if not olds:
            continue
        # the event most of its index claims belong to (a new claim can only bridge, never split)
        counts: dict[str, int] = {}
        for e in olds:
            counts[e.id] = counts.get(e.id, 0) + 1
        best = max(sorted(counts), key=lambda i: counts[i])
        event = next(e for e in olds if e.id == best)
        for c in claims:
            if c.claim_id in new_ids:
                out.by_claim[c.claim_id] = event.id
                out.events[event.id] = event
    for a, b in event_candidates([*old, *mine], new_ids):
        if (a in new_ids) == (b in new_ids):
            continue  # two new claims: the check judges new claims against the index only
        n, o = (a, b) if a in new_ids else (b, a)
        if out.by_claim.get(n) is not None:
            if home.get(o) is out.events.get(out.by_claim[n]):
                out.candidates.append((n, o))
        elif home.get(o) is not None:
            # a new report of no stated place ("a jail in Donbass") shown in no event, because two events
            # of its class fall on its day: judged against the claims of each
            out.candidates.append((n, o))
            out.events[home[o].id] = home[o]
    return out
