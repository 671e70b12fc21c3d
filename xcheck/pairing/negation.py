"""Negation between two claims: does one deny what the other states?

A negation covers the first few content words of its clause; each sentence's negations are read at
extraction (:mod:`xcheck.claims.cues`). Here they are compared: one claim denies another when most of
the words of one of its negations are stated in the other, which does not negate them itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..claims.cues import Cues


def denies(neg: Cues, plain: Cues) -> bool:
    """``neg`` negates what ``plain`` states: most words of a negated clause of ``neg`` are in ``plain``,
    which does not negate them itself ("states without the death penalty" negates as "does not have"),
    and ``neg`` does not state them itself elsewhere ("Don't be afraid of the Internet. Let the
    Internet be afraid of us" quotes a contrast, it denies nothing: such a negation is not among
    ``neg.denials``)."""
    if not neg.denials:
        return False
    return any(
        3 * len(scope & plain.words) >= 2 * len(scope) and not scope & plain.negated_words
        for scope in neg.denials
    )


def states_most_of(plain: Cues, scopes: Sequence[frozenset[str]]) -> bool:
    """More than half the words of one of ``scopes`` are among the words ``plain`` states."""
    return any(2 * len(scope & plain.words) > len(scope) for scope in scopes)


def same_speaker(a: str | None, b: str | None) -> bool:
    """ "Lamo" and "Adrian Lamo" are one speaker."""
    if a is None or b is None:
        return a == b
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return wa <= wb or wb <= wa
