"""Frame-extraction coverage and speed on QuanTemp claims.

Usage: python benchmarks/quantemp_coverage.py /path/to/quantemp

Reads every ``*.csv`` in the folder with ``csv.reader(f, delimiter="@")`` (first column = the claim,
first row = header), runs :func:`xcheck.claims.frames.extract_frame` on each claim, and prints the number
of claims, the share with at least one quantity (also with a date, a place, negation, an attribution)
and sentences per second. Exits non-zero if extraction raised on any claim.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

from xcheck.claims.frames import extract_frame


def load_claims(folder: Path) -> list[str]:
    claims: list[str] = []
    for path in sorted(folder.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            rows = csv.reader(f, delimiter="@")
            header = next(rows, None)
            if header is None:
                continue
            for row in rows:
                if not row or not row[0].strip():
                    continue
                claims.append(row[0].strip().strip('"').strip())
    return claims


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    folder = Path(argv[1])
    claims = load_claims(folder)
    if not claims:
        print(f"no claims found under {folder}", file=sys.stderr)
        return 2
    extract_frame("Warm-up: 5 people were killed on Monday in Kyiv, officials said.", published="2022-02-25")
    failures = 0
    with_q = with_date = with_place = neg = with_attr = 0
    t0 = time.perf_counter()
    for claim in claims:
        try:
            fr = extract_frame(claim, published=None)
        except Exception as exc:
            failures += 1
            print(f"FAILED on {claim!r}: {exc!r}", file=sys.stderr)
            continue
        with_q += bool(fr.quantities)
        with_date += bool(fr.dates)
        with_place += bool(fr.places)
        neg += fr.negated
        with_attr += fr.attribution is not None
    dt = time.perf_counter() - t0
    n = len(claims)
    files = ", ".join(p.name for p in sorted(folder.glob("*.csv")))
    print(f"claims: {n} (from {files})")
    print(f"with at least one quantity: {with_q} ({with_q / n:.1%})")
    print(
        f"with a date: {with_date / n:.1%}  with a place: {with_place / n:.1%}  negated: {neg / n:.1%}  "
        f"attributed: {with_attr / n:.1%}"
    )
    print(f"speed: {n / dt:,.0f} sentences/s ({dt * 1000 / n:.3f} ms per sentence)")
    print(f"failures: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
