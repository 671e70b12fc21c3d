"""RUWA as articles: one JSONL line per news item, ready for `xcheck ingest`.

    python benchmarks/ruwa_jsonl.py [RUWA_CSV_OR_DIR] --events beginning,nuclear > ruwa-dev.jsonl
    python benchmarks/ruwa_jsonl.py --events all > ruwa-all.jsonl

Each item keeps what the outlet published, unchanged: its title, its subheading (``desc``) as the text,
the outlet (``Site``) as the source and the item's Date as the publication date. Items with neither a
title nor a subheading are left out. The id is ``ruwa-<row number>``, so re-running gives the same keys.

Development uses the events ``beginning`` and ``nuclear`` (issue 9); the other events (railway, bucha,
azovstal, theatre, prisoners, supermarket, sinking) are kept for the final measure.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from _common import DATA

DEV_EVENTS = ("beginning", "nuclear")


def ruwa_csv(path: Path) -> Path:
    if path.is_dir():
        found = sorted(path.glob("*.csv"))
        if not found:
            raise SystemExit(f"no CSV file in {path}")
        return found[0]
    return path


def items(path: Path, events: set[str] | None) -> Iterator[dict[str, str]]:
    with ruwa_csv(path).open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), start=1):
            if events is not None and row.get("Event") not in events:
                continue
            title = " ".join((row.get("title") or "").split())
            text = " ".join((row.get("desc") or "").split())
            if not title and not text:
                continue
            try:
                published = datetime.strptime(row["Date"].strip(), "%m/%d/%Y").date().isoformat()
            except (KeyError, ValueError):
                published = ""
            item = {"id": f"ruwa-{n}", "title": title, "text": text, "source": row.get("Site") or ""}
            if published:
                item["published"] = published
            item["event"] = row.get("Event") or ""
            yield item


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, default=DATA / "ruwa")
    ap.add_argument("--events", default=",".join(DEV_EVENTS), help="comma-separated Event values, or 'all'")
    args = ap.parse_args(argv)
    events = None if args.events == "all" else {e.strip() for e in args.events.split(",") if e.strip()}
    n = 0
    for item in items(args.path, events):
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
        n += 1
    print(f"{n} items", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
