"""The dev set and the sample corpus's list of deliberate relationships tell the same story."""

from __future__ import annotations

import re
from pathlib import Path

from xcheck.pairing.evaluate import read_labels

ROOT = Path(__file__).resolve().parents[1]
_ENTRY = re.compile(r"^### (P\d+) · (\w+)\n(.*?)(?=^### |\Z)", re.MULTILINE | re.DOTALL)
_SIDE = re.compile(r"^- ([AB]): `[^`]+` — (.+)$", re.MULTILINE)


def _corpus_entries() -> dict[str, tuple[str, set[str]]]:
    text = (ROOT / "docs" / "sample-corpus.md").read_text(encoding="utf-8")
    out = {}
    for m in _ENTRY.finditer(text):
        sides = {s.group(2).strip() for s in _SIDE.finditer(m.group(3))}
        relation = re.search(r"^- Relation: (\w+)$", m.group(3), re.MULTILINE)
        assert relation and relation.group(1) == m.group(2), m.group(1)
        out[m.group(1)] = (m.group(2), sides)
    return out


def test_every_corpus_pair_of_the_dev_set_matches_its_entry() -> None:
    entries = _corpus_entries()
    assert len(entries) == 53
    lines = [line for line in (ROOT / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line]
    ids = [m.group(1) for line in lines if (m := re.search(r'"id": "(P\d+)"', line))]
    pairs = [p for p in read_labels(ROOT / "eval" / "dev.jsonl")]
    by_text = {(p.a, p.b): p for p in pairs}
    assert len(ids) == 53
    matched = 0
    for pid, (label, sides) in entries.items():
        found = [p for (a, b), p in by_text.items() if {a, b} == sides]
        assert found, f"{pid}: no dev pair with the same two sentences"
        assert found[0].label == label, f"{pid}: {found[0].label} in eval/dev.jsonl, {label} in examples/"
        matched += 1
    assert matched == 53
