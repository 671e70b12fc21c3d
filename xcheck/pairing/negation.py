"""Negation between two claims: does one deny what the other states?

A negation covers the first few content words of its clause (see
:func:`xcheck.claims.polarity.negation_scopes`); one claim denies another when most of those words are
stated in the other, which does not negate them itself.
"""

from __future__ import annotations

from ..claims import vocab
from ..claims.polarity import negation_scopes
from .text import content_list, content_words

_SCOPE_WORDS = 4
_AUXILIARY = frozenset(vocab.DO + vocab.MODALS)
# Verbs of stopping: negated, they affirm ("the enemy does not stop its offensive").
_CONTINUING = ("stop", "ceas", "halt", "quit", "end", "abandon", "give up")


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


def _restated(text: str) -> set[str]:
    """Content words of ``text`` outside its negated clauses: what it states itself."""
    kept, last = [], 0
    for start, end in negation_scopes(text):
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return content_words(" ".join(kept), drop_speakers=True)


def denies(neg: str, plain: str) -> bool:
    """``neg`` negates what ``plain`` states: most words of a negated clause of ``neg`` are in ``plain``,
    which does not negate them itself ("states without the death penalty" negates as "does not have"),
    and ``neg`` does not state them itself elsewhere ("Don't be afraid of the Internet. Let the
    Internet be afraid of us" quotes a contrast, it denies nothing)."""
    scopes = negated(neg)
    if not scopes:
        return False
    own = _restated(neg)
    scopes = [scope for scope in scopes if not scope <= own]
    if not scopes:
        return False
    plain_words = content_words(plain, drop_speakers=True)
    negated_in_plain: set[str] = set().union(*negated(plain, without=True))
    return any(
        3 * len(scope & plain_words) >= 2 * len(scope) and not scope & negated_in_plain for scope in scopes
    )


def states_most_of(plain: str, scopes: list[set[str]]) -> bool:
    """More than half the words of one of ``scopes`` are in ``plain``."""
    words = content_words(plain, drop_speakers=True)
    return any(2 * len(scope & words) > len(scope) for scope in scopes)


def same_speaker(a: str | None, b: str | None) -> bool:
    """ "Lamo" and "Adrian Lamo" are one speaker."""
    if a is None or b is None:
        return a == b
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return wa <= wb or wb <= wa
