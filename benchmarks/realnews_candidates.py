"""Draw the unlabelled pairs of the real-news dev set (eval/realnews.jsonl) from text nobody on the team
wrote.

    python benchmarks/realnews_candidates.py --index IDX_OF_RUWA_DEV [--seed 9] -o candidates.jsonl

Sources (see eval/README.md):

- **RUWA development events** (``beginning``, ``nuclear``; build the index with
  ``benchmarks/ruwa_jsonl.py`` and ``xcheck ingest``): pairs of claims from two different outlets,
  ``--per-relation`` of each relation xcheck gave (conflict, update, consistent, duplicate, and related
  pairs that compare a figure), plus ``--same-fact`` pairs found without the judgement: two outlets, one
  casualty measure, one place, reports at most three days apart — where real conflicts hide;
- **MRPC train** (``--mrpc``): ``--mrpc-pairs`` sentence pairs that both state a figure, and a few
  without;
- **the two seed articles** (``--seeds``): each claim of one against its nearest claims in the other.

The order is shuffled and nothing of xcheck's judgement is written, so labelling is blind. Each line has
``a``, ``b``, ``a_title``/``b_title``, ``a_published``/``b_published``, ``a_source``/``b_source``, the
article text of each side (``a_article``/``b_article``, for reading), ``origin`` and ``label: null``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from _common import DATA

from xcheck.corpus import Corpus, claims_of
from xcheck.embed import make_embedder
from xcheck.pairing.relate import CONFLICT, CONSISTENT, DUPLICATE, RELATED, UPDATE
from xcheck.types import Document

CASUALTY = {"killed", "injured", "missing", "detained", "fled", "displaced", "evacuated"}


def _side(
    prefix: str, text: str, title: str | None, published: str | None, source: str | None, article: str
) -> dict:
    return {
        prefix: text,
        f"{prefix}_title": title,
        f"{prefix}_published": published,
        f"{prefix}_source": source,
        f"{prefix}_article": article,
    }


def _place_names(v: Any) -> list[str]:
    """The claim's places, else its article's."""
    return [p.name for p in v.frame.places] or [p.name for p in v.frame.context_places]


def ruwa_pairs(index: str, per_relation: int, same_fact: int, rng: random.Random) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    with Corpus(index) as corpus:
        chosen = []
        for relation in (CONFLICT, UPDATE, CONSISTENT, DUPLICATE, RELATED):
            pairs = [p for p in corpus.pairs(relation=relation) if (p.a.source or "") != (p.b.source or "")]
            if relation == RELATED:
                pairs = [p for p in pairs if p.cue == "numeric"]
            pairs.sort(key=lambda p: (p.a.claim_id, p.b.claim_id))
            chosen.extend((p.a, p.b) for p in rng.sample(pairs, min(per_relation, len(pairs))))
        # same measure, same place, two outlets, at most three days apart: found from frames alone
        views = corpus.claim_views(corpus.store.sql.all_claim_ids())
        groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for v in views.values():
            places = _place_names(v)
            for m in {q.get("measure") for q in v.frame.get("quantities", [])} & CASUALTY:
                for place in places[:1]:
                    groups[(m, place)].append(v)
        found = [
            (a, b) for members in groups.values() for a, b, gap in _cross_outlet(members, 40) if gap <= 3
        ]
        taken = {(a.claim_id, b.claim_id) for a, b in chosen}
        unique = {(a.claim_id, b.claim_id): (a, b) for a, b in found if (a.claim_id, b.claim_id) not in taken}
        found = [unique[k] for k in sorted(unique)]
        chosen.extend(rng.sample(found, min(same_fact, len(found))))
        out = _items(corpus, chosen)
    return out


_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject\w*|refut\w*|fakes?|false|untrue|not true|staged|provocation|"
    r"blame[sd]?|accus\w*)\b",
    re.IGNORECASE,
)


def hunt_pairs(index: str, n: int, rng: random.Random, exclude: set[str]) -> list[dict[str, Any]]:
    """Pairs where real conflicts are likeliest, drawn without xcheck's verdict deciding: same-day tolls
    of one place from two outlets; a denial or accusation against another outlet's statement about the
    same place within three days."""
    out: list[dict[str, Any]] = []
    with Corpus(index) as corpus:
        views = corpus.claim_views(corpus.store.sql.all_claim_ids())
        by_place: dict[str, list[Any]] = defaultdict(list)
        for v in views.values():
            places = _place_names(v)
            for place in places[:2]:
                if place not in ("Ukraine", "Russia"):
                    by_place[place].append(v)
        tolls, denials = [], []
        for members in by_place.values():
            for a, b, gap in _cross_outlet(members, 60):
                ma = {q.measure for q in a.frame.quantities} & CASUALTY
                mb = {q.measure for q in b.frame.quantities} & CASUALTY
                if gap == 0 and ma & mb:
                    tolls.append((a, b))
                elif gap <= 3 and (_DENIAL.search(a.text) or _DENIAL.search(b.text)):
                    denials.append((a, b))
        chosen = []
        for pool in (tolls, denials):
            unique = {(a.claim_id, b.claim_id): (a, b) for a, b in pool}
            keys = [k for k in sorted(unique) if f"ruwa-dev:{k[0]}-{k[1]}" not in exclude]
            chosen += [unique[k] for k in rng.sample(keys, min(n // 2, len(keys)))]
        out = _items(corpus, chosen)
    return out


def _items(corpus: Corpus, chosen: list[tuple[Any, Any]]) -> list[dict[str, Any]]:
    docs = corpus.store.sql.documents_by_id(sorted({v.doc_id for ab in chosen for v in ab}))
    texts = {
        int(r[0]): r[1]
        for r in corpus.store.sql.db.execute(
            f"SELECT id, text FROM documents WHERE id IN ({','.join(str(d) for d in docs) or '0'})"
        )
    }
    out = []
    for a, b in chosen:
        item: dict[str, Any] = {"origin": f"ruwa-dev:{a.claim_id}-{b.claim_id}"}
        for prefix, v in (("a", a), ("b", b)):
            title = docs.get(v.doc_id, {}).get("title")
            item.update(_side(prefix, v.text, title, v.published, v.source, texts.get(v.doc_id, "")))
        out.append(item)
    return out


def _day(iso: str) -> int:
    return date.fromisoformat(iso[:10]).toordinal()


def _cross_outlet(members: list[Any], ahead: int) -> Iterator[tuple[Any, Any, int]]:
    """(a, b, days apart) for dated claims of two different outlets, each against the next ``ahead``
    claims in date order (``members`` is sorted in place)."""
    members.sort(key=lambda v: (v.published or "", v.claim_id))
    for i, a in enumerate(members):
        for b in members[i + 1 : i + ahead]:
            if a.source != b.source and a.published and b.published:
                yield a, b, abs(_day(b.published) - _day(a.published))


_FIGURE = re.compile(r"\d")


def mrpc_pairs(path: Path, n: int, rng: random.Random) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    with_figures = [r for r in rows if _FIGURE.search(r[3]) and _FIGURE.search(r[4])]
    without = [r for r in rows if not (_FIGURE.search(r[3]) and _FIGURE.search(r[4]))]
    picked = rng.sample(with_figures, min(n - n // 5, len(with_figures))) + rng.sample(without, n // 5)
    out = []
    for r in picked:
        item: dict[str, Any] = {"origin": f"mrpc-train:{r[1]}-{r[2]}"}
        item.update(_side("a", r[3], None, None, None, r[3]))
        item.update(_side("b", r[4], None, None, None, r[4]))
        out.append(item)
    return out


def seed_pairs(folder: Path, k: int) -> list[dict[str, Any]]:
    files = sorted(folder.glob("*.txt"))
    docs = [Document(text=f.read_text(encoding="utf-8"), source=f.stem) for f in files]
    claims = [claims_of(d) for d in docs]
    if len(claims) < 2 or not claims[0] or not claims[1]:
        return []
    emb = make_embedder(None)
    va = emb.embed_batch([c.text for c in claims[0]])
    vb = emb.embed_batch([c.text for c in claims[1]])
    sims = va @ vb.T
    out, seen = [], set()
    for i in range(len(claims[0])):
        for j in sims[i].argsort()[::-1][:k]:
            if (i, int(j)) in seen or sims[i, j] < 0.45:
                continue
            seen.add((i, int(j)))
            item: dict[str, Any] = {"origin": f"seeds:{files[0].stem}#{i}-{files[1].stem}#{int(j)}"}
            item.update(_side("a", claims[0][i].text, None, None, None, docs[0].text[:2000]))
            item.update(_side("b", claims[1][int(j)].text, None, None, None, docs[1].text[:2000]))
            out.append(item)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True, help="an index of the RUWA development events")
    ap.add_argument("--per-relation", type=int, default=30)
    ap.add_argument("--same-fact", type=int, default=60)
    ap.add_argument("--mrpc", type=Path, default=DATA / "mrpc" / "train.tsv")
    ap.add_argument("--mrpc-pairs", type=int, default=50)
    ap.add_argument("--seeds", type=Path, default=DATA.parent / "seeds")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument(
        "--hunt",
        type=int,
        default=0,
        help="instead: N pairs where conflicts are likeliest (same-day tolls, denials), none in --exclude",
    )
    ap.add_argument("--exclude", type=Path, help="a labelled file whose pairs are not drawn again")
    ap.add_argument("--first-id", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    if args.hunt:
        exclude = set()
        if args.exclude:
            for line in args.exclude.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    exclude.add(json.loads(line).get("origin", ""))
        items = hunt_pairs(args.index, args.hunt, rng, exclude)
        rng.shuffle(items)
        with args.output.open("w", encoding="utf-8") as f:
            for n, item in enumerate(items, start=args.first_id):
                f.write(
                    json.dumps({"id": f"R{n:03d}", **item, "label": None, "cue": None, "note": ""}) + "\n"
                )
        print(f"{len(items)} candidate pairs written to {args.output}")
        return 0
    items = ruwa_pairs(args.index, args.per_relation, args.same_fact, rng)
    items += mrpc_pairs(args.mrpc, args.mrpc_pairs, rng)
    items += seed_pairs(args.seeds, 2)
    rng.shuffle(items)
    with args.output.open("w", encoding="utf-8") as f:
        for n, item in enumerate(items, start=1):
            item = {"id": f"R{n:03d}", **item, "label": None, "cue": None, "note": ""}
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(items)} candidate pairs written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
