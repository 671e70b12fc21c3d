"""Who holds a city, as a sentence states it: "Russian troops captured Kherson" (Russia holds Kherson),
"Ukrainian forces still hold Kherson", "the Russian troops withdrew from Enerhodar" (Ukraine holds it),
"Kherson was liberated by Ukrainian forces", "the city remains under Russian control", and the same
denied: "the mayor refuted reports that the Russian invaders had left the city" (Russia holds it).

Only a side of the war (Russia, Ukraine) and a city of the gazetteer, the city right after the words of
control. Left out, since they say nothing of the day of the report: a capture told with a date or a
time before ("captured in March", "since 2014", "weeks ago"), in a relative or temporal clause ("Kherson,
which Russian troops captured", "after Russian troops withdrew from Bucha"), what a side would, could or
tries to do ("plans to take control of"), and a sentence that gives the city to both sides. A city named
as a modifier ("Mariupol residents", "Kherson region") is not the city held.

The words are data (``xcheck/lexicon/control_words.txt``); the sides come from the same gazetteer and
``agents.txt`` as the agents of events.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from xcheck import lexicon
from xcheck.claims import vocab
from xcheck.claims.entities import METONYMS, Mention

__all__ = ["CONTROL_CLASS", "WAR_SIDES", "find_control", "held_by", "holders"]

CONTROL_CLASS = "control"  # the target class of a city's control: ``control@Kherson``
WAR_SIDES = ("Russia", "Ukraine")  # the sides of the war


def held_by(side: str) -> str:
    """The state of a city held by ``side``: "held by Russia"."""
    return f"held by {side}"


def holders() -> frozenset[tuple[str, str]]:
    """The states of control that exclude each other, as ordered pairs."""
    a, b = (held_by(s) for s in WAR_SIDES)
    return frozenset({(a, b), (b, a)})


def _other(side: str) -> str:
    return WAR_SIDES[1] if side == WAR_SIDES[0] else WAR_SIDES[0]


@cache
def _verbs(key: str) -> re.Pattern[str]:
    alts = sorted(lexicon.table("control_words")[key], key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alts)
    return re.compile(rf"(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def _forces() -> re.Pattern[str]:
    words = sorted(lexicon.words("agent_forces"), key=len, reverse=True)
    return re.compile(r"(?:['’]s)?(?:\s+(?:" + "|".join(map(re.escape, words)) + r"))+", re.IGNORECASE)


@cache
def _armed_forces() -> frozenset[str]:
    """Words that name a side's armed forces by themselves ("the invaders", "the AFU"): agents.txt."""
    return frozenset(e for es in lexicon.table("agents").values() for e in es)


@cache
def _people() -> frozenset[str]:
    """People who speak for a side (people_sides.txt): a leader leaving a city is not a retreat."""
    return frozenset(e for es in lexicon.table("people_sides").values() for e in es)


# between the side and its verb: "have", "had", "have now", "reportedly"
_AUX = re.compile(
    r"(?:\s+(?:have|has|had|are|is|were|was|now|reportedly|fully|completely|finally|already|again|"
    r"also|successfully|officially))*\s+",
    re.IGNORECASE,
)
_NOT = re.compile(r"(?:not|never|n['’]t)\s+", re.IGNORECASE)
_CITY_NOUN = re.compile(
    r"(?:the\s+)?(?:(?:city|town|village|settlement|port\s+city)\s+of\s+)?", re.IGNORECASE
)
_THE_CITY = re.compile(r"(?:the\s+)?(?:city|town)(?![\w-])", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([\w’'-]+)")
# "Kherson's air space", "the city's airport", "Kyiv, Chernihiv and Sumy regions": not the city held
_MODIFIED_AFTER = re.compile(
    r"[’']s\b|(?:\s*,\s*|\s+and\s+)[^.;:!?]{0,40}?\b(?:regions|oblasts|districts|provinces)\b", re.IGNORECASE
)
# a side's control "under Russian control", "under the control of Ukrainian forces" after the city
_UNDER = re.compile(
    r"\s*,?\s+(?:is|was|remains|remained|is\s+still|was\s+still|has\s+been|had\s+been|came|comes|are|were|"
    r"stays|stayed|now)?\s*(?:fully\s+|completely\s+|now\s+|still\s+)?under\s+(?:the\s+)?"
    r"(?:full\s+|complete\s+|total\s+)?$",
    re.IGNORECASE,
)
_UNDER_CONTROL_AFTER = re.compile(
    r"(?:\s+(?:forces|troops|army|military))?\s+control(?![\w-])", re.IGNORECASE
)
_PASSIVE_BEFORE = re.compile(
    r"\s*,?\s+(?:has\s+been|had\s+been|have\s+been|was|were|is|been|now|fully|completely|finally|"
    r"already|reportedly|\s)*",
    re.IGNORECASE,
)
# a report denied: "refuted information … that", "denied reports that", "dismissed claims that"
_DENIED_THAT = re.compile(
    r"\b(?:denied|denies|deny|denying|refuted|refutes|refute|refuting|rejected|rejects|dismissed|dismisses|"
    r"debunked|disproved)\b[^.;:!?]{0,120}?\bthat\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_FALSE_AFTER = re.compile(
    r"^(?:(?!\b(?:and|but|while|whereas)\b)[^.;:!?,]){0,40}?\b(?:is|are|was|were)\s+"
    r"(?:not\s+true|untrue|false|fake|a\s+fake|a\s+lie|lies)\b",
    re.IGNORECASE,
)
# not of the day of the report: a relative or temporal clause, what a side would or tries to do
_NOT_NOW_BEFORE = re.compile(
    r"\b(?:which|whom|who|after|before|when|since|until|till|once|if|unless|whether|as\s+soon\s+as)\s+"
    r"(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# a city inside a larger phrase: "territory around Kyiv", "part of Severodonetsk", "near Mariupol"
_INSIDE_BEFORE = re.compile(
    r"\b(?:around|near|outside|towards?|beyond|of|from|to|into|across|in|at)\s+$", re.IGNORECASE
)
_CITY_OF_BEFORE = re.compile(r"\b(?:city|town|village|settlement)\s+of\s+$", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"\b(?:" + "|".join(vocab.MONTHS) + "|"
    r"(?:19|20)\d\d|ago|since|earlier\s+this|last\s+(?:week|month|year|spring|summer|autumn|winter)|"
    r"in\s+the\s+(?:early|first)\s+(?:days|weeks|months)|previously|formerly|would|could|might|will|"
    r"plans?\s+to|planning\s+to|trying\s+to|tried\s+to|tries\s+to|attempts?\s+to|attempting\s+to|"
    r"failed\s+to|aims?\s+to|seeks?\s+to|seeking\s+to|hopes?\s+to|wants?\s+to|intends?\s+to|order(?:ed|s)?\s+to|"
    r"ready\s+to|about\s+to|goal|threat(?:en(?:s|ed)?)?\s+to|invasion|early\s+in|"
    r"(?:first|second|third|fourth|fifth|\w+th)\s+day)\b|\?",
    re.IGNORECASE,
)


def _city_at(
    sentence: str, at: int, cities: list[Mention], context_city: str | None
) -> tuple[str, int] | None:
    """The city named at ``at`` (after "the city of"), or "the city" of the article; with its end."""
    m = _CITY_NOUN.match(sentence, at)
    pos = m.end() if m else at
    city = next((c for c in cities if c.start == pos), None)
    if city is not None:
        nxt = _NEXT_WORD.match(sentence, city.end)
        if _MODIFIED_AFTER.match(sentence, city.end):
            return None
        if nxt and nxt.group(1).lower() not in lexicon.words("city_phrase_ends"):
            return None  # "Kherson region", "Mariupol residents"
        return city.name, city.end
    the_city = _THE_CITY.match(sentence, at)
    if (
        the_city
        and context_city
        and not re.match(r"\s+of\b", sentence[the_city.end() :])
        and not _MODIFIED_AFTER.match(sentence, the_city.end())
    ):
        return context_city, the_city.end()
    return None


def _denied(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The span from the denial to the end of what it denies ("refuted … that the Russians had left the
    city", "claims that … captured Kharkiv are false"), or None."""
    before = _DENIED_THAT.search(sentence[:start])
    if before:
        return before.start(), end
    after = _FALSE_AFTER.match(sentence[end:])
    return (start, end + after.end()) if after else None


def find_control(
    sentence: str,
    mentions: list[Mention],
    sides_of: Callable[[str, list[Mention]], list[tuple[int, int, str]]],
    *,
    context_city: str | None,
) -> tuple[str, str, str] | None:
    """``(city, side holding it, the words that say so)``, or None.

    ``sides_of`` finds the phrases naming a side (``xcheck.claims.events``), asked only of a sentence
    that has words of control; ``context_city`` is the city of
    the article's own statement of control, for "the city" of a later sentence; without one, "the city"
    is the one city the sentence names."""
    if _BACKGROUND.search(sentence):
        return None
    cities = [m for m in mentions if m.kind == "city"]
    if not cities and context_city is None:
        return None
    if not any(_verbs(key).search(sentence) for key in ("gained", "held", "lost", "passive")):
        return None  # no words of control at all ("under … control" has "control", a word of holding)
    sides = sides_of(sentence, mentions)
    own = {c.name for c in cities if c.name not in METONYMS}  # not "…, Kyiv says"
    if context_city is None and len(own) == 1 and len({c.name for c in cities}) == 1:
        context_city = own.pop()  # "Enerhodar mayor says Russian invaders remain in city"
    found: list[tuple[str, str, str]] = []
    covered = -1  # "Russian invaders": "invaders" is a side of its own inside the phrase
    for s0, e, side in sides:
        if side not in WAR_SIDES or s0 < covered:
            continue
        if _NOT_NOW_BEFORE.search(sentence[:s0]) or any(c.start == s0 for c in cities if c.name != side):
            continue
        forces = _forces().match(sentence, e)
        pos = forces.end() if forces else e
        covered = pos
        aux = _AUX.match(sentence, pos)
        if aux is None:
            continue
        pos = aux.end()
        neg = _NOT.match(sentence, pos)
        if neg:
            pos = neg.end()
        # "Putin left Mariupol", "Ukrainians fled": leaving or staying is a side's troops' ("Russian
        # troops", "the invaders"), not its people's or leaders'
        troops = bool(forces) or sentence[s0:e].lower() in _armed_forces()
        leader = sentence[s0:e].lower() in _people()
        for key in ("gained", "held", "lost"):
            verb = _verbs(key).match(sentence, pos)
            if verb is None or leader or (key != "gained" and not troops):
                continue
            rest = verb.end()
            gap = re.match(r"\s+", sentence[rest:])
            city = _city_at(sentence, rest + (gap.end() if gap else 0), cities, context_city)
            if city is None:
                continue
            if neg and re.search(r"\b(?:full|complete)\b", verb.group(), re.IGNORECASE):
                continue  # "have not established full control over Lysychansk": fighting goes on
            holder = side if key != "lost" else _other(side)
            denied = _denied(sentence, s0, city[1])
            if bool(neg) != bool(denied):
                holder = _other(holder)
            lo, hi = denied or (s0, city[1])
            found.append((city[0], holder, sentence[lo:hi]))
            break
    for c in cities:
        if _NOT_NOW_BEFORE.search(sentence[: c.start]) or (
            _INSIDE_BEFORE.search(sentence[: c.start]) and not _CITY_OF_BEFORE.search(sentence[: c.start])
        ):
            continue
        nxt = _PASSIVE_BEFORE.match(sentence, c.end)
        pos = nxt.end() if nxt else c.end
        verb = _verbs("passive").match(sentence, pos)
        if verb is not None:
            after = re.match(r"\s+(?:the\s+)?", sentence[verb.end() :])
            at = verb.end() + (after.end() if after else 0)
            by = next((sd for s0, _e, sd in sides if s0 == at and sd in WAR_SIDES), None)
            if by is not None:
                end = next(e for s0, e, _sd in sides if s0 == at)
                denied = _denied(sentence, c.start, end)
                lo, hi = denied or (c.start, end)
                found.append((c.name, _other(by) if denied else by, sentence[lo:hi]))
                continue
        for s0, e, side in sides:  # "Kherson remains under Ukrainian control"
            if side not in WAR_SIDES or s0 <= c.end or s0 - c.end > 60:
                continue
            if _UNDER.match(sentence, c.end, s0) and (tail := _UNDER_CONTROL_AFTER.match(sentence, e)):
                denied = _denied(sentence, c.start, tail.end())
                lo, hi = denied or (c.start, tail.end())
                found.append((c.name, _other(side) if denied else side, sentence[lo:hi]))
                break
    said = {(city, holder) for city, holder, _w in found}
    if len(said) != 1:
        return None  # nothing said, one city given to both sides, or two cities (not one fact)
    return found[0]
