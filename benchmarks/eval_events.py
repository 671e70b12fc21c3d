"""Event grouping on RUWA: how many xcheck events each labelled RUWA event falls into, and how much of it
lands in one.

    python benchmarks/ruwa_jsonl.py --events all > ruwa-all.jsonl
    xcheck ingest ruwa-all.jsonl --index idx-all && xcheck pairs --index idx-all > /dev/null
    python benchmarks/eval_events.py idx-all ruwa-all.jsonl [more.jsonl ...] [--json]

RUWA's ``Event`` column (kept as ``event`` in the JSONL by ruwa_jsonl.py) is used here for measurement
only; xcheck never reads it. The column labels the news of the days around an incident, not only items
about it, so an item labelled ``railway`` may be about another strike that week: the figures below count
only claims that xcheck put into some event, and for each labelled event report

- ``events``: xcheck events holding at least ``--min-claims`` of its claims;
- ``in_largest``: the share of its event claims that land in its largest xcheck event;
- ``largest``: that event's id, its size, and the share of its claims that carry this RUWA label
  (purity);
- ``targets``: the most common targets among its event claims.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from xcheck.corpus import Corpus

LABELLED = ("railway", "supermarket", "prisoners", "theatre", "sinking", "bucha", "azovstal", "nuclear")


def origin_events(files: list[Path]) -> dict[tuple[str, int], str]:
    """(file name, line) -> RUWA event label, for the JSONL files the index was built from."""
    out = {}
    for jsonl in files:
        with jsonl.open(encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                if line.strip():
                    out[(jsonl.name, n)] = json.loads(line).get("event") or ""
    return out


def measure(index: Path, files: list[Path], min_claims: int) -> dict[str, object]:
    labels = origin_events(files)
    with Corpus(index) as c:
        docs = {int(d["id"]): d for d in c.documents()}
        events = c.events()
    doc_label = {}
    for doc_id, d in docs.items():
        path, _, line = str(d.get("origin") or "").rpartition(":")
        if line.isdigit():
            doc_label[doc_id] = labels.get((Path(path).name, int(line)), "")
    per: dict[str, object] = {}
    for label in LABELLED:
        counts: Counter[str] = Counter()
        sizes: dict[str, int] = {}
        purity: dict[str, float] = {}
        targets: Counter[str] = Counter()
        for e in events:
            mine = [cl for cl in e.claims if doc_label.get(cl.doc_id) == label]
            if mine:
                counts[e.id] = len(mine)
                sizes[e.id] = len(e.claims)
                purity[e.id] = len(mine) / len(e.claims)
                targets[e.target] += len(mine)
        total = sum(counts.values())
        if not total:
            per[label] = {"claims_in_events": 0}
            continue
        best, n = counts.most_common(1)[0]
        per[label] = {
            "claims_in_events": total,
            "events": sum(1 for v in counts.values() if v >= min_claims),
            "in_largest": round(n / total, 3),
            "largest": {"id": best, "claims": sizes[best], "purity": round(purity[best], 3)},
            "targets": targets.most_common(5),
        }
    by_size: defaultdict[str, int] = defaultdict(int)
    for e in events:
        by_size["1" if len(e.claims) == 1 else "2-9" if len(e.claims) < 10 else "10+"] += 1
    return {
        "index": str(index),
        "events": len(events),
        "events_by_size": dict(by_size),
        "with_conflicts": sum(1 for e in events if e.conflicts),
        "per_label": per,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("index", type=Path)
    ap.add_argument("jsonl", type=Path, nargs="+", help="the RUWA JSONL files the index was built from")
    ap.add_argument("--min-claims", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    out = measure(args.index, args.jsonl, args.min_claims)
    if args.json:
        json.dump(out, sys.stdout, indent=2)
        print()
        return 0
    print(f"{out['events']} events ({out['events_by_size']}), {out['with_conflicts']} with conflicts")
    per = out["per_label"]
    assert isinstance(per, dict)
    head = f"{'RUWA event':<12} {'claims':>7} {'events':>7} {'in_largest':>10}"
    print(head + "  largest (claims, purity)  targets")
    for label, r in per.items():
        if not r.get("claims_in_events"):
            print(f"{label:<12} {0:>7}")
            continue
        big = r["largest"]
        tops = ", ".join(f"{t} {n}" for t, n in r["targets"][:3])
        print(
            f"{label:<12} {r['claims_in_events']:>7} {r['events']:>7} {r['in_largest']:>10.2f}  "
            f"{big['id']} ({big['claims']}, {big['purity']:.2f})  {tops}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
