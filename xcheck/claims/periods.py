"""What period a count covers, and whether a number is a total, an increment or a part.

"Seven civilians were killed over the past day" (May 24) and "Four … over the past day" (Oct 28) are two
daily counts, not one fact; "383 children killed since February 24" is a running total; "six more body
fragments" is an increment and "98 people, including 7 children" gives a part of a whole. The judge
compares counts only when these agree, so they are read here, once, into the claim's frame.

Periods (:class:`Period`):

=========  =================================================  ==========================================
kind       cue                                                interval
=========  =================================================  ==========================================
day        "over the past day", "in the past 24 hours",       the day before the claim's as-of date (past
           "overnight", "yesterday", "today", "on May 3"      day), or the day named
span       "over the past week", "in the last 3 months"       a window ending on the as-of date
since      "since February 24", "since the start of the       from the date (or the event) to the as-of
           invasion", "in total", "so far", "to date",        date: a running total
           "already", "as of <date>"
event      "in the shelling of Kharkiv", "in the strike on    the incident, dated by the claim
           the station"
=========  =================================================  ==========================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from xcheck.claims.timex import DateHit

__all__ = ["INCREMENT", "OTHER_PERIOD", "PART", "TOTAL", "Period", "find_period", "quantity_role"]

TOTAL = "total"
INCREMENT = "increment"
PART = "part"
# a count in a clause of its own period: "…rose to 14, and at least 43 were killed in the city during the
# week": the 43 is not the count of the sentence's incident
OTHER_PERIOD = "other period"


@dataclass(frozen=True, slots=True)
class Period:
    kind: str  # day | span | since | event
    start: str | None  # ISO date, or None when open or unknown
    end: str | None  # ISO date of the last day covered (the as-of date), or None
    label: str  # "past day", "since 2022-02-24", "shelling of Kharkiv", "2022-05-03"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "label": self.label}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Period:
        return cls(str(d["kind"]), d.get("start"), d.get("end"), str(d.get("label") or ""))


_RUNNING = re.compile(
    r"\b(?:in total|a total of|total(?:ling)? (?:of )?|so far|to date|in all|altogether|overall|"
    r"since the (?:beginning|start|outbreak|onset)|cumulative)\b",
    re.IGNORECASE,
)
# Weaker: a tally as of a date, when no incident is named ("805 children have already been injured",
# "as of the morning of October 8, 1,211 children were injured", "three million had fled by March 15");
# "As of 19:30, 10 people were killed in the strike" stays the strike's toll.
_TALLY = re.compile(
    r"\b(?:already|as of|as at|by\s+(?:the\s+end\s+of\s+|mid-?|early\s+|late\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d))",
    re.IGNORECASE,
)
_INCIDENT = re.compile(
    r"\b(?:(?:missile|rocket|air|drone|artillery)\s+)?(?:strikes?|attacks?|shelling|bombing|bombardment|"
    r"blast|explosion|airstrikes?|massacre|shootings?|sinking|earthquake|quake|flood(?:ing|s)?|fire|"
    r"crash|collapse|storm|hurricane|derailment|stampede)\b",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"\s+(?:on|at|against|targeting|near)\s+(?:the\s+|a\s+|an\s+)?(?P<t>(?:[\w'’\-]+[,]?\s*){1,4})",
    re.IGNORECASE,
)
_TARGET_STOP = re.compile(
    r"(?i:in|near|on|at|of|and|with|by|as|after|that|which|who|has|have|was|were|is|are|kill\w*|injur\w*|"
    r"wound\w*|leav\w*|left|claim\w*|rises?|rose|\d[\d,.]*)[,.;:]?"
)
_DATED_INCIDENT = re.compile(
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s)\s+"
    r"(?P<what>(?:(?:missile|rocket|air|drone|artillery)\s+)?(?:strike|attack|shelling|bombing|explosion|"
    r"blast|airstrike|massacre|earthquake|flood))\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\b(?:between|from)\b", re.IGNORECASE)
_SPAN_WORDS = ("week", "month", "year", "days", "weeks", "months", "years", "hours")


def _minus(iso: str | None, days: int) -> str | None:
    if not iso:
        return None
    try:
        return (date.fromisoformat(iso[:10]) - timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _incident_label(sentence: str, incident: str, end: int) -> str:
    """ "missile strike on railway station": the incident and what was hit, up to the verb."""
    label = " ".join(incident.lower().split())
    target = _TARGET.match(sentence, end)
    if target:
        words = []
        for w in target.group("t").split():
            if _TARGET_STOP.fullmatch(w):
                break
            words.append(w.lower().strip(",.;:"))
        if words:
            label += " on " + " ".join(words)
    return label


def find_period(sentence: str, scope: str | None, hits: list[DateHit], as_of: str | None) -> Period | None:
    """The period a claim's counts cover (see the module docstring), or None when it says none."""
    if scope:
        if scope in ("past day", "overnight"):
            return Period("day", as_of, as_of, scope)
        if scope.startswith("since "):
            rest = scope[len("since ") :]
            start = rest if re.fullmatch(r"\d{4}-\d{2}-\d{2}", rest) else None
            return Period("since", start, as_of, scope)
        if scope.startswith("past ") or scope.startswith("this "):
            words = scope.split()
            if any(w in _SPAN_WORDS for w in words) or scope.startswith("this "):
                return Period("span", None, as_of, scope)
    dated = _DATED_INCIDENT.search(sentence)
    if dated:  # "the April 8 missile strike on the station": the incident, on its own date
        when = next((h.iso for h in hits if h.iso and h.start <= dated.start() < h.end + 3), None)
        return Period(
            "event", when or as_of, as_of, _incident_label(sentence, dated.group("what"), dated.end())
        )
    days = [h for h in hits if h.iso and h.kind in ("date", "relative", "weekday") and h.iso != as_of]
    whole = sorted({h.iso for h in days if h.iso and len(h.iso) == 10})
    if len(whole) >= 2 and _BETWEEN.search(sentence):  # "between February 24 and March 24"
        return Period("span", whole[0], whole[-1], f"{whole[0]} to {whole[-1]}")
    if days and not any(h.kind == "date" and len(h.iso or "") < 10 for h in days):
        first = days[0].iso  # "On October 29, a total of 10 civilians were killed": that day's count
        return Period("day", first, first, first or "")
    if _RUNNING.search(sentence):
        return Period("since", None, as_of, "running total")
    if scope:  # an incident: "shelling of Kharkiv", "strike on the railway station"
        return Period("event", as_of, as_of, scope)
    m = _INCIDENT.search(sentence)
    if m:  # a headline's incident: "Russian missile strike on Kremenchuk mall kills 18"
        return Period("event", as_of, as_of, _incident_label(sentence, m.group(), m.end()))
    if _TALLY.search(sentence):
        return Period("since", None, as_of, "running total")
    return None


_PART_BEFORE = re.compile(
    r"(?:\bincluding|\bincl\.|\bamong them|\bamong whom|\bof whom|\bof which|\bof them|\bout of whom|"
    r"\ba family of|\ban entire family of|\ba whole family of)"  # "a family of four died": some of the dead
    r"[\s,:–—-]*(?:at least |about |some |over |more than |nearly |almost )?$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(
    r"^\s+(?:of\s+(?:the|those|them|these|whom|which|its|their)\b|out\s+of\b|"
    r"members\s+of\s+(?:a|one|the\s+same)\s+family\b)",  # "five members of one family were killed"
    re.IGNORECASE,
)
_INCREMENT_BEFORE = re.compile(
    r"(?:\banother|\ban additional|\ba further|\badditional|\bfurther|\+)\s*$", re.IGNORECASE
)
_INCREMENT_AFTER = re.compile(r"^\s*(?:more|additional|new|further|extra)\b(?!\s+than)", re.IGNORECASE)


def quantity_role(sentence: str, start: int, end: int) -> str:
    """``part`` ("including 7 children", "13 of the 16"), ``increment`` ("six more", "another 6",
    "+679"), ``other period`` (a clause of its own with its own span: ", and 43 were killed during the
    week") or ``total`` for the number at ``sentence[start:end]``."""
    before = sentence[max(0, start - 30) : start]
    after = sentence[end : end + 30]
    if _INCREMENT_BEFORE.search(before) or _INCREMENT_AFTER.match(after):
        return INCREMENT
    if _PART_BEFORE.search(before) or _PART_AFTER.match(after):
        return PART
    if _NEW_CLAUSE_BEFORE.search(sentence[max(0, start - 40) : start]) and _OWN_SPAN_AFTER.match(
        sentence[end : end + 100]
    ):
        return OTHER_PERIOD
    return TOTAL


# a clause of its own: ", and at least 43 …", "; 120 …", ", while 12 …"
_NEW_CLAUSE_BEFORE = re.compile(
    r"(?:,\s*(?:and|while|but|whereas)|;)\s+"
    r"(?:(?:at least|about|some|over|more than|nearly|almost|a total of)\s+)?$",
    re.IGNORECASE,
)
# that clause's own span: "… were killed in the city during the week", "… since the start of the war"
_OWN_SPAN_AFTER = re.compile(
    r"[^,;.]{0,80}?\b(?:(?:during|over|in|within|throughout|for)\s+(?:the\s+)?(?:past\s+|last\s+|previous\s+|"
    r"whole\s+|entire\s+|same\s+)?(?:week|month|year|seven\s+days|7\s+days|30\s+days)|this\s+(?:week|month|year)|"
    r"since\s+the\s+(?:start|beginning)\s+of)\b",
    re.IGNORECASE,
)


_CASUALTY_AFTER = re.compile(
    r"^(?:\s+(?!and\b|or\b|but\b)[\w’'\-]+){0,3}?\s*[–—-]?\s*(?:were|was|have been|had been|are|got|"
    r"people|persons)?\s*(?P<v>killed|dead|died|injured|wounded|hurt|suffered|affected)\b",
    re.IGNORECASE,
)
# Measures a following casualty word never overrides: money, percentages and units.
MONEY_AND_UNITS = frozenset({"usd", "eur", "gbp", "rub", "uah", "percent", "age"})
_CASUALTY_MEASURE = {
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    # "158 children were killed and more than 416 have suffered": killed and injured together
    "suffered": "affected",
    "affected": "affected",
}


def casualty_after(sentence: str, end: int) -> str | None:
    """``killed`` / ``injured`` when the number ending at ``end`` is followed by its own casualty word
    ("219 children were killed and 404 – injured": 404 is injured; "About 40 Ukrainian prisoners
    killed": killed, not detained)."""
    m = _CASUALTY_AFTER.match(sentence[end : end + 60])
    return _CASUALTY_MEASURE[m.group("v").lower()] if m else None


_AS_OF = re.compile(r"\b(?:as of|as at)\b", re.IGNORECASE)
_TIME = re.compile(
    r"\b(\d{1,2}[:.]\d{2}|\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)|morning|afternoon|evening|night|noon|midnight)",
    re.IGNORECASE,
)


def moment(sentence: str) -> str | None:
    """The time of day a claim is stated "as of" ("as of 19:30" -> "19:30", "As of Tuesday morning" ->
    "morning"), "" for an "as of" with no time, None when the claim states no moment."""
    m = _AS_OF.search(sentence)
    if m is None:
        return None
    t = _TIME.search(sentence, m.end(), m.end() + 40)
    return re.sub(r"[\s.]", "", t.group(1).lower()) if t else ""


_SAID_ON = re.compile(
    r"\b(?:said|says|reported|announced|told|added|stated)\s+(?:on|late on|early on)\b", re.I
)
# a figure told as the first report of something, since superseded: "Initially, it was reported that
# 17 people died", "First reports put the toll at 30", "Officials had earlier put the toll at 17"
_DAYS = (
    r"(?:today|this\s+morning|in\s+the\s+day|that\s+day|"
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
)
_EARLIER_REPORT = re.compile(
    r"^\W*(?:initially|at\s+first(?!\s+light)|originally|earlier(?:\s+" + _DAYS + r")?)\s*,|"
    r"\b(?:first|initial|early|earlier|preliminary)\s+(?:reports?|figures?|data|estimates?)\s+"
    r"(?:said|say|put|puts|showed|show|suggested|indicated|spoke|stated|were|was|had)\b|"
    r"\b(?:an?\s+|the\s+)?(?:first|initial|early|earlier)\s+(?:toll|count|figure)\s+(?:of|was|stood)\b|"
    r"\b(?:had|was|were|it\s+was|has\s+been)\s+(?:initially|first|earlier|originally|previously)\s+"
    r"(?:said|reported|put|given|announced|stated|estimated)\b|"
    r"\binitially\s+(?:said|reported|put|announced|stated|gave|estimated|spoke)\b",
    re.IGNORECASE,
)
# … unless the sentence goes on to the figure that replaced it: "initially 17, now 12", "has since risen"
_SINCE_REPLACED = re.compile(
    r"\b(?:now|since|currently|later|rose|risen|rises|grew|grown|increased|fell|dropped|revised|updated|"
    r"corrected|then|but|however|while|whereas|stands|stood|climbed|reached|confirmed)\b|;",
    re.IGNORECASE,
)


def earlier_report(sentence: str) -> bool:
    """The sentence's figures are a first report, later superseded ("Initially, it was reported that
    17 people died"); not when it also gives what replaced them ("initially 17, now 12")."""
    m = _EARLIER_REPORT.search(sentence)
    return m is not None and not _SINCE_REPLACED.search(sentence)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def said_on(sentence: str) -> bool:
    """ "…, the ministry said on Monday": the date is of the statement, not of the event."""
    return _SAID_ON.search(sentence) is not None


def years(sentence: str) -> tuple[str, ...]:
    """The years a sentence names ("in 2022", "2014-2015"), in order, each once."""
    return tuple(dict.fromkeys(_YEAR.findall(sentence)))
