"""The judgement: are two claims about the same fact, and do they agree?

Same fact first: values are compared only when measure, subject, scope (place and period), treaty
and membership relation agree; otherwise the pair is ``related`` and never a conflict. Then:

- quantities are compared as intervals (the tolerances live in ``xcheck.claims``);
- cumulative measures (killed, injured, fled, investigations, states joined) may only grow: a later
  report with a larger value is an ``update``; a later report with a smaller value, or two reports of
  the same moment that disagree, is a ``conflict``;
- memberships and negation compare polarity; event dates compare dates.

Every judgement carries a one-line reason that names the cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

DUPLICATE = "duplicate"
CONSISTENT = "consistent"
UPDATE = "update"
CONFLICT = "conflict"
RELATED = "related"
RELATIONS = (CONFLICT, UPDATE, CONSISTENT, DUPLICATE, RELATED)
CUES = ("numeric", "negation", "membership", "date")

# Measures that only ever grow as time passes: a larger later value is news, not a contradiction.
CUMULATIVE = frozenset({"killed", "injured", "fled", "investigations", "joined"})
# Similarity above which two claims with no comparable values are taken to say the same thing.
DUPLICATE_SIMILARITY = 0.95
PARAPHRASE_SIMILARITY = 0.88
# Below this, polarity or date differences alone are not trusted to be about the same statement.
TEXT_CUE_SIMILARITY = 0.75

_SEVERITY = {RELATED: 0, DUPLICATE: 1, CONSISTENT: 2, UPDATE: 3, CONFLICT: 4}
_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "neither",
        "nor",
        "none",
        "nobody",
        "nothing",
        "without",
        "denied",
        "denies",
        "deny",
        "n't",
    ]
)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "there",
        "said",
        "says",
        "say",
        "according",
        "than",
        "more",
        "less",
        "about",
    ]
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d[\d,.]*")
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)


@dataclass(frozen=True)
class ClaimView:
    """What the judgement needs of one claim."""

    claim_id: int
    doc_id: int
    text: str
    frame: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    published: str | None = None
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "doc_id": self.doc_id,
            "text": self.text,
            "source": self.source,
            "published": self.published,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Judgement:
    relation: str
    confidence: float
    reason: str
    cue: str | None = None


# -- small helpers ------------------------------------------------------------------------------


def _norm_text(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _content_words(text: str, *, drop_numbers: bool = False) -> set[str]:
    words = set()
    for w in _WORD.findall(text.lower()):
        if w in _STOP or w in _NEGATORS or w.endswith("n't"):
            continue
        if drop_numbers and (w[0].isdigit() or w in _MONTHS):
            continue
        words.add(w)
    return words


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _as_of(c: ClaimView) -> date | None:
    return _iso(c.frame.get("as_of")) or _iso(c.published)


def _bounds(q: dict[str, Any]) -> tuple[float, float]:
    low = q.get("low")
    high = q.get("high")
    return (float("-inf") if low is None else float(low), float("inf") if high is None else float(high))


def _overlap(qa: dict[str, Any], qb: dict[str, Any]) -> bool:
    (la, ha), (lb, hb) = _bounds(qa), _bounds(qb)
    return max(la, lb) <= min(ha, hb)


def _same_value(qa: dict[str, Any], qb: dict[str, Any]) -> bool:
    return _bounds(qa) == _bounds(qb) and qa.get("kind") == qb.get("kind")


def _subjects_fit(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _place_key(frame: dict[str, Any]) -> tuple[str, str, bool] | None:
    """The most specific place of a claim: (name, type, explicit), type city < region < country."""
    rank = {"city": 0, "region": 1, "country": 2, "other": 3}
    places = [p for p in frame.get("places", []) if p.get("name")]
    if not places:
        return None
    p = min(places, key=lambda p: rank.get(p.get("type", "other"), 3))
    text = str(p.get("text") or "").lower()
    explicit = p.get("type") != "city" or "city" in text
    return str(p["name"]).lower(), str(p.get("type", "other")), explicit


def _place_label(frame: dict[str, Any]) -> str | None:
    key = _place_key(frame)
    if key is None:
        return None
    name = next(p["name"] for p in frame["places"] if str(p["name"]).lower() == key[0])
    return {"city": f"{name} city", "region": f"{name} region"}.get(key[1], name) if key[2] else name


def _scope_clash(a: ClaimView, b: ClaimView) -> str | None:
    """Why the two claims are not about the same place, period, event or treaty; None when they may be."""
    pa, pb = _place_key(a.frame), _place_key(b.frame)
    if pa is not None and pb is not None and pa[:2] != pb[:2]:
        ambiguous = pa[0] == pb[0] and {pa[1], pb[1]} == {"city", "region"} and not (pa[2] and pb[2])
        if not ambiguous:
            return f"different places: {_place_label(a.frame)} vs {_place_label(b.frame)}"
    sa, sb = a.frame.get("scope"), b.frame.get("scope")
    if sa and sb and sa != sb:
        return f"different periods or events: {sa} vs {sb}"
    ta = {e["name"] for e in a.frame.get("entities", []) if e.get("type") == "treaty"}
    tb = {e["name"] for e in b.frame.get("entities", []) if e.get("type") == "treaty"}
    if ta and tb and not ta & tb:
        return f"different treaties: {', '.join(sorted(ta))} vs {', '.join(sorted(tb))}"
    return None


def _context(a: ClaimView, b: ClaimView) -> str:
    """The shared frame of a pair, for the reason: period, place, and how far apart the reports are."""
    parts: list[str] = []
    sa, sb = a.frame.get("scope"), b.frame.get("scope")
    if sa and sa == sb:
        parts.append(f"both {sa}" if sa.startswith(("since", "in ", "over", "during")) else sa)
    place = _place_label(a.frame) or _place_label(b.frame)
    if place:
        parts.append(place)
    da, db = _as_of(a), _as_of(b)
    if da and db:
        days = abs((db - da).days)
        parts.append("same day" if days == 0 else f"reported {days} day{'s' if days != 1 else ''} apart")
    return f" ({', '.join(parts)})" if parts else ""


def _speakers(a: ClaimView, b: ClaimView) -> str:
    sa, sb = a.frame.get("attribution"), b.frame.get("attribution")
    if not sa and not sb:
        return ""
    if sa == sb:
        return f"; both according to {sa}"
    return f"; according to {sa or 'unattributed'} vs {sb or 'unattributed'}"


def _confidence(similarity: float, a: ClaimView, b: ClaimView, base: float) -> float:
    known = 0
    if _place_key(a.frame) and _place_key(b.frame):
        known += 1
    if _as_of(a) and _as_of(b):
        known += 1
    if a.frame.get("scope") and b.frame.get("scope"):
        known += 1
    sim = min(1.0, max(0.0, (similarity - 0.5) / 0.4))
    return round(min(0.99, base + 0.25 * sim + 0.05 * known), 2)


# -- the cues -----------------------------------------------------------------------------------


def _numeric(a: ClaimView, b: ClaimView, similarity: float) -> Judgement | None:
    matches = []
    for qa in a.frame.get("quantities", []):
        if not qa.get("measure"):
            continue
        for qb in b.frame.get("quantities", []):
            if (
                qb.get("measure") == qa["measure"]
                and _subjects_fit(qa.get("subject"), qb.get("subject"))
                and qa.get("unit") == qb.get("unit")
            ):
                matches.append((qa, qb))
    if not matches:
        return None
    clash = _scope_clash(a, b)
    if clash:
        qa, qb = matches[0]
        return Judgement(
            RELATED, 0.5, f"{qa['measure']}: {qa['text']} vs {qb['text']}, but {clash}", "numeric"
        )
    verdicts: list[Judgement] = []
    da, db = _as_of(a), _as_of(b)
    for qa, qb in matches:
        measure = qa["measure"]
        head = f"{measure}: {qa['text']} vs {qb['text']}"
        if _overlap(qa, qb):
            rel = DUPLICATE if _same_value(qa, qb) else CONSISTENT
            verdicts.append(
                Judgement(rel, _confidence(similarity, a, b, 0.5), head + _context(a, b), "numeric")
            )
            continue
        a_low = _bounds(qa)[1] < _bounds(qb)[0]  # a's whole interval lies below b's
        if da is None or db is None or da == db:
            when = "no date to order them" if da is None or db is None else "same moment"
            ctx = _context(a, b) if when == "same moment" else f" ({when})"
            base = 0.45 if when == "same moment" else 0.3
            verdicts.append(Judgement(CONFLICT, _confidence(similarity, a, b, base), head + ctx, "numeric"))
            continue
        later_is_larger = (db > da) == a_low
        if measure in CUMULATIVE and later_is_larger:
            verdicts.append(
                Judgement(UPDATE, _confidence(similarity, a, b, 0.5), head + _context(a, b), "numeric")
            )
        elif measure in CUMULATIVE:
            verdicts.append(
                Judgement(
                    CONFLICT,
                    _confidence(similarity, a, b, 0.45),
                    f"{head}: the later report gives less{_context(a, b)}",
                    "numeric",
                )
            )
        else:
            verdicts.append(
                Judgement(UPDATE, _confidence(similarity, a, b, 0.4), head + _context(a, b), "numeric")
            )
    return max(verdicts, key=lambda j: (_SEVERITY[j.relation], j.confidence))


_BOUND = {"party", "member", "joined", "ratified", "signatory", "signed"}


def _is_in(m: dict[str, Any]) -> bool:
    """Whether a membership statement says the entity is in (withdrawing means out)."""
    inside = m.get("relation") in _BOUND
    return inside != bool(m.get("negated"))


def _membership(a: ClaimView, b: ClaimView, similarity: float) -> Judgement | None:
    verdicts = []
    for ma in a.frame.get("memberships", []):
        for mb in b.frame.get("memberships", []):
            if ma.get("entity") != mb.get("entity") or ma.get("treaty") != mb.get("treaty"):
                continue
            ia, ib = _is_in(ma), _is_in(mb)
            subject = f"{ma['entity']} in {ma['treaty']}"

            def word(inside: bool, m: dict[str, Any]) -> str:
                return f"{'' if inside else 'not '}{m['relation']}"

            head = f"{subject}: {word(ia, ma)} vs {word(ib, mb)}"
            if ia == ib:
                rel = DUPLICATE if _norm_text(a.text) == _norm_text(b.text) else CONSISTENT
                verdicts.append(Judgement(rel, _confidence(similarity, a, b, 0.5), head, "membership"))
            else:
                verdicts.append(
                    Judgement(
                        CONFLICT, _confidence(similarity, a, b, 0.55), head + _speakers(a, b), "membership"
                    )
                )
    if not verdicts:
        return None
    return max(verdicts, key=lambda j: (_SEVERITY[j.relation], j.confidence))


def _text_cues(a: ClaimView, b: ClaimView, similarity: float) -> Judgement | None:
    """Negation and event dates, for statements that say the same apart from them."""
    if similarity < TEXT_CUE_SIMILARITY or _scope_clash(a, b):
        return None
    na, nb = bool(a.frame.get("negated")), bool(b.frame.get("negated"))
    if na != nb and _jaccard(_content_words(a.text), _content_words(b.text)) >= 0.6:
        which = "the first" if na else "the second"
        return Judgement(
            CONFLICT,
            _confidence(similarity, a, b, 0.4),
            f"negation: {which} denies what the other states{_speakers(a, b)}",
            "negation",
        )
    dates_a, dates_b = set(a.frame.get("dates", [])), set(b.frame.get("dates", []))
    if (
        dates_a
        and dates_b
        and not dates_a & dates_b
        and na == nb
        and _jaccard(_content_words(a.text, drop_numbers=True), _content_words(b.text, drop_numbers=True))
        >= 0.6
    ):
        return Judgement(
            CONFLICT,
            _confidence(similarity, a, b, 0.4),
            f"date: {', '.join(sorted(dates_a))} vs {', '.join(sorted(dates_b))}{_speakers(a, b)}",
            "date",
        )
    return None


def judge(a: ClaimView, b: ClaimView, similarity: float) -> Judgement:
    """The relation between two claims, with a confidence and a one-line reason."""
    if _norm_text(a.text) == _norm_text(b.text):
        return Judgement(
            DUPLICATE, round(min(0.99, 0.8 + 0.2 * similarity), 2), "same statement" + _context(a, b)
        )
    found = [j for j in (_membership(a, b, similarity), _numeric(a, b, similarity)) if j is not None]
    if found:
        best = max(found, key=lambda j: (_SEVERITY[j.relation], j.confidence))
        if best.relation == CONFLICT and _speakers(a, b) and "according to" not in best.reason:
            best = Judgement(best.relation, best.confidence, best.reason + _speakers(a, b), best.cue)
        if best.relation == DUPLICATE and similarity < PARAPHRASE_SIMILARITY:
            best = Judgement(CONSISTENT, best.confidence, best.reason, best.cue)
        return best
    text = _text_cues(a, b, similarity)
    if text is not None:
        return text
    if similarity >= DUPLICATE_SIMILARITY and bool(a.frame.get("negated")) == bool(b.frame.get("negated")):
        return Judgement(
            DUPLICATE, round(similarity, 2), f"near-identical wording (similarity {similarity:.2f})"
        )
    if similarity >= PARAPHRASE_SIMILARITY and bool(a.frame.get("negated")) == bool(b.frame.get("negated")):
        return Judgement(CONSISTENT, round(similarity - 0.2, 2), f"paraphrase (similarity {similarity:.2f})")
    return Judgement(RELATED, round(similarity * 0.6, 2), "similar wording, no shared fact to compare")
