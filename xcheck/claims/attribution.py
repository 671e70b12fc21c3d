"""Who asserts a claim: the normalised speaker, or None.

Found from "according to X", "X said / says / claimed / reported / told / announced / estimated ...",
"X, the governor of Y, said" and the inverted "..., said X". The speaker phrase is normalised, first
rule that applies:

1. a named person (a title or a known name): "President Volodymyr Zelensky said" -> "Volodymyr Zelensky";
   a few well-known spellings are unified (Zelenskyy / Zelensky -> "Volodymyr Zelensky").
2. an organisation from the gazetteer: "the UN refugee agency" -> "UNHCR", "Amnesty" -> "Amnesty
   International", "HRW" -> "Human Rights Watch", "UN human rights office" -> "OHCHR". Seats of power
   stand for their country: "the Kremlin" -> "Russia", "the White House" -> "United States",
   "the Pentagon" -> "United States (defence ministry)".
3. a country, demonym or capital with an institution: "the Russian defence ministry", "Russia's Ministry of
   Defence", "Moscow's MoD" -> "Russia (defence ministry)"; institutions are normalised to
   defence ministry, foreign ministry, interior ministry, health ministry, emergency service,
   general staff, military, prosecutor general, president, parliament, police, security service.
4. a country, demonym or capital alone or with officials / authorities / government: "Ukraine says",
   "Kyiv says", "Ukrainian officials said" -> "Ukraine"; "Moscow claims" -> "Russia".
5. a role: "the mayor" -> "mayor", "the regional governor" -> "governor", "a spokesman" ->
   "spokesperson"; also officials, police, witnesses, residents, prosecutors, investigators, medics ...
6. otherwise the phrase in lower case without articles (at most 5 words).

Pronouns ("he said", "they said") return the marker :data:`PRONOUN`;
:func:`~xcheck.claims.frames.extract_frames` replaces it with the previous sentence's speaker in the same
article (or None).
"""

from __future__ import annotations

import re

from xcheck.claims.entities import METONYMS, Mention, find_persons, normalise_person

PRONOUN = "\x00pronoun"

_SPEECH = (
    r"said|says|say|claimed|claims|claim|reported|reports|stated|states|told|tells|announced|announces|"
    r"confirmed|confirms|estimated|estimates|added|adds|noted|notes|wrote|writes|tweeted|posted|alleged|"
    r"alleges|insisted|insists|warned|warns|denied|denies|deny|accused|accuses|recorded|records|documented|"
    r"documents|verified|counted|found|concluded|concludes|believes|revealed|reveals|explained|explains"
)
_SPEECH_RE = re.compile(rf"\b(?:has\s+|have\s+|had\s+)?(?P<v>{_SPEECH})\b")
_ACCORDING_RE = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_ALSO_NOUNS = frozenset({"claims", "reports", "notes", "documents", "records", "estimates", "states"})
_NOUN_USE = re.compile(r"\s+(?:that|about|of)\b")
_QUICK_RE = re.compile(rf"\b(?:{_SPEECH}|according)\b", re.IGNORECASE)

_NP_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "for",
        "'s",
        "’s",
        "regional",
        "local",
        "senior",
        "top",
        "chief",
        "deputy",
        "head",
        "military",
        "ministry",
        "defence",
        "defense",
        "foreign",
        "interior",
        "health",
        "emergency",
        "emergencies",
        "service",
        "services",
        "state",
        "general",
        "staff",
        "office",
        "officials",
        "official",
        "authorities",
        "authority",
        "government",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "mayor",
        "governor",
        "police",
        "witnesses",
        "witness",
        "residents",
        "prosecutors",
        "prosecutor",
        "refugee",
        "agency",
        "human",
        "rights",
        "monitoring",
        "mission",
        "nuclear",
        "watchdog",
        "children's",
        "armed",
        "forces",
        "army",
        "administration",
        "council",
        "city",
        "department",
        "president",
        "presidential",
        "presidency",
        "parliament",
        "security",
        "intelligence",
        "analysts",
        "experts",
        "investigators",
        "rescuers",
        "doctors",
        "medics",
        "monitors",
        "observers",
        "sources",
        "source",
        "media",
        "news",
        "officer",
        "officers",
        "commander",
        "commanders",
        "leader",
        "leaders",
        "minister",
        "ministers",
        "secretary",
        "envoy",
        "ambassador",
        "representative",
        "representatives",
        "organisation",
        "organization",
        "campaigners",
        "activists",
        "lawmakers",
        "researchers",
        "scientists",
        "survivors",
        "volunteers",
        "locals",
        "separatist",
        "separatists",
        "pro-russian",
        "russian-backed",
        "mod",
        "national",
        "civil",
        "aid",
        "workers",
        "rescue",
        "staff's's",
    ]
)
_BARE_NAME_RE = re.compile(r"[A-Z][a-zà-ÿ'’\-]+(?:\s+[A-Z][a-zà-ÿ'’\-]+){1,2}")
_NOT_NAME = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "In",
        "On",
        "At",
        "But",
        "And",
        "Meanwhile",
        "However",
        "Separately",
        "Earlier",
        "Later",
        "Also",
        "Still",
        "Now",
        "Overall",
        "Elsewhere",
        "Local",
        "Regional",
        "Western",
        "Eastern",
        "Russian",
        "Ukrainian",
    ]
)
_LEAD_DROP = frozenset(
    [
        "in",
        "on",
        "at",
        "but",
        "and",
        "meanwhile",
        "however",
        "separately",
        "earlier",
        "later",
        "also",
        "yesterday",
        "today",
        "still",
        "overall",
        "elsewhere",
        "now",
        "then",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
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
    ]
)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])

_INSTITUTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), name)
    for p, name in (
        (
            r"\b(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|mod|defen[cs]e\s+department|"
            r"department\s+of\s+defen[cs]e|defen[cs]e\s+minister)\b",
            "defence ministry",
        ),
        (
            r"\b(?:foreign\s+ministry|ministry\s+of\s+foreign\s+affairs|foreign\s+office|foreign\s+minister)\b",
            "foreign ministry",
        ),
        (
            r"\b(?:interior\s+ministry|ministry\s+of\s+(?:internal\s+affairs|the\s+interior|interior))\b",
            "interior ministry",
        ),
        (r"\b(?:health\s+ministry|ministry\s+of\s+health)\b", "health ministry"),
        (r"\b(?:emergenc(?:y|ies)\s+(?:service|services|ministry)|rescue\s+service)\b", "emergency service"),
        (r"\bgeneral\s+staff\b", "general staff"),
        (r"\bprosecutor[-\s]general|prosecutor's\s+office|prosecutors\b", "prosecutor general"),
        (r"\b(?:security\s+service|intelligence|sbu|fsb)\b", "security service"),
        (r"\b(?:military|army|armed\s+forces|forces)\b", "military"),
        (r"\b(?:president|presidency|presidential\s+office)\b", "president"),
        (r"\bparliament\b", "parliament"),
        (r"\bpolice\b", "police"),
        (r"\bembassy\b", "embassy"),
    )
)
_COUNTRY_SELF = re.compile(r"\b(?:officials?|authorities|government|leadership|state|side)\b", re.IGNORECASE)
_ROLES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{p})\b", re.IGNORECASE), name)
    for p, name in (
        (r"mayor", "mayor"),
        (r"governor", "governor"),
        (r"spokes(?:man|woman|person|people)", "spokesperson"),
        (r"police", "police"),
        (r"prosecutors?", "prosecutors"),
        (r"investigators", "investigators"),
        (r"witnesses|witness", "witnesses"),
        (r"residents|locals", "residents"),
        (r"doctors|medics", "medics"),
        (r"rescuers", "rescuers"),
        (r"officials?|authorities", "officials"),
        (r"analysts|experts", "experts"),
        (r"military", "military"),
        (r"monitors|observers", "monitors"),
    )
)
_ORG_METONYM = {"Kremlin", "White House", "Pentagon", "State Department"}


_NOBODY = frozenset({"nobody", "no one", "none", "noone", "no-one"})
# "the Russian embassy in London said": the embassy speaks, for Russia, not London
_POSTED_IN_END = re.compile(
    r"\b(?:embass(?:y|ies)|consulates?|missions?|ambassadors?|envoys?|representations?|diplomats?)"
    r"\s+(?:in|to|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _posted(toks: list[tuple[str, int, int]], sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    """Widen "London" in "the Russian embassy in London" to the whole phrase."""
    m = _POSTED_IN_END.search(sentence[: span[0]])
    if m is None:
        return span
    head = _np_before(toks, m.start())
    return (head[0], span[1]) if head and head != (-1, -1) else span


def _np_before(toks: list[tuple[str, int, int]], end: int) -> tuple[int, int] | None:
    j = len(toks) - 1
    while j >= 0 and toks[j][1] >= end:
        j -= 1
    if j < 0:
        return None
    stop = j
    start_idx = None
    n = 0
    while j >= 0 and n < 10:
        tok = toks[j][0]
        if tok[:1].isupper() or tok.lower() in _NP_WORDS or (tok in ("'", "’") and n > 0):
            start_idx = j
            j -= 1
            n += 1
            continue
        break
    if start_idx is None:
        if toks[stop][0].lower() in _PRONOUNS:
            return (-1, -1)
        return None
    # do not start on a dangling "of"/"for" or a sentence adverb ("Meanwhile officials said")
    while start_idx <= stop and (
        toks[start_idx][0].lower() in ("of", "for", "'s", "’s") or toks[start_idx][0].lower() in _LEAD_DROP
    ):
        start_idx += 1
    if start_idx > stop:
        return None
    if start_idx == stop and toks[stop][0].lower() in _PRONOUNS:
        return (-1, -1)
    return toks[start_idx][1], toks[stop][2]


def _np_after(toks: list[tuple[str, int, int]], start: int) -> tuple[int, int] | None:
    i = 0
    while i < len(toks) and toks[i][1] < start:
        i += 1
    first = i
    last = None
    n = 0
    while i < len(toks) and n < 10:
        tok = toks[i][0]
        if tok[:1].isupper() or tok.lower() in _NP_WORDS:
            last = i
            i += 1
            n += 1
            continue
        break
    if last is None:
        return None
    while last >= first and toks[last][0].lower() in ("of", "for", "the", "a", "an"):
        last -= 1
    if last < first:
        return None
    return toks[first][1], toks[last][2]


_TRAILING_NAME_RES = tuple(
    re.compile(rf"(?<![\w'’\-])[A-Z][a-zà-ÿ'’\-]+(?:\s+[A-Z][a-zà-ÿ'’\-]+){{{k}}}$") for k in (2, 1)
)


def _trailing_name(t: str, mentions: list[Mention]) -> list[tuple[int, int, str]]:
    """ "Commissioner for Human Rights Lyudmila Denisova" -> the name at the end of a speaker phrase."""
    for rx in _TRAILING_NAME_RES:
        m = rx.search(t)
        if m is None:
            continue
        words = m.group().split()
        if any(w in _NOT_NAME or w.lower() in _NP_WORDS for w in words):
            continue
        if any(mt.end > m.start() for mt in mentions):
            continue
        return [(m.start(), m.end(), normalise_person(m.group()))]
    return []


def normalise_speaker(text: str, mentions: list[Mention]) -> str | None:
    """Normalise a speaker phrase (see module docstring). ``mentions`` are gazetteer hits inside it."""
    t = text.strip()
    if not t or t.lower() in _NOBODY:
        return None  # "Nobody denies that …": no one speaks
    persons = find_persons(t, [m for m in mentions if m.kind in ("organisation", "country", "demonym")])
    if not persons and not mentions and _BARE_NAME_RE.fullmatch(t):
        words = t.split()
        if words[0] not in _NOT_NAME and not any(w.lower() in _NP_WORDS for w in words):
            persons = [(0, len(t), normalise_person(t))]
    if not persons:
        persons = _trailing_name(t, mentions)
    if persons:
        return persons[0][2]
    orgs = [m for m in mentions if m.kind == "organisation"]
    countries = [m for m in mentions if m.kind in ("country", "demonym")]
    cities = [m for m in mentions if m.kind == "city" and m.name in METONYMS]
    for o in orgs:
        if o.name in _ORG_METONYM:
            return METONYMS[o.name]
    if orgs:
        return orgs[-1].name
    if not countries and cities:
        for rx, role in _ROLES:
            if rx.search(t):
                return role
    country = countries[0].name if countries else (METONYMS[cities[0].name] if cities else None)
    if country:
        for rx, inst in _INSTITUTIONS:
            if rx.search(t):
                return f"{country} ({inst})"
        return country
    for rx, role in _ROLES:
        if rx.search(t):
            return role
    words = [w for w in re.findall(r"[\w'’\-]+", t) if w.lower() not in ("the", "a", "an")]
    if not words:
        return None
    return " ".join(words[:5]).lower() if not words[0][:1].isupper() else " ".join(words[:5])


def _inside(mentions: list[Mention], s: int, e: int, sentence: str) -> list[Mention]:
    return [
        Mention(m.start - s, m.end - s, m.text, m.name, m.kind)
        for m in mentions
        if s <= m.start and m.end <= e
    ]


def find_attribution(sentence: str, toks: list[tuple[str, int, int]], mentions: list[Mention]) -> str | None:
    """The normalised speaker of ``sentence``, :data:`PRONOUN`, or None."""
    if not _QUICK_RE.search(sentence):
        return None
    am = _ACCORDING_RE.search(sentence)
    if am:
        span = _np_after(toks, am.end())
        if span:
            s, e = span
            return normalise_speaker(sentence[s:e], _inside(mentions, s, e, sentence))
    verbs = list(_SPEECH_RE.finditer(sentence))
    for n, vm in enumerate(verbs):
        vs = vm.start()
        if n + 1 < len(verbs) and _NOUN_USE.match(sentence, vm.end()) and vm.group("v") in _ALSO_NOUNS:
            continue  # "Ukrainian claims that … are not true, the ministry said": a noun, not the verb
        # inverted: ", said the mayor" / "“...,” said Amnesty"
        pre = sentence[:vs].rstrip()
        if pre.endswith((",", '"', "”", "'")) or vs == 0:
            span = _np_after(toks, vm.end())
            if span:
                s, e = span
                sp = normalise_speaker(sentence[s:e], _inside(mentions, s, e, sentence))
                if sp:
                    return sp
        span = _np_before(toks, vs)
        if span == (-1, -1):
            return PRONOUN
        if span is None and pre.endswith(","):
            # "Oleg Synegubov, the governor of Kharkiv, said": the name before the appositive
            k = pre[:-1].rfind(",")
            if k > 0:
                span_app = _np_after(toks, k + 1)
                name_span = _np_before(toks, k)
                for cand in (name_span, span_app):
                    if cand and cand != (-1, -1):
                        s, e = cand
                        sp = normalise_speaker(sentence[s:e], _inside(mentions, s, e, sentence))
                        if sp:
                            return sp
            continue
        if span:
            s, e = _posted(toks, sentence, span)
            sp = normalise_speaker(sentence[s:e], _inside(mentions, s, e, sentence))
            if sp:
                return sp
    return None
