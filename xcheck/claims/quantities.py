"""Quantities in a sentence as intervals [low, high] with a kind.

Kinds and the intervals they give (``None`` = unbounded; all tolerances live in :data:`TOLERANCES`):

=============  =============================================  =====================================
kind           cue                                            interval for value v
=============  =============================================  =====================================
exact          a plain number "606", "six million", "a dozen"   [v, v]
approximate    about, around, approximately, roughly, some,   [0.9 v, 1.1 v]  (+-10 %)
               an estimated, circa, ~, "or so", "-odd"
approximate    nearly, almost, close to, just under,          [0.9 v, v]      (just under v)
               approaching, not quite
approximate    just over, just above, a little over,          [v, 1.1 v]      (just over v)
               slightly more than
lower_bound    more than, over, above, at least, no fewer /   [v, None]
               less than, upwards of, in excess of, exceeding,
               "or more", "+", "-plus"
upper_bound    up to, less than, fewer than, under, below,    [0, v]
               at most, no more than, as many as, "or fewer"
range          "between 300 and 400", "300-400", "300 to 400",  [a, b] (a < b; "2-3 million" shares
               "three or four"                                the scale, "10-15%" the unit)
vague          hundreds, dozens, scores of, thousands,        :data:`~xcheck.claims.numwords.VAGUE_INTERVALS`
               several, a handful, a few, tens of thousands   ("hundreds" = [200, 999])
=============  =============================================  =====================================

A bound cue on a vague amount keeps the vague end: "at least hundreds" = [200, None].
"from 300 to 400" (a change, not a range) gives two exact quantities.

Numbers: digits with thousands separators (1,248 and 700 000) and decimals; scales "6.3 million",
"1.5m", "12k", "5bn", "$3tn", "Rs 5 crore", "five lakh"; currencies $ € £ ¥ ₹ ₦ ₱, US$, Rs, KSh
(measure = ISO code: usd, eur, gbp, ...); percentages "%", "percent", "per cent", "pc", "percentage
points" (unit ``percent``); spelled-out cardinals via ``text2num``; fractions ("half of", "two-thirds
of", "2/3 of", "one in five") as percent; glued units "10kg", "300MW" (measure = the unit);
measurement compounds "12-year-old" (measure ``age``), "40-mile", "24-hour", "10,000-strong".

Not counts (dropped): years 1900-2100 standing as years ("in 2022", "2022's", "2014-2015", "between
2006 and 2011"; kept when a bound cue precedes or a counted noun follows: "more than 2000 people");
dates and times of day (found by :mod:`xcheck.claims.timex`); ordinals ("3rd", "second-largest");
numbers glued to letters or inside codes ("9N210", "Su-34", "S-300", "HIMARS M142", "COVID-19", "5G",
"1990s", "15.08.22"); a number right after a capitalised non-initial word ("Boeing 777", "Resolution
2334"; not in Title Case headlines, and not when a counted noun or unit follows); designators ("Article
5", "section 230", "No. 10", "flight 17", "reactor 4", "page 3"); phone-like numbers; other "N-word"
compounds ("one-off"); numbers written with a slash ("24/7", "9/11"); scores where the first number is
not smaller ("won 3-1").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xcheck.claims import measures, numwords, vocab
from xcheck.claims.numwords import (
    AND_A_HALF_RE,
    DOZEN_RE,
    FRACTION_RE,
    HALF_A_RE,
    NUMBER_WORDS_RE,
    RATIO_RE,
    SCALE_SUFFIXES,
    VAGUE_RE,
)

KINDS = ("exact", "approximate", "lower_bound", "upper_bound", "range", "vague")

TOLERANCES: dict[str, tuple[float, float]] = {
    # cue class -> (low factor, high factor) applied to v
    "about": (0.9, 1.1),
    "below": (0.9, 1.0),
    "above": (1.0, 1.1),
}


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    kind: str
    measure: str | None = None
    subject: str | None = None
    unit: str | None = None
    role: str = "total"  # total | increment ("six more") | part ("including 7 children")

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "low": self.low,
            "high": self.high,
            "kind": self.kind,
            "measure": self.measure,
            "subject": self.subject,
            "unit": self.unit,
            "role": self.role,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quantity:
        return cls(
            text=str(d["text"]),
            start=int(d["start"]),
            end=int(d["end"]),
            low=None if d.get("low") is None else float(d["low"]),
            high=None if d.get("high") is None else float(d["high"]),
            kind=str(d["kind"]),
            measure=d.get("measure"),
            subject=d.get("subject"),
            unit=d.get("unit"),
            role=str(d.get("role") or "total"),
        )

    def contains(self, value: float) -> bool:
        lo = float("-inf") if self.low is None else self.low
        hi = float("inf") if self.high is None else self.high
        return lo <= value <= hi


# ------------------------------------------------------------------------------------------ regexes

_CUR = (
    r"(?:US|A|C|NZ|HK|S)?\$|[€£¥₹₦₱]|Rs\.?|INR|KSh"
    r"|(?<![A-Za-z\d])[NRP](?=\d[\d,.]*\s?(?:million|billion|trillion|crore|lakh|bn|m)\b)"
)
CURRENCIES: dict[str, str] = {
    "$": "usd",
    "US$": "usd",
    "A$": "aud",
    "C$": "cad",
    "NZ$": "nzd",
    "HK$": "hkd",
    "S$": "sgd",
    "€": "eur",
    "£": "gbp",
    "¥": "jpy",
    "₹": "inr",
    "Rs": "inr",
    "Rs.": "inr",
    "INR": "inr",
    "₦": "ngn",
    "N": "ngn",
    "₱": "php",
    "P": "php",
    "KSh": "kes",
    "R": "zar",
}
_DIGIT_RE = re.compile(
    rf"(?:(?P<cur>{_CUR})\s?|(?<![\w.$€£¥₹₦₱#№]))"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d,.])|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s?(?P<pct>%|(?i:percent|per\s?cent|percentage\s+points?)\b|pc\b|pp\b)"
    r"|[\s-]?(?P<sc>(?i:trillion|billion|million|thousand|crore|lakh)|mln|bln|mn|bn|tn)\b"
    r"|(?P<sx>[kKmMbB])(?!\w)"
    r"|(?P<gu>km|kg|mm|cm|ml|mg|lbs?|ft|mph|kph|kW|MW|GW|kWh|MWh|GWh|ha)(?!\w))?"
)
_INDIAN_SCALE_RE = re.compile(r"\s+(lakh|crore)s?\b", re.IGNORECASE)
_SLASH_FRACTION_RE = re.compile(r"(?<![\w/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?=\s+of\b)")
_PCT_AFTER_RE = re.compile(r"\s?(?:%|percent\b|per\s?cent\b|percentage\s+points?\b)", re.IGNORECASE)
_PHONE_RE = re.compile(
    r"\+\d[\d\s().\-]{6,}\d|\(\d{3}\)\s?\d{3}[\s.\-]\d{4}|\b\d{3}[.\-]\d{3}[.\-]\d{4}\b|(?<![\d,])\b\d{3}-\d{4}\b"
)
_LEFT_MOD_RE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?P<m>no\s+more\s+than|not\s+more\s+than|no\s+fewer\s+than|no\s+less\s+than|"
    r"not\s+less\s+than|not\s+fewer\s+than|more\s+than|greater\s+than|over|above|at\s+least|upwards\s+of|"
    r"upward\s+of|in\s+excess\s+of|well\s+over|well\s+above|north\s+of|exceeding|exceeded|exceeds|topping|"
    r"topped|surpassing|surpassed|a\s+minimum\s+of|a\s+maximum\s+of|up\s+to|less\s+than|fewer\s+than|"
    r"under|below|at\s+most|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|nearly|almost|close\s+to|"
    r"just\s+under|just\s+shy\s+of|just\s+below|approaching|not\s+quite|just\s+over|just\s+above|"
    r"a\s+little\s+over|slightly\s+more\s+than|slightly\s+over|about|around|approximately|approx\.|"
    r"roughly|some|an\s+estimated|estimated|circa|c\.|~|in\s+the\s+region\s+of|on\s+the\s+order\s+of)"
    r"\s*$",
    re.IGNORECASE,
)
_MOD_CLASS: dict[str, str] = {}
for _k in [
    "more than",
    "greater than",
    "over",
    "above",
    "at least",
    "upwards of",
    "upward of",
    "in excess of",
    "well over",
    "well above",
    "north of",
    "exceeding",
    "exceeded",
    "exceeds",
    "topping",
    "topped",
    "surpassing",
    "surpassed",
    "a minimum of",
    "no fewer than",
    "no less than",
    "not less than",
    "not fewer than",
]:
    _MOD_CLASS[_k] = "lower"
for _k in [
    "up to",
    "less than",
    "fewer than",
    "under",
    "below",
    "at most",
    "as many as",
    "as much as",
    "as high as",
    "no more than",
    "not more than",
    "a maximum of",
]:
    _MOD_CLASS[_k] = "upper"
for _k in [
    "nearly",
    "almost",
    "close to",
    "just under",
    "just shy of",
    "just below",
    "approaching",
    "not quite",
]:
    _MOD_CLASS[_k] = "below"
for _k in ["just over", "just above", "a little over", "slightly more than", "slightly over"]:
    _MOD_CLASS[_k] = "above"
for _k in [
    "about",
    "around",
    "approximately",
    "approx.",
    "roughly",
    "some",
    "an estimated",
    "estimated",
    "circa",
    "c.",
    "~",
    "in the region of",
    "on the order of",
]:
    _MOD_CLASS[_k] = "about"

_RIGHT_MOD_RE = re.compile(
    r"(?P<lower>\s+or\s+more\b|\s+or\s+over\b|\s+or\s+above\b|\s+and\s+(?:more|over|above)\b|\+|-?\s?plus\b)"
    r"|(?P<about>\s+or\s+so\b|-odd\b)|(?P<upper>\s+or\s+(?:fewer|less|under)\b)",
    re.IGNORECASE,
)
_DESIGNATOR_RE = re.compile(
    r"\b(?:article|art\.|articles|section|sec\.|sections|chapter|paragraph|para\.|clause|resolution|rule|title|"
    r"part|protocol|amendment|page|pages|p\.|pp\.|item|flight|route|highway|interstate|line|unit|reactor|"
    r"platform|gate|room|building|no\.|nos\.|number|grade|level|category|phase|stage|round|version|tier|size|"
    r"channel|bus|tram|block|apartment|apt\.|floor|precinct|ward|exit|lane|road|street|st\.|avenue|ave\.|"
    r"model|type|class|mark|mk\.?|series|vol\.|volume|episode|season|code|batch|lot|decree|law|bill|"
    r"act|file|ref\.|id|tel\.?|phone|fax|ext\.|zone|sector|hall|terminal|pier|berth|cell|"
    r"school|gymnasium|lyceum|kindergarten|regiment|battalion|brigade|proposal|district|hb|sb|sjr)\s*$",
    re.IGNORECASE,
)
_YEAR_POSSESSIVE_RE = re.compile(r"['’]s\b")
_FROM_TAIL_RE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_BETWEEN_TAIL_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_CHANGE_TAIL_RE = re.compile(
    r"\b(?:rose|risen|rising|rises|increased|increasing|jumped|climbed|grew|fell|dropped|declined|"
    r"went\s+up|went\s+down)\b[^,.;]{0,20}$",
    re.IGNORECASE,
)
_COMPOUND_RE = re.compile(r"-([A-Za-z]+(?:-old)?)")
# "a 40-mile convoy", "a 24-hour curfew", "a 12-year-old": compounds that state a measurement.
UNIT_COMPOUNDS: dict[str, str] = {
    "year-old": "age",
    "years-old": "age",
    "month-old": "age (months)",
    "day-old": "age (days)",
    "week-old": "age (weeks)",
    "strong": "strong",
}
for _u in [
    "year",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "second",
    "mile",
    "km",
    "kilometre",
    "kilometer",
    "metre",
    "meter",
    "foot",
    "feet",
    "inch",
    "acre",
    "hectare",
    "storey",
    "story",
    "floor",
    "seat",
    "bed",
    "room",
    "ton",
    "tonne",
    "pound",
    "lb",
    "kg",
    "kilogram",
    "litre",
    "liter",
    "gallon",
    "point",
    "member",
    "magnitude",
    "page",
    "vote",
    "degree",
    "percent",
]:
    UNIT_COMPOUNDS[_u] = _u
_GLUED_UNITS = {"lb": "lbs", "lbs": "lbs", "kph": "km/h", "ha": "hectares"}
_ONE_SKIP_NEXT = frozenset(
    [
        "of",
        "another",
        "day",
        "time",
        "way",
        "side",
        "point",
        "thing",
        "hand",
        "more",
        "or",
        "and",
        "the",
        "who",
        "which",
        "that",
        "in",
        "on",
        "at",
        "is",
        "was",
        "has",
        "had",
        "would",
        "could",
        "can",
        "will",
        "must",
        "should",
        "might",
        "may",
        "said",
        "says",
        "to",
        "by",
        "for",
        "with",
        "from",
        "but",
        "such",
        "like",
        "as",
        "after",
        "before",
        "year",
        "week",
        "month",
        "night",
        "morning",
        "evening",
        "afternoon",
        "moment",
        "else",
        "less",
        "fewer",
        "too",
    ]
)
_ONE_SKIP_PREV = frozenset(
    ["no", "any", "every", "each", "the", "this", "that", "which", "someone", "anyone"]
)
_FIRST_WORD_RE = re.compile(r"[A-Za-z]+")
_PREV_WORD_RE = re.compile(r"([A-Za-z][\w\-]*)\W*$")
_CODE_PREV_RE = re.compile(r"(?:^|[\s(\"“])(?P<w>[A-Z][A-Za-z]*-?[A-Za-z]*)\s$")
_NOT_CODE_WORDS = frozenset(
    [
        *vocab.MONTHS,
        "About",
        "Around",
        "Over",
        "Some",
        "Nearly",
        "Almost",
        "More",
        "Fewer",
        "Less",
        "At",
        "Up",
        "Approximately",
        "Roughly",
        "Just",
        "Under",
        "Below",
        "Above",
        "Exactly",
        "Only",
        "Another",
        "Estimated",
        "An",
        "Between",
        "From",
        "To",
        "And",
        "Or",
        "Of",
        "In",
        "On",
        "By",
        "For",
        "With",
        "As",
        "Than",
        "Killed",
        "Wounded",
        "Injured",
        "Including",
        "The",
        "Those",
        "These",
        "Its",
        "Their",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Total",
        "Toll",
        "Killing",
    ]
)
_COUNT_WORDS: frozenset[str] = frozenset(measures.SUBJECT_TERMS) | frozenset(measures.MEASURE_TERMS)
_UNIT_WORDS = frozenset(
    [
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "feet",
        "ft",
        "kg",
        "tonnes",
        "tons",
        "pounds",
        "lbs",
        "percent",
        "per",
        "cent",
        "hectares",
        "acres",
        "litres",
        "liters",
        "gallons",
        "degrees",
        "points",
        "votes",
        "seats",
        "beds",
        "minutes",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
        "dollars",
        "euros",
        "square",
        "cubic",
        "barrels",
    ]
)
_TITLE_WORD_RE = re.compile(r"\b[A-Za-z]{4,}\b")
_HAS_DIGIT_RE = re.compile(r"\d")
_WORD_SET_RE = re.compile(r"[a-z]+")
_NUMBER_VOCAB = frozenset(numwords.UNITS) | frozenset(numwords.TENS) | frozenset(numwords.SCALES)
_VAGUE_VOCAB = frozenset(
    [
        "hundreds",
        "thousands",
        "dozens",
        "scores",
        "millions",
        "billions",
        "several",
        "handful",
        "few",
        "couple",
    ]
)


@dataclass
class _Cand:
    start: int
    end: int
    low: float
    high: float
    kind: str  # exact | vague
    unit: str | None = None
    currency: str | None = None  # normalised currency code, e.g. "usd"
    scale: float | None = None  # explicit scale word/suffix
    raw: float = 0.0  # value before scale
    plain_int: bool = False  # digits only, no separators/decimals/currency/scale
    is_word: bool = False
    mod: str | None = None
    measure: str | None = None  # forced measure (compounds, glued units)
    prio: int = 0


def _r(x: float | None) -> float | None:
    if x is None:
        return None
    y = round(x, 6)
    return float(int(y)) if y == int(y) and abs(y) < 1e15 else y


def _next_word(text: str, pos: int) -> str:
    m = _FIRST_WORD_RE.search(text, pos, min(len(text), pos + 40))
    if m is None or text[pos : m.start()].strip(" ") != "":
        return ""
    return m.group().lower()


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD_RE.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


def _overlaps(s: int, e: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


def _compound(sentence: str, e: int) -> tuple[str | None, int] | None:
    """For "-word" right after a number: (measure or None to keep plain, new end) or None to drop."""
    cm = _COMPOUND_RE.match(sentence, e)
    if cm is None:
        return (None, e)
    tail = cm.group(1).lower()
    if tail in ("plus", "odd"):
        return (None, e)  # handled by the right-hand cue
    base = tail.removesuffix("s") if tail not in UNIT_COMPOUNDS else tail
    if base in UNIT_COMPOUNDS:
        return (UNIT_COMPOUNDS[base] if base != "strong" else None, cm.end())
    return None


def _digit_cands(sentence: str, masks: Sequence[tuple[int, int]]) -> list[_Cand]:
    out: list[_Cand] = []
    n = len(sentence)
    for m in _SLASH_FRACTION_RE.finditer(sentence):
        a, b = int(m.group("a")), int(m.group("b"))
        if 0 < a < b:
            pct = 100.0 * a / b
            out.append(_Cand(m.start(), m.end(), pct, pct, "exact", unit="percent", raw=pct, prio=2))
    for m in _DIGIT_RE.finditer(sentence):
        s, e = m.start(), m.end()
        ns, ne = m.span("num")
        if _overlaps(ns, ne, masks):
            continue
        num = m.group("num")
        cur = m.group("cur")
        after = sentence[e : e + 3]
        if e < n and (sentence[e].isalnum() or sentence[e] == "_"):
            continue  # 9N210, 3rd, 1990s, 5G
        if after[:1] in ("/", ":", ".") and after[1:2].isdigit():
            continue  # 24/7, 13:00, 15.08.22, 1.2.3
        if not cur and ns >= 1:
            b1 = sentence[ns - 1]
            b2 = sentence[ns - 2] if ns >= 2 else " "
            if b1 in "/:" and b2.isdigit():
                continue
            if b1 in "-‐–" and ns >= 2:
                # Su-34, S-300, COVID-19, 9K720-1: a code when glued to letters before the dash
                k = ns - 2
                while k >= 0 and (sentence[k].isalnum() or sentence[k] == "."):
                    k -= 1
                token = sentence[k + 1 : ns - 1]
                if token and not token.replace(",", "").replace(".", "").isdigit():
                    continue
        forced: str | None = None
        if sentence.startswith("-", e) and not m.group("sc"):
            comp = _compound(sentence, e)
            if comp is None:
                if not cur:
                    continue
            else:
                forced, e = comp
        cleaned = num.replace(",", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        try:
            raw = float(cleaned)
        except ValueError:
            continue
        if len(cleaned) > 1 and cleaned[0] == "0" and cleaned[1] != ".":
            continue  # 044, 007: codes
        scale = None
        sc = m.group("sc") or m.group("sx")
        if sc:
            scale = SCALE_SUFFIXES.get(sc.lower())
            if scale is None:
                continue
        if m.group("gu"):
            gu = m.group("gu")
            forced = _GLUED_UNITS.get(gu.lower(), gu)
        unit = "percent" if m.group("pct") else None
        if unit and "point" in m.group("pct").lower():
            forced = "percentage points"
        val = raw * (scale or 1.0)
        plain = cleaned.isdigit() and "," not in num and " " not in num and not scale and not unit and not cur
        code = None
        if cur:
            code = CURRENCIES.get(cur.strip().rstrip("."), CURRENCIES.get(cur.strip(), "money"))
        out.append(
            _Cand(
                s,
                e,
                val,
                val,
                "exact",
                unit=unit,
                currency=code,
                scale=scale,
                raw=raw,
                plain_int=plain and forced is None,
                measure=forced,
                prio=1,
            )
        )
    return out


def _word_cands(sentence: str, low_s: str, words: frozenset[str]) -> list[_Cand]:
    out: list[_Cand] = []
    if words & _VAGUE_VOCAB:
        for m in VAGUE_RE.finditer(sentence):
            s, e = m.span()
            nxt = _next_word(sentence, e)
            after = sentence[e : e + 40]
            if nxt == "of":
                om = re.match(r"\s+of\s+(?:the\s+)?([A-Za-z]+)", after)
                nxt2 = om.group(1).lower() if om else ""
            else:
                nxt2 = nxt
            if numwords.is_time_word(nxt2):
                continue
            vw = " ".join((m.group("vague") or "").lower().split())
            if vw == "scores" and nxt not in (
                "of",
                "more",
                "were",
                "have",
                "had",
                "are",
                "killed",
                "dead",
                "injured",
                "wounded",
                "died",
            ):
                continue
            if vw in ("several", "a few", "a handful") and nxt == "":
                continue
            lo, hi = numwords.vague_interval(m)
            out.append(_Cand(s, e, lo, hi, "vague", is_word=True, prio=3))
    if "dozen" in words:
        for m in DOZEN_RE.finditer(sentence):
            k_s = m.group("n").lower()
            k = 1.0 if k_s in ("a", "one") else numwords.small_number(k_s)
            if k is None:
                continue
            out.append(_Cand(m.start(), m.end(), 12 * k, 12 * k, "exact", raw=12 * k, is_word=True, prio=3))
    if "half" in words:
        for m in HALF_A_RE.finditer(sentence):
            sc = m.group("s").lower()
            v = 6.0 if sc == "dozen" else 0.5 * numwords.SCALES[sc]
            out.append(_Cand(m.start(), m.end(), v, v, "exact", raw=v, is_word=True, prio=3))
        if "and a half" in low_s:
            for m in AND_A_HALF_RE.finditer(sentence):
                base = numwords.words_to_number(m.group("n"))
                if base is None:
                    continue
                sc_v = numwords.SCALES[m.group("s").lower()] if m.group("s") else 1.0
                v = (base + 0.5) * sc_v
                out.append(
                    _Cand(m.start(), m.end(), v, v, "exact", raw=base + 0.5, scale=sc_v, is_word=True, prio=3)
                )
    if words & _FRACTION_VOCAB:
        for m in FRACTION_RE.finditer(sentence):
            f = m.group("f").lower()
            nxt = _next_word(sentence, m.end())
            prv = _prev_word(sentence, m.start())
            if f == "half":
                if prv in ("first", "second", "latter", "other", "the", "last", "next", "in"):
                    continue
                if nxt not in (
                    "of",
                    "the",
                    "their",
                    "its",
                    "his",
                    "her",
                    "our",
                    "all",
                    "these",
                    "those",
                    "them",
                ):
                    continue
            elif nxt != "of":
                continue
            pct = numwords.fraction_percent(f)
            if pct is None:
                continue
            out.append(
                _Cand(m.start(), m.end(), pct, pct, "exact", unit="percent", raw=pct, is_word=True, prio=2)
            )
    if ("in" in words or "out" in words) and (words & _NUMBER_VOCAB or _HAS_DIGIT_RE.search(sentence)):
        for m in RATIO_RE.finditer(sentence):
            a = numwords.small_number(m.group("a"))
            b = numwords.small_number(m.group("b"))
            if a is None or b is None or not 0 < a < b <= 1000:
                continue
            nxt = _next_word(sentence, m.end())
            if numwords.is_time_word(nxt) or nxt in _UNIT_WORDS:
                continue
            pct = 100.0 * a / b
            out.append(
                _Cand(m.start(), m.end(), pct, pct, "exact", unit="percent", raw=pct, is_word=True, prio=2)
            )
    if words & _NUMBER_VOCAB:
        for m in NUMBER_WORDS_RE.finditer(sentence):
            s, e = m.span()
            phrase = m.group()
            val = numwords.words_to_number(phrase)
            if val is None:
                pre = numwords.longest_number_prefix(phrase)
                if pre is None:
                    continue
                val, ln = pre
                e = s + ln
                phrase = sentence[s:e]
            forced: str | None = None
            if sentence.startswith("-", e) and e + 1 < len(sentence) and sentence[e + 1].isalpha():
                comp = _compound(sentence, e)
                if comp is None:
                    continue
                forced, e = comp
            if phrase.lower() == "one" and forced is None:
                nxt = _next_word(sentence, e)
                prv = _prev_word(sentence, s)
                if nxt in _ONE_SKIP_NEXT or nxt == "" or prv in _ONE_SKIP_PREV:
                    continue
            im = _INDIAN_SCALE_RE.match(sentence, e)
            if im:
                val *= SCALE_SUFFIXES[im.group(1).lower()]
                e = im.end()
            unit = None
            pm = _PCT_AFTER_RE.match(sentence, e)
            if pm:
                unit = "percent"
                e = pm.end()
            out.append(
                _Cand(s, e, val, val, "exact", unit=unit, raw=val, is_word=True, measure=forced, prio=2)
            )
    return out


_FRACTION_VOCAB = frozenset(["half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth"])


def _select(cands: list[_Cand]) -> list[_Cand]:
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), -c.prio))
    kept: list[_Cand] = []
    for c in cands:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


def _apply_left_mod(sentence: str, c: _Cand) -> None:
    lm = _LEFT_MOD_RE.search(sentence, max(0, c.start - 40), c.start)
    if not lm:
        return
    key = " ".join(lm.group("m").lower().split())
    cls = _MOD_CLASS.get(key)
    if cls is None:
        return
    if c.kind == "vague" and key in ("some", "over", "under", "above", "below", "about", "around"):
        return
    c.mod = cls
    c.start = lm.start("m")


def _apply_right_mod(sentence: str, c: _Cand) -> None:
    rm = _RIGHT_MOD_RE.match(sentence, c.end)
    if not rm:
        return
    # "some 50 or more": a bound on the right overrides an approximation on the left
    if rm.group("lower"):
        c.mod = "lower" if c.mod in (None, "about") else c.mod
    elif rm.group("about"):
        c.mod = c.mod or "about"
    elif rm.group("upper"):
        c.mod = "upper" if c.mod in (None, "about") else c.mod
    c.end = rm.end()


def _is_year(sentence: str, c: _Cand) -> bool:
    if not c.plain_int or c.kind != "exact" or c.mod or c.is_word:
        return False
    if not 1900 <= c.low <= 2100 or c.end - c.start != 4:
        return False
    if _YEAR_POSSESSIVE_RE.match(sentence, c.end):
        return True
    return _next_word(sentence, c.end) not in _COUNT_WORDS


def _is_code_context(sentence: str, c: _Cand, title_case: bool) -> bool:
    if c.is_word or c.currency or c.unit or c.measure:
        return False
    nxt = _next_word(sentence, c.end)
    if nxt in _COUNT_WORDS or nxt in _UNIT_WORDS or numwords.is_time_word(nxt):
        return False
    left = sentence[max(0, c.start - 40) : c.start]
    if _DESIGNATOR_RE.search(left) or left.endswith("#"):
        return True
    if not c.plain_int or title_case:
        return False
    cm = _CODE_PREV_RE.search(left)
    if cm is None:
        return False
    w = cm.group("w")
    if w in _NOT_CODE_WORDS:
        return False
    prefix = left[: cm.start("w")]
    # not when the capitalised word starts the sentence ("About 300 ...")
    return not (c.start - len(left) == 0 and not prefix.strip(" \"“'‘(["))


def _merge_ranges(sentence: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands) and a.kind == "exact" and not a.mod and a.measure is None:
            b = cands[i + 1]
            gap = sentence[a.end : b.start]
            conn = gap.strip().lower()
            tail = sentence[max(0, a.start - 20) : a.start]
            dash = conn in ("-", "–", "—") and len(gap) <= 3
            if (
                a.plain_int
                and 1900 <= a.low <= 2100
                and (dash or conn in ("to", "and"))
                and ((dash and b.low < 100) or (b.plain_int and 1900 <= b.low <= 2100))
            ):
                i += 2  # "2014-2015", "2004-06", "between 2006 and 2011": a span of years
                continue
            ok = False
            if (b.kind == "exact" and (b.mod is None or dash)) and (
                dash
                or (
                    conn == "to"
                    and not _FROM_TAIL_RE.search(tail)
                    and not _CHANGE_TAIL_RE.search(sentence, 0, a.start)
                )
                or (conn == "and" and _BETWEEN_TAIL_RE.search(tail))
                or (conn == "or" and a.is_word == b.is_word)
            ):
                ok = True
            if ok:
                lo = a.low
                if a.scale is None and b.scale is not None and a.raw < b.raw:
                    lo = a.raw * b.scale
                hi = b.high
                if lo < hi:
                    start = a.start
                    if conn == "and":
                        bm = _BETWEEN_TAIL_RE.search(tail)
                        if bm:
                            start = a.start - len(tail) + bm.start()
                    out.append(
                        _Cand(
                            start,
                            b.end,
                            lo,
                            hi,
                            "range",
                            unit=b.unit or a.unit,
                            currency=a.currency or b.currency,
                            raw=a.raw,
                            mod=b.mod if b.mod in ("lower", "upper") else None,
                            is_word=a.is_word,
                            measure=b.measure,
                        )
                    )
                    i += 2
                    continue
                if dash and not a.unit and not b.unit:
                    i += 2  # "won 3-1": a score, not a count
                    continue
        out.append(a)
        i += 1
    return out


def _interval(c: _Cand) -> tuple[float | None, float | None, str]:
    if c.mod == "lower":
        return c.low, None, "lower_bound"
    if c.mod == "upper":
        return 0.0, c.high, "upper_bound"
    if c.kind in ("vague", "range"):
        return c.low, c.high, c.kind
    if c.mod in TOLERANCES:
        f_lo, f_hi = TOLERANCES[c.mod]
        return c.low * f_lo, c.high * f_hi, "approximate"
    return c.low, c.high, "exact"


_AGE_WORDS = frozenset({"aged", "ages", "age"})


def _is_title_case(sentence: str) -> bool:
    words = _TITLE_WORD_RE.findall(sentence)
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) > 0.6


def extract_quantities(sentence: str, masks: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Quantities of ``sentence``; ``masks`` are spans (dates, times) that hold no counts."""
    low_s = sentence.lower()
    has_digit = _HAS_DIGIT_RE.search(sentence) is not None
    words = frozenset(_WORD_SET_RE.findall(low_s))
    if not has_digit and not (words & (_NUMBER_VOCAB | _VAGUE_VOCAB | _FRACTION_VOCAB | {"dozen"})):
        return []
    all_masks = list(masks)
    if has_digit:
        all_masks.extend(m.span() for m in _PHONE_RE.finditer(sentence))
    cands = [c for c in _word_cands(sentence, low_s, words) if not _overlaps(c.start, c.end, all_masks)]
    if has_digit:
        cands.extend(_digit_cands(sentence, all_masks))
    if not cands:
        return []
    cands = _select(cands)
    title_case = _is_title_case(sentence)
    kept: list[_Cand] = []
    for c in _merge_ranges(sentence, cands):
        _apply_left_mod(sentence, c)
        _apply_right_mod(sentence, c)
        if _is_year(sentence, c) or _is_code_context(sentence, c, title_case):
            continue
        if _prev_word(sentence, c.start) in _AGE_WORDS:
            c.measure = "age"  # "men aged 18 to 60": an age, not a count of people
        kept.append(c)
    if not kept:
        return []
    spans = [measures.Span(c.start, c.end, c.currency, c.unit == "percent") for c in kept]
    ms = measures.assign(sentence, spans)
    out: list[Quantity] = []
    for c, (measure, subject) in zip(kept, ms, strict=True):
        lo, hi, kind = _interval(c)
        out.append(
            Quantity(
                text=sentence[c.start : c.end],
                start=c.start,
                end=c.end,
                low=_r(lo),
                high=_r(hi),
                kind=kind,
                measure=c.measure or measure,
                subject=subject,
                unit=c.unit,
            )
        )
    return out
