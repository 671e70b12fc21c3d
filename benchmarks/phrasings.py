"""How the event extractor reads phrasings of who did it, denials, states, causes and weapons.

    python benchmarks/phrasings.py [eval/phrasings.jsonl] [--show] [--json]

Each line of the file is one sentence (after its headline, if any) with the event a careful reader takes
from it: target (``class@place``; with a headline and no expected target, any target the sentence
inherits counts), agent, denier, event_denied, status and weapon (an attribute left out is not scored for
that sentence), plus ``accept_also`` for values a reader would also accept.
Prints agreement per attribute, for all sentences and separately for the negative ones (sentences where a
naive reader would find a side that did not do it: victims, means shot down, a side's own property,
reported claims). ``--show`` lists every disagreement. The sentences are written by the team, so the
figures are optimistic; they catch regressions, they do not measure news.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from xcheck.claims.frames import extract_frames

KEYS = ("target", "agent", "denier", "event_denied", "status", "weapon")


def read(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("{")
    ]


def judge(row: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bool]]:
    """What xcheck reads from the row's sentence, and whether each attribute matches the expectation."""
    sentences = ([row["headline"]] if row.get("headline") else []) + [row["sentence"]]
    ev = extract_frames(sentences, published=row["published"])[-1].event
    got = ev.to_dict() if ev else {}
    got = {k: got.get(k, False if k == "event_denied" else None) for k in KEYS}
    expected, also = row["expected"], row.get("accept_also", {})
    ok = {}
    for k in KEYS:
        if k not in expected:
            continue  # not scored for this sentence
        if k == "target" and row.get("headline") and expected["target"] is None:
            ok[k] = got["target"] is not None  # inherited from the headline, whatever it is
        else:
            ok[k] = got[k] == expected[k] or got[k] in also.get(k, [])
    return got, ok


def score(rows: list[dict[str, Any]]) -> dict[str, Any]:
    results = [(r, *judge(r)) for r in rows]
    out: dict[str, Any] = {"sentences": len(rows)}
    for name, keep in (("all", lambda r: True), ("negative", lambda r: bool(r.get("negative")))):
        part = [(r, g, ok) for r, g, ok in results if keep(r)]
        out[name] = {
            "n": len(part),
            **{k: sum(ok[k] for _r, _g, ok in part if k in ok) for k in KEYS},
            "scored": {k: sum(k in ok for _r, _g, ok in part) for k in KEYS},
        }
    out["disagreements"] = [
        {
            "id": r["id"],
            "sentence": r["sentence"],
            "expected": r["expected"],
            "got": g,
            "wrong": [k for k in ok if not ok[k]],
        }
        for r, g, ok in results
        if not all(ok.values())
    ]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path, default=Path("eval/phrasings.jsonl"))
    ap.add_argument("--show", action="store_true", help="list every disagreement")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = score(read(args.file))
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{args.file}: {result['sentences']} sentences")
    for name in ("all", "negative"):
        part = result[name]
        cells = "  ".join(f"{k} {part[k]}/{part['scored'][k]}" for k in KEYS)
        print(f"  {name:<9} {cells}")
    if args.show:
        for d in result["disagreements"]:
            print(f"- {d['id']} {', '.join(d['wrong'])}: {d['sentence']}")
            for k in d["wrong"]:
                print(f"    {k}: expected {d['expected'][k]!r}, got {d['got'][k]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
