"""Structured frames for claims: what the judgement compares beyond vector similarity.

A :class:`Frame` holds, for one sentence: the quantities as intervals with what they count
(:mod:`xcheck.claims.quantities`, :mod:`xcheck.claims.measures`), polarity
(:mod:`xcheck.claims.polarity`), dates and the as-of date (:mod:`xcheck.claims.timex`), places and
scope (:mod:`xcheck.claims.places`), entities (:mod:`xcheck.claims.entities`), membership facts
(:mod:`xcheck.claims.membership`) and the speaker (:mod:`xcheck.claims.attribution`).

Call :func:`extract_frames` once per article with its sentences in order; article-level context flows
from sentence to sentence: a treaty or membership body once named is what later "the convention",
"the international treaty", "the alliance" refer to, and "he said" takes the previous speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from xcheck.claims import attribution as _attr
from xcheck.claims import cues as _cues
from xcheck.claims import entities as _ent
from xcheck.claims import events as _ev
from xcheck.claims import membership as _mem
from xcheck.claims import periods as _per
from xcheck.claims import places as _pl
from xcheck.claims import polarity as _pol
from xcheck.claims import quantities as _q
from xcheck.claims import timex as _tx
from xcheck.claims.cues import Cues
from xcheck.claims.events import EventMention
from xcheck.claims.periods import Period
from xcheck.claims.quantities import Quantity

__all__ = [
    "Cues",
    "Entity",
    "EventMention",
    "Frame",
    "Membership",
    "Period",
    "Place",
    "Quantity",
    "extract_frame",
    "extract_frames",
]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    type: str  # city | region | country | other
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(str(d["name"]), str(d["type"]), str(d["text"]))


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: str  # country | organisation | treaty | person

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(str(d["name"]), str(d["type"]))


@dataclass(frozen=True, slots=True)
class Membership:
    entity: str
    relation: str  # party | signatory | member | joined | ratified | signed | withdrew
    treaty: str
    negated: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "relation": self.relation,
            "treaty": self.treaty,
            "negated": self.negated,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Membership:
        return cls(str(d["entity"]), str(d["relation"]), str(d["treaty"]), bool(d["negated"]))


@dataclass(frozen=True)
class Frame:
    """The comparable content of one claim. ``to_dict()`` is JSON-ready."""

    quantities: tuple[Quantity, ...] = ()
    negated: bool = False
    dates: tuple[str, ...] = ()
    as_of: str | None = None
    places: tuple[Place, ...] = ()
    scope: str | None = None
    entities: tuple[Entity, ...] = ()
    memberships: tuple[Membership, ...] = ()
    attribution: str | None = None
    period: Period | None = None
    # The article's places (from its headline or lede) for a claim that names none of its own.
    context_places: tuple[Place, ...] = ()
    moment: str | None = None  # time of day it is stated "as of" ("19:30"); "" for "as of" alone
    said_on: bool = False  # "…, officials said on Monday": its date is the statement's, not the event's
    # "Initially, it was reported that 17 people died": its figures are a first report, superseded by
    # any later one of the same day
    earlier_report: bool = False
    years: tuple[str, ...] = ()
    event: EventMention | None = None  # the event it speaks of: target, kind, agent, weapon, denial, state
    # What the judgement compares of the sentence's words (negation scopes, denial, content words, …):
    # read at extraction, so that the judge never re-reads the text (xcheck.claims.cues).
    cues: Cues = field(default_factory=Cues)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quantities": [q.to_dict() for q in self.quantities],
            "negated": self.negated,
            "dates": list(self.dates),
            "as_of": self.as_of,
            "places": [p.to_dict() for p in self.places],
            "scope": self.scope,
            "entities": [e.to_dict() for e in self.entities],
            "memberships": [m.to_dict() for m in self.memberships],
            "attribution": self.attribution,
            "period": self.period.to_dict() if self.period else None,
            "context_places": [p.to_dict() for p in self.context_places],
            "moment": self.moment,
            "said_on": self.said_on,
            "earlier_report": self.earlier_report,
            "years": list(self.years),
            "event": self.event.to_dict() if self.event else None,
            "cues": self.cues.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str | None = None) -> Frame:
        """The frame of a stored dict. A dict without cues (stored by an extractor before version 25, an
        index built with frames off, a frame written by hand) gets them from ``text``, the claim's
        sentence, when it is given: the judge reads cues only from frames."""
        quantities = tuple(Quantity.from_dict(q) for q in d.get("quantities") or ())
        stored = d.get("cues")
        if stored is not None:
            cues = Cues.from_dict(stored)
        elif text is not None:
            cues = _cues.extract_cues(text, quantities)
        else:
            cues = Cues()
        return cls(
            quantities=quantities,
            negated=bool(d.get("negated", False)),
            dates=tuple(str(x) for x in d.get("dates") or ()),
            as_of=d.get("as_of"),
            places=tuple(Place.from_dict(p) for p in d.get("places") or ()),
            scope=d.get("scope"),
            entities=tuple(Entity.from_dict(e) for e in d.get("entities") or ()),
            memberships=tuple(Membership.from_dict(m) for m in d.get("memberships") or ()),
            attribution=d.get("attribution"),
            period=Period.from_dict(d["period"]) if d.get("period") else None,
            context_places=tuple(Place.from_dict(p) for p in d.get("context_places") or ()),
            moment=d.get("moment"),
            said_on=bool(d.get("said_on", False)),
            earlier_report=bool(d.get("earlier_report", False)),
            years=tuple(str(y) for y in d.get("years") or ()),
            event=EventMention.from_dict(d["event"]) if d.get("event") else None,
            cues=cues,
        )


_ENTITY_KIND = {
    "country": "country",
    "demonym": "country",
    "organisation": "organisation",
    "treaty": "treaty",
}


class _Article:
    """Context carried across the sentences of one article."""

    def __init__(self, published: str | None) -> None:
        self.published = published
        self.pub = _tx.parse_published(published)
        self.coref = _mem.Coref()
        self.last_speaker: str | None = None
        self.places: tuple[Place, ...] = ()  # of the headline or lede: the article's own places
        self.target: str | None = None  # the event target of the headline or lede
        # of the headline or lede, when it names a target hit once but not its place ("a prison")
        self.unplaced_target: str | None = None
        self.lede_city: str | None = None  # the first city of the headline or lede, known in advance
        self.places_city: str | None = None  # the city among the article's own places
        self.control_city: str | None = None  # the city of the article's first statement of who holds it

    def frame(self, sentence: str) -> Frame:
        pub = self.pub
        toks = _ent.tokenize(sentence)
        mentions = _ent.find_mentions(sentence, toks)
        date_hits = _tx.find_dates(sentence, pub)
        masks = [(h.start, h.end) for h in date_hits]
        quantities = _q.extract_quantities(sentence, masks)
        objs, resolved = _mem.resolve_objects(sentence, mentions, self.coref)
        facts = _mem.find_memberships(sentence, mentions, toks, objs)
        speaker = _attr.find_attribution(sentence, toks, mentions)
        if speaker == _attr.PRONOUN:
            speaker = self.last_speaker
        if speaker is not None:
            self.last_speaker = speaker

        ents: list[Entity] = []
        seen: set[tuple[str, str]] = set()

        def add(name: str, typ: str) -> None:
            if (name, typ) not in seen:
                seen.add((name, typ))
                ents.append(Entity(name, typ))

        persons = _ent.find_persons(sentence, mentions)
        items: list[tuple[int, str, str]] = [
            (m.start, m.name, _ENTITY_KIND[m.kind]) for m in mentions if m.kind in _ENTITY_KIND
        ]
        items.extend((s, name, "person") for s, _e, name in persons)
        items.sort(key=lambda t: t[0])
        for _s, name, typ in items:
            add(name, typ)
        for name, typ in resolved:
            add(name, typ)
        for f in facts:
            add(
                f.entity,
                "country"
                if any(e.name == f.entity and e.type == "country" for e in ents)
                else "organisation"
                if any(e.name == f.entity for e in ents)
                else "country",
            )

        as_of = _tx.as_of(sentence, date_hits, pub)
        scope = _pl.find_scope(sentence, date_hits)
        places = tuple(Place(p.name, p.type, p.text) for p in _pl.find_places(sentence, mentions))
        context: tuple[Place, ...] = ()
        if places:
            if not self.places:
                self.places = places
                # its city as a place, not a capital speaking for its government ("Kyiv says …")
                self.places_city = _ev.place_city(sentence, mentions)
        else:
            context = self.places
        # the article's city, not its own: "the railway station" in an article about Kramatorsk
        city = (self.places_city if context else None) or self.lede_city
        event_days = [
            d for d in _tx.dates_of(date_hits) if len(d) == 10 and (not self.published or d <= self.published)
        ]
        event = _ev.find_event(
            sentence,
            mentions,
            speaker=speaker,
            day=event_days[0] if event_days else None,
            context_target=self.target or self.unplaced_target,
            context_place=city,
        )
        # "Russian troops captured Kherson": who holds the city, unless the sentence tells of an incident
        if event is None or (event.kind == "capture" and event.target.startswith("@")):
            held = _ev.control_event(
                sentence,
                mentions,
                day=event_days[0] if event_days else None,
                context_city=self.control_city,
            )
            if held is not None:
                event = held
                self.control_city = self.control_city or held.target.split("@", 1)[1]
        if self.target is None:  # the first target the article names, with or without an event
            own = _ev.resolve_target(sentence, mentions, None, city)
            if own is not None and not own[0].endswith("@"):
                self.target = own[0]
            elif own is not None and self.unplaced_target is None:
                self.unplaced_target = own[0]
        bound = tuple(_bind(sentence, q) for q in quantities)
        return Frame(
            quantities=bound,
            negated=_pol.is_negated(sentence),
            dates=tuple(_tx.dates_of(date_hits)),
            as_of=as_of,
            places=places,
            scope=scope,
            entities=tuple(ents),
            memberships=tuple(Membership(f.entity, f.relation, f.treaty, f.negated) for f in facts),
            attribution=speaker,
            period=_per.find_period(sentence, scope, date_hits, as_of),
            context_places=context,
            moment=_per.moment(sentence),
            said_on=_per.said_on(sentence),
            earlier_report=_per.earlier_report(sentence),
            years=_per.years(sentence),
            event=event,
            cues=_cues.extract_cues(sentence, bound),
        )


def _bind(sentence: str, q: Quantity) -> Quantity:
    """A number's role (total, increment, part) and, in coordinated phrases, its own casualty word."""
    role = _per.quantity_role(sentence, q.start, q.end)
    measure = q.measure
    own = _per.casualty_after(sentence, q.end)
    if own is not None and q.unit is None and measure not in _per.MONEY_AND_UNITS:
        measure = own
    if role == q.role and measure == q.measure:
        return q
    return replace(q, role=role, measure=measure)


def extract_frames(sentences: Sequence[str], *, published: str | None) -> list[Frame]:
    """One :class:`Frame` per sentence of ONE article, in document order.

    ``published`` is the article's ISO date ("YYYY-MM-DD") or None; relative dates resolve against it.
    """
    art = _Article(published)
    for s in sentences[:3]:
        art.lede_city = _ev.place_city(s, _ent.find_mentions(s, _ent.tokenize(s)))
        if art.lede_city:
            break
    return [art.frame(s) for s in sentences]


def extract_frame(sentence: str, *, published: str | None = None) -> Frame:
    """Frame of a single sentence (no article context)."""
    return _Article(published).frame(sentence)
