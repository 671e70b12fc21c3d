"""Sentence polarity: is the claim negated?

Negation cues: not, no, never, none, nobody, no one, nothing, neither, nor, cannot, "n't" (also typed
without the apostrophe: "dont", "havent"), "no longer", "found no (evidence)", deny / denied / denies /
denying.

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
# "dont", "havent": contractions typed without their apostrophe
_BARE_NT = r"(?:do|does|did|is|are|was|were|has|have|had|wo|would|could|should|ca|must)nt"
_CUE = (
    r"not|no|never|none|nobody|no\s+one|nothing|neither|nor|cannot|no\s+longer|"
    rf"den(?:y|ied|ies|ying)|[a-z]+n['’]t|{_BARE_NT}"
)
NEGATION_RE = re.compile(rf"\b(?:(?P<x>{_EXCEPT})|(?P<neg>{_CUE}))\b", re.IGNORECASE)
_QUICK = re.compile(
    rf"\bno|\bnot|n['’]t\b|\b{_BARE_NT}\b|\bnever|\bneither|\bnor\b|\bden[yi]|\bcannot", re.IGNORECASE
)


def negation_cues(sentence: str) -> list[tuple[int, int]]:
    """Spans of the negation cues that count."""
    if not _QUICK.search(sentence):
        return []
    return [m.span("neg") for m in NEGATION_RE.finditer(sentence) if m.group("neg")]


def is_negated(sentence: str) -> bool:
    return bool(negation_cues(sentence))


# -- what a cue negates -------------------------------------------------------------------------

_WITHOUT = re.compile(r"\bwithout\b", re.IGNORECASE)
# A clause ends at punctuation or at a conjunction that starts another one.
_CLAUSE_END = re.compile(
    r"[,;:.!?()\"“”]|\s(?:but|and|while|although|though|because|whereas|which|who|whose|when)\s",
    re.IGNORECASE,
)
# ", who ...", ", whose ...", ", which ...": a side remark, up to the next comma or the end.
_ASIDE = re.compile(r",\s*(?:who|whose|which)\b[^,;]*", re.IGNORECASE)
_PASSIVE_DENIAL = re.compile(r"\b(?:was|were|been|be|is|are)\s+$", re.IGNORECASE)
_SCOPE_CHARS = 80


def negation_scopes(sentence: str, *, without: bool = False) -> list[tuple[int, int]]:
    """Spans of the text each negation cue negates, leaving out cues inside side remarks.

    The scope runs from the cue to the end of its clause ("did not shell the plant on Saturday and
    blames Ukraine" -> "shell the plant on Saturday"); a passive denial negates what comes before it
    ("a request for an extension was denied"). Cues in a non-restrictive relative clause ("the two men,
    whose names were not released, ...") add a side remark and are not the claim's negation.
    ``without``: count "without" ("states without the death penalty") as a cue too.
    """
    cues = negation_cues(sentence)
    if without:
        cues += [m.span() for m in _WITHOUT.finditer(sentence)]
    if not cues:
        return []
    asides = [m.span() for m in _ASIDE.finditer(sentence)]
    scopes = []
    for start, end in sorted(cues):
        if any(a <= start < b for a, b in asides):
            continue
        word = sentence[start:end].lower()
        if word.startswith("den") and _PASSIVE_DENIAL.search(sentence[max(0, start - 12) : start]):
            before = sentence[max(0, start - _SCOPE_CHARS) : start]
            cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
            scopes.append((start - len(before) + cut, start))
            continue
        after = sentence[end : end + _SCOPE_CHARS]
        stop = _CLAUSE_END.search(after)
        scopes.append((end, end + (stop.start() if stop else len(after))))
    return [(s, e) for s, e in scopes if sentence[s:e].strip()]
