"""The judgement: are two claims about the same fact, and do they agree?

Same fact first: values are compared only when measure, subject, scope (place and period), treaty
and membership relation agree; otherwise the pair is ``related`` and never a conflict. Then:

- quantities are compared as intervals (the tolerances live in ``xcheck.claims``);
- cumulative measures (killed, injured, fled, investigations, states joined) may only grow: a later
  report with a larger value is an ``update``; a later report with a smaller value, or two reports of
  the same moment that disagree, is a ``conflict``;
- memberships and negation compare polarity; event dates compare dates.

Every judgement carries a one-line reason that names the cue.

The judge reads typed frames (:class:`xcheck.claims.frames.Frame`) and never re-reads a sentence: what
it compares of the words (negations, denials, content words, event dates, partitives, the same
statement) was read into ``frame.cues`` at extraction (:mod:`xcheck.claims.cues`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .. import lexicon
from ..claims.control import CONTROL_CLASS
from ..claims.events import EventMention, city_in_part, opposed_states, speaker_side, target_label
from ..claims.frames import Frame, Membership, Quantity
from .negation import denies, same_speaker, states_most_of
from .places import claim_places, fact_places, place_label, places_fit, scope_clash, speaker_base
from .policy import POLICY
from .text import content_words, jaccard

# Bump when the judgement changes: stored pairs of an older version are judged again.
JUDGE_VERSION = "65"

DUPLICATE = "duplicate"
CONSISTENT = "consistent"
UPDATE = "update"
CONFLICT = "conflict"
RELATED = "related"
RELATIONS = (CONFLICT, UPDATE, CONSISTENT, DUPLICATE, RELATED)
# What decides a pair: figures, polarity, treaty membership, the date of one event, and the attributes
# of one event (xcheck.claims.events): who did it, with what, a denial of one's part, the target's state.
CUES = ("numeric", "negation", "membership", "date", "agent", "weapon", "denial", "status")

# Measures that only ever grow as time passes: a larger later value is news, not a contradiction.
CUMULATIVE = frozenset({"killed", "injured", "fled", "investigations", "joined"})
# Measures of the frame vocabulary (others are fallback head nouns, too loose to tell facts apart).
KNOWN_MEASURES = CUMULATIVE | {"displaced", "missing", "detained", "evacuated"}
# What a conflict or an update may be about: the vocabulary, casualties, money and shares. A fallback
# head noun ("13 settlements", "33 strikes") says too little of what is counted.
COMPARED_MEASURES = KNOWN_MEASURES | {"casualties", "victims", "usd", "eur", "gbp", "rub", "uah", "percent"}
# Every threshold and confidence base lives in xcheck/pairing/policy.py, each with its reason.
P = POLICY
DUPLICATE_SIMILARITY = P.duplicate_similarity  # the default of judge(); benchmarks tune it

_CASUALTY_MEASURES = frozenset({"killed", "injured", "casualties", "victims"})

_SEVERITY = {RELATED: 0, DUPLICATE: 1, CONSISTENT: 2, UPDATE: 3, CONFLICT: 4}


@dataclass(frozen=True)
class ClaimView:
    """What the judgement needs of one claim: its typed frame. ``text`` is for display; the judgement
    reads the frame only (its cues hold what it compares of the words)."""

    claim_id: int
    doc_id: int
    text: str
    frame: Frame = field(default_factory=Frame)
    source: str | None = None
    published: str | None = None
    start: int = 0
    end: int = 0
    part: str = "text"  # the field of the document the span points into: "text" or "title"

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "doc_id": self.doc_id,
            "text": self.text,
            "source": self.source,
            "published": self.published,
            "start": self.start,
            "end": self.end,
            "part": self.part,
        }

    @classmethod
    def from_stored(
        cls, claim_id: int, doc_id: int, text: str, frame: Mapping[str, Any] | Frame, **rest: Any
    ) -> ClaimView:
        """A view of a claim as stored: its frame dict is typed once here (a dict without cues gets them
        from ``text``, see :meth:`Frame.from_dict`)."""
        typed = frame if isinstance(frame, Frame) else Frame.from_dict(dict(frame), text=text)
        return cls(claim_id, doc_id, text, typed, **rest)


@dataclass(frozen=True)
class Judgement:
    relation: str
    confidence: float
    reason: str
    cue: str | None = None


# -- small helpers ------------------------------------------------------------------------------


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _as_of(c: ClaimView) -> date | None:
    return _iso(c.frame.as_of) or _iso(c.published)


def _bounds(q: Quantity) -> tuple[float, float]:
    low = q.low
    high = q.high
    return (float("-inf") if low is None else float(low), float("inf") if high is None else float(high))


def _overlap(qa: Quantity, qb: Quantity) -> bool:
    (la, ha), (lb, hb) = _bounds(qa), _bounds(qb)
    return max(la, lb) <= min(ha, hb)


_LITERAL = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _rounding(q: Quantity) -> float:
    """Half the last stated digit of an exact decimal figure: 0.05e9 for "$6.3 billion", 0 otherwise."""
    if q.kind != "exact" or q.low is None:
        return 0.0
    m = _LITERAL.search(str(q.text or ""))
    if m is None or not m.group(1):
        return 0.0
    stated = float(m.group().replace(",", ""))
    if stated == 0:
        return 0.0
    scale = float(q.low) / stated  # "billion" in "$6.3 billion"
    return 0.5 * scale * 10.0 ** -len(m.group(1))


def _rounded_alike(qa: Quantity, qb: Quantity) -> bool:
    """ "$6.3 billion" and "$6.32 billion": the figure with fewer decimals may be the other one rounded."""
    half = max(_rounding(qa), _rounding(qb))
    if not half or qa.kind != "exact" or qb.kind != "exact" or qa.low is None or qb.low is None:
        return False
    return abs(float(qa.low) - float(qb.low)) <= half * (1 + 1e-9)


def _agree(qa: Quantity, qb: Quantity) -> bool:
    return _overlap(qa, qb) or _rounded_alike(qa, qb)


def _same_value(qa: Quantity, qb: Quantity) -> bool:
    return _bounds(qa) == _bounds(qb) and qa.kind == qb.kind


_ANYONE = frozenset({"people", "persons", "person", "individuals"})


def _subjects_fit(a: str | None, b: str | None) -> bool:
    """One subject class: both unnamed ("19 killed", "19 people") or the same ("civilians"); "children"
    and an unnamed count, or "rescuers", are not shown to count the same people."""
    return (None if a in _ANYONE else a) == (None if b in _ANYONE else b)


def _context(a: ClaimView, b: ClaimView) -> str:
    """The shared frame of a pair, for the reason: period, place, and how far apart the reports are."""
    parts: list[str] = []
    sa, sb = a.frame.scope, b.frame.scope
    if sa and sa == sb:
        parts.append(f"both {sa}" if sa.startswith(("since", "in ", "over", "during")) else sa)
    place = place_label(a.frame) or place_label(b.frame)
    if place:
        parts.append(place)
    da, db = _as_of(a), _as_of(b)
    if da and db:
        days = abs((db - da).days)
        parts.append("same day" if days == 0 else f"reported {days} day{'s' if days != 1 else ''} apart")
    return f" ({', '.join(parts)})" if parts else ""


def _targets(label: str, places: list[Any]) -> set[str]:
    """What an incident label says beyond the kind of attack and the place: its target ("railway station",
    "nova poshta office")."""
    drop = lexicon.words("incident_words") | {w for p in places for w in p.name.split()}
    return {w for w in content_words(label, drop_numbers=True) if w not in drop}


def _same_incident(label_a: str, label_b: str, places: list[Any]) -> bool:
    """Two incident labels that may name one incident: their targets ("the Nova Poshta office" vs "a
    humanitarian convoy") must not differ."""
    wa, wb = _targets(label_a, places), _targets(label_b, places)
    return not wa or not wb or bool(wa & wb)


def _same_place(x: Any, y: Any) -> bool:
    """One place at one level: "Mykolaiv" named bare is not shown to be "the Mykolaiv region"."""
    if x.name == y.name:
        return x.type == y.type and x.explicit == y.explicit
    return places_fit(x, y)


def _fact_gap(a: ClaimView, b: ClaimView) -> str | None:
    """Why the two claims are not shown to be about one fact: place, date and period must all be
    established and agree. None when they are.

    A count of the states in one treaty ("123 nations have joined the Convention on Cluster Munitions")
    needs no place or period: the treaty is its subject and the count a running total."""
    da, db = _as_of(a), _as_of(b)
    ta = {e.name for e in a.frame.entities if e.type == "treaty"}
    tb = {e.name for e in b.frame.entities if e.type == "treaty"}
    if ta & tb:
        return None if da is not None and db is not None else "no date to order them"
    pa, pb = fact_places(a.frame), fact_places(b.frame)
    if not pa or not pb:
        return "no place stated on " + ("either side" if not pa and not pb else "one side")
    # the first of the most specific places each side names is where its fact is: "refugees who arrived
    # in Lithuania from Ukraine" is about Lithuania, "killed in the shelling of the Donetsk region" about
    # the region, not Russia
    if not _same_place(pa[0], pb[0]):
        return f"different places: {pa[0].label} vs {pb[0].label}"
    if da is None or db is None:
        return "no date to order them"
    ra, rb = a.frame.period, b.frame.period
    if not ra or not rb:
        return "no period or event stated" if not ra and not rb else "a period or event on one side only"
    if ra.kind != rb.kind:
        return f"different periods: {ra.label} vs {rb.label}"
    kind = ra.kind
    if kind in ("day", "span") and (ra.end != rb.end or ra.label != rb.label):
        return f"different periods: {ra.label} to {ra.end} vs {rb.label} to {rb.end}"
    if kind == "since" and ra.start and rb.start and ra.start != rb.start:
        return f"different periods: {ra.label} vs {rb.label}"
    if kind == "event" and not _same_incident(ra.label, rb.label, pa + pb):
        return f"different incidents: {ra.label} vs {rb.label}"
    if kind == "event":
        # One facility (a station, a mall, a plant) keeps its incident for days; in a city shelled
        # every day, a report of another day may be of another incident.
        facility = (any(p.type == "other" for p in pa) and any(p.type == "other" for p in pb)) or bool(
            _targets(ra.label, pa + pb) & _targets(rb.label, pa + pb) & lexicon.words("facilities")
        )
        window = P.facility_window_days if facility else P.event_window_days
        if abs((db - da).days) > window:
            return f"incidents {abs((db - da).days)} days apart"
    return None


def _speakers(a: ClaimView, b: ClaimView) -> str:
    sa, sb = a.frame.attribution, b.frame.attribution
    if not sa and not sb:
        return ""
    if sa == sb:
        return f"; both according to {sa}"
    return f"; according to {sa or 'unattributed'} vs {sb or 'unattributed'}"


def _confidence(similarity: float, a: ClaimView, b: ClaimView, base: float) -> float:
    known = 0
    if claim_places(a.frame) and claim_places(b.frame):
        known += 1
    if _as_of(a) and _as_of(b):
        known += 1
    if a.frame.scope and b.frame.scope:
        known += 1
    sim = min(1.0, max(0.0, (similarity - P.sim_low) / P.sim_span))
    return round(min(P.cap, base + P.sim_weight * sim + P.known_weight * known), 2)


# -- the cues -----------------------------------------------------------------------------------


_POINT_KINDS = frozenset({"exact", "lower_bound"})
_GROWING_KINDS = frozenset({"exact", "lower_bound", "approximate"})
_MONEY = frozenset({"usd", "eur", "gbp", "rub", "uah"})


def _comparable(claim: ClaimView) -> list[Quantity]:
    """Quantities with a measure, leaving out parts of a whole ("1.5 million of the refugees")."""
    out = []
    partitives = claim.frame.cues.partitives
    for i, q in enumerate(claim.frame.quantities):
        if not q.measure or q.measure == "age":
            continue
        if i in partitives:
            continue
        out.append(q)
    return out


def _estimate(q: Quantity) -> float:
    """One number for a quantity: the value, the floor of "at least", the centre of "about"."""
    low, high = _bounds(q)
    if q.kind == "approximate" and high != float("inf"):
        return (low + high) / 2
    return low


def _stale(earlier: Quantity, later: Quantity, days: int) -> bool:
    """A rise too fast for the days between two reports of a running total (see Policy.stale_ratio)."""
    e, x = _estimate(earlier), _estimate(later)
    return days <= P.stale_days and e >= P.stale_min and x > P.stale_ratio * e


def _far_below(earlier: Quantity, later: Quantity) -> bool:
    """The later figure is more than Policy.max_running_drop below the earlier one."""
    e, x = _estimate(earlier), _estimate(later)
    return e > 0 and x < (1 - P.max_running_drop) * e


def _grew(earlier: Quantity, later: Quantity) -> bool:
    """A count stated as exact, as a floor or as an estimate that is higher in the later report
    ("at least 30" → "50", "more than 5.5 million" → "about 6.3 million")."""
    return (
        earlier.kind in _GROWING_KINDS
        and later.kind in _GROWING_KINDS
        and _estimate(later) > _estimate(earlier)
    )


def _same_moment(a: ClaimView, b: ClaimView) -> bool:
    """Both claims say "as of" the same date and the same time of day."""
    da, db = _as_of(a), _as_of(b)
    ma, mb = a.frame.moment, b.frame.moment
    return da is not None and da == db and ma is not None and ma == mb


def _same_moment_floors_differ(a: ClaimView, b: ClaimView, qa: Quantity, qb: Quantity) -> bool:
    """Two confirmed counts ("at least 9", "at least 18") that both say they are "as of" the same moment.

    Floors that merely differ are compatible in logic; stated for one moment, they are two different
    counts of it. Without an explicit "as of" on both sides, a higher floor later in the day is news.
    """
    return (
        _same_moment(a, b)
        and qa.kind in _POINT_KINDS
        and qb.kind in _POINT_KINDS
        and _bounds(qa)[0] != _bounds(qb)[0]
    )


def _event_days(claim: ClaimView) -> set[str]:
    """Dates a claim puts its events on, leaving out "by <date>" tallies and "said on <day>" statements."""
    dates = set(claim.frame.dates)
    if not dates or claim.frame.said_on or claim.frame.as_of in dates:
        return set()
    return dates


def _different_days(a: ClaimView, b: ClaimView) -> str | None:
    """Counts of events on different days ("19 killed on Monday", "7 killed on Tuesday") are two facts,
    unless a period or event scope says they are tallies of one thing ("since February 24")."""
    if a.frame.scope or b.frame.scope:
        return None
    da, db = _event_days(a), _event_days(b)
    if da and db and not da & db:
        return f"events on different days: {', '.join(sorted(da))} vs {', '.join(sorted(db))}"
    return None


def _numeric(a: ClaimView, b: ClaimView, similarity: float) -> Judgement | None:
    matches = []
    for qa in _comparable(a):
        for qb in _comparable(b):
            if qb.measure == qa.measure and _subjects_fit(qa.subject, qb.subject) and qa.unit == qb.unit:
                matches.append((qa, qb))
    if not matches:
        return None
    clash = scope_clash(a.frame, b.frame) or _different_days(a, b)
    if (
        clash is None
        and all(qa.measure in _MONEY and not _agree(qa, qb) for qa, qb in matches)
        and jaccard(a.frame.cues.plain, b.frame.cues.plain) < P.money_purpose_overlap
    ):
        clash = "amounts of money for what may be different purposes"
    if clash:
        qa, qb = matches[0]
        return Judgement(
            RELATED, P.unestablished, f"{qa.measure}: {qa.text} vs {qb.text}, but {clash}", "numeric"
        )
    verdicts: list[Judgement] = []
    da, db = _as_of(a), _as_of(b)
    gap = _fact_gap(a, b)
    # "fares rose from $1.50 to $2" in both: each figure is compared with its counterpart, not with
    # every figure of the same measure on the other side.
    settled = {id(q) for pair in matches if _agree(*pair) for q in pair}
    matches = [
        (qa, qb) for qa, qb in matches if _agree(qa, qb) or (id(qa) not in settled and id(qb) not in settled)
    ]
    for qa, qb in matches:
        measure = str(qa.measure)
        head = f"{measure}: {qa.text} vs {qb.text}"
        # Agreement needs no more than the absence of a difference; a conflict or an update is a
        # finding, and needs the same fact established: place, date and period (see _fact_gap).
        agree = _agree(qa, qb)
        running = a.frame.period is not None and a.frame.period.kind in ("since", "span")
        apart = abs((db - da).days) if da and db else 0
        why_not = (
            "a part, an increment or a count of another period, not a total"
            if qa.role != "total" or qb.role != "total"
            else None
            if agree and (gap is None or apart <= P.agreement_window_days)
            else gap
            if gap
            else f"a count of {measure}, not a measure xcheck compares"
            if measure not in COMPARED_MEASURES
            else "a vague figure"
            if "vague" in (qa.kind, qb.kind)
            else "a running toll of whom is not said"  # children? soldiers? rescuers?
            if running and measure in _CASUALTY_MEASURES and not qa.subject
            else None
        )
        if why_not:
            verdicts.append(Judgement(RELATED, P.unestablished, f"{head}, but {why_not}", "numeric"))
            continue
        if agree and gap is None and _same_moment_floors_differ(a, b, qa, qb):
            ctx = _context(a, b)
            verdicts.append(
                Judgement(
                    CONFLICT,
                    _confidence(similarity, a, b, P.floors_of_one_moment),
                    f"{head}: two counts of one moment{ctx}",
                    "numeric",
                )
            )
            continue
        if agree:
            rel = DUPLICATE if _same_value(qa, qb) else CONSISTENT
            if measure in CUMULATIVE and da is not None and db is not None and da != db and gap is None:
                earlier, later = (qa, qb) if da < db else (qb, qa)
                if _grew(earlier, later):
                    rel = UPDATE
            verdicts.append(
                Judgement(rel, _confidence(similarity, a, b, P.agreement), head + _context(a, b), "numeric")
            )
            continue
        a_low = _bounds(qa)[1] < _bounds(qb)[0]  # a's whole interval lies below b's
        if (
            measure in CUMULATIVE
            and da is not None
            and da == db
            and not _same_moment(a, b)
            and qa.unit is None
            and a.frame.period is not None
            and a.frame.period.kind in ("event", "day")
        ):
            # One day, two counts of an incident's or a day's toll, which rises within the day ("rose
            # to", "as of 19:30" vs "as of 20:50", or no time at all): which came first is unknown and
            # the moment is not shown to be one, so it is a low-confidence update, never a conflict.
            # A running total since February is not expected to move much within one day.
            if a.frame.earlier_report != b.frame.earlier_report:
                # "Initially, it was reported that 17 died" vs "the toll rises to 13": the first report
                # is the earlier one, so the order within the day is known
                earlier_q, later_q = (qa, qb) if a.frame.earlier_report else (qb, qa)
                if _bounds(later_q)[1] < _bounds(earlier_q)[0]:
                    verdicts.append(
                        Judgement(
                            CONFLICT,
                            _confidence(similarity, a, b, P.later_less),
                            f"{measure}: first reported {earlier_q.text}, later {later_q.text}: "
                            f"the later report gives less{_context(a, b)}",
                            "numeric",
                        )
                    )
                    continue
            verdicts.append(
                Judgement(
                    UPDATE,
                    _confidence(similarity, a, b, P.same_day_rise),
                    f"{head}: same day, a count that can rise within it{_context(a, b)}",
                    "numeric",
                )
            )
            continue
        if (
            da is not None
            and da == db
            and not _same_moment(a, b)
            and a.frame.period is not None
            and a.frame.period.kind in ("event", "day")
        ):
            # The missing, the evacuated, the detained of one incident move both ways within a day: two
            # counts of that day are two moments of it unless they say they are the same one.
            verdicts.append(
                Judgement(
                    RELATED,
                    P.unestablished,
                    f"{head}, but counts of one day that may be two moments",
                    "numeric",
                )
            )
            continue
        if da is None or db is None or da == db:
            when = "no date to order them" if da is None or db is None else "same moment"
            ctx = _context(a, b) if when == "same moment" else f" ({when})"
            base = P.same_moment if when == "same moment" else P.stale
            verdicts.append(Judgement(CONFLICT, _confidence(similarity, a, b, base), head + ctx, "numeric"))
            continue
        later_is_larger = (db > da) == a_low
        earlier_q, later_q = (qa, qb) if da < db else (qb, qa)
        if measure in CUMULATIVE and later_is_larger and _stale(earlier_q, later_q, abs((db - da).days)):
            first, second = (da, db) if da < db else (db, da)
            verdicts.append(
                Judgement(
                    CONFLICT,
                    _confidence(similarity, a, b, P.stale),
                    f"{measure}: {earlier_q.text} on {first} vs {later_q.text} on {second}: too "
                    f"fast a rise for {abs((db - da).days)} day(s), one side repeats a stale figure"
                    + _context(a, b),
                    "numeric",
                )
            )
        elif measure in CUMULATIVE and later_is_larger:
            verdicts.append(
                Judgement(UPDATE, _confidence(similarity, a, b, P.update), head + _context(a, b), "numeric")
            )
        elif measure in CUMULATIVE and running and _far_below(earlier_q, later_q):
            # A running total since February far below an earlier one almost always counts something
            # else: killed and injured as "injured", all crimes as war crimes.
            verdicts.append(
                Judgement(
                    RELATED,
                    P.unestablished,
                    f"{head}, but the later running total is far below the earlier one: likely another count",
                    "numeric",
                )
            )
        elif measure in CUMULATIVE:
            verdicts.append(
                Judgement(
                    CONFLICT,
                    _confidence(similarity, a, b, P.later_less),
                    f"{head}: the later report gives less{_context(a, b)}",
                    "numeric",
                )
            )
        else:
            verdicts.append(
                Judgement(UPDATE, _confidence(similarity, a, b, P.change), head + _context(a, b), "numeric")
            )
    return max(verdicts, key=lambda j: (_SEVERITY[j.relation], j.confidence))


_BOUND = frozenset({"party", "member", "joined", "ratified"})
_SIGNED = frozenset({"signatory", "signed"})


def _stance(m: Membership) -> tuple[str, bool]:
    """(family, inside) of a membership statement: bound (party, member, joined, ratified) or signed.

    Withdrawing is being out of the bound family.
    """
    relation = m.relation
    negated = bool(m.negated)
    if relation == "withdrew":
        return "bound", negated
    return ("signed" if relation in _SIGNED else "bound"), not negated


def _stances_clash(a: tuple[str, bool], b: tuple[str, bool]) -> bool | None:
    """True: they contradict; False: they agree; None: they say different things that can both hold."""
    if a[0] == b[0]:
        return a[1] != b[1]
    signed, bound = (a, b) if a[0] == "signed" else (b, a)
    if not signed[1] and bound[1]:
        return True  # "not even a signatory" vs "a state party": as news uses the words, a contradiction
    if signed[1] and not bound[1]:
        return None  # signed but not ratified: both can hold
    return False


def _membership(a: ClaimView, b: ClaimView, similarity: float) -> Judgement | None:
    verdicts = []
    for ma in a.frame.memberships:
        for mb in b.frame.memberships:
            if ma.entity != mb.entity or ma.treaty != mb.treaty:
                continue
            sa, sb = _stance(ma), _stance(mb)
            clash = _stances_clash(sa, sb)
            if clash is None:
                continue

            def word(m: Membership) -> str:
                return f"{'not ' if m.negated else ''}{m.relation}"

            head = f"{ma.entity} in {ma.treaty}: {word(ma)} vs {word(mb)}"
            if clash:
                verdicts.append(
                    Judgement(
                        CONFLICT,
                        _confidence(similarity, a, b, P.membership_conflict),
                        head + _speakers(a, b),
                        "membership",
                    )
                )
            else:
                rel = DUPLICATE if a.frame.cues.key == b.frame.cues.key else CONSISTENT
                verdicts.append(
                    Judgement(rel, _confidence(similarity, a, b, P.membership_agreement), head, "membership")
                )
    if not verdicts:
        return None
    return max(verdicts, key=lambda j: (_SEVERITY[j.relation], j.confidence))


def _within(a: ClaimView, b: ClaimView, days: int) -> bool:
    """Both claims are dated, at most ``days`` apart."""
    da, db = _as_of(a), _as_of(b)
    return da is not None and db is not None and abs((da - db).days) <= days


def _event_dates(claim: ClaimView) -> list[tuple[str, frozenset[str], str, str]]:
    """(verb, words before it, resolved date, date as written) of each "<...> <event verb> [where] on
    <date>" of a claim (read at extraction: :mod:`xcheck.claims.cues`); the resolved date is the frame's
    when the claim states one date ("late on Friday" = 2023-09-08), else ""."""
    resolved = claim.frame.dates
    day = resolved[0] if len(resolved) == 1 else ""
    return [(e.verb, e.words, day, e.day) for e in claim.frame.cues.event_dates]


def _event_date_clash(a: ClaimView, b: ClaimView) -> tuple[str, str, str] | None:
    """("invasion began", "february 24", "february 20") when both claims date one event differently:
    by their resolved dates when both state one, else by the words."""
    for verb_a, words_a, iso_a, text_a in _event_dates(a):
        for verb_b, words_b, iso_b, text_b in _event_dates(b):
            date_a, date_b = (iso_a, iso_b) if iso_a and iso_b else (text_a, text_b)
            # one subject: "the Mariupol drama theatre" is not "the Mariupol maternity hospital"
            shared = len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))
            if verb_a == verb_b and shared >= P.event_subject_overlap and date_a != date_b:
                return f"{sorted(words_a & words_b)[0]} {verb_a}", date_a, date_b
    return None


def _membership_subjects_differ(a: ClaimView, b: ClaimView) -> bool:
    """Both state memberships, but of different countries or bodies: "the United States is not a party"
    and "Ukraine is a state party" do not contradict each other."""
    ea = {m.entity for m in a.frame.memberships}
    eb = {m.entity for m in b.frame.memberships}
    return bool(ea and eb and not ea & eb)


def _text_cues(a: ClaimView, b: ClaimView, similarity: float) -> Judgement | None:
    """Negation, event dates and changed numbers, for statements that say the same apart from them."""
    if scope_clash(a.frame, b.frame) or _membership_subjects_differ(a, b):
        return None
    ca, cb = a.frame.cues, b.frame.cues
    a_denies_b, b_denies_a = denies(ca, cb), denies(cb, ca)
    same_polarity = not (a_denies_b or b_denies_a)
    clash = _event_date_clash(a, b)
    if clash and same_polarity and similarity >= P.event_date_similarity:
        event, date_a, date_b = clash
        return Judgement(
            CONFLICT,
            _confidence(similarity, a, b, P.event_date),
            f"date: {event} on {date_a} vs {date_b}{_speakers(a, b)}",
            "date",
        )
    if similarity < P.text_cue_floor:
        return None
    overlap = jaccard(ca.words, cb.words)
    speakers = (speaker_base(a.frame), speaker_base(b.frame))
    opposed = all(speakers) and not same_speaker(*speakers)
    if opposed:
        # Two parties contradicting each other ("Kyiv says X", "Moscow denies X") share few words; their
        # opposition and the similarity of the sentences carry the judgement.
        scopes_a, scopes_b = ca.negations, cb.negations
        first = bool(scopes_a)
        plain, denied = (b, scopes_a) if first else (a, scopes_b)  # plain: the side without a negation
        negating = a if first else b
        denial = (
            first != bool(scopes_b)
            and overlap >= P.opposed_overlap
            # "Moscow denies …", "a fake"; a plain "not" only between near-identical statements ("Kyiv
            # says Russia shelled the plant on Saturday" / "Moscow says Russia did not shell it")
            and (negating.frame.cues.denial_word or similarity >= P.opposed_plain_not_similarity)
            and not negating.frame.cues.denies_denial
            and similarity >= P.opposed_denial_similarity
            and _within(
                a, b, P.denial_window_days if not negating.frame.cues.denial_word else P.reply_window_days
            )
            and not plain.frame.cues.refusal
            # the sentences say much the same, or the other side states most of what is denied
            and (similarity >= P.text_cue_similarity or states_most_of(plain.frame.cues, denied))
        )
    else:
        # One voice, or none: a conflict when one side negates the very words the other states.
        first = a_denies_b and not cb.refusal
        denial = (
            overlap >= P.denial_overlap
            and similarity >= P.text_cue_similarity
            # one fact at one time: "corridors will not open today" (March 28) and "11 corridors will
            # open" (April 6) are two days' plans
            and _within(a, b, P.denial_window_days)
            and (first or (b_denies_a and not ca.refusal))
        )
    if denial:
        which = "the first" if first else "the second"
        return Judgement(
            CONFLICT,
            _confidence(similarity, a, b, P.negation),
            f"negation: {which} denies what the other states{_speakers(a, b)}",
            "negation",
        )
    if similarity < P.text_cue_similarity:
        return None
    dates_a, dates_b = set(a.frame.dates), set(b.frame.dates)
    plain_a, plain_b = ca.plain, cb.plain
    if (
        dates_a
        and dates_b
        and not dates_a & dates_b
        and same_polarity
        and jaccard(plain_a, plain_b) >= P.same_wording_overlap
    ):
        # The same wording with another date is another report ("operational information as of April 2"
        # vs "as of May 1"), not a contradiction; one event given two dates is _event_date_clash's.
        return Judgement(
            RELATED,
            round(similarity * P.related_factor, 2),
            f"the same kind of statement about other dates: {', '.join(sorted(dates_a))} vs "
            f"{', '.join(sorted(dates_b))}",
            "date",
        )
    va = sorted(q.text for q in a.frame.quantities)
    vb = sorted(q.text for q in b.frame.quantities)
    years_a, years_b = set(a.frame.years), set(b.frame.years)
    if (
        va
        and vb
        and va != vb
        and same_polarity
        and years_a == years_b
        and jaccard(plain_a, plain_b) >= P.restated_overlap
        and _fact_gap(a, b) is None
    ):
        da, db = _as_of(a), _as_of(b)
        rel = UPDATE if da and db and da != db else CONFLICT
        return Judgement(
            rel,
            _confidence(similarity, a, b, P.restated),
            f"{', '.join(va)} vs {', '.join(vb)} in the same statement{_context(a, b)}",
            "numeric",
        )
    return None


def _measures(claim: ClaimView) -> set[str]:
    return {str(q.measure) for q in _comparable(claim)}


def _values(claim: ClaimView) -> list[tuple[float, float]]:
    return sorted(_bounds(q) for q in claim.frame.quantities if q.measure != "age")


# -- events: who did it, with what, denied, in what state ---------------------------------------


def _event(claim: ClaimView) -> EventMention | None:
    ev = claim.frame.event
    return ev if ev is not None and ev.target else None


def _event_day(claim: ClaimView, ev: EventMention) -> date | None:
    return _iso(ev.day) or _iso(claim.published)


def event_gap(a: ClaimView, b: ClaimView) -> str | None:
    """Why two claims are not shown to speak of one event; None when they are: the same target, and the
    same incident: within the facility window for a target hit once (a station, a mall, a ship), the same
    day otherwise (a nuclear plant shelled again and again)."""
    ea, eb = _event(a), _event(b)
    if ea is None or eb is None:
        return "no event on " + ("either side" if ea is None and eb is None else "one side")
    ta, tb = ea.target, eb.target
    # a strike on the city ("@Kramatorsk") may be the strike on its station, on the same day; so may
    # "a train station" of no stated place ("station@")
    # only a facility hit once: "the Zaporizhzhia nuclear plant" is not in the city it is named after
    in_city = (
        ta != tb
        and (ta.startswith("@") or tb.startswith("@"))
        and ta.split("@")[1] == tb.split("@")[1]
        and _stands_in_city(ea if tb.startswith("@") else eb)
    )
    # "the nuclear plant" of no stated place and "the Zaporizhzhia nuclear plant": the same facility
    # when reported together (within the window of a target hit more than once, below)
    (ca, pa), (cb, pb) = ta.split("@", 1), tb.split("@", 1)  # class and place
    unplaced = ta != tb and not (pa and pb) and ca == cb
    # "a railway station in central Ukraine": a place of no city, joined to a city that lies there only
    part_a, part_b = city_in_part(pa, pb), city_in_part(pb, pa)
    if ca == cb and ta != tb and (part_a is not None or part_b is not None):
        if (part_a is not None and part_b is not None) or not (pa and pb):
            return "no city stated for the target on either side"
        if not (part_a or part_b):
            return f"different targets: {ta} vs {tb}"
        unplaced = True
    if unplaced and ta.endswith("@") and tb.endswith("@"):
        return "no place stated for the target on either side"
    if ta != tb and not (in_city or unplaced):
        return f"different targets: {ta} vs {tb}"
    in_city = in_city or unplaced
    da, db = _event_day(a, ea), _event_day(b, eb)
    if da is None or db is None:
        return "no date to tie the two reports to one incident"
    once = ea.once and eb.once and not in_city
    facility = ta == tb and not ta.startswith("@") and not ta.endswith("@")
    again = unplaced and not (ea.once and eb.once)  # "the nuclear plant": hit again and again
    window = (
        P.facility_window_days
        if once
        else P.repeated_facility_window_days
        if facility
        else P.event_window_days
    )
    vague = ea if ta.startswith("@") or ta.endswith("@") or part_a is not None else eb
    if unplaced:  # "a warship" on the day the Moskva sank, or the day after: as for one facility
        window = P.repeated_facility_window_days
    elif ta == tb and ta.endswith("@") and ca not in lexicon.words("seldom_hit"):
        # "a hospital" shelled on March 5 and "a hospital" bombed on March 12: two of the many; only a
        # class seldom hit ("a jail in Donbass", "a facility holding captured troops") is one incident
        window = min(window, P.repeated_facility_window_days)
    if again and any(x.denier and not x.agent and not x.day for x in (ea, eb)):
        window = P.repeated_facility_reply_days
    elif in_city and not again and not _building_and_city(ta, tb) and vague.denier and not vague.agent:
        # "claims that a Russian missile hit Kramatorsk are not true": a denial that names only the
        # city (or a station of no place) answers the accusation about the incident there for days
        window = P.reply_window_days
    elif (
        unplaced
        and ca in lexicon.words("seldom_hit")
        and _answers(named=eb if vague is ea else ea, accusation=vague)
        and (db >= da if vague is ea else da >= db)
    ):
        # "Russia accuses Ukraine of killing POWs with HIMARS" (July 29), then "the HIMARS strike on
        # the Olenivka prison is a Russian invention" (August 11): a denial that names the place answers
        # the accusations made before it, as a denial naming only the place answers the one naming it
        window = P.reply_window_days
    elif facility and not once and any(x.denier and not x.agent and not x.day for x in (ea, eb)):
        window = max(window, P.repeated_facility_reply_days)
    apart = abs((db - da).days)
    if apart > window:
        return f"reports {apart} days apart of a target hit more than once"
    return None


def _answers(*, named: EventMention, accusation: EventMention) -> bool:
    """Whether ``named`` denies (a side's part in the incident, the weapon, or the incident) what
    ``accusation`` asserts (who did it, or with what), which denies nothing itself: a reply, whether or not
    it blames the other side ("Russia denies bombing the theatre, blames Azov"), not a second account.
    A side's denial names the incident ("denies striking", "the bombing"): "Russia denies obstructing a
    Red Cross visit to the prison" answers no accusation of the strike."""
    denies = bool((named.denier and named.kind) or named.weapon_denied or named.event_denied)
    accuses = bool(accusation.agent or accusation.weapon)
    denied = bool(accusation.denier or accusation.weapon_denied or accusation.event_denied)
    return denies and accuses and not denied


def in_city_class(target: str) -> bool:
    """A class of building that stands inside the city it is named with, hit again and again (an
    apartment block, a school; ``event_in_city.txt``): not a plant named after a city it is not in."""
    return target.split("@")[0] in lexicon.words("event_in_city")


def _stands_in_city(e: EventMention) -> bool:
    """A facility hit once (a station), or a building of its city (``in_city_class``): a strike on the
    city that day may be on it."""
    return e.once or in_city_class(e.target)


def _building_and_city(ta: str, tb: str) -> bool:
    """A strike on the city and one on a building of it hit again and again (an apartment block): maybe
    one strike, maybe two; never a contradiction on who did it or with what, and only the same day."""
    if ta.startswith("@") == tb.startswith("@"):
        return False
    return in_city_class(tb if ta.startswith("@") else ta)


def _voice(c: ClaimView) -> str:
    speaker = c.frame.attribution
    return f"{speaker} in {c.source}" if speaker and c.source else speaker or c.source or "unattributed"


def _denial_voice(c: ClaimView, denier: str) -> str:
    """Who denies: the sentence's speaker, unless the speaker is of another side ("Ukraine says Russia
    struck the theatre, Moscow denies attack": Russia denies, in the outlet's words)."""
    side = speaker_side(c.frame.attribution)
    if side is None or side == denier:
        return _voice(c)
    return f"{denier} in {c.source}" if c.source else denier


# States nothing comes back from: "afloat" then "sunk" is news; "sunk" then "afloat" a contradiction.
_FINAL_STATES = lexicon.words("final_states")


def _state_may_have_changed(a: ClaimView, b: ClaimView) -> bool:
    """One report gives a final state (sunk, destroyed) no earlier than the other gives its opposite:
    the target may have sunk in between."""
    ea, eb = _event(a), _event(b)
    assert ea is not None and eb is not None
    for x, cx, cy in ((ea, a, b), (eb, b, a)):
        if x.status in _FINAL_STATES:
            dx, dy = _as_of(cx), _as_of(cy)
            return dx is not None and dy is not None and dx >= dy
    return False


def _event_state_change(a: ClaimView, b: ClaimView, similarity: float, dup: float) -> Judgement | None:
    """ "The cruiser remains afloat", then "the cruiser sank": the state changed, an update."""
    if event_gap(a, b) is not None:
        return None
    ea, eb = _event(a), _event(b)
    assert ea is not None and eb is not None
    sa, sb = ea.status, eb.status
    if not (sa and sb and (sa, sb) in opposed_states() and _state_may_have_changed(a, b)):
        return None
    final = sa if sa in _FINAL_STATES else sb
    return Judgement(
        UPDATE,
        _confidence(similarity, a, b, P.update),
        f"the state changed: {final} reported no earlier than its opposite ({target_label(ea.target)})"
        + _context(a, b),
        "status",
    )


def _cause_against(cause: EventMention, told: ClaimView, strike: EventMention) -> bool:
    """Whether damage from inside (``cause``, as ``told``) disagrees with ``strike`` on what caused it.
    Anywhere but a place holding the other side's people, it does: nobody struck ("a fire on board" vs
    "a Ukrainian missile"). At such a place (``held_targets.txt``) it accuses the holder, so it disagrees
    only with a strike blamed on its teller's own side ("an internal detonation", Ukraine says, vs "Kiev
    struck the prison"), not with one blamed on the other ("Russian shelling of the colony"). With no
    teller known, or a strike blamed on nobody ("a HIMARS rocket hit the prison"), as anywhere."""
    if cause.target.split("@", 1)[0] not in lexicon.words("held_targets"):
        return True
    teller = speaker_side(told.frame.attribution)
    if teller is None or strike.agent is None:
        return True  # whose account it is, or whom the strike is blamed on, unknown: as anywhere
    return strike.agent == teller


def _event_attribute_clash(a: ClaimView, b: ClaimView) -> tuple[str, str] | None:
    """``(cue, reason)`` when two reports of one event disagree on who, with what, denial or state."""
    ea, eb = _event(a), _event(b)
    assert ea is not None and eb is not None
    label = target_label(ea.target)
    causes = set(lexicon.table("causes"))  # "an internal detonation": nobody struck
    if _building_and_city(ea.target, eb.target):
        ea, eb = replace(ea, agent=None, weapon=None), replace(eb, agent=None, weapon=None)
    cause_and_strike = bool(ea.agent and eb.agent and (ea.agent in causes) != (eb.agent in causes))
    if cause_and_strike:
        (x, cx), (y, cy) = sorted(((ea, a), (eb, b)), key=lambda t: t[0].agent not in causes)
        if _cause_against(x, cx, y):
            return "agent", (
                f'what caused it ({label}): {x.agent} ("{x.agent_text}", {_voice(cx)}) vs '
                f'a strike by {y.agent} ("{y.agent_text}", {_voice(cy)})'
            )
    elif ea.agent and eb.agent and ea.agent != eb.agent:
        return "agent", (
            f'who did it ({label}): {ea.agent} ("{ea.agent_text}", {_voice(a)}) vs '
            f'{eb.agent} ("{eb.agent_text}", {_voice(b)})'
        )
    for x, y, cx, cy in ((ea, eb, a, b), (eb, ea, b, a)):
        if (
            x.agent in causes
            and y.weapon
            and not y.weapon_denied
            and y.agent not in causes
            and _cause_against(x, cx, y)
        ):
            return "agent", (
                f'what caused it ({label}): {x.agent} ("{x.agent_text}", {_voice(cx)}) vs '
                f'a strike with {y.weapon} ("{y.weapon_text}", {_voice(cy)})'
            )
    for x, y, cx, cy in ((ea, eb, a, b), (eb, ea, b, a)):
        if x.agent and y.denier == x.agent and y.agent != x.agent:
            return "denial", (
                f'{x.agent} did it ("{x.agent_text}", {_voice(cx)}) vs {x.agent} denies its '
                f'part ("{y.denial_text}", {_denial_voice(cy, x.agent)}) ({label})'
            )
    for x, y, cx, cy in ((ea, eb, a, b), (eb, ea, b, a)):
        # "the images from Bucha are staged" vs "bodies of civilians were found in Bucha": whether it
        # happened at all, whoever did it
        if (
            x.event_denied
            and x.denier
            and y.kind in P.incident_kinds
            and not (y.denier or y.event_denied or cy.frame.negated)
        ):
            return "denial", (
                f'whether it happened ({label}): {x.denier} says it did not ("{x.denial_text}", '
                f"{_denial_voice(cx, x.denier)}) vs a {y.kind} reported ({_voice(cy)})"
            )
    if ea.weapon and ea.weapon == eb.weapon and ea.weapon_denied != eb.weapon_denied:
        return "weapon", (
            f"with what ({label}): {ea.weapon} ({_voice(a)}) vs not {ea.weapon} ({_voice(b)})"
            if eb.weapon_denied
            else f"with what ({label}): not {ea.weapon} ({_voice(a)}) vs {ea.weapon} ({_voice(b)})"
        )
    carriers = lexicon.words("carriers")  # "Tu-22M3 bombers" vs "Kh-22 missiles": the carrier and its means
    if (
        ea.weapon
        and eb.weapon
        and ea.weapon != eb.weapon
        and not (ea.weapon_denied or eb.weapon_denied)
        and not {ea.weapon.lower(), eb.weapon.lower()} & carriers
    ):
        return "weapon", (f"with what ({label}): {ea.weapon} ({_voice(a)}) vs {eb.weapon} ({_voice(b)})")
    sa, sb = ea.status, eb.status
    # a target hit again and again changes state from day to day (a plant cut off, then reconnected):
    # opposite states contradict each other only when reported the same day
    reversible = not (ea.once and eb.once) and _as_of(a) != _as_of(b)
    # "the bazaar was closed on Sunday" vs "hundreds gathered at the bazaar": a building of the news is
    # not at war; a state conflicts on a target hit once, or where a side, a denial or a weapon is named
    at_war = (
        (ea.once and eb.once)
        or any(x.agent or x.denier or x.weapon for x in (ea, eb))
        or ea.target.startswith(CONTROL_CLASS + "@")  # who holds a city: a state only war gives
    )
    if (
        sa
        and sb
        and at_war
        and (sa, sb) in opposed_states()
        and not reversible
        and not _state_may_have_changed(a, b)
    ):
        return "status", (
            f'state of the target ({label}): {sa} ("{ea.status_text}", {_voice(a)}) vs '
            f'{sb} ("{eb.status_text}", {_voice(b)})'
        )
    return None


def _event_agreement(a: ClaimView, b: ClaimView) -> tuple[str, str] | None:
    ea, eb = _event(a), _event(b)
    assert ea is not None and eb is not None
    label = target_label(ea.target)
    for key, cue in (("agent", "agent"), ("weapon", "weapon"), ("status", "status"), ("denier", "denial")):
        if key == "weapon" and ea.weapon_denied != eb.weapon_denied:
            continue
        if getattr(ea, key) and getattr(ea, key) == getattr(eb, key):
            what = f"{getattr(ea, key)} denies its part" if key == "denier" else f"{key} {getattr(ea, key)}"
            return cue, f"both say {what} ({label})"
    for x, y in ((ea, eb), (eb, ea)):  # "Ukraine did it" and "Russia denies it": one account
        if x.agent and y.denier and not y.agent and x.agent != y.denier:
            return "denial", f"{x.agent} did it, {y.denier} denies its part ({label})"
    return None


def _event_conflict(a: ClaimView, b: ClaimView, similarity: float, dup: float) -> Judgement | None:
    """Two reports of one event that disagree on who did it, with what, whether one side did it at all,
    or the state of the target."""
    if event_gap(a, b) is not None:
        return None
    if str(_event(a).target).startswith("@") and str(_event(b).target).startswith("@"):  # type: ignore[union-attr]
        return None  # two reports of strikes on one city that day may be of two strikes
    clash = _event_attribute_clash(a, b)
    if clash is None:
        return None
    cue, reason = clash
    return Judgement(
        CONFLICT, _confidence(similarity, a, b, P.event_attribute_conflict), reason + _context(a, b), cue
    )


def _event_consistent(a: ClaimView, b: ClaimView, similarity: float, dup: float) -> Judgement | None:
    """Two reports of one event that agree on an attribute, when the figures and words decide nothing
    more severe."""
    if event_gap(a, b) is not None:
        return None
    agree = _event_agreement(a, b)
    if agree is None:
        return None
    rest = _facts(a, b, similarity, dup)
    if rest is not None and rest.relation != RELATED:
        return rest
    cue, reason = agree
    return Judgement(
        CONSISTENT, _confidence(similarity, a, b, P.event_attribute_agreement), reason + _context(a, b), cue
    )


def _same_statement(a: ClaimView, b: ClaimView, similarity: float, dup: float) -> Judgement | None:
    """The same words: a duplicate, whatever else."""
    if a.frame.cues.key != b.frame.cues.key:
        return None
    return Judgement(
        DUPLICATE, round(min(P.cap, 0.8 + 0.2 * similarity), 2), "same statement" + _context(a, b)
    )


def _facts(a: ClaimView, b: ClaimView, similarity: float, dup: float) -> Judgement | None:
    """Memberships and figures: the most severe verdict of the two, speakers named on a conflict."""
    found = [j for j in (_membership(a, b, similarity), _numeric(a, b, similarity)) if j is not None]
    if not found:
        return None
    best = max(found, key=lambda j: (_SEVERITY[j.relation], j.confidence))
    if best.relation == CONFLICT and _speakers(a, b) and "according to" not in best.reason:
        best = Judgement(best.relation, best.confidence, best.reason + _speakers(a, b), best.cue)
    if best.relation == DUPLICATE and similarity < dup:
        best = Judgement(CONSISTENT, best.confidence, best.reason, best.cue)
    return best


def _text(a: ClaimView, b: ClaimView, similarity: float, dup: float) -> Judgement | None:
    return _text_cues(a, b, similarity)


def _other_measures(a: ClaimView, b: ClaimView, similarity: float, dup: float) -> Judgement | None:
    """Killed vs injured, refugees vs internally displaced: another fact."""
    ma, mb = _measures(a) & KNOWN_MEASURES, _measures(b) & KNOWN_MEASURES
    if not (ma and mb) or ma & mb:
        return None
    return Judgement(
        RELATED,
        round(similarity * P.related_factor, 2),
        f"different measures: {', '.join(sorted(ma))} vs {', '.join(sorted(mb))}",
    )


def _other_years(a: ClaimView, b: ClaimView, similarity: float, dup: float) -> Judgement | None:
    ya, yb = set(a.frame.years), set(b.frame.years)
    if ya and yb and ya != yb:
        return Judgement(RELATED, round(similarity * P.related_factor, 2), "different years")
    return None


def _wording(a: ClaimView, b: ClaimView, similarity: float, dup: float) -> Judgement:
    """Nothing to compare but the words: a duplicate, a paraphrase, or related."""
    # A negation only one side makes is more than a rewording, even where it contradicts nothing.
    same_polarity = bool(a.frame.negated) == bool(b.frame.negated)
    va_, vb_ = _values(a), _values(b)
    same_values = not (va_ and vb_) or va_ == vb_  # a figure only one side gives is not a difference
    if similarity >= dup and same_polarity and same_values:
        return Judgement(DUPLICATE, round(similarity, 2), f"same statement (similarity {similarity:.2f})")
    da, db = _as_of(a), _as_of(b)
    apart = abs((da - db).days) if da and db else 0
    if (
        similarity >= P.paraphrase_similarity
        and same_polarity
        and same_values
        and apart <= P.agreement_window_days
    ):
        return Judgement(CONSISTENT, round(similarity - 0.2, 2), f"paraphrase (similarity {similarity:.2f})")
    if similarity >= P.paraphrase_similarity and apart > P.agreement_window_days:
        # "Enemy shells 18 settlements in the past day", a month apart: the same kind of report
        return Judgement(
            RELATED,
            round(similarity * P.related_factor, 2),
            f"similar statements reported {apart} days apart",
        )
    return Judgement(
        RELATED, round(similarity * P.related_factor, 2), "similar wording, no shared fact to compare"
    )


Check = Callable[[ClaimView, ClaimView, float, float], "Judgement | None"]
# The judgement: these checks in this order; the first that gives a verdict decides.
CHECKS: tuple[tuple[str, Check], ...] = (
    ("same statement", _same_statement),
    ("event attributes that disagree", _event_conflict),
    ("a target's state that changed", _event_state_change),
    ("event attributes that agree", _event_consistent),
    ("memberships and figures", _facts),
    ("negation, event dates, restated numbers", _text),
    ("different measures", _other_measures),
    ("different years", _other_years),
    ("wording", _wording),
)


def judge(
    a: ClaimView, b: ClaimView, similarity: float, *, duplicate_similarity: float = DUPLICATE_SIMILARITY
) -> Judgement:
    """The relation between two claims, with a confidence and a one-line reason: the verdict of the
    first of :data:`CHECKS` that gives one.

    ``duplicate_similarity``: how similar two statements with nothing to tell them apart must be to be
    called duplicates (the benchmarks tune it on training data).
    """
    for _name, check in CHECKS:
        verdict = check(a, b, similarity, duplicate_similarity)
        if verdict is not None:
            return verdict
    raise AssertionError("the last check always decides")  # pragma: no cover
