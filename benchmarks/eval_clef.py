"""CheckThat! 2020 task 2: find the verified claim a tweet is about, by xcheck's index and by cosine.

    python benchmarks/eval_clef.py [CLEF_DIR] [--split dev] [--index DIR]

The 10,375 verified claims (``verified_claims.docs.tsv``: the claim and its article's title) are ingested
as articles — the title is a claim of its own, as for any article — into ``--index`` (a temporary folder
by default; an existing index of them is reused). Each tweet of the split is a query: xcheck's hits
(claims) are mapped to their verified claim, best first, and MAP@5 is computed against the qrels.

Baseline: the cosine between the tweet and the verified claim's "title + claim" embedded as one text.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from _common import DATA

from xcheck.corpus import Corpus
from xcheck.embed import SentenceTransformerEmbedder

csv.field_size_limit(sys.maxsize)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def map_at_5(ranked: dict[str, list[str]], gold: dict[str, set[str]]) -> float:
    total = 0.0
    for q, relevant in gold.items():
        hits, score = 0, 0.0
        for rank, doc in enumerate(ranked.get(q, [])[:5], start=1):
            if doc in relevant:
                hits += 1
                score += hits / rank
        total += score / min(len(relevant), 5) if relevant else 0.0
    return total / len(gold) if gold else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=DATA / "clef2020")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--index", type=Path, help="where to build (or reuse) the index of verified claims")
    args = ap.parse_args(argv)

    claims = read_tsv(args.data / "verified_claims.docs.tsv")
    first = next(iter(claims[0]))  # the unnamed id column
    tweets = read_tsv(args.data / args.split / "tweets.queries.tsv")
    tfirst = next(iter(tweets[0]))
    gold: dict[str, set[str]] = {}
    for line in (
        (args.data / args.split / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines()
    ):
        parts = line.split()
        if len(parts) == 4 and parts[3] == "1":
            gold.setdefault(parts[0], set()).add(parts[2])
    queries = {t[tfirst]: t["tweet_content"] for t in tweets if t[tfirst] in gold}
    print(f"CheckThat! 2020 {args.split}: {len(queries)} tweets, {len(claims)} verified claims")

    index = args.index or Path(tempfile.mkdtemp(prefix="xcheck-clef-")) / "idx"
    embedder = SentenceTransformerEmbedder()
    with Corpus(index, embedder=embedder, create=True) as corpus:
        if corpus.stats()["documents"] == 0:
            src = index.parent / "vclaims.jsonl"
            with src.open("w", encoding="utf-8") as f:
                for c in claims:
                    item = {"id": f"v{c[first]}", "title": c.get("title") or "", "text": c["vclaim"]}
                    f.write(json.dumps(item, ensure_ascii=False) + "\n")
            report = corpus.ingest([str(src)])
            print(
                f"indexed {report.documents} verified claims as {report.claims} claims "
                f"in {report.seconds:.0f}s"
            )
        keys = {
            int(r[0]): str(r[1]).removeprefix("id:v")
            for r in corpus.store.sql.db.execute("SELECT id, doc_key FROM documents")
        }
        ranked: dict[str, list[str]] = {}
        for q, text in queries.items():
            hits = corpus.query(text, k=20)
            order: list[str] = []
            for h in hits:
                doc = keys[h.doc_id]
                if doc not in order:
                    order.append(doc)
            ranked[q] = order
    print(
        f"xcheck (headline and claim as separate claims, best claim per verified claim): MAP@5 "
        f"{map_at_5(ranked, gold):.3f}"
    )

    docs = [f"{c.get('title') or ''} {c['vclaim']}".strip() for c in claims]
    ids = [c[first] for c in claims]
    dv = embedder.embed_batch(docs)
    qids = list(queries)
    qv = embedder.embed_batch([queries[q] for q in qids])
    scores = qv @ dv.T
    base = {q: [ids[i] for i in np.argsort(-scores[n])[:5]] for n, q in enumerate(qids)}
    print(f"baseline cosine over title + claim as one text: MAP@5 {map_at_5(base, gold):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
