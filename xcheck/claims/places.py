"""Places (city / region / country / other) and the event or period a claim is scoped to.

Place typing:

* "the city / town / village / port city / capital of X", "X city" -> city X
* "the X region", "X region / oblast / province / district / raion", "the region of X",
  "the X and Y regions" -> region X (and Y)
* a bare gazetteer name: a known city ("Kharkiv") -> city; a known region ("Donbas", "Crimea", US
  states) -> region; a country (pycountry names and aliases) -> country; plants, stations and seas
  ("Azovstal steel plant", "Kramatorsk railway station", "Black Sea") -> other.

Names are normalised through the gazetteer's transliteration variants (Kiev -> Kyiv, Kharkov -> Kharkiv).

Scope (one string or None), first match wins:

1. "since" + a date -> "since 2022-02-24" (resolved with the publication year); "since 2014";
   "since the start of the war" -> "since start of war" (lower case, articles dropped).
2. a period: "over the past day" / "in the last 24 hours" -> "past day"; "past week" (also 7 days);
   "past month" (30 days); "past year" (12 months); other spans keep their words ("past 3 days");
   "overnight" -> "overnight"; "so far this year" -> "this year".
3. an event: "in the strike on the station" -> "strike on the station", "in Thursday's missile strike on
   the Kramatorsk railway station" -> "missile strike on the Kramatorsk railway station" (articles and
   possessives before the event noun dropped; the object is cut at the next clause word or after 5 words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from xcheck.claims.entities import CITIES, LANDMARKS, REGIONS, Mention
from xcheck.claims.timex import DateHit


@dataclass(frozen=True, slots=True)
class PlaceHit:
    start: int
    end: int
    text: str
    name: str
    type: str


_CAP = r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?"
_CITY_OF_RE = re.compile(
    r"\b[Tt]he\s+(?:(?:port|eastern|western|northern|southern|central|frontline|front-line|besieged|"
    r"south-eastern|southeastern|north-eastern|northeastern|embattled|occupied|Ukrainian|Russian)\s+)*"
    rf"(?:city|town|village|capital|settlement|port|city\s+centre)\s+of\s+(?P<name>{_CAP})"
)
_X_CITY_RE = re.compile(rf"\b(?P<name>{_CAP})\s+city\b(?!\s+(?:council|hall|administration))")
_REGION_SUFFIX_RE = re.compile(
    rf"\b(?P<name>{_CAP})\s+(?:region|oblast|Oblast|Region|province|Province|district|District|raion|"
    r"governorate|Governorate|krai|Krai)\b"
)
_REGION_OF_RE = re.compile(rf"\b[Tt]he\s+(?:region|province|oblast)\s+of\s+(?P<name>{_CAP})")
_REGIONS_PLURAL_RE = re.compile(
    r"\b(?P<list>[A-Z][\w'’\-]+(?:\s*,\s*[A-Z][\w'’\-]+)*\s+and\s+[A-Z][\w'’\-]+)\s+"
    r"(?:regions|oblasts|provinces|districts)\b"
)
_NOT_PLACE = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "Its",
        "Their",
        "His",
        "Her",
        "Our",
        "Russian",
        "Ukrainian",
        "Eastern",
        "Western",
        "Northern",
        "Southern",
        "Central",
        "Frontline",
        "Occupied",
        "Every",
        "Each",
        "Some",
        "Which",
        "Whole",
        "Entire",
        "Separatist",
        "Capital",
        "In",
        "On",
        "At",
        "From",
        "Of",
        "For",
        "And",
        "Near",
        "Across",
        "Into",
        "Throughout",
        "Within",
        "Outside",
        "Inside",
        "Over",
        "Under",
        "After",
        "Before",
        "During",
        "Since",
    ]
)


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    out: dict[str, str] = {}
    for table in (CITIES, REGIONS):
        for canon, vs in table.items():
            for v in vs:
                out[v.lower()] = canon
    return out


def _norm(name: str) -> str:
    n = name.strip()
    for suf in ("'s", "’s"):
        n = n.removesuffix(suf)
    return _variants().get(n.lower(), n)


def find_places(sentence: str, mentions: list[Mention]) -> list[PlaceHit]:
    hits: list[PlaceHit] = []
    typed: list[tuple[int, int]] = []

    def add(s: int, e: int, name: str, typ: str, text: str) -> None:
        words = name.split()
        while len(words) > 1 and words[0] in _NOT_PLACE:
            s += len(words[0]) + 1
            words = words[1:]
        name = " ".join(words)
        if words[0] in _NOT_PLACE:
            return
        hits.append(PlaceHit(s, e, text, _norm(name), typ))
        typed.append((s, e))

    if "city" in sentence or "town" in sentence or "village" in sentence or "capital" in sentence:
        for m in _CITY_OF_RE.finditer(sentence):
            add(m.start("name"), m.end("name"), m.group("name"), "city", m.group())
        for m in _X_CITY_RE.finditer(sentence):
            add(m.start("name"), m.end("name"), m.group("name"), "city", m.group())
    low = sentence.lower()
    if any(k in low for k in ("region", "oblast", "province", "district", "raion", "governorate", "krai")):
        for m in _REGIONS_PLURAL_RE.finditer(sentence):
            for nm in re.finditer(r"[A-Z][\w'’\-]+", m.group("list")):
                s = m.start("list") + nm.start()
                add(s, s + len(nm.group()), nm.group(), "region", m.group())
        for rx in (_REGION_OF_RE, _REGION_SUFFIX_RE):
            for m in rx.finditer(sentence):
                if any(m.start("name") < e and s < m.end("name") for s, e in typed):
                    continue
                add(m.start("name"), m.end("name"), m.group("name"), "region", m.group())
    for mt in mentions:
        if any(mt.start < e and s < mt.end for s, e in typed):
            continue
        if mt.kind == "country":
            if sentence[mt.end : mt.end + 1] == "$":  # "US$70 million" names a currency, not a place
                continue
            hits.append(PlaceHit(mt.start, mt.end, mt.text, mt.name, "country"))
        elif mt.kind in ("city", "region"):
            hits.append(PlaceHit(mt.start, mt.end, mt.text, mt.name, mt.kind))
        elif mt.kind == "other" and mt.name in LANDMARKS:
            hits.append(PlaceHit(mt.start, mt.end, mt.text, mt.name, "other"))
    hits.sort(key=lambda h: h.start)
    out: list[PlaceHit] = []
    seen: set[tuple[str, str]] = set()
    for h in hits:
        key = (h.name, h.type)
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out


# -------------------------------------------------------------------------------------------- scope

_SINCE_RE = re.compile(r"\bsince\s+(?:the\s+|on\s+)?", re.IGNORECASE)
_SINCE_EVENT_RE = re.compile(
    r"(?P<p>(?:the\s+)?(?:start|beginning|outbreak|onset|launch|first\s+day)\s+of\s+(?:the\s+|Russia's\s+)?"
    r"[\w\s\-']{1,40}?|(?:the\s+|Russia's\s+|Moscow's\s+)?(?:Russian\s+)?(?:full-scale\s+)?"
    r"(?:invasion|war|conflict|fighting|attack|offensive|occupation|annexation|siege|ceasefire|truce)"
    r"(?:\s+(?:began|started|of\s+Ukraine|of\s+Crimea|in\s+\d{4}))?|Russia\s+(?:invaded|attacked)(?:\s+Ukraine)?)"
    r"(?=\s*(?:[,.;:]|$|\s+(?:and|but|when|in|on|as|with|according|the|a|more|at|over|some|about|nearly)\b))",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\b")
_PERIOD_RE = re.compile(
    r"\b(?:over|in|during|within|for)\s+(?:the\s+)?(?:past|last|previous|preceding)\s+"
    r"(?P<p>day|24\s+hours|48\s+hours|72\s+hours|week|seven\s+days|7\s+days|fortnight|month|30\s+days"
    r"|year|12\s+months|(?:\d+|two|three|four|five|six|ten|few|several)\s+(?:hours|days|weeks|months|years))\b"
    r"|\b(?P<ov>overnight)\b|\bso\s+far\s+(?P<this>this\s+(?:year|month|week))\b",
    re.IGNORECASE,
)
_PERIOD_NORM = {
    "24 hours": "past day",
    "day": "past day",
    "week": "past week",
    "seven days": "past week",
    "7 days": "past week",
    "fortnight": "past 2 weeks",
    "month": "past month",
    "30 days": "past month",
    "year": "past year",
    "12 months": "past year",
}
_EVENT_NOUNS = (
    r"strikes?|air\s*strikes?|airstrikes?|missile\s+strikes?|rocket\s+attacks?|attacks?|shelling|bombing|"
    r"bombardment|assault|blast|explosion|raid|raids|offensive|massacre|fire|crash|collapse|incident|clashes|"
    r"fighting|battle|ambush|siege|shootings?|stampede|flood|floods|earthquake|storm|hurricane|derailment"
)
_EVENT_RE = re.compile(
    r"\b(?:in|during|after|from|by|following)\s+"
    r"(?:(?:the|a|an|this|that|last|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|"
    r"Sunday's|yesterday's|today's|Russia's|Russian|Ukrainian|Ukraine's|[A-Z]\w+'s)\s+)*"
    rf"(?P<ev>(?:[\w\-]+\s+){{0,2}}?(?:{_EVENT_NOUNS}))\b"
    r"(?P<obj>\s+(?:on|at|in|of|against|near|targeting)\s+(?:the\s+|a\s+)?[^,.;:]{1,60})?",
)
_OBJ_CUT_RE = re.compile(
    r"\s+(?:in|near|on|at|that|which|who|where|when|after|before|as|while|and|or|but|said|says|killed|"
    r"injured|wounded|left|according|last|this|with|by|early|late|\d)\b"
)
_EV_DROP = frozenset(["the", "a", "an", "this", "that", "last"])


def _clean_event(ev: str, obj: str | None) -> str:
    words = [w for w in ev.split() if w.lower() not in _EV_DROP and not w.endswith(("'s", "’s"))]
    if words and words[0] in ("Russian", "Ukrainian"):
        words = words[1:]
    text = " ".join(words)
    if obj:
        o = obj.strip()
        prep, _, rest = o.partition(" ")
        cut = _OBJ_CUT_RE.search(" " + rest)
        if cut:
            rest = (" " + rest)[: cut.start()].strip()
        rest_words = rest.split()[:5]
        if rest_words:
            text = f"{text} {prep} {' '.join(rest_words)}"
    return text.strip()


def find_scope(sentence: str, date_hits: list[DateHit]) -> str | None:
    low = sentence.lower()
    if "since" in low:
        for m in _SINCE_RE.finditer(sentence):
            for h in date_hits:
                if h.start == m.end() and h.iso:
                    return f"since {h.iso}"
            y = _YEAR_RE.match(sentence, m.end())
            if y:
                return f"since {y.group('y')}"
            ev = _SINCE_EVENT_RE.match(sentence, m.end())
            if ev:
                words = [w.lower() for w in ev.group("p").split() if w.lower() not in ("the", "a", "an")]
                return "since " + " ".join(words)
    if "past" in low or "last" in low or "previous" in low or "overnight" in low or "so far" in low:
        pm = _PERIOD_RE.search(sentence)
        if pm:
            if pm.group("ov"):
                return "overnight"
            if pm.group("this"):
                return " ".join(pm.group("this").lower().split())
            p = " ".join(pm.group("p").lower().split())
            return _PERIOD_NORM.get(p, f"past {p}")
    em = _EVENT_RE.search(sentence)
    if em:
        return _clean_event(em.group("ev"), em.group("obj"))
    return None
