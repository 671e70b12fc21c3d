"""Sentence polarity: is the claim negated?

Negation cues: not, no, never, none, nobody, no one, nothing, neither, nor, cannot, "n't", "no longer",
"found no (evidence)", deny / denied / denies / denying.

Not negation (checked first, so they win at the same position): "not only", "not just", "not least",
"not to mention", "whether or not", "if not", "no later than", "no sooner", "no fewer than",
"no less than", "no more than", "not more than", "not less than", "no doubt", "no matter",
"never before", "No." before a number ("No. 10"), and words that merely start with "no"
("nonetheless", "notably", "nothing short of" ...) because cues are whole words.
"""

from __future__ import annotations

import re

_EXCEPT = (
    r"not\s+only|not\s+just|not\s+least|not\s+to\s+mention|whether\s+or\s+not|if\s+not|"
    r"no\s+later\s+than|no\s+sooner|no\s+fewer\s+than|no\s+less\s+than|no\s+more\s+than|not\s+more\s+than|"
    r"not\s+less\s+than|not\s+fewer\s+than|no\s+doubt|no\s+matter|never\s+before|nothing\s+short\s+of|"
    r"no\.\s*\d+|not\s+until"
)
_CUE = (
    r"not|no|never|none|nobody|no\s+one|nothing|neither|nor|cannot|no\s+longer|"
    r"den(?:y|ied|ies|ying)|[a-z]+n['’]t"
)
NEGATION_RE = re.compile(rf"\b(?:(?P<x>{_EXCEPT})|(?P<neg>{_CUE}))\b", re.IGNORECASE)
_QUICK = re.compile(r"\bno|\bnot|n['’]t\b|\bnever|\bneither|\bnor\b|\bden[yi]|\bcannot", re.IGNORECASE)


def negation_cues(sentence: str) -> list[tuple[int, int]]:
    """Spans of the negation cues that count."""
    if not _QUICK.search(sentence):
        return []
    return [m.span("neg") for m in NEGATION_RE.finditer(sentence) if m.group("neg")]


def is_negated(sentence: str) -> bool:
    return bool(negation_cues(sentence))
