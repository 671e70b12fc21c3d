"""The cues of one sentence that the judgement compares, read once at extraction time.

The judge (:mod:`xcheck.pairing.relate`) never re-reads a sentence: whatever it needs of the words is
here, in the claim's frame (:attr:`xcheck.claims.frames.Frame.cues`):

- ``key``: a digest of the normalised text (two claims with the same words are the same statement);
- ``words`` and ``plain``: the content words (crude stems), without the speaker's words and without
  figures and month names respectively (word overlap);
- ``negations``: the first content words of each main-clause negation ("did not shell the plant" ->
  {shell, plant}); ``denials``: those the sentence does not state itself elsewhere; ``negated_words``:
  every word any negation covers, "without" counted as one ("states without the death penalty");
- ``denial_word``: a party's denial ("Russia denies", "a fake"; ``denial_words``), ``denies_denial``: a
  denial word and another negation ("dismissed claims that it was not behind the attack" affirms),
  ``refusal``: a refusal or an absence ("declined to comment", "lack of"; ``refusal_cues``);
- ``event_dates``: "<subject> <verb of a one-time event> on <date>" ("the invasion began on February
  24"), with the subject's words and the date as written;
- ``partitives``: the quantities followed by "of the/those/whom …" ("1.5 million of the refugees"): a
  part, not a figure of its own.

Word lists are data in :mod:`xcheck.lexicon`, one copy each.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xcheck import lexicon
from xcheck.claims import vocab
from xcheck.claims.polarity import negation_cues, negation_scopes
from xcheck.claims.quantities import Quantity
from xcheck.claims.words import (
    NEGATORS,
    SPEAKER_WORDS,
    STOP,
    WORD,
    content_list,
    content_words,
    is_number,
    norm_text,
    stem,
)

__all__ = ["Cues", "EventDate", "extract_cues", "negated", "restated"]

_SCOPE_WORDS = 4
_AUXILIARY = frozenset(vocab.DO + vocab.MODALS)


def _alternatives(name: str) -> str:
    """The entries of a lexicon file as one regular-expression alternation, longest first."""
    return "|".join(sorted(map(re.escape, lexicon.words(name)), key=len, reverse=True))


# A party's denial of what another party says: "Russia denies …", "a fake", "not true".
DENIAL = re.compile(rf"\b(?:{_alternatives('denial_words')})\b", re.IGNORECASE)
REFUSAL = re.compile(rf"\b(?:{'|'.join(sorted(lexicon.words('refusal_cues')))})", re.IGNORECASE)
_CONTINUING = tuple(sorted(lexicon.words("continuing_verbs")))

_WHEN = (
    r"(?:(?:on|in)\s+(?:the\s+)?(?:early\s+hours\s+of\s+|night\s+of\s+|morning\s+of\s+|evening\s+of\s+)?"
    r"|late\s+on\s+|early\s+on\s+|overnight\s+on\s+)"
)
_MONTH_NAMES = "|".join(vocab.MONTHS)
_WEEKDAY_NAMES = "|".join(vocab.WEEKDAYS)
EVENT_DATE = re.compile(
    rf"\b({_alternatives('one_time_verbs')})\s+(?:[\w'’\-]+\s+){{0,4}}?{_WHEN}"
    rf"((?:{_MONTH_NAMES})\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{_MONTH_NAMES})(?:\s+\d{{4}})?"
    rf"|{_WEEKDAY_NAMES})\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s*$|\b\w+s\s*$", re.IGNORECASE)
_AGENT_AFTER = re.compile(r"\s+(?:with|by)\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"^\s+of\s+(?:the|those|them|these|whom|which)\b", re.IGNORECASE)

# How a content word is stored: a figure or month name, a speaker's word, or another word.
_NUMBER, _SPEAKER = "#", "@"


@dataclass(frozen=True)
class EventDate:
    """ "the invasion began on February 24": the verb, the words of its subject, the date as written
    (lower case, without a year)."""

    verb: str
    words: frozenset[str]
    day: str


@dataclass(frozen=True)
class Cues:
    """What the judgement compares of a sentence's words (see the module's text)."""

    key: str = ""
    words: frozenset[str] = frozenset()
    plain: frozenset[str] = frozenset()
    negations: tuple[frozenset[str], ...] = ()
    denials: tuple[frozenset[str], ...] = ()
    negated_words: frozenset[str] = frozenset()
    denial_word: bool = False
    denies_denial: bool = False
    refusal: bool = False
    event_dates: tuple[EventDate, ...] = ()
    partitives: frozenset[int] = frozenset()  # indices into the frame's quantities
    # the stored form of ``words`` and ``plain``: each content word marked as a figure, a speaker's word
    # or neither (one word may come from several: "claims" is a speaker's word, "claim" is not)
    tokens: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Compact: empty and false fields are left out; word sets are space-separated strings."""
        out: dict[str, Any] = {"key": self.key, "words": " ".join(self.tokens)}
        if self.negations:
            out["neg"] = [" ".join(sorted(s)) for s in self.negations]
            out["den"] = [i for i, s in enumerate(self.negations) if s in self.denials]
        if self.negated_words:
            out["negw"] = " ".join(sorted(self.negated_words))
        for name in ("denial_word", "denies_denial", "refusal"):
            if getattr(self, name):
                out[name] = True
        if self.event_dates:
            out["dates"] = [[e.verb, " ".join(sorted(e.words)), e.day] for e in self.event_dates]
        if self.partitives:
            out["partitive"] = sorted(self.partitives)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Cues:
        tokens = tuple(str(d.get("words") or "").split())
        negations = tuple(frozenset(s.split()) for s in d.get("neg") or ())
        words, plain = _word_sets(tokens)
        return cls(
            key=str(d.get("key") or ""),
            words=words,
            plain=plain,
            negations=negations,
            denials=tuple(negations[i] for i in d.get("den") or ()),
            negated_words=frozenset(str(d.get("negw") or "").split()),
            denial_word=bool(d.get("denial_word")),
            denies_denial=bool(d.get("denies_denial")),
            refusal=bool(d.get("refusal")),
            event_dates=tuple(
                EventDate(str(v), frozenset(str(w).split()), str(day)) for v, w, day in d.get("dates") or ()
            ),
            partitives=frozenset(int(i) for i in d.get("partitive") or ()),
            tokens=tokens,
        )


def _word_sets(tokens: Sequence[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(words without the speaker's, words without figures and months) of stored tokens."""
    words = frozenset(t[1:] if t[0] == _NUMBER else t for t in tokens if t[0] != _SPEAKER)
    plain = frozenset(t[1:] if t[0] == _SPEAKER else t for t in tokens if t[0] != _NUMBER)
    return words, plain


def text_key(text: str) -> str:
    """A digest of the normalised text: equal for two sentences with the same words ("" for none)."""
    norm = norm_text(text)
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest() if norm else ""


def negated(text: str, *, without: bool = False) -> list[set[str]]:
    """The content words each main-clause negation of a text negates (its first few).

    ``without``: count "without" as a negation too ("states without the death penalty").
    """
    out = []
    for start, end in negation_scopes(text, without=without):
        words = [w for w in content_list(text[start:end], drop_speakers=True) if w not in _AUXILIARY]
        if words and words[0].startswith(_CONTINUING):
            continue  # "does not stop attacking": it goes on, a statement, not a denial
        if words:
            out.append(set(words[:_SCOPE_WORDS]))
    return out


def restated(text: str) -> set[str]:
    """Content words of ``text`` outside its negated clauses: what it states itself."""
    kept, last = [], 0
    for start, end in negation_scopes(text):
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return content_words(" ".join(kept), drop_speakers=True)


def _tokens(text: str) -> tuple[str, ...]:
    out = set()
    for w in WORD.findall(text.lower()):
        if w in STOP or w in NEGATORS or w.endswith("n't"):
            continue
        mark = _NUMBER if is_number(w) else _SPEAKER if w in SPEAKER_WORDS else ""
        out.add(mark + stem(w))
    return tuple(sorted(out))


def _denies_a_denial(text: str) -> bool:
    """ "He dismissed Russian claims that it was not behind the attack": a denial word and another
    negation in one sentence deny a denial, which affirms."""
    plain = [text[s:e] for s, e in negation_cues(text) if not DENIAL.fullmatch(text[s:e])]
    return bool(plain) and DENIAL.search(text) is not None


def _event_dates(text: str) -> tuple[EventDate, ...]:
    out = []
    for m in EVENT_DATE.finditer(text):
        verb = m.group(1).lower()
        before = text[max(0, m.start() - 60) : m.start(1)]
        if verb in ("struck", "hit") and (
            _PASSIVE_BEFORE.search(before) or _AGENT_AFTER.match(text, m.end(1))
        ):
            continue  # "blocks struck with missiles on October 6": what was hit, one of many targets
        words = content_words(" ".join(before.split()[-5:]), drop_numbers=True, drop_speakers=True)
        day = re.sub(r",?\s*\d{4}$", "", m.group(2)).lower()
        out.append(EventDate(verb, frozenset(words), day))
    return tuple(out)


def extract_cues(text: str, quantities: Sequence[Quantity] = ()) -> Cues:
    """The cues of one sentence; ``quantities``: its frame's quantities (for the partitives)."""
    tokens = _tokens(text)
    negations = [frozenset(s) for s in negated(text)]
    own = restated(text) if negations else set()
    # "without" adds scopes of its own to those of the other negations, which it leaves as they are
    with_without = negated(text, without=True) if "without" in text.lower() else negations
    negated_words: set[str] = set().union(*with_without)
    denial_word = DENIAL.search(text) is not None
    words, plain = _word_sets(tokens)
    return Cues(
        key=text_key(text),
        words=words,
        plain=plain,
        negations=tuple(negations),
        denials=tuple(s for s in negations if not s <= own),
        negated_words=frozenset(negated_words),
        denial_word=denial_word,
        denies_denial=denial_word and _denies_a_denial(text),
        refusal=REFUSAL.search(text) is not None,
        event_dates=_event_dates(text),
        partitives=frozenset(
            i for i, q in enumerate(quantities) if _PARTITIVE.match(text[q.end : q.end + 20])
        ),
        tokens=tokens,
    )
