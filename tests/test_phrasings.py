"""The phrasings probe (eval/phrasings.jsonl, team-written) as a regression guard: its negative sentences
(victims, means shot down, a side's own property, reported claims) must never give a side that did not do
it, and the agreement reached when the rules were fixed against it must not fall."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _scorer():  # benchmarks/ is a folder of scripts, not a package
    spec = importlib.util.spec_from_file_location("phrasings", ROOT / "benchmarks" / "phrasings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["phrasings"] = module
    spec.loader.exec_module(module)
    return module


def test_negative_phrasings_give_no_false_side_and_agreement_holds() -> None:
    scorer = _scorer()
    result = scorer.score(scorer.read(ROOT / "eval" / "phrasings.jsonl"))
    neg, everything = result["negative"], result["all"]
    scored = neg["scored"]
    assert neg["n"] >= 70
    assert neg["denier"] == scored["denier"] and neg["event_denied"] == scored["event_denied"]
    assert neg["agent"] >= scored["agent"] - 1  # one known miss (an agent not read, no wrong side)
    # known: two states missed and "still afloat when the crew abandoned it but sank hours later" read
    # as afloat (the first of two states); see `python benchmarks/phrasings.py --show`
    assert neg["status"] >= scored["status"] - 3
    # measured with extractor 76 on all 307 sentences (of those scored for each attribute)
    floors = {"target": 258, "agent": 146, "denier": 285, "event_denied": 287, "status": 282, "weapon": 154}
    for key, floor in floors.items():
        assert everything[key] >= floor, (key, everything[key])


def test_a_strike_denied_in_the_same_breath_names_no_agent() -> None:
    from xcheck.claims.frames import extract_frame

    ev = extract_frame(
        "Russia said the blasts at the air base in Saky were caused by detonation of ammunition, not a "
        "Ukrainian strike."
    ).event
    assert ev is not None and ev.agent == "internal cause"
