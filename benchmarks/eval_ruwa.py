"""RUWA: rising death tolls across outlets must be updates, not conflicts.

    python benchmarks/eval_ruwa.py [RUWA_CSV_OR_DIR] [--floor F] [--window 30] [--show 20]

RUWA items (CSV: src, desc = subheading, title, Date MM/DD/YYYY, Site, Event, KW) of two events: the
Kramatorsk railway station strike (Event ``railway``, April 8, 2022) and the Kremenchuk shopping mall
strike (Event ``supermarket``, June 27, 2022). An event tag also covers other strikes on the railways or
on shops, so an item is kept only when its title or subheading names the city and it is dated within
``--window`` days of the strike. Texts: the title and the sentences of the subheading (outlet furniture
such as Censor.NET's time stamps removed) that mention a death toll (killed, dead, died, death toll,
deaths), one text per outlet and wording.

All pairs of texts from different outlets about the same event are judged with
``xcheck.pairing.evaluate.judge_texts`` at the default floor (``xcheck.corpus.PAIR_FLOOR``; ``--floor``
to change it), the item's Date as the publication date.
The script reads the death toll of each text itself (a small regular expression, independent of
xcheck's frames) to find the pairs where the later report gives the larger toll: none of those should
be a conflict. Those that are are listed with xcheck's reason and the frame fields it compared.

Baseline: the cosine threshold alone calls every pair at or above the floor a duplicate.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from _common import DATA

from xcheck.claims.frames import extract_frame
from xcheck.claims.segment import claim_spans
from xcheck.corpus import PAIR_FLOOR
from xcheck.embed import SentenceTransformerEmbedder
from xcheck.pairing.evaluate import LabelledPair, judge_texts
from xcheck.pairing.relate import CONFLICT, CONSISTENT, DUPLICATE, RELATED, UPDATE

EVENTS = {
    "railway": ("Kramatorsk station strike", re.compile(r"kramatorsk", re.I), date(2022, 4, 8)),
    "supermarket": ("Kremenchuk mall strike", re.compile(r"kremenchu", re.I), date(2022, 6, 27)),
}
TOLL = re.compile(r"\b(?:killed|dead|died|death toll|deaths?)\b", re.I)

_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
_NUMWORDS = {w: i for i, w in enumerate(_WORDS)}
_NUM = r"\b(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_NUMWORDS) + r")"
_APPROX = r"(?:at least|more than|over|about|almost|nearly|up to|already)?\s*"
_TOLL_PATTERNS = [
    # "death toll ... rises to 50", "number of dead has risen to 22", "toll reached 59"
    re.compile(
        r"(?:death toll|toll|number of (?:the )?(?:dead|deaths|victims|killed|dead and missing))\b"
        r"[^.;]{0,120}?"
        r"\b(?:rises|rose|risen|grows|grew|grown|increased|increases|reached|reaches|climbs|climbed|"
        r"jumped|is|stands at|now)\s+(?:to\s+)?" + _APPROX + _NUM + r"\b",
        re.I,
    ),
    # "at least 18 people were killed", "50 dead", "two people died"
    re.compile(
        _APPROX + _NUM + r"\s+(?:[a-z]+\s+){0,3}?(?:were\s+|are\s+|have been\s+|had been\s+|was\s+)?"
        r"(?:killed|dead|died)\b",
        re.I,
    ),
    # "killing at least 50", "killed more than 30 people"
    re.compile(r"\bkill(?:s|ed|ing)\s+" + _APPROX + _NUM + r"\b", re.I),
    # "confirmed death of 2 people"
    re.compile(r"\bdeaths? of\s+" + _APPROX + _NUM + r"\b", re.I),
]


def toll_of(text: str) -> int | None:
    """The death toll a headline or sentence reports, read with a plain regex; None when unclear."""
    for rx in _TOLL_PATTERNS:
        m = rx.search(text)
        if m:
            raw = m.group(1).lower().replace(",", "")
            value = _NUMWORDS.get(raw) if raw in _NUMWORDS else int(raw)
            if value is not None and 0 < value < 10000:
                return value
    return None


def clean_title(title: str) -> str:
    title = re.sub(r"\s*\(\d\d\.\d\d\.\d\d \d\d:\d\d\).*$", "", title)  # Censor.NET time stamp and tail
    title = re.sub(r"\s*«.*$", "", title)
    return " ".join(title.split())


def clean_desc(desc: str) -> str:
    desc = re.sub(r"^\s*\d\d\.\d\d\.\d\d \d\d:\d\d\s*-\s*", "", desc)  # Censor.NET "08.04.22 13:36 - "
    desc = re.sub(r"\s*[—-]\s*Ukrinform\.?\s*$", "", desc)
    return " ".join(desc.split())


@dataclass(frozen=True)
class Text:
    event: str
    site: str
    published: str
    text: str
    toll: int | None


def load(path: Path, window: int) -> tuple[list[Text], Counter[str]]:
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    csv.field_size_limit(sys.maxsize)
    stages: Counter[str] = Counter()
    seen: set[tuple[str, str, str]] = set()
    out: list[Text] = []
    for file in files:
        with file.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                event = (row.get("Event") or "").strip()
                if event not in EVENTS:
                    continue
                stages[f"{event}: items"] += 1
                _, city, day = EVENTS[event]
                title, desc = clean_title(row.get("title") or ""), clean_desc(row.get("desc") or "")
                try:
                    published = datetime.strptime((row.get("Date") or "").strip(), "%m/%d/%Y").date()
                except ValueError:
                    continue
                if not city.search(title + " " + desc) or not 0 <= (published - day).days <= window:
                    continue
                stages[f"{event}: naming the city within {window} days"] += 1
                texts = [title] + [s.text for s in claim_spans(desc)] if desc else [title]
                kept = False
                for text in texts:
                    if not text or not TOLL.search(text):
                        continue
                    key = (event, row.get("Site") or "", re.sub(r"\W+$", "", text.lower()))
                    if key in seen:
                        continue
                    seen.add(key)
                    kept = True
                    out.append(
                        Text(event, row.get("Site") or "?", published.isoformat(), text, toll_of(text))
                    )
                stages[f"{event}: with a death-toll text"] += kept
    return out, stages


def killed_fields(text: str, published: str) -> str:
    """The frame fields the judgement compares for a death toll, for the listing."""
    f = extract_frame(text, published=published).to_dict()
    qs = [
        f"{q.get('measure')}={q.get('text')!r}[{q.get('low')}..{q.get('high')}]"
        + (f" subj={q.get('subject')}" if q.get("subject") else "")
        for q in f["quantities"]
    ]
    places = [f"{p['name']}/{p['type']}" for p in f["places"]]
    return (
        f"quantities {qs or 'none'}; as_of {f['as_of']}; scope {f['scope']!r}; places {places}; "
        f"attribution {f['attribution']!r}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DATA / "ruwa", help="RUWA CSV file or folder")
    ap.add_argument(
        "--floor", type=float, default=PAIR_FLOOR, help=f"similarity floor (default {PAIR_FLOOR:g})"
    )
    ap.add_argument("--window", type=int, default=30, help="days after the strike to keep (default 30)")
    ap.add_argument("--show", type=int, default=20, help="rising pairs judged conflict to list")
    args = ap.parse_args()

    texts, stages = load(args.data, args.window)
    for k, v in stages.items():
        print(f"{k}: {v}")
    pairs: list[LabelledPair] = []
    meta: list[tuple[Text, Text]] = []
    for i, x in enumerate(texts):
        for y in texts[i + 1 :]:
            if x.event != y.event or x.site == y.site:
                continue
            a, b = (x, y) if x.published <= y.published else (y, x)  # a is the earlier report
            pairs.append(
                LabelledPair(
                    a=a.text,
                    b=b.text,
                    label=RELATED,
                    a_published=a.published,
                    b_published=b.published,
                    a_source=a.site,
                    b_source=b.site,
                )
            )
            meta.append((a, b))
    by_event = Counter(x.event for x in texts)
    print(
        "death-toll texts: "
        + ", ".join(f"{EVENTS[e][0]} {n}" for e, n in by_event.items())
        + f"; with a toll the script can read: {sum(x.toll is not None for x in texts)}"
    )
    print(f"cross-source pairs: {len(pairs)}")

    emb = SentenceTransformerEmbedder()
    t0 = time.perf_counter()
    judgements, sims = judge_texts(pairs, emb, floor=args.floor)
    print(f"judged in {time.perf_counter() - t0:.1f}s at floor {args.floor:g}\n")

    rel = Counter(
        j.relation if s >= args.floor else "not paired" for j, s in zip(judgements, sims, strict=True)
    )
    print(
        "xcheck: "
        + ", ".join(f"{r} {rel.get(r, 0)}" for r in (CONFLICT, UPDATE, CONSISTENT, DUPLICATE, RELATED))
    )
    print(f"        not paired (below floor): {rel.get('not paired', 0)}")
    for event, (name, _, _) in EVENTS.items():
        c = Counter(
            j.relation if s >= args.floor else "not paired"
            for j, s, (a, _) in zip(judgements, sims, meta, strict=True)
            if a.event == event
        )
        print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))

    rising = [
        i
        for i, (a, b) in enumerate(meta)
        if a.toll is not None and b.toll is not None and a.published < b.published and b.toll > a.toll
    ]
    falling = [
        i
        for i, (a, b) in enumerate(meta)
        if a.toll is not None and b.toll is not None and a.published < b.published and b.toll < a.toll
    ]
    same_day = [
        i
        for i, (a, b) in enumerate(meta)
        if a.toll is not None and b.toll is not None and a.published == b.published and a.toll != b.toll
    ]

    def tally(idx: list[int]) -> str:
        c = Counter(judgements[i].relation if sims[i] >= args.floor else "not paired" for i in idx)
        return ", ".join(f"{k} {v}" for k, v in sorted(c.items())) or "-"

    flagged = [i for i in rising if judgements[i].relation == CONFLICT and sims[i] >= args.floor]
    print(f"\nrising pairs (later date, larger toll by the script's reading): {len(rising)}")
    print(f"  xcheck: {tally(rising)}")
    print(f"  rising pairs judged CONFLICT: {len(flagged)} (target 0)")
    base_dup = sum(1 for i in rising if sims[i] >= args.floor)
    print(f"  baseline cosine >= {args.floor:g}: {base_dup} of {len(rising)} rising pairs called duplicate")
    print(f"falling pairs (later date, smaller toll): {len(falling)}; xcheck: {tally(falling)}")
    print(f"same-day pairs with different tolls: {len(same_day)}; xcheck: {tally(same_day)}")
    print(
        f"baseline cosine >= {args.floor:g}: {sum(1 for s in sims if s >= args.floor)} of {len(pairs)} pairs "
        "called duplicate, none update or conflict"
    )

    def brief(title: str, idx: list[int]) -> None:
        if idx:
            print(f"\n{title} ({len(idx)}, up to {args.show} shown):")
        for i in idx[: args.show]:
            a, b = meta[i]
            print(
                f"- {a.published} {a.site} {a.toll} / {b.published} {b.site} {b.toll}: {judgements[i].reason}"
            )
            print(f"    A: {a.text}\n    B: {b.text}")

    paired = [i for i in range(len(pairs)) if sims[i] >= args.floor]
    brief(
        "falling pairs judged update",
        [i for i in falling if i in paired and judgements[i].relation == UPDATE],
    )
    brief(
        "falling pairs judged related or consistent (conflicts missed, or the script's misreadings)",
        [i for i in falling if i in paired and judgements[i].relation in (RELATED, CONSISTENT)],
    )
    brief(
        "same-day pairs judged conflict",
        [i for i in same_day if i in paired and judgements[i].relation == CONFLICT],
    )

    if flagged:
        print(f"\nrising pairs judged conflict (up to {args.show}):")
    for i in flagged[: args.show]:
        a, b = meta[i]
        print(f"\n- sim {float(sims[i]):.2f}; toll {a.toll} -> {b.toll}; reason: {judgements[i].reason}")
        print(f"  A {a.published} {a.site}: {a.text}")
        print(f"    frame: {killed_fields(a.text, a.published)}")
        print(f"  B {b.published} {b.site}: {b.text}")
        print(f"    frame: {killed_fields(b.text, b.published)}")


if __name__ == "__main__":
    main()
