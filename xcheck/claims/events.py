"""Events in a claim: what happened to which target, who did it, with what, who denies it, and in what
state the target is.

An :class:`EventMention` is found in a sentence that names a target (a class of facility with its place:
"the railway station in Kramatorsk" -> ``station@Kramatorsk``; a named ship: "the cruiser Moskva" ->
``ship@Moskva``; a place where a massacre happened: ``massacre@Bucha``) and says something of an event
there: its kind (strike, shelling, explosion, sinking, massacre, …), who did it (the agent, a side of
the war: "a Ukrainian Tochka-U", "Russian troops shelled", "hit by Russian forces"), the weapon (a named
system), a denial ("Moscow called the strike a provocation": the denier denies its own part) or a state
of the target ("the cruiser retains buoyancy" vs "the Moskva sank").

A sentence that says such a thing but names no target of its own ("The strike killed 50 people") takes
the target of its article's headline or lede: :func:`xcheck.claims.frames.extract_frames` passes it.

Every word list is data in :mod:`xcheck.lexicon` (``event_targets``, ``event_kinds``, ``event_once``,
``agents``, ``attack_nouns``, ``attack_verbs``, ``weapons``, ``statuses``, ``denial_words``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from xcheck import lexicon
from xcheck.claims.control import CONTROL_CLASS, WAR_SIDES, find_control, held_by, holders
from xcheck.claims.entities import LANDMARKS, METONYMS, Mention

__all__ = [
    "EventMention",
    "control_event",
    "find_event",
    "opposed_states",
    "place_city",
    "resolve_target",
    "target_label",
]


@dataclass(frozen=True, slots=True)
class EventMention:
    """What one sentence says of one event. ``target`` is ``class@place`` (``station@Kramatorsk``)."""

    target: str
    kind: str | None = None
    once: bool = False  # a target hit once: reports within the facility window are of one incident
    day: str | None = None  # the incident's own date when the sentence states one (ISO)
    agent: str | None = None  # the side that did it, as stated ("Russia", "Ukraine")
    agent_text: str | None = None
    weapon: str | None = None  # canonical name of a named system ("Tochka-U")
    weapon_text: str | None = None
    weapon_denied: bool = False  # "it was definitely not hit by HIMARS"
    denier: str | None = None  # the side that denies its part ("Russia" in "Moscow calls it a fake")
    denial_text: str | None = None
    # the denial says the incident itself did not happen as told ("the images from Bucha are staged",
    # "the strike is a fake"), not only that the denier had no part in it
    event_denied: bool = False
    status: str | None = None  # "sunk", "afloat", "closed", "open", "destroyed", "intact"
    status_text: str | None = None
    inherited: bool = False  # the target comes from the article's headline or lede

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "kind": self.kind,
            "once": self.once,
            "day": self.day,
            "agent": self.agent,
            "agent_text": self.agent_text,
            "weapon": self.weapon,
            "weapon_text": self.weapon_text,
            "weapon_denied": self.weapon_denied,
            "denier": self.denier,
            "denial_text": self.denial_text,
            "event_denied": self.event_denied,
            "status": self.status,
            "status_text": self.status_text,
            "inherited": self.inherited,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventMention:
        return cls(
            target=str(d["target"]),
            kind=d.get("kind"),
            once=bool(d.get("once", False)),
            day=d.get("day"),
            agent=d.get("agent"),
            agent_text=d.get("agent_text"),
            weapon=d.get("weapon"),
            weapon_text=d.get("weapon_text"),
            weapon_denied=bool(d.get("weapon_denied", False)),
            denier=d.get("denier"),
            denial_text=d.get("denial_text"),
            event_denied=bool(d.get("event_denied", False)),
            status=d.get("status"),
            status_text=d.get("status_text"),
            inherited=bool(d.get("inherited", False)),
        )

    @property
    def has_attribute(self) -> bool:
        """Says who, with what, a denial or a state: something two reports can disagree on."""
        return bool(self.agent or self.weapon or self.denier or self.status)


def target_label(target: str) -> str:
    """ "station@Kramatorsk" -> "Kramatorsk station"; "ship@Moskva" -> "ship Moskva"."""
    cls, _, place = target.partition("@")
    if cls == "ship":
        return f"ship {place}" if place else "ship"
    if cls == "massacre":
        return f"killings in {place}"
    if cls == CONTROL_CLASS:
        return f"control of {place}"
    if not cls or cls.split()[-1] in place.lower():
        return place  # a city; "Amstor shopping mall"
    return f"{place} {cls}" if place else cls


# -- word lists -----------------------------------------------------------------------------------

# the verbs of denying a claim, one copy for every rule that looks for them
_DENY = r"(?:den(?:y|ies|ied|ying)|reject\w*|refut\w*|dismiss\w*)"


def _phrases_re(phrases: list[str]) -> re.Pattern[str]:
    alts = sorted({p for p in phrases if p}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"[\"“”'‘’]?\s+[\"“”'‘’]?") for p in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def _table_re(name: str) -> list[tuple[str, re.Pattern[str]]]:
    return [(key, _phrases_re(list(entries))) for key, entries in lexicon.table(name).items()]


@cache
def _words_re(name: str) -> re.Pattern[str]:
    return _phrases_re(sorted(lexicon.words(name)))


@cache
def _side_words() -> list[tuple[str, re.Pattern[str]]]:
    return _table_re("agents") + _table_re("people_sides")


@cache
def _person_side() -> dict[str, str]:
    return {name: side for side, names in lexicon.table("people_sides").items() for name in names}


# -- the target -----------------------------------------------------------------------------------

# "the cruiser Moskva", "the Moskva cruiser"
_SHIP_NAMES = (
    re.compile(
        r"\b(?i:cruiser|flagship|warship|frigate|ship|vessel)\s+(?:the\s+)?[\"“'‘]?"
        r"(?P<n>(?:(?:Admiral|General|Marshal|Vice|Kapitan|Captain|Hetman|Pyotr|Ivan|Vasily)\s+)?[A-Z][a-z]{3,})\b"
    ),
    re.compile(
        r"\b[\"“'‘]?(?P<n>(?:(?:Admiral|General|Marshal|Vice|Kapitan|Captain|Hetman|Pyotr|Ivan|Vasily)\s+)?"
        r"[A-Z][a-z]{3,})[\"”'’]?\s+(?:missile\s+)?(?:cruiser|flagship|warship)\b"
    ),
)
_NOT_SHIP_NAME = frozenset(
    {"Russian", "Ukrainian", "Black", "Russia", "Ukraine", "Navy", "Fleet", "Sea", "The"}
)


# a landmark that names people, not the place struck: "Azovstal defenders", "Azovstal prisoners in Olenivka"
_PEOPLE_AFTER = re.compile(
    r"[\"”'’]?\s+(?:defenders|prisoners|fighters|soldiers|servicemen|POWs|garrison|troops|workers|employees|"
    r"staff|evacuees|survivors|captives|veterans|marines|commanders)\b",
    re.IGNORECASE,
)


def _landmark_place(name: str) -> str | None:
    """The city of a landmark: the one inside its name ("Kramatorsk railway station" -> "Kramatorsk"),
    or the one the lexicon gives ("Amstor shopping mall" -> "Kremenchuk")."""
    from xcheck.claims.entities import CITIES

    for city, landmarks in lexicon.table("landmark_places").items():
        if name.lower() in landmarks:
            return city

    for canon, variants in CITIES.items():
        for v in variants:
            if re.search(rf"\b{re.escape(v)}\b", name):
                return canon
    return None


@cache
def _landmark_class() -> dict[str, tuple[str, str]]:
    """Landmark name -> (target class, place) for landmarks that are targets."""
    out: dict[str, tuple[str, str]] = {}
    classes = _table_re("event_targets")
    for canon, variants in LANDMARKS.items():
        for cls, pat in classes:
            if any(pat.search(v) for v in variants):
                out[canon] = (cls, _landmark_place(canon) or canon)
                break
    return out


@cache
def _bare_ship_names() -> re.Pattern[str]:
    """ "hit the Moskva": a ship's name alone after "the", for the spellings that are no city's
    ("Moskva"; "the Moscow" stays the city)."""
    from xcheck.claims.entities import CITIES

    cities = {v.lower() for variants in CITIES.values() for v in variants}
    names = sorted(
        {v for spellings in lexicon.table("ship_names").values() for v in spellings if v not in cities}
    )
    if not names:
        return re.compile(r"(?!x)x")
    alts = "|".join(re.escape(n) for n in names)
    titled = "|".join(re.escape(n.title()) for n in names)
    return re.compile(
        rf"(?:\bthe\s+[\"“'‘]?(?P<n>(?i:{alts}))|(?<![\w\-])(?<!\bthe\s)[\"“'‘]?(?P<n2>{titled}))\b"
        r"(?![\"”'’]?\s+(?i:river|street|hotel|city|oblast|region))"
    )


_TOLD_BEFORE = re.compile(
    r"\b(?:accusations?|claims?|allegations?|reports?|stor(?:y|ies)|statements?)\b", re.I
)
_ANOTHER_BEFORE = re.compile(
    r"\b(?:another|other|one more|a second|yet another|every|each|any)\s+(?:[\w\-]+\s+)?$", re.IGNORECASE
)
# "If Ukrainian forces shell a station again …", "Moscow will respond unless …", "would Russian forces …":
# what a side would do, not what it did (not "evidence of …", "an investigation into the fact that …")
_HYPOTHETICAL_BEFORE = re.compile(  # the modals in lower case: "On May 22 Russians killed …" is a date
    r"(?i:\b(?:if|unless|whether)\b[^.;:,]{0,60}$)|\b(?:would|could|might|may|will|shall)\s+(?:[\w\-]+\s+){0,2}$"
)
# "In 2015 Ukrainian artillery shelled a hospital", "eight years ago": a strike before the war's news
_BEFORE_THE_WAR = re.compile(
    r"\b(?:in|during)\s+(?:the\s+)?(?:(?:early|late|spring|summer|autumn|fall|winter)\s+(?:of\s+)?)?"
    r"(?:1[89]\d\d|20(?:0\d|1\d|2[01]))\b(?!\s*[-–]\s*20)|\b(?:\w+|\d+)\s+years?\s+ago\b",
    re.IGNORECASE,
)


# "in Ukraine", "in eastern Ukraine", "across the country": a country, wider than one incident's place
_IN_WIDER = re.compile(
    r"\b(?:in|across|throughout|all over)\s+(?:the\s+)?(?:(?:eastern|western|southern|northern|central|"
    r"east|west|south|north|occupied|whole|entire)\s+)?$",
    re.IGNORECASE,
)


def _set_apart(sentence: str, start: int) -> bool:
    """ "another railway station", "a second hospital": the target at ``start`` is not the one of the news."""
    return bool(_ANOTHER_BEFORE.search(sentence[max(0, start - 25) : start]))


def _names_another_target(sentence: str) -> bool:
    return any(
        _set_apart(sentence, hit.start())
        for _cls, pat in _table_re("event_targets")
        for hit in pat.finditer(sentence)
    )


def _nearest(cities: list[Mention], pos: int) -> Mention:
    return min(cities, key=lambda m: abs(m.start - pos))


def _find_target(sentence: str, mentions: list[Mention]) -> tuple[str, int] | None:
    """``(class@place, position)`` of the sentence's target, or None."""
    ships = sorted(
        (m for pat in (*_SHIP_NAMES, _bare_ship_names()) for m in pat.finditer(sentence)),
        key=lambda m: m.start("n") if m.group("n") else m.start("n2"),
    )
    names = _ship_spelling_names()
    for ship in ships:
        name = ship.group("n") or ship.groupdict().get("n2") or ""
        if name.lower() in names:
            return f"ship@{names[name.lower()]}", ship.start()
        if (  # 'Destroyed cruiser "Moscow"': a headline's word is no ship's name
            name not in _NOT_SHIP_NAME
            and _plain_name(name)
            and not any(m.start <= ship.start("n") < m.end for m in mentions)
        ):
            return f"ship@{name}", ship.start()
    known = _landmark_class()
    fallback: tuple[str, int] | None = None  # "Azovstal defenders": the steelworks, if nothing else is named
    for m in mentions:
        if m.kind == "other" and m.name in known:
            cls, place = known[m.name]
            if not _PEOPLE_AFTER.match(sentence, m.end):
                return f"{cls}@{place}", m.start
            fallback = fallback or (f"{cls}@{place}", m.start)
    found: tuple[int, int, str] | None = None  # (start, -length, class)
    for cls, pat in _table_re("event_targets"):
        for hit in pat.finditer(sentence):
            if _set_apart(sentence, hit.start()):
                continue  # "fired at another railway station": not the station of the news
            cand = (hit.start(), -(hit.end() - hit.start()), cls)
            if found is None or cand < found:
                found = cand
            break
    cities = [
        m
        for m in mentions
        if m.kind == "city" and not _speaks_for(sentence, m) and not _POSTED_IN.search(sentence[: m.start])
    ]
    # "Donetsk Regional Military Administration has shown … the attack on Kramatorsk": the city struck,
    # not the region's office; "the Kharkiv regional administration building" when no other city is named
    cities = [m for m in cities if not _REGION_AFTER.match(sentence, m.end)] or [
        m for m in cities if not _REGION_ONLY_AFTER.match(sentence, m.end)
    ]
    if found is not None:
        pos = found[0]
        if found[2] == "ship":
            return "ship@", pos  # a ship not named here: the article's, or unplaced
        if cities:  # the city nearest the facility noun
            place = _nearest(cities, pos).name
            if found[2] == "nuclear plant":  # "the nuclear plant in Enerhodar" is the Zaporizhzhia plant
                place = _nuclear_site(place) or place
            return f"{found[2]}@{place}", pos
        before = _NAMED_BEFORE.search(sentence[:pos])
        if before and not any(m.start <= before.start("p") < m.end for m in mentions):
            # "the Olenivska colony": the adjective of a known city; "South Ukraine Nuclear Power Plant": a
            # plant named after a place xcheck does not know (not "Main Station", "Missiles Hit Mall")
            name = before.group("p")
            city = _city_of_adjective(name)
            if city != name or (found[2] == "nuclear plant" and _plain_name(name)):
                return f"{found[2]}@{city}", pos
        named = _IN_PLACE.match(sentence, pos - found[1])
        if named and not any(m.start <= named.start("p") < m.end for m in mentions):
            # "the railway station in Lozova": a place stated, though not one xcheck knows; not "no place"
            return f"{found[2]}@{named.group('p')}", pos
        part = _PART_OF_COUNTRY.match(sentence, pos - found[1]) or next(
            (
                h
                for h in _PART_OF_COUNTRY.finditer(sentence, 0, pos)
                if _FRONTED.search(sentence[: h.start()])
            ),
            None,
        )
        if part and found[2] != "ship":
            # "fired on a railway station in central Ukraine": a place stated, not the Kramatorsk station
            return f"{found[2]}@{_part_place(part)}", pos
        return f"{found[2]}@", pos  # the place comes from the article, or stays unknown
    terror = _NUCLEAR_TERROR.search(sentence)
    if terror and cities:  # "Ukraine committing 'nuclear terrorism' at Zaporizhzhia": its nuclear plant
        plant = _nuclear_site(_nearest(cities, terror.start()).name)
        if plant is not None:
            return f"nuclear plant@{plant}", terror.start()
    held = _HOLDING.search(sentence) or _HELD_STRUCK.search(sentence)
    if held:  # "attacked the facility … the inmates could expose": a place where people are held
        if cities:
            return f"prison@{_nearest(cities, held.start()).name}", held.start()
        return "prison@", held.start()
    kind = _kind(sentence)
    if kind == "massacre" and cities:
        return f"massacre@{cities[0].name}", cities[0].start
    if kind in ("strike", "shelling", "explosion") and cities:
        return f"@{cities[0].name}", cities[0].start  # a strike on a city: one incident per day
    return fallback


# "in central Ukraine", "in the Center of Ukraine", "in western Ukraine": a part of a country, no city
# told before the clause of the strike: "In central Ukraine, …", "On the night of April 13, in the Center of
# Ukraine, …" (not "as fighting raged in eastern Ukraine")
_FRONTED = re.compile(r"(?:^|,)\s*$")
_PART_OF_COUNTRY = re.compile(
    r"\s*\bin\s+(?:the\s+)?(?P<d>cent(?:er|re|ral)|west(?:ern)?|east(?:ern)?|north(?:ern)?|south(?:ern)?)"
    r"\s+(?:part\s+)?(?:of\s+(?:the\s+)?)?(?P<c>Ukraine|Russia|country)\b",
    re.IGNORECASE,
)
_COMPASS = {"cent": "central", "west": "western", "east": "eastern", "nort": "northern", "sout": "southern"}
_WHOLE_COUNTRY = "part of the country"  # "in the eastern part of the country": the place is told as this
# the place a target is given by a part of the country ("central Ukraine"), read back by the judgement
_PART_PLACE = re.compile(rf"(?P<d>{'|'.join(_COMPASS.values())}) (?:Ukraine|{_WHOLE_COUNTRY})")


def _part_place(part: re.Match[str]) -> str:
    """ "central Ukraine", "eastern part of the country": the place of a part of the country told."""
    where = part.group("c") if part.group("c").lower() != "country" else _WHOLE_COUNTRY
    return f"{_COMPASS[part.group('d').lower()[:4]]} {where}"


def is_country_part(place: str) -> bool:
    """A target's place that is a part of the country ("central Ukraine"), not a city."""
    return _PART_PLACE.fullmatch(place) is not None


def city_in_part(place: str, city: str) -> bool | None:
    """Whether ``city`` lies in ``place`` when ``place`` is a part of the country ("central Ukraine": yes for
    Kremenchuk, no for Kramatorsk; ``city_parts.txt``); None when ``place`` is no such part."""
    part = _PART_PLACE.fullmatch(place)
    if part is None:
        return None
    return part.group("d") in lexicon.table("city_parts").get(city, ())


_NUCLEAR_TERROR = re.compile(r"\bnuclear\s+terrorism\b", re.IGNORECASE)


def _nuclear_site(city: str) -> str | None:
    """The nuclear plant named after or standing in ``city`` (``nuclear_sites.txt``), or None."""
    return next((k for k, places in lexicon.table("nuclear_sites").items() if city.lower() in places), None)


# a facility said to hold people in custody: a prison whatever it is called
_HOLDING = re.compile(
    r"\b(?:facility|building|site|camp)\b(?=(?:(?!\b(?:and|but|while|then|as|after|before)\b)[^.;,]){0,60}?"
    r"(?:\binmates\b|\b(?:held|kept|housed|holding|housing|detained|holds|houses)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:detainees|prisoners|POWs|captives)\b|(?<!swapping )(?<!swap )(?<!exchanging )(?<!exchange )(?<!of )"
    r"\b(?:detainees|prisoners|POWs|captives)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:were|are|had been|have been)\s+(?:held|kept|housed|detained|moved)\b))",
    re.IGNORECASE,
)
# prisoners of war as the ones struck ("shelling prisoners", "killing POWs with HIMARS", "POWs feared dead as
# … blame each other for the strike"): struck where they were held; not prisoners exchanged, taken or freed,
# shot at close range or on a plane, nor "no prisoners were killed"
_HELD_PEOPLE = (
    r"(?:POWs|prisoners\s+of\s+war|(?:Ukrainian\s+|captured\s+|war\s+)?prisoners"
    r"|captured\s+(?:troops|soldiers|servicemen|fighters))"
)
_HELD_HOW_MANY = r"(?:(?:the|dozens\s+of|scores\s+of|\d+|Ukrainian|Russian)\s+){0,3}"  # "dozens of Ukrainian"
_HELD_STRUCK = re.compile(
    r"\b(?:shelling|shelled|shell|shells|striking|struck|strike\s+on|strikes\s+on|bombing|bombed|bombing\s+of|"
    r"shelling\s+of|attack\s+on|attacks\s+on)\s+"
    + _HELD_HOW_MANY
    + _HELD_PEOPLE
    + r"\b|\bkill(?:ing|ed|s)?\s+"
    + _HELD_HOW_MANY
    + _HELD_PEOPLE
    + r"\s+with\b"  # "killing POWs with HIMARS": a strike, not a shooting
    r"|\b(?<!\bno\s)(?<!\bnone\sof\sthe\s)" + _HELD_PEOPLE + r"\s+(?:were\s+|are\s+|have\s+been\s+)?"
    r"(?:killed|feared\s+dead|dead)\s+(?:as|after|when)\b(?=.*\b(?:strike|shelling|attack|explosion)\b)",
    re.IGNORECASE,
)
# "… in Lozova", "… near the village of Hroza": the place right after a facility
_IN_PLACE = re.compile(
    r"\s+(?:in|at|near|outside)\s+(?:the\s+)?(?:(?:temporarily\s+)?(?:[\w]+-)?(?:occupied|controlled|held)\s+)?"
    r"(?:(?:city|town|village|settlement)\s+of\s+)?"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An)\b)(?P<p>[A-Z][\w\-’']+"
    r"(?:\s+(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|On|In|At)\b)[A-Z][\w\-’']+)?)"
)


def _plain_name(name: str) -> bool:
    """A proper name, not a headline's capitalised words ("Missiles Hit", "Shelling", "Regional")."""
    common = lexicon.words("attack_nouns") | lexicon.words("attack_verbs") | lexicon.words("title_words")
    return not any(w.lower() in common for w in _WORD.findall(name))


def _city_of_adjective(name: str) -> str:
    """The known city a place adjective stands for ("Olenivska" -> "Olenivka"), else ``name``."""
    from xcheck.claims.entities import CITIES

    if not _ADJECTIVE_END.search(name):
        return name
    for canon, variants in CITIES.items():
        for v in variants:
            stem = re.sub(r"(?:ka|a|e|i|y|o)$", "", v)
            if len(stem) >= 4 and name != v and name.startswith(stem):
                return canon
    return name


_ADJECTIVE_END = re.compile(r"(?:ska|ski|sky|skyi|skiy|ske|sk|ian|ivska)$")


_NAMED_BEFORE = re.compile(
    r"(?<![\w\-])(?!(?:The|A|An|In|At|On|Of)\b)(?P<p>[A-Z][a-z][\w\-]*(?:\s+[A-Z][a-z][\w\-]*)?)\s+$"
)
_PLACE_BEFORE = re.compile(r"\b(?:in|near|at|of|outside|around|on|from)\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\b")
_REGION_AFTER = re.compile(
    r"\s+(?:region|regional|oblast|province|district|People's Republic|suburbs?)\b", re.IGNORECASE
)
_REGION_ONLY_AFTER = re.compile(
    r"\s+(?:region|oblast|province|district|People's Republic|suburbs?)\b", re.IGNORECASE
)


def _speaks_for(sentence: str, m: Mention) -> bool:
    """ "Kiev's forces", "blame Moscow": a capital standing for its government, not a place."""
    if m.name not in METONYMS:
        return False
    if any(pat.match(sentence, m.end + 1) for _cls, pat in _table_re("event_targets")):
        return False  # "Kyiv apartment block", "the Kyiv railway station": the city as a place
    return bool(_POSSESSIVE.match(sentence, m.end)) or not _PLACE_BEFORE.search(sentence[: m.start])


def _kind(sentence: str) -> str | None:
    best: tuple[int, str] | None = None
    for key, pat in _table_re("event_kinds"):
        hit = pat.search(sentence)
        if hit and (best is None or hit.start() < best[0]):
            best = (hit.start(), key)
    return best[1] if best else None


# -- who did it -----------------------------------------------------------------------------------


def _side_of(mention_name: str) -> str:
    return METONYMS.get(mention_name, mention_name)


@cache
def _ship_spelling_names() -> dict[str, str]:
    """Each spelling of a known ship (lower case) -> its name: ``ship_names.txt``."""
    return {v: canon for canon, spellings in lexicon.table("ship_names").items() for v in spellings}


def _ship_spellings(sentence: str) -> set[str]:
    """The known ship names a sentence gives a ship ("the cruiser 'Moscow'"): {"Moscow"}."""
    known = _ship_spelling_names()
    return {
        h.group("n") for pat in _SHIP_NAMES for h in pat.finditer(sentence) if h.group("n").lower() in known
    }


def _names_the_ship(sentence: str, m: Mention, ships: set[str]) -> bool:
    """ "Moscow sank: destroyed cruiser 'Moscow' …": the capital spelled as the ship the sentence names
    is the ship (not where it says or denies something: "Moscow denied that missiles hit the cruiser
    Moscow")."""
    return sentence[m.start : m.end] in ships and not _SPEAKS_AFTER.match(sentence, m.end)


def _sides(sentence: str, mentions: list[Mention]) -> list[tuple[int, int, str]]:
    """``(start, end, side)`` of every phrase naming a side: countries, demonyms, capitals, agents.txt."""
    ships = (
        _ship_spellings(sentence) if any(m.kind == "city" and m.name in METONYMS for m in mentions) else set()
    )
    out = [
        (m.start, m.end, _side_of(m.name))
        for m in mentions
        if m.kind in ("country", "demonym")
        or (
            m.kind == "city"
            and m.name in METONYMS
            and not _SHIP_BEFORE.search(sentence[: m.start])
            and not _names_the_ship(sentence, m, ships)
        )
        if not _POSTED_IN.search(sentence[: m.start])
    ]
    for side, pat in _side_words():
        out.extend((h.start(), h.end(), side) for h in pat.finditer(sentence))
    out.sort()
    return out


_SAYS = frozenset({"says", "said", "claims", "claimed", "insists", "insisted", "admits", "admitted"})
_SAYS_IT = _SAYS | {"it", "they"}
_SHOOT = frozenset({"shot", "shoot", "shoots", "shooting"})
# who filmed or photographed, not who shot at anyone: "footage … shot by Ukrainian soldiers"
_FILMED_BEFORE = re.compile(
    r"\b(?:footage|video|videos|film|films|documentary|photos?|photographs?|pictures?|images?|scenes?|clip|"
    r"movie|reportage)\b[^.;:]{0,80}$",
    re.IGNORECASE,
)
_SHIP_BEFORE = re.compile(r"\b(?:cruiser|flagship|warship|frigate|ship|vessel)\s+[\"“'‘]?$", re.IGNORECASE)
# "the Russian embassy in London": where a side's diplomats sit, neither a side nor a place struck
_POSTED_IN = re.compile(
    r"\b(?:embass(?:y|ies)|consulates?|missions?|ambassadors?|envoys?|representations?|diplomats?)\s+"
    r"(?:in|to|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_GAP = r"(?:\s*(?:['’]s|\s)\s*(?:[\w\-]+\s+){0,2}?)"
_MUTUAL = re.compile(
    r"\b(?:each other|one another|mutual(?:ly)?|both sides|warring (?:sides|parties)|trade(?:d)? blame)\b",
    re.IGNORECASE,
)
# "Russia says … a fire; Ukraine says it targeted the vessel": each side's account, neither the sentence's
_SAYING = r"says?|said|claims?|claimed|insists?|insisted"
_SIDE_SAYS = re.compile(rf"\s+(?:also\s+)?(?:{_SAYING})\b", re.IGNORECASE)
_SPEAKS_AFTER = re.compile(rf"\s+(?:also\s+)?(?:{_SAYING}|{_DENY})\b", re.IGNORECASE)


def _two_accounts(sentence: str, sides: list[tuple[int, int, str]]) -> bool:
    """Both sides of the war say something in the sentence, each in a clause of its own."""
    return len({side for _s, e, side in sides if side in _WAR_SIDES and _SIDE_SAYS.match(sentence, e)}) > 1


_ACCUSE = re.compile(r"\b(?:accus\w*|blam\w*)\s+$", re.IGNORECASE)
_BY = re.compile(
    r"\b(?P<w>[\w\-]+)\s+(?:out\s+|up\s+|in\s+advance\s+|beforehand\s+)?by\s+(?:the\s+)?$", re.IGNORECASE
)
# "accused Kiev of shelling the plant", "accuses Moscow of 'nuclear terrorism'": what the side is
# accused of, in the words after "of"/"for"
_OF_WHAT = re.compile(
    r"(?:['’]s)?(?:\s+[\w\-]+){0,2}?\s+(?:of|for)\s+(?P<obj>[^,;:.()]{1,80})", re.IGNORECASE
)
_TOKEN = re.compile(r"[\"“'‘]?([\w\-]+)[\"”'’]?")
_NOT_MODIFIERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"})


@cache
def _qualifiers() -> frozenset[str]:
    """Words before a deed that only qualify it: the determiners and ``deed_qualifiers.txt``."""
    return _NOT_MODIFIERS | lexicon.words("deed_qualifiers")


def _did_what(m: re.Match[str], words: frozenset[str]) -> int | None:
    """Where the deed after a predicate ends when it is one of ``words``, after at most three words that
    only qualify it ("the Kramatorsk station massacre", "'nuclear terrorism'"), not after a word of its
    own ("investigating the strike", "a counter attack"), nor as a modifier ("fire safety"); None when
    there is no such deed."""
    tokens = list(_TOKEN.finditer(m.group("obj")))
    base = m.start("obj")
    for i, t in enumerate(tokens[:5]):
        w = t.group(1)
        lw = w.lower()
        if lw in words:
            after = tokens[i + 1].group(1).lower() if i + 1 < len(tokens) else ""
            return None if after in lexicon.words("modified_after") else base + t.end(1)
        if i >= 4 or not (lw in _qualifiers() or lw in lexicon.words("agent_fillers") or w[:1].isupper()):
            return None
        if lw in lexicon.words("attack_nouns"):
            continue  # "missile attack"
    return None


# what makes a side's deed not asserted: a threat or a condition, a question, doubt, an inquiry, a claim
# rejected ("warned it would hold Kyiv responsible", "no evidence that Ukraine carried out the strike",
# "investigate whether Ukraine is responsible", "dismissed Moscow's claim that Ukraine was responsible")
_UNASSERTED_BEFORE = re.compile(
    r"\b(?:would|will|could|might|may|if|whether|unless|evidence|proof|unable|determin\w*|establish\w*|"
    rf"investigat\w*|probe|inquiry|decide|prove|suggests?|yet\s+to|too\s+early|{_DENY}|"
    r"doubt\w*|question\w*|unclear|unknown|possible|possibly|perhaps|likely)\b[^.;:,]{0,70}$",
    re.IGNORECASE,
)


def _asserted(sentence: str, start: int) -> bool:
    """The sentence asserts what it says of the side at ``start`` (see ``_UNASSERTED_BEFORE``)."""
    return not (
        sentence.rstrip().endswith("?") or _UNASSERTED_BEFORE.search(sentence[max(0, start - 90) : start])
    )


@cache
def _blamed_for() -> frozenset[str]:
    """What a side is blamed for or said to own besides a strike: ``blamed_for.txt``."""
    return lexicon.words("blamed_for")


@cache
def _owns_it() -> re.Pattern[str]:
    """A side that owns the deed after it: "Kyiv is behind the attack", "Ukraine's military claimed
    responsibility for the strike", "Ukrainian forces are to blame for the strike", "Moscow holds Kyiv
    responsible for the strike", "the Russian army carried out the attack", "Ukraine committing
    'nuclear terrorism'", "the Ukrainian leader and his American backers are guilty of shelling"."""
    between = "|".join(
        re.escape(w) for w in sorted(lexicon.words("agent_forces") | lexicon.words("agent_fillers"))
    )
    return re.compile(
        r"(?:['’]s(?:\s+[a-z][\w\-]*){1,2})?"
        rf"(?:\s+(?:armed\s+)?(?:{between})){{0,2}}"
        r"(?:\s+and\s+(?:its|his|their|her)\s+(?:[\w\-]+\s+)?"
        r"(?:backers|allies|partners|sponsors|patrons|masters|handlers|curators))?"
        r"\s+(?:(?:(?:is|was|were|are|has\s+been|had\s+been)\s+)?behind|"
        r"(?:(?:is|was|were|are|being|has\s+been|have\s+been|had\s+been)\s+)?(?:widely\s+)?"
        r"(?:blamed\s+for|accused\s+of)|"
        r"(?:has\s+|have\s+|had\s+)?(?:claimed|claims|took|takes|has\s+taken)\s+responsibility\s+for|"
        r"(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been|held|is\s+held|was\s+held)\s+)?"
        r"(?:solely\s+|fully\s+|directly\s+|entirely\s+)?(?:responsible\s+for|to\s+blame\s+for|guilty\s+of)|"
        r"(?:(?:is|are|was|were|has|have|had)\s+)?(?:deliberately\s+)?"
        r"(?:carried\s+out|carries\s+out|carry\s+out|carrying\s+out|conducted|conducts|conducting|"
        r"committed|commits|committing|perpetrated|initiated|initiates|orchestrated|organi[sz]ed))\s+"
        r"(?:an\s+act\s+of\s+|acts\s+of\s+)?(?P<obj>[^,;:.()]{1,80})",
        re.IGNORECASE,
    )


# "Russia denies bombing the theatre, blames Azov battalion": the side blamed, the deed the sentence's
_BLAMES_BEFORE = re.compile(r"\b(?:blames?|blamed|blaming)\s+(?:the\s+)?$", re.IGNORECASE)
_CLAUSE_ENDS = re.compile(
    r"(?:\s+(?:battalion|regiment|forces|troops|army|military|nationalists))?\s*(?:[,;:.]|$)"
)


def _blame_of_the_strike(sentence: str, at: int) -> bool:
    """A side blamed with no object is blamed for the strike when the sentence denies it first ("Russia
    denies bombing the theatre, blames Azov") or its headline names it before a colon ("Mariupol theatre
    airstrike: Russia blames Azov"); not "Peace talks collapse …; Kremlin blames Ukraine"."""
    head = sentence[:at]
    if any(not _attributive(sentence, h) for h in _words_re("denial_words").finditer(head)):
        return True
    colon = head.find(": ")
    return colon >= 0 and _names_a_strike(head[:colon])


# "Zaporizhzhia plant shelling: Russian forces responsible, G7 says"
_BARE_RESPONSIBLE = re.compile(
    r"(?:\s+(?:forces|troops|army|military))?\s+(?:(?:is|are|was|were)\s+)?(?:responsible|to\s+blame)\s*(?:[,;:.]|$)",
    re.IGNORECASE,
)
# "the attack was the work of Ukrainian nationalists": the side whose work the strike was
_WORK_OF = re.compile(
    r"(?:^|[,;:]\s*|\bthat\s+)(?P<subject>[^,;:]*?)\s+(?:is|was|were|are)\s+(?:(?:clearly|obviously|surely|also)\s+)?"
    r"(?:the\s+)?(?:work|handiwork|doing)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _work_of(before: str) -> bool:
    """ "The attack on the station was the work of Ukrainian nationalists": the side whose work the strike
    (the subject, its first two words) was; not "hampering the work of Ukrainian staff", nor "the story
    that HIMARS hit the prison was the work of Russian propagandists"."""
    m = _WORK_OF.search(before)
    if m is None:
        return False
    head = [w.lower() for w in _WORD.findall(m.group("subject")) if w.lower() not in _NOT_MODIFIERS][:4]
    return any(w in lexicon.words("attack_nouns") or w in _blamed_for() for w in head)


_MODIFIES_TARGET = re.compile(
    r"\s+(?:cruiser|ship|warship|boat|launchers?|systems?|defen[cs]es?|carriers?)\b", re.IGNORECASE
)


_MEANS_OF_BY = re.compile(
    r"\b(?P<m>[\w\-]+)\s+of\s+(?:[\w\-’'.]+\s+){0,5}?[\w\-]+\s+(?:out\s+)?by\s+(?:the\s+)?$", re.IGNORECASE
)


def _by_striker(before: str, verbs: frozenset[str], means: frozenset[str]) -> bool:
    """ "shelled by", "attacks by", "carried out by": the side after "by" struck ("published by" no)."""
    m = _BY.search(before)
    if m is None:
        return False
    w = m.group("w").lower()
    if w in _SHOOT and _FILMED_BEFORE.search(before[: m.start("w")]):
        return False  # "the footage was shot by Ukrainian soldiers"
    if w in verbs or w in means or w in lexicon.words("done_by") or w.rstrip("s") in means:
        return True
    if w in lexicon.words("planned_by"):
        return _planned_strike(before[: m.start("w")])
    of = _MEANS_OF_BY.search(before)  # "the shelling of the Zaporizhzhia NPP by the Russians"
    return bool(of and of.group("m").lower() in means and not _CLAUSE_BREAK.search(of.group()))


def _planned_strike(clause: str) -> bool:
    """What was planned or initiated, before "planned by", is a strike: a strike word comes in its
    clause before any thing done about a strike (``not_deeds.txt``: a meeting, an investigation)."""
    clause = re.split(r"[;:]|\bthat\b", clause)[-1]
    deeds = lexicon.words("attack_nouns") | _blamed_for() | lexicon.words("attack_verbs")
    for w in _WORD.findall(clause):
        lw = w.lower()
        if lw in lexicon.words("not_deeds"):
            return False
        if lw in deeds:
            return True
    return False


def _aimed_at(sentence: str, at: int) -> bool:
    """ "fired at", "shot on": the verb just before ``at`` aims at a target (active voice)."""
    verb = re.search(r"([\w\-]+)$", sentence[:at])
    return bool(verb and verb.group(1).lower() in _AIMED and _AIMED_AFTER.match(sentence, at))


def _on_orders(sentence: str, start: int, end: int) -> bool:
    """ "carried out on Kiev's orders", "on the orders of the Ukrainian command"."""
    before = sentence[max(0, start - 40) : start]
    if _ON_ORDERS_BEFORE.search(before):
        return True
    return bool(_ON_ORDERS_AROUND[0].search(before) and _ON_ORDERS_AROUND[1].match(sentence, end))


def _accused_of_striking(sentence: str, start: int, end: int, verbs: frozenset[str]) -> bool:
    """ "accused Kiev of shelling the plant", "blames Ukrainian forces for the strikes"."""
    if not _ACCUSE.search(sentence[max(0, start - 40) : start]):
        return False
    m = _OF_WHAT.match(sentence, end)
    return m is not None and None is not _did_what(
        m, verbs | lexicon.words("attack_nouns") | lexicon.words("done_by") | _blamed_for()
    )


_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")
_PASSIVE_AFTER = re.compile(
    r"\s+(?:in|by|at|during|as|when|after|while|near|on"
    r"|(?:and|or)\s+(?:wounded|injured|maimed|missing)(?=\s*(?:[,.;:]|$|(?:in|by|at|during|as|when|after|on)\b)))\b",
    re.IGNORECASE,
)  # "Ukrainian servicemen killed in the attack", "Ukrainian defenders killed and wounded"
# verbs aimed at something: "Russian forces fired at the plant" is active, not "killed at the station"
_AIMED = frozenset({"fire", "fired", "fires", "firing", "shoot", "shoots", "shot", "shooting"})
_AIMED_AFTER = re.compile(r"\s+(?:at|on)\b", re.IGNORECASE)
# "carried out on Kiev's orders", "on the orders of the Ukrainian command": the side that ordered it
_ON_ORDERS_BEFORE = re.compile(r"\bon\s+(?:the\s+)?(?:direct\s+)?orders?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_ON_ORDERS_AROUND = (
    re.compile(r"\bon\s+$", re.IGNORECASE),
    re.compile(r"['’]s?\s+(?:direct\s+)?orders?\b", re.IGNORECASE),
)
_NEEDS_MEANS = frozenset({"launch", "launched", "launches", "launching", "opened", "opens", "open"})
# "Ukraine is 'taking Europe hostage' by shelling the plant" (not "Kharkiv was hit by shelling")
_BY_DOING = re.compile(
    r"(?:\s+(?!(?:was|were|is|are|been|be|being|got|gets|hurt|left|hit|struck|shot|caught|kept|made)\b)"
    r"(?![\w\-]+ed\b)[\w\-.’'\"‘“”]+){0,5}?\s+by\s+(?P<v>\w+ing)\b"
    r"(?!\s+(?:of|near|at|in|on|from|around|nearby|close)\b)(?=\s+\S)",
    re.IGNORECASE,
)
# a side's people or forces ("Russian soldiers", "Russians", "the occupiers' positions"), not its
# things ("Ukraine's nuclear plant", "the Ukrainian railway station")
_PEOPLE_OF_SIDE = re.compile(
    r"(?:[A-Z][\w\-]*(?:ians|ans|ese)\b(?!\s+(?![a-z]+ing\b)[a-z])|[\w\-]+(?:['’]s)?\s+(?:[\w\-]+\s+)?"
    r"(?:soldiers|troops|servicemen|forces|military|army|personnel|fighters|units|positions|invaders|"
    r"occupiers|occupants|militants|mercenaries|gunners|crews?|commanders?)\b)"
)
_DOWNED_AFTER = re.compile(
    r"\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been|being)\s+)?(?:shot\s+down|downed|intercepted|"
    r"destroyed\s+in\s+the\s+air|lost)\b",
    re.IGNORECASE,
)
# means shot down before they struck: "downs Russian missiles", "intercepted two Ukrainian drones"
_INTERCEPTED = re.compile(
    r"\b(?:downs|downed|shoots?\s+down|shot\s+down|intercept\w*)\s+(?:[\w\-]+\s+){0,2}$", re.IGNORECASE
)
# the side is the subject of its clause: "Moscow says Ukraine …", not "destroying Ukraine by shelling"
_CLAUSE_START = re.compile(
    r"(?:^|\b(?:says?|said|claims?|claimed|insists?|insisted|that|warns?|warned)\s+|[:;,—–]\s*)$",
    re.IGNORECASE,
)
# "Ukraine used a U.S.-supplied rocket system to hit a detention facility": the side that used the means
_USED = frozenset({"used", "uses", "using", "employed"})
_USED_TO = re.compile(r"(?P<means>(?:\s+[\w\-.’']+){0,6}?)\s+to\s+(?P<v>[\w\-]+)", re.IGNORECASE)
_MEANS_WORDS = frozenset({"weapons", "weapon", "launchers", "launcher", "munitions", "ammunition", "bombs"})


@cache
def _not_doers_after() -> re.Pattern[str]:
    """People of a side who are not its forces, right after its name ("Ukrainian prosecutors",
    "Russian mafia"): ``not_doers_after.txt``."""
    alts = "|".join(re.escape(w) for w in sorted(lexicon.words("not_doers_after"), key=len, reverse=True))
    return re.compile(rf"(?:['’]s)?\s+(?:{alts})\b", re.IGNORECASE)


def _means_in(words: str) -> bool:
    """ "a U.S.-supplied rocket system", "drones", "Grad launchers": means of a strike, not "the
    nuclear plant" ("Russia uses the nuclear plant to shell Nikopol")."""
    if any(pat.search(words) for _cls, pat in _table_re("event_targets")):
        return False
    means = lexicon.words("attack_nouns") | _MEANS_WORDS
    return _weapon(words) is not None or any(w.lower() in means for w in _WORD.findall(words))


def _agent(sentence: str, sides: list[tuple[int, int, str]]) -> tuple[str, str] | None:
    """The side stated to have done it, with the words that say so; None when none or both.

    "Russian missile", "Ukraine's shelling" (the means of a strike after a side); "Russia struck",
    "Ukrainians hit" (a verb of striking right after it); "Russian troops shelled" (forces, then such a
    verb); "launched by Ukrainian forces", "accused Kiev of shelling" (by / accused before it)."""
    if _MUTUAL.search(sentence) or _two_accounts(sentence, sides):
        return None
    means = lexicon.words("attack_nouns")
    forces = lexicon.words("agent_forces")
    filler = lexicon.words("agent_fillers")
    verbs = lexicon.words("attack_verbs")
    found: list[tuple[int, str, str]] = []
    for n, (start, end, side) in enumerate(sides):
        stop = next((s for s, _e, _side in sides[n + 1 :] if s >= end), len(sentence))
        words = [(m.group(), m.end()) for m in re.finditer(r"[\w\-’']+", sentence[end:stop])][:6]
        before = sentence[max(0, start - 80) : start]
        if _not_doers_after().match(sentence, end):
            continue  # "Ukrainian prosecutors", "Russian mafia": of that side, not its forces
        if _TOLD_THAT_BEFORE.search(sentence[max(0, start - 30) : start]) and _SHOWN_FALSE.search(
            sentence, end
        ):
            continue  # "the Kremlin's claim that Ukraine shelled the station has been debunked"
        if _NEGATED_BEFORE_SIDE.search(before) or (
            _DENIED_BEFORE_SIDE.search(before) and _does_it(sentence, end)
        ):
            continue  # "had not been hit by any Ukrainian missile", "no Russian missile struck"
        hit_end: int | None = None
        force_seen = by_verb = False
        for i, (w, w_end) in enumerate(words):
            lw = w.lower().strip("’'")
            if lw in ("s", ""):
                continue  # "Kiev's", "occupants’ shelling"
            if (
                lw in ("is", "are", "was", "were")
                and i + 1 < len(words)
                and words[i + 1][0].lower().endswith("ing")
                and words[i + 1][0].lower() in verbs
            ):
                continue  # "Russia is firing at it", "Russian troops are shelling"
            if i <= 1 and lw in _SAYS and i + 1 < len(words) and words[i + 1][0].lower() in ("it", "they"):
                continue  # "Ukraine says it hit the cruiser": the side that says is the one that hit
            if i in (1, 2) and lw in ("it", "they") and words[i - 1][0].lower() in _SAYS:
                continue
            if lw in means and i <= 2:
                hit_end = w_end
                break
            if lw in _NEEDS_MEANS and not any(
                x[0].lower().rstrip("s") in means for x in words[i + 1 : i + 4]
            ):
                break  # "Ukraine launches a hunt": not a strike
            if lw in _USED and (i == 0 or force_seen or all(x[0].lower() in filler for x in words[:i])):
                # "Ukraine used a U.S.-supplied rocket system to hit", "Russian troops used drones to attack"
                used = _USED_TO.match(sentence, end + w_end)
                if used and used.group("v").lower() in verbs and _means_in(used.group("means")):
                    hit_end, by_verb = used.end() - end, True
                break
            if lw in _SHOOT and i + 1 < len(words) and words[i + 1][0].lower() == "down":
                break  # "Ukrainian forces shot down a Russian drone": struck no target
            if lw in verbs and (
                i == 0
                or force_seen
                or all(
                    x[0].lower() in filler
                    or x[0].lower() in _SAYS_IT
                    or (x[0].lower() in ("is", "are", "was", "were") and lw.endswith("ing"))
                    for x in words[:i]
                )
            ):
                hit_end = w_end
                by_verb = True
                break
            if lw in forces:
                force_seen = True
                continue
            if i == 0 and w[:1].isupper() and _weapon(w):  # "a Ukrainian Tochka-U"
                hit_end = w_end
                break
            if lw in filler or (not force_seen and i <= 1 and w[:1].isupper()):
                continue  # "Russian Armed Forces", "Ukraine has struck"
            break
        used = _BY_DOING.match(sentence, end, stop) if _CLAUSE_START.search(before) else None
        owns = _owns_it().match(sentence, end, stop)
        owned = _did_what(owns, means | _blamed_for()) if owns and _asserted(sentence, start) else None
        deed = hit_end is None and owned is not None  # a predicate of owning it, not means named
        if deed and owned is not None:
            hit_end = owned - end  # "Kyiv is behind the attack"
        if hit_end is None and used and used.group("v").lower() in verbs:
            hit_end = used.end() - end
            by_verb = True
        if (
            hit_end is not None
            and by_verb
            and any(
                s0 - (end + hit_end) in range(0, 10) and _PEOPLE_OF_SIDE.match(sentence, s0)
                for s0, _e, _s in sides
            )
        ):
            hit_end = None  # "Ukraine targets Russian soldiers": people of a side struck, not the target
        if hit_end is not None and not (by_verb or deed) and side not in _WAR_SIDES:
            hit_end = None  # "an Iranian drone", "American HIMARS": where the means were made, not who struck
        if hit_end is not None and not by_verb and _DOWNED_AFTER.match(sentence, end + hit_end):
            hit_end = None  # "a Ukrainian warplane was shot down": means lost, not a strike
        if hit_end is not None and not by_verb and _INTERCEPTED.search(before[-30:]):
            hit_end = None  # "Ukraine says it downs Russian missiles": struck nothing
        if hit_end is not None and _CLAUSE_BREAK.search(sentence[end : end + hit_end]):
            hit_end = None  # "…in Kramatorsk, Ukraine, killing 52": another clause
        if (
            hit_end is not None
            and by_verb
            and _PASSIVE_AFTER.match(sentence, end + hit_end)
            and not _aimed_at(sentence, end + hit_end)
        ):
            hit_end = None  # "Ukrainian servicemen killed in the attack": they were killed
        if hit_end is not None and not by_verb and _MODIFIES_TARGET.match(sentence, end + hit_end):
            hit_end = None  # "the Russian missile cruiser": what the ship carries, not who struck
        if hit_end is not None:
            found.append((n, side, sentence[start : end + hit_end].strip()))
        elif (
            _by_striker(before, verbs, means)
            or _accused_of_striking(sentence, start, end, verbs)
            or _on_orders(sentence, start, end)
            or _work_of(sentence[:start])
            or (
                _BLAMES_BEFORE.search(before)
                and _CLAUSE_ENDS.match(sentence, end)
                and _asserted(sentence, start)
                and _blame_of_the_strike(sentence, start)
            )
            or (
                _BARE_RESPONSIBLE.match(sentence, end)
                and _asserted(sentence, start)
                and _blame_of_the_strike(sentence, start)
            )
        ):
            lead = max(0, start - 12)
            if lead and sentence[lead - 1].isalnum():  # "ine accused Russian": start at a word
                lead = sentence.find(" ", lead, start) + 1 or start
            orders = _ON_ORDERS_AROUND[1].match(sentence, end)  # "on Kiev's orders": the whole phrase
            found.append((n, side, sentence[lead : orders.end() if orders else end].strip()))
    found = _with_partners(sentence, sides, found)
    sides_found = {s for _n, s, _t in found}
    if len(sides_found) > 1 and len(sides_found & _WAR_SIDES) == 1 and len({n for n, _s, _t in found}) == 1:
        # "Zelensky and the U.S. initiated the attack": partners in one deed; the side at war did it
        war = next(s for s in sides_found if s in _WAR_SIDES)
        return next((s, t) for _n, s, t in found if s == war)
    if len(sides_found) != 1:
        return None
    return found[0][1], found[0][2]


# between two sides that do one deed together: "Zelensky and the U.S. initiated", "Kyiv, Washington …"
_AND = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?", re.IGNORECASE)
# a side named as a place or a foil, not a doer: "In Kharkiv, Ukraine", "according to Kyiv", "unlike Ukraine"
_NOT_A_DOER_BEFORE = re.compile(
    r"\b(?:in|against|unlike|according\s+to|from|on|at|near|with|for|of)\s+(?:the\s+)?$", re.IGNORECASE
)


def _with_partners(
    sentence: str, sides: list[tuple[int, int, str]], found: list[tuple[int, str, str]]
) -> list[tuple[int, str, str]]:
    """``found`` with the sides joined by "and" to a side found doing the deed, under the finder's
    index: "Zelensky and U.S. initiated the attack" gives Ukraine as well as the United States."""
    out = list(found)
    for n, _side, text in found:
        k = n
        while (
            k > 0
            and _AND.fullmatch(sentence[sides[k - 1][1] : sides[k][0]])
            and not _NOT_A_DOER_BEFORE.search(sentence[max(0, sides[k - 1][0] - 30) : sides[k - 1][0]])
        ):
            k -= 1
            start = sides[k][0]
            out.append((n, sides[k][2], (sentence[start : sides[n][0]] + text).strip()))
    return out


# -- with what, denial, state ---------------------------------------------------------------------


def _weapon(text: str) -> tuple[str, str] | None:
    """The named system the sentence says was used, the first one, the means before their carrier ("Tu-22M3
    bombers fired Kh-22 missiles": the Kh-22); not one that is only supplied ("a post about the supply of
    HIMARS to Ukraine")."""
    carriers = {c.lower() for c in lexicon.words("carriers")}
    best: tuple[bool, int, str, str] | None = None
    for name, pat in _table_re("weapons"):
        hit = next((h for h in pat.finditer(text) if not _SUPPLIED_BEFORE.search(text[: h.start()])), None)
        if hit is None:
            continue
        cand = (name.lower() in carriers, hit.start(), name, hit.group())
        if best is None or cand[:2] < best[:2]:
            best = cand
    return (best[2], best[3]) if best else None


# a system talked of as supplied, not as used: "the supply of HIMARS", "deliveries of Neptune missiles"
_SUPPLIED_BEFORE = re.compile(
    r"\b(?:suppl(?:y|ies)|deliver(?:y|ies)|shipments?|transfers?|provision|sale)\s+of\s+(?:the\s+)?"
    r"(?:[\w\-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _denial(
    sentence: str, sides: list[tuple[int, int, str]], speaker_side: str | None
) -> tuple[str, str] | None:
    """(the denying side, the denial words): a side of the war denying its own part.

    Not a side's partners or a bystander ("Western reports"), and not a side disputing the other side's
    claim about itself ("Ukrainian officials denied Russian reports that a missile had destroyed the
    bridge": what Russia claims to have done, not Ukraine's part)."""
    found = _denial_words(sentence, sides, speaker_side)
    if found is None or found[0] not in _WAR_SIDES:
        return None
    at = sentence.find(found[1])
    if at >= 0 and any(
        side != found[0]
        and side in _WAR_SIDES
        and _DENIED_BEFORE_SIDE.search(sentence[max(0, s0 - 40) : s0])
        and s0 >= at
        and _does_it(sentence, e)  # not "refuted Russian claims that …", "denied that the Russian strike …"
        for s0, e, side in sides
    ):
        return None  # "Russia denies Ukraine hit the Moskva": the other side's deed denied, not its own part
    for _s0, e, owner in sides:
        if owner == found[0] or owner not in _WAR_SIDES or not _OWNED.match(sentence, e) or at < 0:
            continue
        # what the other side claims: from its name to the denial word, or after the denial word
        lo, hi = (e, at) if e <= at else (at + len(found[1]), len(sentence))
        content = sentence[lo:hi]
        names_denier = _ITS.search(content) or any(
            side == found[0] and lo <= x0 < hi for x0, _x1, side in sides
        )
        if not names_denier and any(pat.search(content) for _key, pat in _table_re("statuses")):
            return None  # "Russian reports that a missile had destroyed the bridge": its own result
    told = _TOLD_THAT_AFTER.match(sentence, at + len(found[1])) if at >= 0 else None
    if told:  # "denied reports that Russian troops had captured the bridge": the other side's result
        content = sentence[told.end() :]
        others = any(side != found[0] and side in _WAR_SIDES for x0, _x1, side in sides if x0 >= told.end())
        mine = _ITS.search(content) or any(side == found[0] for x0, _x1, side in sides if x0 >= told.end())
        result = any(pat.search(content) for _key, pat in _table_re("statuses")) or _CAPTURED.search(content)
        if others and not mine and result:
            return None
    return found


def _denial_words(
    sentence: str, sides: list[tuple[int, int, str]], speaker_side: str | None
) -> tuple[str, str] | None:
    """(the denying side, the denial words): the side that speaks or stands before the denial word."""
    hit = next(
        (
            h
            for h in _words_re("denial_words").finditer(sentence)
            if not _attributive(sentence, h)
            and not _DENIAL_NEGATED.search(sentence[max(0, h.start() - 24) : h.start()])
            and not _RELATIVE_BEFORE.search(sentence[: h.start()])
            and not _REJECTS_A_PROPOSAL(sentence, h)
        ),
        None,
    )
    if hit is None:
        return None
    # "a Ukrainian provocation", "Russian fakes": a charge against that side, not a denial of one's part
    charge = hit.group().lower() in _CHARGES
    if charge and any(
        e <= hit.start() and _PLOTS.match(sentence, e) for _s, e, _d in sides
    ):  # "Russia plans attacks … staged as Ukraine's revenge": a charge against the plotter
        return None

    def invented(charged: str) -> tuple[str, str] | None:
        """ "Moscow says the killings were staged by Kyiv": a charge against Kyiv, and the speaker's
        denial that the killings happened as told; "Russia called the strike a provocation by Kyiv":
        the caller's denial of its own part (the strike happened, the other side staged it)."""
        word = hit.group().lower()
        if word not in _NEVER_HAPPENED and word != "provocation":
            return None
        if _FEARED.search(sentence[max(0, hit.start() - 40) : hit.start()]):
            return None  # "the Kremlin fears a Ukrainian provocation at the plant": nothing has happened
        voice = speaker_side or _caller_side(sentence[: hit.start()], sides)
        if voice and voice != charged:
            return voice, hit.group()
        return None

    by = (
        [d for s0, _e, d in sides if 0 <= s0 - hit.end() <= 80 and _BY.search(sentence[:s0])]
        if charge
        else []
    )
    if by:
        return invented(by[0])  # "a provocation … scheduled by Russian occupiers": a charge against them
    if charge and any(
        0 <= hit.start() - e <= 40
        and _BY.search(sentence[:s0])
        and not _CLAUSE_BREAK.search(sentence[e : hit.start()])
        and not _TOLD_BEFORE.search(sentence[:s0])  # "accusations of … by Russian forces are fake"
        for s0, e, _d in sides
    ):
        return None  # "the shelling of the plant by the Russians is a provocation": a charge against them
    right_before = (
        [
            d
            for _s, e, d in sides
            if 0 <= hit.start() - e <= 12 and not sentence[e : hit.start()].strip(" '’s")
        ]
        if charge
        else []
    )
    if right_before:
        return invented(right_before[-1])  # "Ukraine staged the massacre", "Russian fakes"
    # a side that owns what is denied ("Russian claims are a lie") is not the one denying
    owned = {side for _s, e, side in sides if _OWNED.match(sentence, e)}  # "refuted Russian claims" too
    subject = [
        side
        for _s, e, side in sides
        if e <= hit.start() and _SUBJECT_GAP.fullmatch(sentence[e : hit.start()]) and side not in owned
    ]
    if subject and charge:  # "Ukraine had staged a provocation": a charge against Ukraine
        return invented(subject[-1])
    if subject:  # "Zelensky said …, allegations that Moscow denied": Moscow denies, not the speaker
        return subject[-1], hit.group()
    if speaker_side and speaker_side not in owned:
        return speaker_side, hit.group()
    side = _caller_side(sentence[: hit.start()], sides)  # "Putin calls … the Ukrainian town of Bucha 'fake'"
    if side is not None and side not in owned:
        return side, hit.group()
    before = [s for s in sides if s[1] <= hit.start() and not _OWNED.match(sentence, s[1])]
    if before:
        return before[-1][2], hit.group()
    return None


# a provocation feared or foretold, not one said of what happened
_FEARED = re.compile(
    r"\b(?:fears?|feared|warns?|warned|warning|plans?|planned|planning|prepar\w+|possible|could|may|might|"
    r"thwart\w*|foil\w*|prevent\w*|avert\w*|stopped|"
    r"would|threat\w*|risk)\b",
    re.IGNORECASE,
)


# "Moscow: …", "Russian MoD: …": a headline's speaker before a colon
_HEAD_VOICE = re.compile(r"^\W*(?P<who>[^:,.;]{2,40}?)\s*:\s+\S")


def _headline_voice(sentence: str, sides: list[tuple[int, int, str]]) -> str | None:
    """The side speaking in a headline "<side>: <claim>" ("Moscow: …", "Russian MoD: …", "Peskov: …"):
    a side at its head and only words of its office after it; None otherwise ("War in Ukraine: …")."""
    m = _HEAD_VOICE.match(sentence)
    if m is None:
        return None
    lo, hi = m.start("who"), m.end("who")
    head = [(s0, e, side) for s0, e, side in sides if lo <= s0 < hi]
    if not head or head[0][0] != lo or len({side for _s, _e, side in head}) != 1:
        return None
    rest = sentence[head[-1][1] : hi]
    if any(w.lower() not in lexicon.words("voice_words") for w in _WORD.findall(rest)):
        return None
    if not _WORD.findall(rest) and sentence[lo : head[0][1]].lower() in _COUNTRY_TOPICS:
        return None  # "Ukraine: Bucha 'fake' claim by Kremlin rejected": a topic, not a voice
    return head[0][2] if head[0][2] in _WAR_SIDES else None


_COUNTRY_TOPICS = frozenset({"ukraine", "russia", "russian federation", "the russian federation"})


def _caller_side(head: str, sides: list[tuple[int, int, str]]) -> str | None:
    """The side of who calls something a fake at the head of the sentence ("Putin calls …", "Russia's
    foreign ministry called …")."""
    caller = _CALLER.match(head)
    if caller is None:
        return None
    return next((d for s0, _e, d in sides if s0 == caller.start("who")), None) or _known_side(
        caller.group("who")
    )


# "Putin calls …", "Moscow dismissed …": who calls something a fake, at the head of the sentence
_CALLER = re.compile(
    r"^\W*(?!(?:Nobody|No one|None|Noone)\b)(?P<who>[A-Z][\w\-’'.]*(?:\s+[A-Z][\w\-’'.]*){0,2})"
    r"(?:['’]s(?:\s+[a-z][\w\-]*){1,2})?\s+(?:calls?|called|labels?|labell?ed|"
    r"dubs?|dubbed|brands?|branded|dismiss(?:es|ed)?)\b"
)


# between a side and its denial word when the side is the one denying: "Moscow denied", "Russia has
# flatly denied"
_SUBJECT_GAP = re.compile(
    r"\s*(?:(?:has|have|had|also|again|flatly|strongly|categorically|officially|swiftly|repeatedly)\s+)*",
    re.IGNORECASE,
)


# "'unconvincing' claims Russia didn't carry out the attack": a claim reported, perhaps to reject it
_REPORTED_BEFORE = re.compile(
    r"\b(?:claims?|claimed|allegations?|assertions?|insists?|insisted|version)\s+(?:that\s+)?$", re.I
)
_NEGATION_AFTER_SIDE = re.compile(
    r"(?:['’]s)?(?:\s+[\w\-]+){0,3}?\s+(?:did\s+not|didn['’]t|does\s+not|doesn['’]t|do\s+not|don['’]t|has\s+not|hasn['’]t|"
    r"have\s+not|haven['’]t|had\s+not|hadn['’]t|was\s+not|wasn['’]t|is\s+not|isn['’]t|were\s+not|"
    r"weren['’]t|are\s+not|aren['’]t|never|could\s+not|couldn['’]t|cannot|"
    r"(?:had\s+|has\s+|have\s+)?(?:carried\s+out|launched|conducted|made)\s+no)\s+",
    re.IGNORECASE,
)


_WORD = re.compile(r"[\w\-]+")


def _disowning_words(rest: str, verbs: frozenset[str], disowning: re.Pattern[str]) -> str | None:
    """The words of a strike or of a part right after a negation ("strike", "carry out", "to blame"),
    or after one word more ("did not actually carry out"); None when another verb follows."""
    starts = [0]
    one = re.match(r"([\w\-]+)\s+", rest)
    if one is not None and (one.group(1).lower().endswith("ly") or one.group(1).lower() in ("even", "ever")):
        starts.append(one.end())  # "did not actually carry out"; not "had not stopped firing"
    for at in starts:
        hit = disowning.match(rest, at)
        if hit is not None:
            return rest[: hit.end()]
        first = _WORD.match(rest, at)
        if first is not None and first.group().lower() in verbs:
            return rest[: first.end()]
    return None


def _disowned(
    sentence: str, sides: list[tuple[int, int, str]], speaker: str | None = None
) -> tuple[str, str] | None:
    """(side, words) when a sentence says a side had no part: "Russia did not carry out the attack",
    "Ukraine is not to blame", "attempts to blame Moscow", "trying to shift the blame to Russia".

    Not what a side's speaker says of the other side ("Russia said the Ukrainian drones did not hit the
    refinery but fell nearby": a strike that failed, no denial), nor a side's partners ("Ukraine's
    Western partners do not target Russian territory")."""
    verbs = lexicon.words("attack_verbs")
    disowning = _words_re("disowning")
    shift = _words_re("blame_shift")
    found: list[tuple[str, str]] = []
    for start, end, side in sides:
        neg = _NEGATION_AFTER_SIDE.match(sentence, end)
        if neg is not None and speaker in _WAR_SIDES and side in _WAR_SIDES and side != speaker:
            neg = None
        if (
            neg is not None
            and _POSSESSIVE.match(sentence, end)
            and not _OWN_BODY.fullmatch(_NEGATORS.split(sentence[end : neg.end()])[0])
        ):
            neg = None
        if neg is not None and not _REPORTED_BEFORE.search(sentence[max(0, start - 30) : start]):
            words = _disowning_words(sentence[neg.end() :], verbs, disowning)
            if words is not None:  # "did not strike", "was not behind", "did not actually carry out"
                found.append((side, sentence[start : neg.end()] + words))
                continue
        before = sentence[max(0, start - 30) : start]
        m = next((h for h in shift.finditer(before) if not before[h.end() :].strip(" the")), None)
        if m is not None:
            found.append((side, (m.group() + " " + sentence[start:end]).strip()))
    we = _WE_DID_NOT.search(sentence)
    if we is not None and speaker in _WAR_SIDES and not found:
        words = _disowning_words(sentence[we.end() :], verbs, disowning)
        if words is not None:  # "'We did not bomb the theatre,' the Russian envoy said"
            found.append((speaker, we.group() + words))
    if len({s for s, _ in found}) != 1:
        return None
    return found[0]


_WE_DID_NOT = re.compile(
    r"\bwe\s+(?:did\s+not|didn['’]t|do\s+not|don['’]t|have\s+not|haven['’]t|never|are\s+not|were\s+not)\s+",
    re.IGNORECASE,
)


# after "Ukraine's", the side's own body that may deny: "Russia's defence ministry did not …"
_OWN_BODY = re.compile(
    r"['’]s(?:\s+(?:armed|defen[cs]e|foreign|ministry|government|military|army|forces|troops|command|general|"
    r"staff|officials|leadership|president|authorities|navy|air|of|the))*\s*",
    re.IGNORECASE,
)
_NEGATORS = re.compile(
    r"\b(?:did|does|do|has|have|had|was|is|were|are|could|can)\s*(?:not|n['’]t)\b|\bnever\b|\bcannot\b|"
    r"\b(?:carried\s+out|launched|conducted|made)\s+no\b",
    re.IGNORECASE,
)
_OWNED = re.compile(
    r"(?:['’]s)?\s+(?:(?!deni|reject|refut|dismiss)[\w\-]+\s+)?(?:claims?|statements?|propaganda|version|media|reports?|accusations?|"
    r"allegations?|narrative|story|stories)\b",
    re.IGNORECASE,
)
_ATTRIBUTIVE = re.compile(r"\s+(?!and\b|or\b|by\b|news\b|information\b|claims?\b|reports?\b)[a-z][\w\-]*")


_COPULA = re.compile(
    r"\b(?:is|are|was|were|be|been|as|call(?:s|ed)?|label(?:s|led)?|dub(?:s|bed)?)\s+$", re.I
)


# "lie" as a verb: after "to", a modal or a side's name ("Russia lies"), not after "is a", "are"
_LIES_AS_VERB = re.compile(
    r"(?:\b(?:to|will|would|can|cannot|could|shall|should|must|might|may|continues?\s+to|keeps?)\s+"
    r"(?:not\s+)?(?:be\s+able\s+to\s+)?|\b(?:Russia|Moscow|the\s+Kremlin|Ukraine|Kyiv|Kiev)\s+)$",
)


def _attributive(sentence: str, hit: re.Match[str]) -> bool:
    """ "a false campaign", "to run a fake story": the word describes a noun, it denies nothing ("the
    accusations are fake news" does)."""
    word = hit.group().lower()
    if _MADE_BEFORE.search(sentence[: hit.start()]):
        return True  # "used it for fakes", "spreading lies": a charge against whoever makes them
    if word in ("lie", "lies") and _LIES_AS_VERB.search(sentence[: hit.start()]):
        return True  # "Russia will not be able to lie to anyone", "Moscow lies": a charge, not a denial
    if word == "staged":  # "shoot staged scenes" describes; "staged the massacre", "was staged" deny
        organised = _STAGED_OBJECT.match(sentence, hit.end())
        if organised and organised.group("n").lower() not in lexicon.words("faked_nouns"):
            return True  # "staged a counteroffensive", "staged a protest": organised, nothing denied
        after = _WORD.match(sentence, hit.end() + 1) if sentence[hit.end() : hit.end() + 1] == " " else None
        return bool(
            after is not None
            and after.group()[:1].islower()
            and not _NOT_A_NOUN.fullmatch(after.group())
            and not _COPULA.search(sentence[: hit.start()])
        )
    if word not in ("false", "fake"):
        return False
    if _INDEFINITE_BEFORE.search(sentence[: hit.start()]) and _NOUN_AFTER.match(sentence, hit.end()):
        return True  # "is circulating a fake report": a charge against its author ("called it a fake" no)
    return bool(_ATTRIBUTIVE.match(sentence, hit.end())) and not _COPULA.search(sentence[: hit.start()])


# "staged a protest", "staged the massacre": what was staged, its noun
_STAGED_OBJECT = re.compile(
    r"\s+(?:a|an|the|its|their|this|that)\s+(?:[\w\-]+\s+){0,2}?(?P<n>[\w\-]+)(?=\s*(?:[,.;:]|$|\s+(?:in|at|on|of|to|by|near|outside|inside|before|after|and|as|with|against|for|from)\b))",
    re.IGNORECASE,
)
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
# what one makes or spreads: "used it for fakes", "spreading lies", "producing fakes"
_MADE_BEFORE = re.compile(
    r"\b(?:for|spread(?:s|ing)?|mak(?:e|es|ing)|made|produc(?:e|es|ed|ing)|creat(?:e|es|ed|ing)|"
    r"shoot(?:s|ing)?|shot|film(?:s|ed|ing)?|publish(?:es|ed|ing)?|disseminat(?:e|es|ed|ing))\s+"
    r"(?:[\w\-]+\s+)?$",
    re.IGNORECASE,
)
# after "staged", a word that makes it a verb or a predicate, not an adjective before a noun
_NOT_A_NOUN = re.compile(
    r"(?:the|an?|this|that|these|those|its|their|his|her|by|to|in|on|at|for|and|or|as|with|from|after|"
    r"before|so|it|them)",
    re.IGNORECASE,
)
_NOUN_AFTER = re.compile(r"\s+(?!and\b|or\b|by\b|from\b|of\b|in\b|on\b|about\b)[a-z][\w\-]*")


_REJECT_WORDS = re.compile(r"(?:reject|dismiss|refut)", re.IGNORECASE)
_CLAIM_NOUNS = re.compile(
    r"\b(?:claims?|accusations?|allegations?|reports?|charges?|version|statements?|it|this|that|them|"
    r"these|those|involvement|responsibility|blame)\b",
    re.IGNORECASE,
)


def _REJECTS_A_PROPOSAL(sentence: str, hit: re.Match[str]) -> bool:  # noqa: N802 - reads as a rule
    """ "Russia rejected a proposal for a ceasefire": rejecting or dismissing what is not a claim (a
    proposal, a visa, a plan) denies nothing; "rejected the accusations", "dismissed it" do."""
    if hit.group().lower().startswith("den"):  # "denied entry to a UN mission", "denied them access"
        return bool(_DENIED_A_THING.match(sentence, hit.end()))
    if not _REJECT_WORDS.match(hit.group()):
        return False
    after = sentence[hit.end() :]
    if not after.strip() or after.lstrip()[:1] in ".,;:":
        return False  # "…, which Moscow rejected."
    window = " ".join(after.split()[:6])
    claim = _CLAIM_NOUNS.search(window)
    if claim is None:
        return True
    proposal = _PROPOSAL_NOUNS.search(window)  # "rejects any proposals because it is …"
    return proposal is not None and proposal.start() < claim.start()


_DENIED_A_THING = re.compile(
    r"\s+(?:(?:them|him|her|us|it|the|[\w\-]+)\s+){0,3}?(?:entry|access|visas?|permission|accreditation|"
    r"passage|a\s+visa|requests?)\b",
    re.IGNORECASE,
)
_PROPOSAL_NOUNS = re.compile(
    r"\b(?:proposals?|offers?|plans?|requests?|demands?|calls?|initiatives?|ideas?|ceasefire|truce|"
    r"corridors?|talks|negotiations|visas?|ultimatums?|terms|entry|access|permission|accreditation)\b",
    re.IGNORECASE,
)


# "a crowded place that has nothing to do with hostilities": a relative clause describes, denies nothing
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s+(?:has|have|had)\s+$", re.IGNORECASE)
# a side that plans or prepares what is then called staged or a provocation is charged with it
_PLOTS = re.compile(
    r"(?:['’]s)?(?:\s+[\w\-]+)?\s+(?:plans?|planned|planning|is\s+planning|prepares?|prepared|preparing|"
    r"is\s+preparing|plots?|plotted|plotting|stages?|staging|intends?|intending)\b",
    re.IGNORECASE,
)
_CHARGES = frozenset(
    {
        "provocation",
        "fake",
        "fakes",
        "lie",
        "lies",
        "hoax",
        "staged",
        "invention",
        "fabrication",
        "disinformation",
        "forgery",
    }
)
# what makes a statement's content invented: "the HIMARS strike is a Russian invention"
_INVENTED = frozenset(
    {"fake", "fakes", "lie", "lies", "hoax", "invention", "fabrication", "fabricated", "trumped-up"}
    | {"nothing to do with", "forgery"}
)
# what says an incident was invented, not only that someone else did it ("a provocation" does not:
# the strike happened and the other side staged it)
_NEVER_HAPPENED = frozenset(
    {"fake", "fakes", "staged", "hoax", "fabrication", "fabricated", "invention", "forgery"}
)


def _denies_the_event(sentence: str, words: str) -> bool:
    """ "Moscow calls the images from Bucha a fake", "the massacre was staged": the incident itself is
    denied. Not when the word is said of what was told about it ("accusations that Russia struck the
    station are fake": the denier's part) nor when it is a charge the denier makes ("a fake story")."""
    at = sentence.find(words)
    if (
        words.lower() == "provocation"
        and at >= 0
        and _STAGED_NEAR.search(sentence[max(0, at - 25) : at + 40])
        and not _BY_SOMEONE.search(sentence[at : at + 40])
    ):
        return not _TOLD_NOUN_BEFORE.search(
            sentence[:at]
        )  # "a 'staged provocation'", "a provocation staged by"
    if words.lower() not in _NEVER_HAPPENED:
        return False
    if words.lower() == "staged" and _STAGED_WHAT.match(sentence, at + len(words)):
        return False  # "Russia staged the explosion": carried it out, the explosion happened
    return at >= 0 and not _TOLD_NOUN_BEFORE.search(sentence[:at])


# "staged the explosion", "staged a provocation": an incident carried out (to blame the other side)
_STAGED_WHAT = re.compile(
    r"\s+(?:(?:the|an?|this|its|their)\s+)?(?:[\w\-]+\s+){0,2}?(?:explosions?|blasts?|attacks?|strikes?|shelling|"
    r"bombing|detonation)\b",
    re.IGNORECASE,
)


# what was told about an incident, as a noun ("accusations that …", "the claims of …"; not "Russia
# claims Ukraine staged it", where the claim is the denial itself)
_STAGED_NEAR = re.compile(r"\bstaged\b", re.IGNORECASE)
# "a provocation staged by Russia": carried out by Russia, the incident happened
_BY_SOMEONE = re.compile(r"\bstaged[\"”'’]?\s+by\b|\bprovocation[\"”'’]?\s+by\b", re.IGNORECASE)
_TOLD_NOUN_BEFORE = re.compile(
    r"\b(?:accusations?|allegations?|reports?|stor(?:y|ies)|statements?)\b|"
    r"(?:\b(?:the|these|those|such|its|their|his|her|any|all)|['’]s)\s+(?:[\w\-]+\s+)?claims?\b",
    re.IGNORECASE,
)


_NEG_BEFORE = re.compile(r"\b(?:not|n't|never|no)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


# what happened next: "still afloat … before it sank hours later"
_THEN = re.compile(
    r"\b(?:before|then|later|eventually|finally|afterwards|subsequently|until)\b", re.IGNORECASE
)
# a state wished, feared or foretold: "to surrender", "could sink", "will be destroyed"
_NOT_YET = re.compile(
    r"\b(?:to|will|would|could|might|may|must|should|shall|can|cannot)\s+(?:not\s+)?(?:be\s+)?$",
    re.IGNORECASE,
)
_DENIED_BEFORE = re.compile(rf"\b{_DENY}\b", re.IGNORECASE)
# "959 defenders have surrendered": a count of people who gave up, not the state of the place they held
_COUNTED_BEFORE = re.compile(
    r"(?:\b\d[\d,.]*|\b(?:dozens|hundreds|thousands|several|some|more)\b)[^,;:.]{0,60}$", re.IGNORECASE
)


_RELATIVE_JUST_BEFORE = re.compile(r"\b(?:who|that|which)\s+(?:have\s+|has\s+|had\s+)?$", re.IGNORECASE)


def _surrendered_people(sentence: str, hit: re.Match[str]) -> bool:
    """ "959 defenders have surrendered", "fighters who surrendered", "surrendered Ukrainian fighters":
    people who gave up, counted or described, not the state of the place they held."""
    before = sentence[: hit.start()]
    if _COUNTED_BEFORE.search(before) or _RELATIVE_JUST_BEFORE.search(before):
        return True
    after = [w.lower() for w in re.findall(r"[\w\-]+", sentence[hit.end() : hit.end() + 40])][:2]
    return any(w in lexicon.words("agent_forces") for w in after)


# a closing with its reason or time, not the state at the moment of the strike ("at the time" is)
_CLOSED_WHEN = re.compile(
    r"\s+(?:for|to|after|on|in|since|until|till|during|before|over|because|due|from|every|each|again)\b",
    re.IGNORECASE,
)
_HABITUAL_AFTER = re.compile(
    r"\s+(?:every|each|usually|normally|always|on\s+weekends|before\s+the\s+war|in\s+peacetime)\b",
    re.IGNORECASE,
)
# closed up to the strike: "had been closed for several days before the strike", "closed at the time"
_CLOSED_A_WHILE = re.compile(
    r"\s+(?:for\s+(?:several|a\s+few|many|two|three|four|five|\d+)\s+(?:days|weeks|months)|for\s+(?:a\s+)?(?:days|weeks|"
    r"months|week|month|while)|at\s+the\s+time)\b",
    re.IGNORECASE,
)
# what others told, not the sentence's own statement: "reports that the frigate had sunk"
_TOLD_THAT_BEFORE = re.compile(
    r"\b(?:reports?|claims?|allegations?|rumou?rs?|stories|story|statements?)\s+(?:that|of|to\s+have)\b",
    re.IGNORECASE,
)


# … and called invented after it: "… were fabricated", "… is a fake"
def _called_invented(sentence: str, at: int) -> bool:
    """Something after ``at`` calls what was told invented ("… were fabricated", "… is a fake")."""
    stop = _CLAUSE_END.search(sentence, at)  # "… was not operating and that Ukraine had staged …": another
    return bool(
        _words_of(_NEVER_HAPPENED | _CALLED_FALSE).search(
            sentence, at, stop.start() if stop else len(sentence)
        )
    )


_CLAUSE_END = re.compile(r"[;,]|\b(?:and|but)\s+that\b|\bbut\b", re.IGNORECASE)


_CALLED_FALSE = frozenset({"false", "untrue", "lie", "lies"})
# a claim shown false after it is told
_SHOWN_FALSE = re.compile(
    r"\b(?:debunk\w*|disprov\w*|refuted|fake|false|untrue|a\s+lie|lies|fabricated|groundless|baseless)\b",
    re.IGNORECASE,
)


@cache
def _words_of(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b", re.IGNORECASE)


@cache
def opposed_states() -> frozenset[tuple[str, str]]:
    """The pairs of states that exclude each other (``statuses.txt``: "sunk/afloat" -> ("sunk", "afloat"));
    and a city held by one side or the other."""
    return frozenset((k.split("/")[0], k.split("/")[1]) for k in lexicon.table("statuses")) | holders()


def _status(sentence: str) -> tuple[str, str] | None:
    """The state the sentence gives its target; of two opposite states, the later one ("was still afloat
    when the crew abandoned it … before it sank hours later": sunk)."""
    best: tuple[int, str, str] | None = None
    seen: list[tuple[int, str, str]] = []
    for key, pat in _table_re("statuses"):
        state = key.split("/")[0]
        for hit in pat.finditer(sentence):
            if (
                _NEG_BEFORE.search(sentence[max(0, hit.start() - 25) : hit.start()])
                and "not" not in hit.group()
            ):
                continue
            if _DENIED_BEFORE.search(sentence[: hit.start()]):
                continue  # "he denies … that he left the plant and surrendered": not the state told
            if _NOT_YET.search(sentence[max(0, hit.start() - 25) : hit.start()]):
                continue  # "called on the defenders to surrender", "the ship could sink": not a state
            if _TOLD_THAT_BEFORE.search(sentence[: hit.start()]) or _called_invented(sentence, hit.end()):
                # "reports that the frigate had sunk were a fake", "photos of the destroyed school … faked"
                continue
            if (
                hit.group().lower().endswith(("closed", "open"))
                and _CLOSED_WHEN.match(sentence, hit.end())
                and not _CLOSED_A_WHILE.match(sentence, hit.end())
            ):
                continue  # "closed for repairs in 2019", "closed after the attack", "closed on Sundays"
            if _HABITUAL_AFTER.match(sentence, hit.end()):
                continue  # "crowded every weekend before the war": a habit, not the state at the strike
            if "surrender" in hit.group().lower() and _surrendered_people(sentence, hit):
                continue
            seen.append((hit.start(), state, hit.group()))
            if (
                best is None
                or hit.start() < best[0]
                or (hit.start() == best[0] and len(hit.group()) > len(best[2]))
            ):
                best = (hit.start(), state, hit.group())
            break
    if best is not None:
        opposed = opposed_states()
        final = lexicon.words("final_states")
        later = [
            x
            for x in seen
            if x[0] > best[0]
            and (best[1], x[1]) in opposed
            and x[1] in final
            and _THEN.search(sentence[best[0] : x[0]])
        ]
        if later:
            best = max(later)
    return (best[1], best[2]) if best else None


def speaker_side(speaker: str | None) -> str | None:
    """The country a normalised speaker stands for ("Russia (defence ministry)" -> "Russia")."""
    if not speaker:
        return None
    base = speaker.split(" (", 1)[0]
    return _known_side(base) or (base if base[:1].isupper() else None)


def _known_side(name: str) -> str | None:
    """The side a known person or capital speaks for ("Dmitry Peskov", "Putin", "Kyiv"), else None."""
    return _person_side().get(name.lower()) or METONYMS.get(name)


# -- the whole ------------------------------------------------------------------------------------


def place_city(sentence: str, mentions: list[Mention]) -> str | None:
    """The first city the sentence names as a place (not a capital speaking, not "the Donetsk region")."""
    for m in mentions:
        if (
            m.kind == "city"
            and not _speaks_for(sentence, m)
            and not _REGION_AFTER.match(sentence, m.end)
            and not _POSTED_IN.search(sentence[: m.start])
        ):
            return m.name
    return None


def _told_as_history(sentence: str) -> bool:
    """A year before the war or "years ago" before the sentence's first word of an incident ("In 2015
    Ukrainian artillery shelled a hospital"; not "the support vessel Vsevolod Bobrov, launched in 2016",
    nor "it could dwarf the Chernobyl disaster in 1986" after the strike)."""
    past = _BEFORE_THE_WAR.search(sentence)
    if past is None:
        return False
    first = min(
        (h.start() for _kind, pat in _table_re("event_kinds") for h in pat.finditer(sentence)), default=None
    )
    return first is not None and past.start() < first


def resolve_target(
    sentence: str, mentions: list[Mention], context_target: str | None, context_place: str | None
) -> tuple[str, bool] | None:
    """``(target, inherited)`` of the sentence: its own, completed with the article's place ("the
    railway station" in an article about Kramatorsk), or the article's when it names none. A target of
    no known place stays unplaced (``station@``): the judgement ties it to a placed one of the same day.
    None when the sentence names another place than the article's event, or nothing."""
    found = _find_target(sentence, mentions)
    if found is None:
        if context_target is None:
            return None
        if _names_another_target(sentence):
            return None  # "fired at another railway station": not the article's station either
        if any(
            m.kind == "city" and not _speaks_for(sentence, m) and not context_target.endswith("@" + m.name)
            for m in mentions
        ):
            return None  # another place: not the article's event
        if any(
            m.kind == "country" and _IN_WIDER.search(sentence[max(0, m.start - 30) : m.start])
            for m in mentions
        ):
            return None  # "the atrocities committed by Russian invaders in Ukraine": the war, not the event
        return context_target, True
    target = found[0]
    if target.endswith("@"):
        if context_target and context_target.startswith(target) and not context_target.endswith("@"):
            return context_target, False
        if context_place and target != "ship@":
            return target + context_place, False
    return target, False


_CAUSE_WORDS = frozenset({"fire", "fires", "fired", "firing", "damaged"})  # the cause's own words


def _names_a_strike(sentence: str) -> bool:
    """A word of striking or its means, besides "fire": "shelling", "missiles", "hit"."""
    words = (lexicon.words("attack_nouns") | lexicon.words("attack_verbs")) - _CAUSE_WORDS
    return any(w.lower() in words for w in _WORD.findall(sentence))


_WAR_SIDES = frozenset(WAR_SIDES)
_TOLD_THAT_AFTER = re.compile(r"\s+(?:the\s+)?(?:reports?|claims?|allegations?)\s+that\b", re.IGNORECASE)
_CAPTURED = re.compile(r"\b(?:captured|seized|took\s+control|taken\s+control)\b", re.IGNORECASE)
_ITS = re.compile(r"\b(?:its|their)\b", re.IGNORECASE)
# "the Kremlin did not deny", "Moscow has not denied", "never denied": no denial
_DENIAL_NEGATED = re.compile(
    r"\b(?:not|never|n['’]t)\s+(?:yet\s+|officially\s+|publicly\s+)?$", re.IGNORECASE
)
# a stretch of time after an incident: "no attacks took place overnight", "since then"
_SINCE = re.compile(
    r"\b(?:overnight|since|last\s+night|during\s+the\s+night|that\s+night|today|tonight)\b", re.I
)
# "Russia denies targeting civilians and says the strike … was a Ukrainian Tochka-U": a second statement
_NEW_CLAUSE = re.compile(
    r"(?:\b(?:and|but|while)|,)\s+(?:also\s+)?(?:says?|said|claims?|claimed|insists?|insisted|blames?|blamed|blaming|accuses?|accused|accusing|saying)\b|[;:]",
    re.IGNORECASE,
)
# "no strike took place", "there was no attack on …": an incident said not to have happened at all
_NO_SUCH = re.compile(
    r"\b(?:no\s+(?!(?:new|further|more|fresh|other|additional|major)\b)(?:[\w\-]+\s+)?"
    r"(?:strikes?|attacks?|shelling|bombing|explosions?|killings|massacre)\s+"
    r"(?:took\s+place|happened|occurred|was\s+carried\s+out|were\s+carried\s+out)|"
    r"there\s+(?:was|were|had\s+been)\s+no\s+(?!(?:new|further|more|fresh|other|additional|major)\b)"
    r"(?:[\w\-]+\s+)?(?:strikes?|attacks?|shelling|bombing|"
    r"explosions?|killings|massacre)|"
    r"(?:strikes?|attacks?|shelling|bombing|explosions?|killings|massacre)[\"”'’]?\s+(?:never\s+happened|"
    r"did\s+not\s+happen|didn['’]t\s+happen|never\s+took\s+place|did\s+not\s+take\s+place))\b",
    re.IGNORECASE,
)


def _does_it(sentence: str, end: int) -> bool:
    """The side ending at ``end`` is the subject of a verb of striking: "Ukraine hit", "Ukrainian forces
    had struck", "Ukrainian Neptune missiles sank" (not "the Russian strike caused", "Russian claims")."""
    weapon = _weapon(sentence)
    named = {w.lower() for w in _WORD.findall(weapon[1])} if weapon else set()
    means = lexicon.words("attack_nouns")
    adjective = sentence[:end].lower().endswith("ian")  # "the Russian strike", not "Russians strike"
    for w in _WORD.findall(sentence[end : end + 60])[:4]:
        lw = w.lower()
        if adjective and lw in means:
            continue  # "the Russian (missile) strike on the bridge caused …": nouns, not the verb
        if lw in lexicon.words("attack_verbs"):
            return True
        if not (
            lw in lexicon.words("agent_forces")
            or lw in means  # the means: "Ukrainian missiles hit"
            or lw in named  # the system: "Ukrainian Neptune missiles"
            or lw in ("had", "has", "have", "s")
            or lw.endswith("ly")
        ):
            return False
    return False


# a denial word not itself negated ("has not denied", "never denied": lookbehinds of fixed width), and
# what it denies: "denied that", "rejected claims that"
_DENIES = rf"(?<!not )(?<!n't )(?<!n’t )(?<!never )\b{_DENY}\s+"
_THAT = r"(?:that\s+|(?:the\s+)?(?:claims?|reports?)\s+that\s+)"
# a side right after a denial: "Russia denies Ukraine hit the Moskva" asserts no Ukrainian strike; not
# "Kyiv has not denied that Ukrainian drones struck", nor "denied that the Russian strike killed
# civilians": the strike is taken as known, only what it did is denied
_DENIED_BEFORE_SIDE = re.compile(rf"{_DENIES}{_THAT}?(?:(?:a|an|any)\s+)?$", re.IGNORECASE)
# a system in what is denied: "Russia denied that Ukrainian Neptune missiles sank the cruiser"
_DENIED_THAT_BEFORE = re.compile(
    rf"{_DENIES}{_THAT}(?:(?:a|an|any)\s+)?(?!the\b)(?:[\w\-]+\s+){{0,2}}$", re.IGNORECASE
)
# a side right after a negation of what it did: "not been hit by any Ukrainian missile"
_NEGATED_BEFORE_SIDE = re.compile(
    r"(?:\b(?:not|never)\s+(?:been\s+)?(?:[\w\-]+\s+){0,2}?by\s+(?:any\s+|a\s+|an\s+|the\s+)?|\bno\s+|"
    r"\bnot\s+(?:a\s+|an\s+|any\s+|the\s+)?)$",
    re.IGNORECASE,
)
# what a denial of one's part denies: "denied any involvement", "rejected the accusations", "denied it"
_PART_DENIED = re.compile(
    r"^(?:\s+(?:any|all|the|its|their|his|her|these|those|such))*\s+(?:responsibility|involvement|role|part|"
    r"accusations?|allegations?|claims?|reports?|charges?|blame|(?:it|this)(?=\s*(?:[.,;:]|$)))\b",
    re.IGNORECASE,
)


def _DENIES_A_PART(sentence: str, words: str) -> bool:  # noqa: N802 - reads as a rule
    at = sentence.find(words)
    return at >= 0 and bool(_PART_DENIED.match(sentence[at + len(words) :]))


def _spared_target(sentence: str, mentions: list[Mention]) -> tuple[str, str] | None:
    """``(class@place, words)`` of a target the sentence says was not hit: "… a weapons depot, not the
    Kremenchuk mall", "it was not the railway station that was hit"."""
    for cls, pat in _table_re("event_targets"):
        for hit in pat.finditer(sentence):
            lead = _NOT_THE_NAMED.search(sentence[max(0, hit.start() - 40) : hit.start()])
            if lead is None:
                continue
            start = hit.start() - len(lead.group())
            city = next(
                (m.name for m in mentions if m.kind == "city" and start <= m.start < hit.end() + 30), None
            ) or place_city(sentence, mentions)  # "a depot in Lviv, not the hospital next to it"
            return f"{cls}@{city or ''}", sentence[start : hit.end()].strip()
    return None


# "not the", "not Kremenchuk", "not the Amstor": a negation right before a target and its name
_STRIKE_KINDS = frozenset({"strike", "shelling", "explosion"})  # kinds of a strike that can miss its target
_NOT_THE_NAMED = re.compile(r"\bnot\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w\-’']*\s+){0,2}$")
_NOT_THE = re.compile(r"\bnot\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
_QUOTES = re.compile(r"[\"“”‘’']")


def find_event(
    sentence: str,
    mentions: list[Mention],
    *,
    speaker: str | None,
    day: str | None,
    context_target: str | None,
    context_place: str | None,
) -> EventMention | None:
    """The event the sentence speaks of, or None.

    ``context_target`` is the target of the article's headline or lede, for a sentence that names no
    target of its own; ``context_place`` the article's city, for a target named without one ("the
    railway station"). ``day`` is the date the sentence states for the event, if any."""
    if day is None and _told_as_history(sentence):
        return None  # "Eight years ago Ukrainian forces shelled a children's hospital": history
    resolved = resolve_target(sentence, mentions, context_target, context_place)
    sides = _sides(sentence, mentions)
    voice = None if speaker is not None else _headline_voice(sentence, sides)  # "Russian MoD: Bucha …"
    if resolved is None:
        # "Moscow calls the images from Bucha a fake": a denial that names only a city is about what
        # happened there; the judgement ties it to an incident in that city reported days before
        city = place_city(sentence, mentions)
        denied = (
            _denial(sentence, sides, speaker_side(speaker))
            or _disowned(sentence, sides, speaker_side(speaker))
            or (_denial(sentence, sides, voice) if voice else None)
        )
        if city is None or not denied:
            return None
        resolved = f"@{city}", False
    target, inherited = resolved
    cls = target.split("@", 1)[0]
    kind = _kind(sentence)
    agent = _agent(sentence, sides)
    if agent is not None and _HYPOTHETICAL_BEFORE.search(sentence[: max(0, sentence.find(agent[1]))]):
        agent = None  # "If Ukrainian forces shell a station again, Moscow will respond": not said to be done
    # the side that says it struck something else: its own speaker ("Russia says it hit a depot, not …")
    said_by = speaker_side(speaker)
    spared_by = said_by if (agent is None or agent[0] == said_by) and kind in _STRIKE_KINDS else None
    spared = _spared_target(sentence, mentions) if spared_by in _WAR_SIDES and not inherited else None
    own = _find_target(sentence, mentions) if agent and not inherited else None
    if own is not None and _NOT_THE.search(sentence[max(0, own[1] - 12) : own[1]]):
        agent = None  # "Russia said it had hit a military target, not the railway station": not this target
    if spared is not None and spared_by in _WAR_SIDES:
        # "Russia says it hit weapons depot, not Kremenchuk mall": Russia denies striking the mall
        target, cls, agent = spared[0], spared[0].split("@", 1)[0], None
        if target.endswith("@") and context_place and cls != "ship":
            target += context_place
        spared_denial: tuple[str, str] | None = (str(spared_by), spared[1])
    else:
        spared_denial = None
    weapon = _weapon(sentence)
    if agent is None and weapon is None and not _two_accounts(sentence, sides):
        plain = _QUOTES.sub(" ", sentence)  # 'was "seriously damaged" by a fire'
        for cause, pat in _table_re("causes"):
            hit = pat.search(plain)
            if hit is None or _TOLD_BEFORE.search(sentence[: hit.start()]):
                continue  # "the Kremlin's claim that the Moskva was damaged by a fire is false"
            if hit.group().lower().startswith("damaged") and _names_a_strike(sentence):
                continue  # "damaged by fire from shelling", "by fire after being hit by two missiles"
            agent = (cause, sentence[hit.start() : hit.end()])  # "an internal detonation": nobody struck
            break
    if weapon and _DENIED_THAT_BEFORE.search(sentence[: sentence.lower().find(weapon[1].lower())]):
        # "Russia denied that Ukrainian Neptune missiles sank the cruiser", "officials denied that
        # HIMARS rockets had destroyed the bridge": what is denied may be the deed or only its result,
        # so the system is neither stated nor denied
        weapon = None
    weapon_denied = bool(
        weapon and _NEG_BEFORE.search(sentence[: sentence.lower().find(weapon[1].lower())][-25:])
    )  # "Russia has no Tochka-U missiles", "it was not hit by HIMARS"
    at = sentence.find(weapon[1]) if weapon else -1
    invented = [h for h in _words_re("denial_words").finditer(sentence) if h.group().lower() in _INVENTED]
    if weapon and any(h.start() > at for h in invented):
        weapon_denied = True  # "the HIMARS strike … is a Russian invention"
    denial = (
        spared_denial
        or _denial(sentence, sides, speaker_side(speaker))
        or _disowned(sentence, sides, speaker_side(speaker))
        or (_denial(sentence, sides, voice) if voice else None)  # the headline's voice, when nothing else
    )
    none_such = _NO_SUCH.search(sentence)
    if denial is None and none_such and speaker_side(speaker) in _WAR_SIDES and not _SINCE.search(sentence):
        # "No strike took place on the station, the ministry said": the incident itself denied
        denial = (str(speaker_side(speaker)), none_such.group())
    if agent and denial and agent[0] == denial[0]:
        agent = None  # "Russia denies hitting the mall": its part is denied, not stated
    elif (
        agent
        and denial
        and agent[0] in _WAR_SIDES
        and denial[0] in _WAR_SIDES
        and sentence.find(agent[1]) > sentence.find(denial[1]) >= 0
        and not _NEW_CLAUSE.search(
            sentence[sentence.find(denial[1]) : sentence.find(agent[1]) + len(agent[1])]
        )
    ):
        # "Ukrainian troops denied that the Russian strike on the bridge caused any damage": what is
        # denied is said of the other side's strike, not the denier's own part
        denial = None
    status = _status(sentence)
    if not (kind or agent or weapon or denial or status):
        return None
    if denial and not (kind or agent or weapon or status) and target.endswith("@"):
        return None  # "Kiev rejected his visa … time in prison": a denial of nothing that happened
    if (
        inherited
        and not (kind or agent or weapon or status)
        and not (denial and _DENIES_A_PART(sentence, denial[1]))
    ):
        return None  # a denial alone of nothing named ("Kiev rejected his request"), unlike "Moscow denied
        # any involvement" under a headline of the strike
    once_words = lexicon.words("event_once")
    return EventMention(
        target=target,
        kind=kind,
        once=cls in once_words or (kind in once_words if kind else False),
        day=day,
        agent=agent[0] if agent else None,
        agent_text=agent[1] if agent else None,
        weapon=weapon[0] if weapon else None,
        weapon_text=weapon[1] if weapon else None,
        weapon_denied=weapon_denied,
        denier=denial[0] if denial else None,
        denial_text=denial[1] if denial else None,
        event_denied=bool(
            denial and (_denies_the_event(sentence, denial[1]) or _NO_SUCH.fullmatch(denial[1]))
        ),
        status=status[0] if status else None,
        status_text=status[1] if status else None,
        inherited=inherited,
    )


def control_event(
    sentence: str, mentions: list[Mention], *, day: str | None, context_city: str | None
) -> EventMention | None:
    """Who holds a city, as an event of its control (``control@Kherson``, state "held by Russia"):
    :func:`xcheck.claims.control.find_control`. ``context_city`` is the city of the article's first
    statement of control, for "the city" of a later sentence."""
    found = find_control(sentence, mentions, _sides, context_city=context_city)
    if found is None:
        return None
    city, holder, text = found
    return EventMention(
        target=f"{CONTROL_CLASS}@{city}", kind="capture", day=day, status=held_by(holder), status_text=text
    )
