"""Membership and treaty status: (entity, relation, treaty or organisation, negated).

Relations: ``party`` (party to), ``signatory`` (signatory to/of), ``member`` (member of, "a NATO
member"), ``joined`` (joined, acceded to), ``ratified``, ``signed`` (signed, signed up to), ``withdrew``
(withdrew from, pulled out of, quit, left, exited).

The subject is read backwards from the relation word over country and organisation names joined by
commas, "and", "or", "nor", "neither", "both" and auxiliaries ("have", "are", "has not", "which is"), so
"Neither Ukraine, Russia, nor the United States are signatories to the international treaty" gives three
facts. The object must be a known treaty or a membership body (NATO, European Union, UN, ...) or a generic
reference ("the convention", "the international treaty", "the statute", "the alliance", "the bloc")
resolved to the last treaty / body named earlier in the article (see :class:`Coref`); an unresolved
generic reference keeps its words ("international treaty").

Negation: "not", "n't", "never", "neither ... nor", "no longer", "yet to", "refused / declined / failed to".
Intentions and futures are not facts and are skipped: "applied to join", "voted to leave", "will join",
"could ratify".

A number as subject ("One hundred twenty-three nations have joined ...") gives no per-entity fact; that
sentence is a quantity with measure ``joined``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xcheck import lexicon
from xcheck.claims import vocab
from xcheck.claims.entities import MEMBERSHIP_BODIES, Mention

_TRIGGER_RE = re.compile(
    r"\b(?P<party>part(?:y|ies))\s+(?:to|of)\b"
    r"|\b(?P<signatory>signator(?:y|ies))\s+(?:to|of)\b"
    r"|\b(?P<member>members?)\s+(?:states?\s+)?(?:of|in)\b"
    r"|\b(?P<nmember>members?)(?:\s+states?|\s+countr(?:y|ies)|\s+nations?)?\b"
    r"|\b(?P<joined>join(?:ed|s|ing)?|acced(?:ed|es|e|ing)\s+to|accession\s+to)\b"
    r"|\b(?P<ratified>ratif(?:y|ied|ies|ying))\b"
    r"|\b(?P<signed>sign(?:ed|s|ing)?)(?:\s+(?:up|on)\s+to|\s+onto)?\b"
    r"|\b(?P<withdrew>withdr(?:ew|awn|aw|aws|awing)\s+from|withdrawal\s+from|pull(?:ed|s|ing)?\s+out\s+of"
    r"|quit(?:s|ting)?|left|leaves|leaving|exit(?:ed|s|ing)?)\b"
)
_QUICK_RE = re.compile(r"part|signat|member|join|acce|ratif|sign|withdr|pull|quit|left|leav|exit")
_GENERIC_RE = re.compile(
    r"\bthe\s+(?:(?:international|global|landmark|same|\d{4}|UN|U\.N\.|ban|arms|Western|military|European|"
    r"defen[cs]e|security|nuclear|transatlantic|27-nation|27-member)\s+)*"
    r"(?P<g>conventions?|treat(?:y|ies)|statute|accord|pact|agreement|alliance|bloc|union)\b"
)
# "the international conventions banning cluster munitions": a treaty by what it bans
_BANNING_RE = re.compile(
    r"\s+(?:that\s+bans?|which\s+bans?|banning|prohibiting|outlawing|on|against)\s+"
    r"(?:the\s+)?(?:use\s+of\s+)?(?P<what>[\w\-]+(?:\s+[\w\-]+)?)",
    re.IGNORECASE,
)


def described_treaty(sentence: str, end: int) -> str | None:
    """The treaty named by what it bans right after a generic reference ending at ``end``."""
    m = _BANNING_RE.match(sentence, end)
    if m is None:
        return None
    what = " ".join(m.group("what").lower().split())
    for treaty, descriptions in lexicon.table("treaty_descriptions").items():
        if any(what == d or what.startswith(d + " ") for d in descriptions):
            return treaty
    return None


_BODY_GENERIC = {
    "alliance": ("NATO", "CSTO"),
    "bloc": ("European Union", "ASEAN", "African Union", "CSTO", "Commonwealth of Independent States"),
    "union": ("European Union", "African Union"),
}

_ALLOWED = frozenset(
    [
        *vocab.BE,
        *vocab.HAVE,
        *vocab.DO,
        ",",
        "and",
        "or",
        "nor",
        "neither",
        "both",
        "either",
        "the",
        "not",
        "never",
        "also",
        "yet",
        "still",
        "already",
        "officially",
        "formally",
        "itself",
        "themselves",
        "which",
        "who",
        "that",
        "a",
        "an",
        "all",
        "no",
        "longer",
        "became",
        "become",
        "becomes",
        "remain",
        "remains",
        "remained",
        "currently",
        "now",
        "founding",
        "full",
        "fully",
        "later",
        "eventually",
        "finally",
        "then",
        "subsequently",
        "hasn",
        "haven",
        "isn",
        "aren",
        "wasn",
        "weren",
        "didn",
        "doesn",
        "don",
        "'",
        "’",
        "t",
        "to",
        "refused",
        "declined",
        "failed",
        "since",
        "states",
        "state",
    ]
)
_INTENT = frozenset(
    [
        "will",
        "would",
        "could",
        "may",
        "might",
        "should",
        "must",
        "can",
        "cannot",
        "plans",
        "plan",
        "planned",
        "wants",
        "want",
        "wanted",
        "hopes",
        "hope",
        "seeks",
        "seek",
        "sought",
        "applied",
        "apply",
        "applying",
        "bid",
        "aims",
        "aim",
        "intends",
        "intend",
        "decided",
        "voted",
        "vote",
        "agreed",
        "expected",
        "set",
        "wishes",
        "wish",
        "threatened",
        "threatens",
        "considering",
        "consider",
        "poised",
        "ready",
        "eager",
    ]
)
_NEG_RE = re.compile(
    r"\b(?:not|never|neither|nor|no\s+longer|yet\s+to|refused\s+to|declined\s+to|failed\s+to)\b|n['’]t\b|"
    r"\b(?:hasn|haven|isn|aren|wasn|weren|didn|doesn|don)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[A-Za-z]+|[,'’]")
_GAP_WORDS = frozenset(
    [
        "the",
        "up",
        "to",
        "on",
        "onto",
        "and",
        "or",
        "a",
        "an",
        "both",
        "but",
        "not",
        "yet",
        "has",
        "have",
        "never",
        "also",
        "later",
        "formally",
        "officially",
    ]
)


@dataclass(frozen=True, slots=True)
class MembershipFact:
    entity: str
    relation: str
    treaty: str
    negated: bool


@dataclass
class Coref:
    """Article-level memory of the last treaty and membership body named."""

    last_treaty: str | None = None
    last_body: str | None = None
    treaties_seen: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Obj:
    start: int
    end: int
    name: str


def resolve_objects(
    sentence: str, mentions: list[Mention], coref: Coref
) -> tuple[list[_Obj], list[tuple[str, str]]]:
    """Treaty / body mentions (named, or generic resolved through ``coref``), in order.

    Updates ``coref`` with the names seen. Returns (objects, (name, "treaty" | "organisation") of the
    generic references that were resolved).
    """
    objs: list[_Obj] = []
    for m in mentions:
        if m.kind == "treaty" or (m.kind == "organisation" and m.name in MEMBERSHIP_BODIES):
            objs.append(_Obj(m.start, m.end, m.name))
    resolved: list[tuple[str, str]] = []
    low = sentence.lower()
    if any(
        g in low
        for g in ("convention", "treaty", "statute", "accord", "pact", "agreement", "alliance", "bloc")
    ) or ("union" in low):
        for g in _GENERIC_RE.finditer(sentence):
            if any(g.start() < o.end and o.start < g.end() for o in objs):
                continue
            word = g.group("g").lower()
            word = {"conventions": "convention", "treaties": "treaty"}.get(word, word)
            prior = [o for o in objs if o.end <= g.start()]
            name: str | None = described_treaty(sentence, g.end())
            if name is not None:
                resolved.append((name, "treaty"))
                coref.last_treaty = name
                objs.append(_Obj(g.start(), g.end(), name))
                continue
            if word in _BODY_GENERIC:
                cands = _BODY_GENERIC[word]
                for o in reversed(prior):
                    if o.name in cands:
                        name = o.name
                        break
                if name is None and coref.last_body in cands:
                    name = coref.last_body
                if name is None:
                    continue
                resolved.append((name, "organisation"))
            else:
                for o in reversed(prior):
                    if o.name not in MEMBERSHIP_BODIES and (word != "statute" or "Statute" in o.name):
                        name = o.name
                        break
                if (
                    name is None
                    and coref.last_treaty
                    and (word != "statute" or "Statute" in coref.last_treaty)
                ):
                    name = coref.last_treaty
                if name is not None:
                    resolved.append((name, "treaty"))
                else:
                    words = [w for w in g.group().split()[1:]]
                    name = " ".join(words).lower()
            objs.append(_Obj(g.start(), g.end(), name))
        objs.sort(key=lambda o: o.start)
    for m in mentions:
        if m.kind == "treaty":
            coref.last_treaty = m.name
            if m.name not in coref.treaties_seen:
                coref.treaties_seen.append(m.name)
        elif m.kind == "organisation" and m.name in MEMBERSHIP_BODIES:
            coref.last_body = m.name
    return objs, resolved


def _subjects(
    sentence: str, end: int, mentions: list[Mention], toks: list[tuple[str, int, int]]
) -> tuple[list[str], int]:
    """Entities read backwards from ``end``; returns (names in text order, start of the span walked)."""
    names: list[str] = []
    j = len(toks) - 1
    while j >= 0 and toks[j][1] >= end:
        j -= 1
    start = end
    while j >= 0:
        tok, ts, _ = toks[j]
        mt = next((m for m in mentions if m.start <= ts < m.end), None)
        if mt is not None:
            if mt.kind not in ("country", "organisation"):
                break
            k = j
            while k >= 0 and toks[k][1] >= mt.start:
                k -= 1
            if k >= 1 and toks[k][0].lower() == "to" and toks[k - 1][0].lower() == "according":
                break
            names.append(mt.name)
            start = mt.start
            j = k
            continue
        if tok.lower() in _ALLOWED:
            start = ts
            j -= 1
            continue
        break
    names.reverse()
    return names, start


_COORD_VERB_RE = re.compile(
    r"\b(?:signed|ratified|joined)\b[^.;]{0,60}?\b(?:and|but|or)\s+(?:has\s+|have\s+)?(?:not\s+|never\s+|also\s+|"
    r"later\s+|yet\s+to\s+)?$"
)
_IT_RE = re.compile(r"\s+(?:it|them)\b")
_OBJ_LIST_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+nor\s+)(?:the\s+)?")


def _objects_after(sentence: str, tstart: int, tend: int, objs: list[_Obj]) -> list[_Obj]:
    """The treaty/body objects of a relation word: the first after it, plus any coordinated ones."""
    if _IT_RE.match(sentence, tend):
        prior = [o for o in objs if o.end <= tstart]
        return prior[-1:]
    out: list[_Obj] = []
    for k, o in enumerate(objs):
        if o.start < tend:
            continue
        gap = sentence[tend : o.start]
        if len(gap) <= 45 and not re.search(r"[,.;:()]|\d", gap):
            words = gap.split()
            if all(w.lower() in _GAP_WORDS or _TRIGGER_RE.fullmatch(w) for w in words):
                out.append(o)
                for nxt in objs[k + 1 :]:
                    if _OBJ_LIST_RE.fullmatch(sentence, out[-1].end, nxt.start):
                        out.append(nxt)
                    else:
                        break
        break
    return out


_AMONG_RE = re.compile(
    r"\bcounts?\s+(?P<neg>neither\s+)?(?P<who>.+?)\s+among\s+its\s+"
    r"(?P<rel>signatories|members|member\s+states|states\s+parties|parties)\b",
    re.IGNORECASE,
)
_NOR_IS_RE = re.compile(
    r"\b(?:and\s+)?(?:neither|nor)\s+(?:is|are|has|have|did|does)\s+(?:the\s+)?(?P<x>[A-Z][\w .'-]*)"
)
_AMONG_REL = {"signatories": "signatory", "members": "member", "member states": "member"}


def _extra_memberships(sentence: str, mentions: list[Mention], objs: list[_Obj]) -> list[MembershipFact]:
    """Two turns of phrase the relation-word reading misses.

    "The convention counts neither Ukraine nor Russia among its signatories" (the treaty is the subject),
    and "Russia is not a party to the convention, and neither is Ukraine" (an elided second subject).
    """
    facts: list[MembershipFact] = []
    countries = [m for m in mentions if m.kind in ("country", "demonym")]
    for m in _AMONG_RE.finditer(sentence):
        treaty = next((o.name for o in objs if o.end <= m.start()), None)
        if treaty is None:
            continue
        rel = _AMONG_REL.get(m.group("rel").lower(), "party")
        for c in countries:
            if m.start("who") <= c.start and c.end <= m.end("who"):
                facts.append(MembershipFact(c.name, rel, treaty, bool(m.group("neg"))))
    return facts


def _elided(sentence: str, mentions: list[Mention], facts: list[MembershipFact]) -> list[MembershipFact]:
    negated = [f for f in facts if f.negated]
    if not negated:
        return []
    out = []
    for m in _NOR_IS_RE.finditer(sentence):
        for c in mentions:
            if c.kind in ("country", "demonym") and c.start == m.start("x"):
                fact = MembershipFact(c.name, negated[0].relation, negated[0].treaty, True)
                if fact not in facts and fact not in out:
                    out.append(fact)
    return out


def find_memberships(
    sentence: str,
    mentions: list[Mention],
    toks: list[tuple[str, int, int]],
    objs: list[_Obj],
) -> list[MembershipFact]:
    if not objs:
        return []
    facts = _find_memberships(sentence, mentions, toks, objs)
    for f in _extra_memberships(sentence, mentions, objs):
        if f not in facts:
            facts.append(f)
    return facts + _elided(sentence, mentions, facts)


def _find_memberships(
    sentence: str,
    mentions: list[Mention],
    toks: list[tuple[str, int, int]],
    objs: list[_Obj],
) -> list[MembershipFact]:
    if not _QUICK_RE.search(sentence):
        return []
    facts: list[MembershipFact] = []
    for m in _TRIGGER_RE.finditer(sentence):
        rel = m.lastgroup or ""
        targets: list[_Obj]
        if rel == "nmember":
            # "Poland is a NATO member", "an EU member state"
            before = [o for o in objs if o.end <= m.start() and m.start() - o.end <= 1]
            if not before:
                continue
            targets = before[-1:]
            rel = "member"
            subj_end = targets[0].start
            pre = sentence[max(0, subj_end - 4) : subj_end].lower()
            if not re.search(r"\b(?:a|an|the)\s*$", pre):
                continue
        else:
            targets = _objects_after(sentence, m.start(), m.end(), objs)
            if not targets:
                continue
            subj_end = m.start()
        # coordinated relation words: "signed and ratified the treaty", "signed T but never ratified it"
        hm = _COORD_VERB_RE.search(sentence, 0, subj_end)
        if hm:
            subj_end = hm.start()
        names, sstart = _subjects(sentence, subj_end, mentions, toks)
        if not names:
            continue
        span_words = [w.lower() for w in _WORD_RE.findall(sentence[sstart:subj_end])]
        pre_words = [w for w in span_words if w not in (",", "'", "’")]
        tail = pre_words[-2:] if pre_words else []
        negated = bool(_NEG_RE.search(sentence, sstart, m.start()))
        if any(w in _INTENT for w in pre_words) and not negated:
            continue
        if (
            tail
            and tail[-1] == "to"
            and not (len(tail) > 1 and tail[0] in ("refused", "declined", "failed", "yet"))
        ):
            continue
        if any(w in ("will", "would", "could", "may", "might") for w in pre_words):
            continue
        for o in targets:
            for n in names:
                f = MembershipFact(n, rel, o.name, negated)
                if f not in facts:
                    facts.append(f)
    return facts
