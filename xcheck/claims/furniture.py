"""Page and headline furniture, learned per outlet from the corpus itself.

Outlets wrap every item in the same template: Censor.NET ends titles with
"(27.09.22 09:09) « War in Ukraine | Censor.NET" and starts texts with a time stamp; Ukrinform ends
texts with "— Ukrinform."; some outlets close with "View photo news." or publish a daily
"Friday's Mini-Report, 4.15.22". None of it is a claim, and a time stamp of publication is not the date
of an event.

Nothing here names a site. :func:`learn` looks at the titles and texts of one source and keeps what
repeats across that source's items once digit runs and weekday names are masked:

- a **whole title** holding a date stamp ("4.15.22", "4/13/22") that repeats at least ``MIN_REPEATS``
  times once the digits are masked: a recurring column or show ("Friday's Mini-Report, 4.15.22"), not
  a recurring toll headline ("Russian troops kill 238 children"), whose digits are a count;
- a **leading or trailing piece set off by a separator** ("« … | …", "— …", "(…)", "… -", "…:") that
  opens or closes at least ``MIN_SHARE`` of the source's items: a template;
- a **segment of a title's tail between two separators** that is in ``MIN_SHARE`` of the titles
  ("(27.09.22 09:09)"): a title's tail from such a segment on is template, whatever follows it;
- a **short first or last sentence** (at most ``MAX_SENTENCE_WORDS`` words) that repeats in at
  least ``MIN_REPEATS`` items and ``MIN_SENTENCE_SHARE`` of them: "View news.", "Follow us on …".

:meth:`Furniture.core` gives the part of a field that is left once the learned pieces are cut away,
as character offsets, so claim spans stay exact.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from xcheck.claims.segment import sentences
from xcheck.claims.vocab import WEEKDAYS

__all__ = ["Furniture", "learn"]

MIN_REPEATS = 3  # a piece seen in fewer items than this is never furniture
MIN_SHARE = 0.2  # a separated prefix/suffix must open or close this share of the source's items
MIN_SENTENCE_SHARE = 0.005  # a short trailing or leading sentence: this share of the items
MAX_SENTENCE_WORDS = 6
MAX_PIECE_TOKENS = 14  # a tail template: "(27.09.22 09:09) « War in Ukraine | Censor.NET"
MAX_PREFIX_TOKENS = 6  # a leading stamp or label: "27.09.22 09:09 -", "Transcript:"

_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# A token that sets a piece of a title apart from the headline proper.
_SEPARATORS = frozenset("«»|—–-:·•/")
_TOKEN = re.compile(r"\S+")
_STAMP = re.compile(r"\b0[./]0[./]0\b")
_LETTER = re.compile(r"[^\W\d_]")


def _mask(s: str) -> str:
    return _DIGITS.sub("0", _WEEKDAY.sub("Day", s)).casefold()


def _is_separator(tok: str) -> bool:
    """A token that opens a tail piece: "«", "|", "—", "(27.09.22"."""
    return tok in _SEPARATORS or tok.startswith(("(", "«", "|", "["))


def _ends_prefix(tok: str) -> bool:
    """A token that closes a leading piece: "-", "|", "Transcript:"."""
    return tok in _SEPARATORS or tok.endswith((":", "|"))


@dataclass
class Furniture:
    """What one source wraps its items in: masked whole fields, prefixes and suffixes."""

    whole: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)  # masked, longest first
    suffixes: list[str] = field(default_factory=list)
    segments: set[str] = field(default_factory=set)  # a tail from one of these on is template

    def __bool__(self) -> bool:
        return bool(self.whole or self.prefixes or self.suffixes or self.segments)

    def core(self, text: str) -> tuple[int, int]:
        """``(start, end)`` of ``text`` once learned furniture is cut from both ends; (0, 0): all of it."""
        toks = [(m.start(), m.end(), _mask(m.group())) for m in _TOKEN.finditer(text)]
        if not toks or " ".join(t[2] for t in toks) in self.whole:
            return 0, 0
        words = [t[2] for t in toks]
        i, j = 0, len(toks)
        changed = True
        while changed and i < j:
            changed = False
            for p in self.prefixes:
                pt = p.split()
                if len(pt) <= j - i and words[i : i + len(pt)] == pt:
                    i, changed = i + len(pt), True
                    break
            for s in self.suffixes:
                st = s.split()
                if len(st) <= j - i and words[j - len(st) : j] == st:
                    j, changed = j - len(st), True
                    break
        # "(27.09.22 09:09) « Society | Censor.NET": a learned stamp opens the tail of the template
        for k in range(max(i + 1, j - MAX_PIECE_TOKENS), j):
            if _is_separator(words[k]) and any(
                words[k : k + len(g.split())] == g.split() for g in self.segments
            ):
                j = k
                break
        if i >= j:
            return 0, 0
        return toks[i][0], toks[j - 1][1]

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "whole": sorted(self.whole),
            "prefixes": self.prefixes,
            "suffixes": self.suffixes,
            "segments": sorted(self.segments),
        }


def _candidates(text: str) -> tuple[set[str], set[str], set[str], set[str], set[str]]:
    """Masked pieces of one text that may be template: (separated prefixes, separated suffixes,
    segments of the tail between separators, short leading sentence, short trailing sentence)."""
    toks = [_mask(m.group()) for m in _TOKEN.finditer(text)]
    pre: set[str] = set()
    suf: set[str] = set()
    seg: set[str] = set()
    n = len(toks)
    cuts = [i for i in range(max(1, n - MAX_PIECE_TOKENS), n) if _is_separator(toks[i])]
    for i in cuts:
        suf.add(" ".join(toks[i:]))  # "(00.00.00 00:00) « war in ukraine | censor.net"
    for i, j in zip(cuts, [*cuts[1:], n], strict=False):
        seg.add(" ".join(toks[i:j]))  # "(00.00.00 00:00)"
    for k in range(1, min(MAX_PREFIX_TOKENS, n - 1) + 1):
        if _ends_prefix(toks[k - 1]):  # "0.0.0 0:0 -", "transcript:"
            pre.add(" ".join(toks[:k]))
    lead: set[str] = set()
    trail: set[str] = set()
    sents = sentences(text)
    if len(sents) > 1:
        for sent, out in ((sents[0], lead), (sents[-1], trail)):
            words = sent.text.split()
            if 2 <= len(words) <= MAX_SENTENCE_WORDS and _LETTER.search(sent.text):
                out.add(" ".join(_mask(w) for w in words))  # "view photo news."
    return pre, suf, seg, lead, trail


def learn(fields: Iterable[str], *, titles: bool = False) -> Furniture:
    """The furniture of one source, from its titles (``titles=True``) or its texts."""
    texts = [" ".join(t.split()) for t in fields if t and t.strip()]
    n = len(texts)
    furniture = Furniture()
    if n < MIN_REPEATS:
        return furniture
    pre: Counter[str] = Counter()
    suf: Counter[str] = Counter()
    seg: Counter[str] = Counter()
    lead: Counter[str] = Counter()
    trail: Counter[str] = Counter()
    for t in texts:
        p, s, sg, ld, tr = _candidates(t)
        pre.update(p)
        suf.update(s)
        seg.update(sg)
        lead.update(ld)
        trail.update(tr)
    need = max(MIN_REPEATS, math.ceil(MIN_SHARE * n))
    need_sentence = max(MIN_REPEATS, math.ceil(MIN_SENTENCE_SHARE * n))
    prefixes = {p for p, c in pre.items() if c >= need}
    suffixes = {s for s, c in suf.items() if c >= need}
    prefixes |= {p for p, c in lead.items() if c >= need_sentence}
    suffixes |= {s for s, c in trail.items() if c >= need_sentence}
    furniture.prefixes = sorted(prefixes, key=lambda x: (-len(x), x))
    furniture.suffixes = sorted(suffixes, key=lambda x: (-len(x), x))
    furniture.segments = {g for g, c in seg.items() if c >= need}
    if titles:  # what is left of a title once its template is cut away
        cores = []
        for t in texts:
            a, b = furniture.core(t)
            cores.append(" ".join(_mask(w) for w in t[a:b].split()))
        whole = Counter(cores)
        furniture.whole = {w for w, c in whole.items() if c >= MIN_REPEATS and _STAMP.search(w)}
    return furniture


def learn_by_source(
    items: Sequence[tuple[str | None, str | None, str]],
) -> dict[str, tuple[Furniture, Furniture]]:
    """``{source: (title furniture, text furniture)}`` from ``(source, title, text)`` items."""
    titles: dict[str, list[str]] = {}
    texts: dict[str, list[str]] = {}
    for source, title, text in items:
        if not source:
            continue
        titles.setdefault(source, [])
        texts.setdefault(source, [])
        if title:
            titles[source].append(title)
        if text:
            texts[source].append(text)
    return {s: (learn(titles[s], titles=True), learn(texts[s])) for s in titles}
