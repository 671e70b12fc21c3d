"""Paragraph, sentence and claim segmentation with exact character spans."""

from __future__ import annotations

import itertools

import pytest

from xcheck.claims.segment import claim_spans, paragraphs, sentences
from xcheck.types import Span


def _check_spans(text: str, spans: list[Span]) -> None:
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip()
        assert span.text
    starts = [s.start for s in spans]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start


SENTENCE_CASES = [
    pytest.param(
        "The U.S. military said it would respond. The U.N. agreed.",
        ["The U.S. military said it would respond.", "The U.N. agreed."],
        id="us-un-mid-sentence",
    ),
    pytest.param(
        "Troops moved into the U.S. The next day they left.",
        ["Troops moved into the U.S.", "The next day they left."],
        id="us-then-starter-splits",
    ),
    pytest.param(
        "Aid reached the U.S. embassy on Tuesday.",
        ["Aid reached the U.S. embassy on Tuesday."],
        id="us-then-lowercase",
    ),
    pytest.param(
        "Talks in the U.S. Senate stalled. It was late.",
        ["Talks in the U.S. Senate stalled.", "It was late."],
        id="us-then-proper-noun",
    ),
    pytest.param(
        "The invasion began on Feb. 24 and spread. Sept. 11 was different.",
        ["The invasion began on Feb. 24 and spread.", "Sept. 11 was different."],
        id="month-abbreviations",
    ),
    pytest.param(
        "On Jan. 5 the vote failed. He left.",
        ["On Jan. 5 the vote failed.", "He left."],
        id="jan-with-day",
    ),
    pytest.param(
        "Mr. Petrov met Dr. Ali near St. Andrew's church. They spoke briefly.",
        ["Mr. Petrov met Dr. Ali near St. Andrew's church.", "They spoke briefly."],
        id="titles",
    ),
    pytest.param(
        "Gen. Markov and Lt. Olsen inspected the base. Both declined to comment.",
        ["Gen. Markov and Lt. Olsen inspected the base.", "Both declined to comment."],
        id="military-ranks",
    ),
    pytest.param(
        "Heavy weapons, e.g. rockets, i.e. unguided ones, were fired. Nobody was hurt.",
        ["Heavy weapons, e.g. rockets, i.e. unguided ones, were fired.", "Nobody was hurt."],
        id="eg-ie",
    ),
    pytest.param(
        "They brought food, water, blankets etc. to the shelter. More is needed.",
        ["They brought food, water, blankets etc. to the shelter.", "More is needed."],
        id="etc-mid-sentence",
    ),
    pytest.param(
        "Resolution No. 5 was adopted. Forty states voted for it.",
        ["Resolution No. 5 was adopted.", "Forty states voted for it."],
        id="number-abbreviation",
    ),
    pytest.param(
        "The report was written by J. R. Smith and A. B. Jones. It ran to 80 pages.",
        ["The report was written by J. R. Smith and A. B. Jones.", "It ran to 80 pages."],
        id="initials",
    ),
    pytest.param(
        "The blast hit at 9 a.m. local time and again at 4 p.m. Rescuers arrived later.",
        ["The blast hit at 9 a.m. local time and again at 4 p.m. Rescuers arrived later."],
        id="am-pm-mid-sentence",
    ),
    pytest.param(
        "The strike came at 4 p.m. The city was quiet by night.",
        ["The strike came at 4 p.m.", "The city was quiet by night."],
        id="pm-then-starter",
    ),
    pytest.param(
        "Officials counted 1,248 injured and 3.5 million displaced. The toll rose 6.3% overnight.",
        ["Officials counted 1,248 injured and 3.5 million displaced.", "The toll rose 6.3% overnight."],
        id="decimals-thousands-percent",
    ),
    pytest.param(
        "Inspectors found 9N210/9N235 submunitions. Others found more.",
        ["Inspectors found 9N210/9N235 submunitions.", "Others found more."],
        id="munition-codes",
    ),
    pytest.param(
        'The mayor spoke first. "We will rebuild," he said. "Every street."',
        ["The mayor spoke first.", '"We will rebuild," he said.', '"Every street."'],
        id="straight-quotes",
    ),
    pytest.param(
        "“The shelling never stops.” Residents fled west.",
        ["“The shelling never stops.”", "Residents fled west."],
        id="curly-quote-closes-sentence",
    ),
    pytest.param(
        '"Will it end?" she asked. Nobody answered.',
        ['"Will it end?" she asked.', "Nobody answered."],
        id="question-inside-quote-then-lowercase",
    ),
    pytest.param(
        '"We will win," he said.',
        ['"We will win," he said.'],
        id="quote-comma-attribution",
    ),
    pytest.param(
        "He paused... then continued. Wait… Everyone stared.",
        ["He paused... then continued.", "Wait…", "Everyone stared."],
        id="ellipses",
    ),
    pytest.param(
        "Is the ceasefire holding? Not really! Fighting resumed at dawn.",
        ["Is the ceasefire holding?", "Not really!", "Fighting resumed at dawn."],
        id="question-exclamation",
    ),
    pytest.param(
        "The convoy   moved slowly\nthrough the city. It reached\nthe border at noon.",
        ["The convoy   moved slowly\nthrough the city.", "It reached\nthe border at noon."],
        id="soft-wraps-and-spaces",
    ),
    pytest.param(
        "Strikes Hit Kharkiv Overnight\n\nThe city was shelled again. Power failed.",
        ["Strikes Hit Kharkiv Overnight", "The city was shelled again.", "Power failed."],
        id="headline-paragraph",
    ),
    pytest.param(
        "Kharkiv Under Fire\nThe city was shelled again on Monday.",
        ["Kharkiv Under Fire", "The city was shelled again on Monday."],
        id="headline-single-newline",
    ),
    pytest.param(
        "Key findings:\n• Cluster munitions were used\n• Schools were hit\n- Hospitals were damaged",
        [
            "Key findings:",
            "Cluster munitions were used",
            "Schools were hit",
            "Hospitals were damaged",
        ],
        id="list-lines",
    ),
    pytest.param(
        "The war began in 2014. 606 civilians have died since February.",
        ["The war began in 2014.", "606 civilians have died since February."],
        id="sentence-starting-with-number",
    ),
    pytest.param(
        "Apple Inc. said it agreed. Acme Corp. The firm grew.",
        ["Apple Inc. said it agreed.", "Acme Corp.", "The firm grew."],
        id="company-abbreviations",
    ),
    pytest.param(
        "Shelling continued. (Officials gave no figures.) The next day was calm.",
        ["Shelling continued.", "(Officials gave no figures.)", "The next day was calm."],
        id="parenthesised-sentence",
    ),
    pytest.param(
        "First paragraph ends here\n\nsecond paragraph starts lowercase.",
        ["First paragraph ends here", "second paragraph starts lowercase."],
        id="never-crosses-paragraphs",
    ),
    pytest.param(
        "  \n\n  Leading and trailing space.  \n\n",
        ["Leading and trailing space."],
        id="surrounding-whitespace",
    ),
    pytest.param("", [], id="empty"),
    pytest.param(
        "1. Close the border.\n2. Open the corridors.",
        ["1. Close the border.", "2. Open the corridors."],
        id="numbered-list",
    ),
    pytest.param(
        "Windows\r\nbroke. Glass fell.\r\n\r\nNew paragraph.",
        ["Windows\r\nbroke.", "Glass fell.", "New paragraph."],
        id="crlf",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    spans = sentences(text)
    _check_spans(text, spans)
    assert [s.text for s in spans] == expected


PARAGRAPH_CASES = [
    pytest.param("One.\n\nTwo.\n \t\nThree.", ["One.", "Two.", "Three."], id="blank-lines"),
    pytest.param(
        "A long line that was wrapped\nby the editor. It goes on.",
        ["A long line that was wrapped\nby the editor. It goes on."],
        id="soft-wrap",
    ),
    pytest.param("# Heading\nBody text follows here.", ["Heading", "Body text follows here."], id="markdown"),
    pytest.param(
        "  • Grey Facebook Icon\n  • Grey Twitter Icon\nbottom of page",
        ["Grey Facebook Icon", "Grey Twitter Icon", "bottom of page"],
        id="indented-list-then-dedent",
    ),
    pytest.param(
        "Residents said the\nArmy had left.",
        ["Residents said the\nArmy had left."],
        id="wrap-after-function-word",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPH_CASES)
def test_paragraphs(text: str, expected: list[str]) -> None:
    spans = paragraphs(text)
    _check_spans(text, spans)
    assert [p.text for p in spans] == expected


CLAIM_CASES = [
    pytest.param(
        "top of page\n\nShelling Hits City\n\nAt least 12 people died on Sunday. Rescue goes on.\n\n"
        "© 2022 Example News Network\n\nGrey Twitter Icon\n\nbottom of page",
        ["Shelling Hits City", "At least 12 people died on Sunday.", "Rescue goes on."],
        id="page-furniture-dropped",
    ),
    pytest.param(
        "Firefighters at the scene (Photo: Jane Roe/Twitter)\n\nThe fire spread to three blocks.",
        ["The fire spread to three blocks."],
        id="photo-credit-dropped",
    ),
    pytest.param(
        "It failed. Yes. The bridge collapsed at dawn.",
        ["The bridge collapsed at dawn."],
        id="short-fragments-dropped",
    ),
    pytest.param(
        "Twitter users shared photos of the strike. Follow us on Twitter",
        ["Twitter users shared photos of the strike."],
        id="mention-of-twitter-kept",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLAIM_CASES)
def test_claim_spans(text: str, expected: list[str]) -> None:
    spans = claim_spans(text)
    _check_spans(text, spans)
    assert [c.text for c in spans] == expected


def test_spans_are_exact_on_messy_text() -> None:
    text = (
        "\ufeffHeadline Here\r\n\r\n  He said:  “It is over.”  She replied...   “No!”\n"
        "\t• item one\n\t• item two\n\n\n\nEnd of U.S. story? Yes."
    )
    for fn in (paragraphs, sentences, claim_spans):
        _check_spans(text, fn(text))


def test_many_paragraphs_give_every_sentence() -> None:
    para = (
        "Officials in the U.S. said on Feb. 24 that 1,248 people were hurt. "
        '"We will rebuild," Mr. Smith said. Is it over? Not yet.'
    )
    text = "\n\n".join([para] * 2500)  # 10,000 sentences; speed is measured in benchmarks/, not here
    spans = sentences(text)
    assert len(spans) == 10_000
    _check_spans(text, spans)
