"""Split article text into paragraphs, sentences and claim sentences, keeping exact character spans.

Rule-based and linear: a handful of compiled regular expressions and one pass over each paragraph.
Every returned :class:`~xcheck.types.Span` satisfies ``text[span.start:span.end] == span.text`` and is
stripped of surrounding whitespace. Sentences never cross a paragraph boundary.

Paragraphs are separated by blank lines. Inside a block of consecutive lines, a line also starts a new
paragraph when it is a list item (``•``, ``-``, ``*``, ``1.``), a markdown heading (``#``) or when the line
before it is clearly a standalone heading (short, no closing punctuation, followed by a capitalised line).
Other single newlines are soft wraps. A leading bullet / ``#`` / ``>`` marker is left out of the span.

Sentence boundaries are ``.``, ``?``, ``!`` and ellipses followed by whitespace, with any closing quotes
or brackets kept in the sentence. A boundary is rejected when the next word starts in lower case, and a
period after an abbreviation (``Mr.``, ``Feb. 24``, ``No. 5``, ``J. R. Smith``, ``U.S.``, ``e.g.``, ``a.m.``)
only splits when the next word is a common sentence starter (``The``, ``It``, ``He``, ``But`` ...).
"""

from __future__ import annotations

import re

from xcheck.claims.boilerplate import is_boilerplate
from xcheck.types import Span

__all__ = ["claim_spans", "is_claim_sentence", "paragraphs", "sentences"]

# --- paragraphs ------------------------------------------------------------------------------------------

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE = re.compile(r"[^\n]+")
# Leading markers that are not part of the paragraph's text: bullets, markdown headings and quotes.
_MARKER = re.compile(r"(?:[•·▪◦‣●○■□➢►▶✓✔*>+\-–—]|#{1,6})[^\S\n]+")
_LIST_ITEM = re.compile(r"(?:[•·▪◦‣●○■□➢►▶✓✔*+\-–—]|\d{1,3}[.)]|[a-z][.)]|#{1,6})[^\S\n]+")
_HEADING_END = re.compile(r"[.!?:;,…]['\"”’»)\]]*$")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_FUNCTION_WORDS = _words(
    """a an the of to in on at for and or but nor with by from as that which who whom whose is are was were
    be been being has have had said says its their his her our your my this these those than into onto
    over under after before about between against during without within via per if when while because
    not no so such very more most less least also then there here it he she they we i you said told"""
)
_HEADING_MAX_WORDS = 12


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_heading_line(line: str) -> bool:
    """A line that reads as a heading: short, no closing punctuation, not cut off after a function word."""
    if _HEADING_END.search(line):
        return False
    words = line.split()
    if not words or len(words) > _HEADING_MAX_WORDS:
        return False
    last = words[-1].strip("'\"”’»)]").lower()
    return last not in _FUNCTION_WORDS


def _starts_capitalised(line: str) -> bool:
    for ch in line:
        if ch.isalpha():
            return ch.isupper()
        if ch.isdigit():
            return True
        if ch not in "\"'“‘«([¡¿":
            return False
    return False


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans of ``text``: blocks between blank lines, plus standalone heading and list lines."""
    out: list[Span] = []
    pos = 0
    n = len(text)
    while pos <= n:
        m = _BLANK_LINE.search(text, pos)
        block_end = m.start() if m else n
        _block_paragraphs(text, pos, block_end, out)
        if m is None:
            break
        pos = m.end()
    return out


def _block_paragraphs(text: str, start: int, end: int, out: list[Span]) -> None:
    lines: list[tuple[int, int, int]] = []  # (start, end, indentation) of each non-empty line
    for lm in _LINE.finditer(text, start, end):
        s, e = _stripped(text, lm.start(), lm.end())
        if s < e:
            lines.append((s, e, s - lm.start()))
    if not lines:
        return
    if len(lines) == 1:
        _emit_paragraph(text, lines[0][0], lines[0][1], out)
        return
    longest = max(e - s for s, e, _ in lines)
    wrapped = len(lines) >= 3
    group_start, group_end, indent = lines[0]
    prev_line = text[group_start:group_end]
    list_indent = indent if _LIST_ITEM.match(prev_line) else -1
    prev_starts_sentence = True
    for s, e, indent in lines[1:]:
        line = text[s:e]
        is_item = _LIST_ITEM.match(line) is not None
        new_para = (
            is_item
            or (prev_line.startswith("#") and _MARKER.match(prev_line) is not None)
            or indent < list_indent
            or (
                prev_starts_sentence
                and _is_heading_line(prev_line)
                and _starts_capitalised(line)
                and (not wrapped or len(prev_line) < 0.6 * longest)
            )
        )
        if new_para:
            _emit_paragraph(text, group_start, group_end, out)
            group_start = s
            prev_starts_sentence = True
            list_indent = indent if is_item else -1
        else:
            prev_starts_sentence = bool(_HEADING_END.search(prev_line)) and _starts_capitalised(line)
        group_end = e
        prev_line = line
    _emit_paragraph(text, group_start, group_end, out)


def _emit_paragraph(text: str, start: int, end: int, out: list[Span]) -> None:
    m = _MARKER.match(text, start, end)
    if m:
        start, end = _stripped(text, m.end(), end)
    if start < end:
        out.append(Span(start, end, text[start:end]))


# --- sentences -------------------------------------------------------------------------------------------

# A run of terminal punctuation, any closing quotes/brackets, then whitespace or the end of the paragraph.
_BOUNDARY = re.compile(r"(?:[.!?…]+)['\"”’»)\]]*(?=\s|$)")
_SPACES = re.compile(r"\s*")
_OPENERS = "\"'“‘«([¡¿"

# Abbreviations that precede a name and never end a sentence (case-sensitive forms).
_TITLES = _words(
    """Mr Mrs Ms Mx Dr Prof Gen Lt Col Sgt Capt Cpt Maj Adm Cmdr Cdr Brig Sen Rep Gov Rev Fr Hon Pres Supt
    Insp Det Amb Messrs Mme Mlle Mssrs Atty Gens Lts Cpl Pvt Ald Sra Sta Ste"""
)
_MONTHS = _words("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
# Abbreviations that precede a number.
_NUMBERED = _words("No Nos no nos Vol vol Vols Art art Fig fig Figs Ch ch Sec sec p pp Nr nr Op op Para para")
# Abbreviations that usually sit mid-sentence but can end one; split only before a sentence starter.
_AMBIGUOUS = _words(
    """etc vs v al approx ca cf Inc Corp Ltd Co Bros Jr Esq est dept Dept Univ Ave Blvd Rd St Mt Ft Ct Pl
    Sq Hwy Gov't Intl Natl Assn Dist Jr Sr mln bln bn mn min max"""
)
_DOTTED = re.compile(r"(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}")
_STARTER = re.compile(
    r"""(?:The|A|An|It|Its|It's|It’s|He|She|They|We|I|You|His|Her|Their|Our|My|Your|This|That|These|Those
    |There|Then|Thus|But|And|Or|So|Yet|Still|Also|However|Meanwhile|Moreover|Furthermore|Nevertheless
    |Instead|Indeed|In|On|At|As|By|For|From|To|With|Without|After|Before|During|Despite|Under|Over|Since
    |Until|When|While|Where|Whereas|If|Although|Though|Because|Once|Now|Today|Yesterday|Tomorrow|Last|Next
    |Earlier|Later|Some|Many|Most|More|Several|Other|Others|Both|All|Each|Every|No|Not|None|One|Two|Three
    |According|Officials|Such|What|Why|How|Who|Which|Asked|Here|Only|Even|Almost|Nearly|About|Among)
    (?![\w.'’-])""",
    re.VERBOSE,
)


def _next_start(text: str, pos: int, end: int) -> int:
    """Index of the first character of the next word (skipping opening quotes/brackets), or ``end``."""
    while pos < end and text[pos] in _OPENERS:
        pos += 1
    return pos


def _is_boundary(text: str, m: re.Match[str], para_start: int, para_end: int) -> bool:
    nxt = _SPACES.match(text, m.end(), para_end).end()  # type: ignore[union-attr]
    if nxt >= para_end:
        return False  # end of paragraph: the paragraph end closes the sentence anyway
    word_at = _next_start(text, nxt, para_end)
    if word_at >= para_end:
        return False
    first = text[word_at]
    if first.islower():
        return False
    punct = text[m.start() : m.end()]
    if "?" in punct or "!" in punct:
        return True
    if "…" in punct or ".." in punct:
        # an ellipsis ends a sentence only before a capital (or number) start
        return first.isupper() or first.isdigit()
    # a period: look at the word before it
    k = m.start()
    while k > para_start and not text[k - 1].isspace():
        k -= 1
    prev = text[k : m.start()].lstrip(_OPENERS)
    if not prev:
        return True
    if prev in _TITLES:
        return False
    starter = _STARTER.match(text, word_at, para_end) is not None
    if first.isdigit():
        if prev in _NUMBERED or prev in _MONTHS:
            return False
        if prev.isdigit() and len(prev) <= 3 and k == para_start:
            return False  # "1. First item"
        return not (_DOTTED.fullmatch(prev) or prev in _AMBIGUOUS)
    if prev.isdigit() and len(prev) <= 3 and k == para_start:
        return False
    initial = len(prev) == 1 and prev.isupper()
    if initial or prev in _MONTHS or prev in _AMBIGUOUS or _DOTTED.fullmatch(prev):
        return starter
    return True


def _split_paragraph(text: str, start: int, end: int, out: list[Span]) -> None:
    sent_start = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_boundary(text, m, start, end):
            s, e = _stripped(text, sent_start, m.end())
            if s < e:
                out.append(Span(s, e, text[s:e]))
            sent_start = m.end()
    s, e = _stripped(text, sent_start, end)
    if s < e:
        out.append(Span(s, e, text[s:e]))


def sentences(text: str) -> list[Span]:
    """Sentence spans into the full ``text``; a sentence never crosses a paragraph boundary."""
    out: list[Span] = []
    for para in paragraphs(text):
        _split_paragraph(text, para.start, para.end, out)
    return out


_TOKEN = re.compile(r"[^\W_]+(?:['’.\-/,][^\W_]+)*")
_MIN_WORDS = 3


def _has_min_words(sentence: str, minimum: int = _MIN_WORDS) -> bool:
    return any(count >= minimum for count, _ in enumerate(_TOKEN.finditer(sentence), start=1))


def is_claim_sentence(sentence: str) -> bool:
    """Can this sentence be a claim: three words or more, and not boilerplate."""
    return _has_min_words(sentence) and not is_boilerplate(sentence)


def claim_spans(text: str, keep: tuple[int, int] | None = None) -> list[Span]:
    """Sentences that can be claims: boilerplate and fragments of fewer than three words dropped.

    ``keep``: the ``(start, end)`` of the text that is the article proper (outlet furniture cut away,
    :mod:`xcheck.claims.furniture`); sentences are clipped to it.
    """
    out = []
    lo, hi = keep if keep is not None else (0, len(text))
    for s in sentences(text):
        start, end = _stripped(text, max(s.start, lo), min(s.end, hi))
        if start >= end:
            continue
        span = s if (start, end) == (s.start, s.end) else Span(start, end, text[start:end])
        if is_claim_sentence(span.text):
            out.append(span)
    return out
