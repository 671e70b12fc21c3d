"""What a number counts (the *measure*) and what is counted (the *subject*).

Measures are normalised to a small vocabulary (:data:`MEASURE_TERMS`):

* ``killed``: killed, dead, died, death toll, lost their lives, deaths, fatalities, perished, slain ...
* ``injured``: injured, wounded, hurt, injuries
* ``casualties``: casualties (killed and injured together; kept apart on purpose)
* ``fled``: fled, refugees, fleeing, crossed (the border), escaped
* ``displaced``: displaced, internally displaced, IDPs, homeless
* ``missing``: missing, unaccounted for
* ``detained``: detained, arrested, captured, jailed, imprisoned, prisoners, held, taken prisoner
* ``evacuated``: evacuated, rescued
* ``joined``: joined, parties, signatories, members, member states, ratified, signed, acceded
* ``investigations``: investigations, probes, cases, inquiries, criminal proceedings
* money: ``usd``, ``eur``, ``gbp``, ``rub``, ``uah`` (from $, €, £ or the currency word)
* otherwise the head noun after the number, lower-cased ("2,000 companies" -> ``companies``).

Subjects (:data:`SUBJECT_TERMS`): ``civilians``, ``children``, ``people`` (people, persons, residents,
Ukrainians and other plural demonyms, refugees ...), ``soldiers`` (troops, servicemen, fighters ...),
``states`` (nations, countries, states), ``women``, ``journalists``, ``medics``, ``police``.

Rules, in order, for a quantity: (0) a currency gives the currency code; (1) a measure verb right
before it ("killing 21", "wounded at least 30"); (2) the words right after it: noun phrase ("606
civilians", "1,248 injured", "57 deaths") and then a verb after auxiliaries ("have been killed", "were
reported dead"); "lost" + soldiers/people -> ``killed``; (3) the head noun after it, when it is not a
vocabulary word ("2,000 companies" -> ``companies``, "forty times" -> ``times``); (4) a measure word
earlier in the same clause ("the death toll rose to 57"); (5) inherited from the previous quantity when
the two are coordinated ("606 civilians have been killed and 1,248 injured": 1,248 inherits
``civilians``; "killed 5 soldiers and 3 civilians": 3 inherits ``killed``). Adjectives, capitalised
words and adverbs in the noun phrase are skipped ("16 Amarnath pilgrims" -> ``pilgrims``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from xcheck.claims import vocab

MEASURE_TERMS: dict[str, str] = {
    # killed
    "killed": "killed",
    "kill": "killed",
    "kills": "killed",
    "killing": "killed",
    "dead": "killed",
    "died": "killed",
    "die": "killed",
    "dies": "killed",
    "deaths": "killed",
    "death": "killed",
    "fatalities": "killed",
    "fatality": "killed",
    "perished": "killed",
    "slain": "killed",
    "murdered": "killed",
    "executed": "killed",
    "bodies": "killed",
    "toll": "killed",
    "victims": "victims",  # the dead, or the dead and the injured: compared only with "victims"
    # injured
    "injured": "injured",
    "injuring": "injured",
    "injures": "injured",
    "injuries": "injured",
    "wounded": "injured",
    "wounding": "injured",
    "hurt": "injured",
    "casualties": "casualties",
    # fled
    "fled": "fled",
    "flee": "fled",
    "fleeing": "fled",
    "refugees": "fled",
    "refugee": "fled",
    "escaped": "fled",
    # displaced
    "displaced": "displaced",
    "idps": "displaced",
    "homeless": "displaced",
    # missing
    "missing": "missing",
    # detained
    "detained": "detained",
    "detaining": "detained",
    "detainees": "detained",
    "arrested": "detained",
    "arrests": "detained",
    "captured": "detained",
    "jailed": "detained",
    "imprisoned": "detained",
    "prisoners": "detained",
    "pows": "detained",
    "abducted": "detained",
    "deported": "detained",
    # evacuated
    "evacuated": "evacuated",
    "evacuees": "evacuated",
    "rescued": "evacuated",
    # joined
    "joined": "joined",
    "parties": "joined",
    "signatories": "joined",
    "members": "joined",
    "ratified": "joined",
    "signed": "joined",
    "acceded": "joined",
    # investigations
    "investigations": "investigations",
    "investigation": "investigations",
    "probes": "investigations",
    "cases": "investigations",
    "inquiries": "investigations",
    "proceedings": "investigations",
    # money
    "dollars": "usd",
    "dollar": "usd",
    "euros": "eur",
    "euro": "eur",
    "pounds": "gbp",
    "roubles": "rub",
    "rubles": "rub",
    "hryvnias": "uah",
    "hryvnia": "uah",
}
MEASURE_PHRASES: dict[tuple[str, ...], str] = {
    ("death", "toll"): "killed",
    ("lost", "their", "lives"): "killed",
    ("lost", "his", "life"): "killed",
    ("lost", "her", "life"): "killed",
    ("lives", "lost"): "killed",
    ("unaccounted", "for"): "missing",
    ("taken", "prisoner"): "detained",
    ("taken", "captive"): "detained",
    ("prisoners", "of", "war"): "detained",
    ("internally", "displaced"): "displaced",
    ("member", "states"): "joined",
    ("states", "parties"): "joined",
    ("state", "parties"): "joined",
    ("criminal", "cases"): "investigations",
    ("war", "crimes", "cases"): "investigations",
    ("suspected", "war", "crimes"): "investigations",  # "registered 12,000 suspected war crimes": cases
    ("war", "crimes", "registered"): "investigations",
    ("left", "the", "country"): "fled",
    ("crossed", "into"): "fled",
    ("crossed", "the", "border"): "fled",
    ("have", "fled"): "fled",
}
# Words that only say "what" in a noun phrase, never a verb on their own.
_NOUN_ONLY_MEASURES = frozenset(
    [
        "deaths",
        "death",
        "fatalities",
        "fatality",
        "bodies",
        "toll",
        "lives",
        "victims",
        "injuries",
        "casualties",
        "refugees",
        "refugee",
        "idps",
        "detainees",
        "arrests",
        "prisoners",
        "pows",
        "evacuees",
        "parties",
        "signatories",
        "members",
        "investigations",
        "investigation",
        "probes",
        "cases",
        "inquiries",
        "proceedings",
        "dollars",
        "dollar",
        "euros",
        "euro",
        "pounds",
        "roubles",
        "rubles",
        "hryvnias",
        "hryvnia",
    ]
)
# Measure words that, right before a number, say what it counts ("killing 21", "wounded 30").
_LEFT_VERBS = frozenset(
    [
        "killed",
        "killing",
        "kills",
        "kill",
        "wounded",
        "wounding",
        "injured",
        "injuring",
        "injures",
        "detained",
        "detaining",
        "arrested",
        "evacuated",
        "rescued",
        "displaced",
        "captured",
        "abducted",
        "deported",
    ]
)

SUBJECT_TERMS: dict[str, str] = {
    "civilians": "civilians",
    "civilian": "civilians",
    "non-combatants": "civilians",
    "children": "children",
    "child": "children",
    "kids": "children",
    "minors": "children",
    "babies": "children",
    "infants": "children",
    "toddlers": "children",
    "boys": "children",
    "girls": "children",
    "teenagers": "children",
    "people": "people",
    "persons": "people",
    "person": "people",
    "individuals": "people",
    "residents": "people",
    "inhabitants": "people",
    "citizens": "people",
    "refugees": "people",
    "migrants": "people",
    "adults": "people",
    "soldiers": "soldiers",
    "soldier": "soldiers",
    "troops": "soldiers",
    "servicemen": "soldiers",
    "servicemembers": "soldiers",
    "fighters": "soldiers",
    "combatants": "soldiers",
    "marines": "soldiers",
    "paratroopers": "soldiers",
    "sailors": "soldiers",
    "conscripts": "soldiers",
    "mercenaries": "soldiers",
    "nations": "states",
    "countries": "states",
    "states": "states",
    "governments": "states",
    "women": "women",
    "journalists": "journalists",
    "reporters": "journalists",
    "medics": "medics",
    "doctors": "medics",
    "nurses": "medics",
    "paramedics": "medics",
    "policemen": "police",
    "officers": "police",
}
SUBJECT_PHRASES: dict[tuple[str, ...], str] = {
    ("service", "members"): "soldiers",
    ("military", "personnel"): "soldiers",
    ("member", "states"): "states",
    ("states", "parties"): "states",
    ("state", "parties"): "states",
    ("health", "workers"): "medics",
    ("police", "officers"): "police",
    ("aid", "workers"): "aid workers",
}

_AUX = frozenset(
    [
        "have",
        "has",
        "had",
        "been",
        "be",
        "being",
        "were",
        "was",
        "are",
        "is",
        "will",
        "would",
        "could",
        "may",
        "might",
        "must",
        "should",
        "reportedly",
        "now",
        "also",
        "already",
        "so",
        "far",
        "since",
        "yet",
        "still",
        "officially",
        "thought",
        "believed",
        "feared",
        "reported",
        "said",
        "confirmed",
        "known",
        "presumed",
        "understood",
        "estimated",
        "to",
        "remain",
        "remained",
        "remains",
        "remaining",
        "being",
        "later",
        "subsequently",
        "eventually",
        "allegedly",
        "apparently",
        "either",
        "both",
        "all",
        "there",
        "who",
        "which",
        "that",
    ]
)
_NP_LEAD = frozenset(["of", "the", "those", "these", "their", "its", "his", "her", "our", "them", "all"])
_ADJ = frozenset(
    [
        "more",
        "other",
        "additional",
        "further",
        "new",
        "another",
        "local",
        "foreign",
        "young",
        "elderly",
        "innocent",
        "unarmed",
        "total",
        "confirmed",
        "registered",
        "recorded",
        "reported",
        "official",
        "known",
        "estimated",
        "suspected",
        "alleged",
        "fellow",
        "russian",
        "ukrainian",
        "others",
        "white",
        "black",
        "hispanic",
        "asian",
        "former",
        "old",
        "older",
        "younger",
        "senior",
        "junior",
        "big",
        "small",
        "large",
        "major",
        "minor",
        "key",
        "top",
        "main",
        "private",
        "public",
        "federal",
        "national",
        "regional",
        "international",
        "domestic",
        "pregnant",
        "unemployed",
        "poor",
        "rich",
        "wealthy",
        "low-income",
        "undocumented",
        "illegal",
        "legal",
        "eligible",
        "active",
        "full-time",
        "part-time",
        "newly",
        "recently",
        "so-called",
    ]
)
_STOP = frozenset(
    [
        *vocab.ARTICLES,
        *vocab.BE,
        *vocab.HAVE,
        *vocab.MODALS,
        *vocab.DO,
        "in",
        "on",
        "at",
        "for",
        "from",
        "to",
        "by",
        "with",
        "into",
        "across",
        "over",
        "under",
        "near",
        "since",
        "during",
        "after",
        "before",
        "between",
        "among",
        "including",
        "per",
        "and",
        "or",
        "but",
        "while",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "because",
        "if",
        "it",
        "its",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "i",
        "this",
        "these",
        "those",
        "there",
        "here",
        "not",
        "no",
        "nor",
        "so",
        "such",
        "only",
        "just",
        "also",
        "even",
        "about",
        "around",
        "some",
        "any",
        "each",
        "every",
        "most",
        "many",
        "much",
        "few",
        "several",
        "same",
        "own",
        "according",
        "said",
        "says",
        "against",
        "despite",
        "toward",
        "towards",
        "within",
        "without",
        "via",
        "through",
        "throughout",
        "amid",
        "due",
        "like",
        "out",
        "off",
        "up",
        "down",
        "along",
        "behind",
        "inside",
        "outside",
        "upon",
        "onto",
        "last",
        "next",
        "yesterday",
        "today",
        "ago",
    ]
)
_PERIOD_PAUSE = frozenset(';:()\u2014\u2013[]"“”')
_WORD_RE = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|[,;:()\u2014\u2013\[\]\"“”.!?]")
_PAREN_INTRO = frozenset(
    ["including", "among", "of", "many", "most", "mostly", "mainly", "some", "according"]
)

_DEMONYM_PLURALS: frozenset[str] = frozenset()


def _demonym_plurals() -> frozenset[str]:
    global _DEMONYM_PLURALS
    if not _DEMONYM_PLURALS:
        from xcheck.claims.entities import DEMONYMS

        _DEMONYM_PLURALS = frozenset(
            d.lower() for ds in DEMONYMS.values() for d in ds if d.endswith("s") and d[:1].isupper()
        )
    return _DEMONYM_PLURALS


@dataclass(frozen=True, slots=True)
class Span:
    """A quantity's character span, and its currency/percent flags (inputs of :func:`assign`)."""

    start: int
    end: int
    currency: str | None
    percent: bool


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text)]


def _words_cased(text: str) -> tuple[list[str], list[bool]]:
    raw = _WORD_RE.findall(text)
    return [w.lower() for w in raw], [w[:1].isupper() for w in raw]


def _term(
    words: Sequence[str], i: int, table: dict[str, str], phrases: dict[tuple[str, ...], str]
) -> tuple[str | None, int]:
    for n in (3, 2):
        if i + n <= len(words):
            v = phrases.get(tuple(words[i : i + n]))
            if v:
                return v, n
    v = table.get(words[i])
    return (v, 1) if v else (None, 0)


@dataclass
class _Read:
    measure: str | None = None
    subject: str | None = None
    head: str | None = None
    verb_unknown: bool = False


def _looks_adjective(w: str) -> bool:
    return len(w) > 4 and (w.endswith(_ADJ_SUFFIXES) or (w.endswith("ly") and len(w) > 5))


_ADJ_SUFFIXES = ("al", "ic", "ous", "ive", "ful", "less", "ish", "ese", "ian", "ern", "ary")


def _read_right(words: list[str], caps: Sequence[bool] = ()) -> _Read:
    r = _Read()
    i = 0
    n = len(words)
    np_len = 0
    # noun phrase: "606 civilians", "1,248 injured", "39 missing children", "57 deaths", "10 air strikes"
    while i < n and np_len < 5:
        w = words[i]
        if w in _PERIOD_PAUSE or w in (",", ".", "!", "?"):
            break
        if np_len == 0 and (w == "of" or (w in _NP_LEAD and r.subject is None)):
            i += 1
            continue
        subj, k = _term(words, i, SUBJECT_TERMS, SUBJECT_PHRASES)
        meas, km = _term(words, i, MEASURE_TERMS, MEASURE_PHRASES)
        if km > k:
            subj, k = None, 0
        if subj:
            if r.subject is None or subj != "people":
                r.subject = subj
            if w in ("refugees", "refugee") and r.measure is None:
                r.measure = "fled"
            i += k
            np_len += k
            continue
        if w in _demonym_plurals():
            r.subject = r.subject or "people"
            i += 1
            np_len += 1
            continue
        if meas:
            if r.measure is None:
                r.measure = meas
            i += km
            np_len += km
            if w in _NOUN_ONLY_MEASURES or km > 1:
                continue
            # a participle ("1,248 injured", "39 missing children"): only a counted noun may follow
            if i < n and _term(words, i, SUBJECT_TERMS, SUBJECT_PHRASES)[0]:
                continue
            return r
        if w in _STOP or w in _AUX:
            break
        if w in _ADJ or (i < len(caps) and caps[i]) or _looks_adjective(w):
            # "Ukrainian", "white former", "newly reported", "Amarnath pilgrims": modifiers, not heads
            i += 1
            np_len += 1
            continue
        if r.subject is not None or (r.head is not None and r.head not in _MODIFIER_NOUNS):
            break
        if w.isalpha() or "-" in w:
            r.head = w
        i += 1
        np_len += 1
        if r.measure is not None:
            break
    # verb phrase after auxiliaries (and an aside between commas)
    steps = 0
    while i < n and steps < 10:
        w = words[i]
        steps += 1
        if w == ",":
            if i + 1 < n and words[i + 1] in _PAREN_INTRO:
                j = i + 1
                while j < n and words[j] not in (",", ";", ".", ":"):
                    j += 1
                i = j
                continue
            if i + 1 < n and words[i + 1] in _AUX:
                i += 1
                continue
            break
        if w in _AUX or w in ("not", "never", "more", "than", "at", "least", "in", "total", "now", "so"):
            i += 1
            continue
        meas, km = _term(words, i, MEASURE_TERMS, MEASURE_PHRASES)
        if meas and (w not in _NOUN_ONLY_MEASURES or w == "dead"):
            if r.measure is None:
                r.measure = meas
            return r
        r.verb_unknown = w.isalpha()
        break
    return r


_MODIFIER_NOUNS = frozenset(
    [
        "air",
        "missile",
        "rocket",
        "artillery",
        "drone",
        "cruise",
        "ballistic",
        "tank",
        "combat",
        "ground",
        "border",
        "police",
        "health",
        "aid",
        "war",
        "military",
        "civilian",
        "residential",
        "apartment",
        "school",
        "hospital",
        "power",
        "energy",
        "grain",
        "food",
        "gas",
        "oil",
        "cargo",
        "passenger",
        "rail",
        "railway",
        "train",
    ]
)


_CLAUSE_CUT_RE = re.compile(r"[;:\u2014]|\.\s|\bbut\b|\bwhile\b|\bwhereas\b")


def _read_left(text: str) -> tuple[str | None, str | None]:
    """(strong measure right before the number, measure anywhere earlier in the clause)."""
    cut = None
    for m in _CLAUSE_CUT_RE.finditer(text):
        cut = m.end()
    clause = text[cut:] if cut is not None else text
    words = _words(clause)
    strong = None
    k = len(words) - 1
    while k >= 0 and words[k] in (
        "the",
        "another",
        "a",
        "further",
        "an",
        "additional",
        "some",
        "at",
        "least",
    ):
        k -= 1
    if k >= 0 and words[k] in _LEFT_VERBS:
        strong = MEASURE_TERMS[words[k]]
    weak = None
    for i in range(len(words)):
        v, _ = _term(words, i, MEASURE_TERMS, MEASURE_PHRASES)
        if v and v not in ("usd", "eur", "gbp", "rub", "uah"):
            weak = v
    return strong, weak


_COORD_RE = re.compile(
    r"\b(?:and|or|to|including|of\s+whom|of\s+them|among\s+them|as\s+well\s+as|plus|while)\b|,"
)
_LOST_RE = re.compile(
    r"\blost\s+(?:(?:the|another|a|further|an|additional|some|at|least)\s+)*$", re.IGNORECASE
)


def assign(sentence: str, spans: Sequence[Span]) -> list[tuple[str | None, str | None]]:
    """(measure, subject) for each quantity span, in order."""
    out: list[tuple[str | None, str | None]] = []
    prev_end = 0
    for idx, sp in enumerate(spans):
        nxt = spans[idx + 1].start if idx + 1 < len(spans) else len(sentence)
        right, caps = _words_cased(sentence[sp.end : nxt])
        r = _read_right(right[:24], caps[:24])
        strong, weak = _read_left(sentence[prev_end : sp.start])
        measure: str | None
        if sp.currency:
            measure = sp.currency
        elif strong:
            measure = strong
        elif r.measure:
            measure = r.measure
        elif r.subject in ("soldiers", "people", "civilians", "children") and _LOST_RE.search(
            sentence, prev_end, sp.start
        ):
            measure = "killed"  # "Russia lost 1,351 soldiers"
        elif r.head:
            measure = r.head  # "forty times", "60 days": what follows beats a measure word further left
        elif weak:
            measure = weak
        else:
            measure = None
        subject = r.subject
        if idx > 0:
            gap = sentence[spans[idx - 1].end : sp.start]
            pm, ps = out[-1]
            coordinated = len(gap) <= 60 and not re.search(r"[;:.]\s", gap) and _COORD_RE.search(gap)
            if coordinated and not sp.currency and not sp.percent:
                if subject is None and ps is not None and r.head is None:
                    subject = ps
                if (
                    measure is None
                    and pm is not None
                    and r.head is None
                    and not r.verb_unknown
                    and not sp.percent
                    and not spans[idx - 1].percent
                ):
                    measure = pm
        out.append((measure, subject))
        prev_end = sp.end
    return out
