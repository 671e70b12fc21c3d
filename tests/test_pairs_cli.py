"""pairs, clusters, extract, eval and report through the CLI (fake model, real frames and judgement)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import xcheck.corpus
from xcheck.cli.app import app
from xcheck.corpus import Corpus
from xcheck.pairing import relate

from .conftest import FakeEmbedder, write

ARTICLES = {
    "a.md": """---
title: Early toll
source: Danube Wire
published: 2022-04-08
---
A missile strike on the railway station in Kramatorsk killed at least 30 people on April 8.

Ukraine is not a party to the Convention on Cluster Munitions.
""",
    "b.md": """---
title: Toll rises
source: Kyiv Morning Post
published: 2022-04-09
---
The missile strike on the railway station in Kramatorsk killed at least 50 people, officials said.

Ukraine is a state party to the Convention on Cluster Munitions.
""",
    "c.md": """---
title: Copy
source: Northern Ledger
published: 2022-04-09
---
The missile strike on the railway station in Kramatorsk killed at least 50 people, officials said.
""",
}


@pytest.fixture
def idx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(xcheck.corpus, "make_embedder", lambda name=None: FakeEmbedder())
    for name, text in ARTICLES.items():
        write(tmp_path / "in" / name, text)
    r = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--index", str(tmp_path / "idx")])
    assert r.exit_code == 0, r.output
    return str(tmp_path / "idx")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_pairs_json_shape_and_relations(idx: str) -> None:
    pairs = json.loads(run("pairs", "--json", "--index", idx).stdout)
    relations = {p["relation"] for p in pairs}
    assert {"conflict", "update", "duplicate"} <= relations and "related" not in relations
    for p in pairs:
        assert set(p) >= {"relation", "similarity", "confidence", "reason", "a", "b"}
        assert set(p["a"]) >= {"claim_id", "doc_id", "text", "source", "published", "start", "end"}
        assert p["a"]["doc_id"] != p["b"]["doc_id"]
    conflict = next(p for p in pairs if p["relation"] == "conflict")
    assert conflict["cue"] == "membership" and "Ukraine" in conflict["reason"]
    update = next(p for p in pairs if p["relation"] == "update")
    assert update["reason"].startswith("killed: ") and "1 day apart" in update["reason"]
    assert pairs[0]["relation"] == "conflict"  # most important first


def test_pairs_filters(idx: str) -> None:
    only = json.loads(run("pairs", "--relation", "update", "--json", "--index", idx).stdout)
    assert only and {p["relation"] for p in only} == {"update"}
    high = json.loads(run("pairs", "--min-similarity", "0.99", "--json", "--index", idx).stdout)
    assert all(p["similarity"] >= 0.99 for p in high)
    r = run("pairs", "--relation", "nonsense", "--index", idx)
    assert r.exit_code == 2 and "xcheck: error: --relation: unknown relation" in r.stderr  # a usage error
    table = run("pairs", "--index", idx).stdout
    assert "CONFLICT" in table and "UPDATE" in table


def test_new_articles_only_pair_their_own_neighbourhoods(idx: str, tmp_path: Path) -> None:
    run("pairs", "--index", idx)
    with Corpus(idx, embedder=FakeEmbedder()) as c:
        assert c.store.sql.unpaired_claim_ids() == []
        write(
            tmp_path / "d.md",
            ARTICLES["a.md"].replace("at least 30", "at least 39").replace("Danube", "Baltic"),
        )
        c.ingest([str(tmp_path / "d.md")])
        new = c.store.sql.unpaired_claim_ids()
        assert len(new) == 2
        stored = c.update_pairs()
        assert stored > 0 and c.store.sql.unpaired_claim_ids() == []
        assert all(r["a"] in new or r["b"] in new for r in c.store.sql.pair_rows()[-stored:])


def test_changed_judgement_rejudges_stored_pairs(idx: str, monkeypatch: pytest.MonkeyPatch) -> None:
    run("pairs", "--index", idx)
    with Corpus(idx, embedder=FakeEmbedder()) as c:
        assert c.update_pairs() == 0
        monkeypatch.setattr(relate, "JUDGE_VERSION", "test")  # the façade reads it there when it pairs
        assert c.update_pairs() > 0
        assert c.store.sql.manifest()["judge_version"] == "test"


def test_clusters(idx: str) -> None:
    clusters = json.loads(run("clusters", "--json", "--index", idx).stdout)
    killed = next(c for c in clusters if c["measure"] == "killed")
    assert killed["id"].startswith("F") and len(killed["sources"]) == 3
    assert killed["value_range"][0] == 30
    text = run("clusters", "--index", idx).stdout
    assert "claims from" in text


def test_report_formats(idx: str, tmp_path: Path) -> None:
    data = json.loads(run("report", "--format", "json", "--index", idx).stdout)
    assert data["schema_version"] == 2
    assert data["summary"]["relations"]["conflict"] >= 1 and data["clusters"]
    md = run("report", "--format", "md", "--index", idx).stdout
    assert md.startswith("#") and "Conflict" in md
    out = tmp_path / "r.html"
    r = run("report", "-o", str(out), "--index", idx)
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    since = json.loads(run("report", "--format", "json", "--since", "2022-04-09", "--index", idx).stdout)
    assert since["filters"]["since"] == "2022-04-09"
    for c in since["clusters"]:
        assert all(cl["published"] >= "2022-04-09" for cl in c["claims"])
    r = run("report", "--since", "someday", "--index", idx)
    assert r.exit_code == 2 and "xcheck: error: --since: cannot read the date 'someday'" in r.stderr
    r = run("report", "--format", "pdf", "--index", idx)
    assert r.exit_code == 2 and "unknown report format" in r.stderr


def test_extract_json(tmp_path: Path) -> None:
    p = write(tmp_path / "a.md", ARTICLES["a.md"])
    claims = json.loads(run("extract", str(p), "--json").stdout)
    assert [c["text"][:10] for c in claims] == ["A missile ", "Ukraine is"]
    q = claims[0]["quantities"][0]
    assert (q["text"], q["low"], q["high"], q["kind"], q["measure"]) == (
        "at least 30",
        30,
        None,
        "lower_bound",
        "killed",
    )
    assert claims[1]["memberships"] == [
        {
            "entity": "Ukraine",
            "relation": "party",
            "treaty": "Convention on Cluster Munitions",
            "negated": True,
        }
    ]
    assert claims[0]["document"]["source"] == "Danube Wire"
    text = run("extract", str(p)).stdout
    assert "quantity: 'at least 30' lower_bound [30, inf] killed" in text


def test_eval_reads_labels_and_reports_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("xcheck.embed.make_embedder", lambda name=None: FakeEmbedder())
    labels = write(
        tmp_path / "l.jsonl",
        "\n".join(
            json.dumps(x)
            for x in [
                {
                    "a": "Ukraine is not a party to the Convention on Cluster Munitions.",
                    "b": "Ukraine is a state party to the Convention on Cluster Munitions.",
                    "label": "conflict",
                    "cue": "membership",
                },
                {
                    "a": "At least 30 people were killed in the strike on Kramatorsk station.",
                    "b": "At least 50 people were killed in the strike on Kramatorsk station.",
                    "a_published": "2022-04-08",
                    "b_published": "2022-04-09",
                    "label": "update",
                    "cue": "numeric",
                },
            ]
        ),
    )
    r = run("eval", str(labels), "--json")
    data = json.loads(r.stdout)
    assert data["pairs"] == 2 and data["per_relation"]["conflict"]["recall"] == 1.0
    assert data["per_relation"]["update"]["recall"] == 1.0
    assert data["baseline"]["per_relation"]["duplicate"]["predicted"] == 2
    bad = write(tmp_path / "bad.jsonl", '{"a": "x", "b": "y", "label": "maybe"}\n')
    r = run("eval", str(bad))
    assert r.exit_code == 1 and f"{bad}:1: unknown label 'maybe'" in r.stderr


def test_related_pairs_are_computed_not_stored(tmp_path: Path) -> None:
    with Corpus(tmp_path / "idx", embedder=FakeEmbedder(), create=True) as c:
        for name, text in (
            ("a.txt", "Officials said twelve people were killed in Kharkiv on Monday."),
            ("b.txt", "Officials said twelve people were injured in Kharkiv on Monday."),
        ):
            c.ingest([str(write(tmp_path / name, text))])
        assert c.update_pairs() >= 1
        assert c.store.sql.pair_rows() == []  # the one pair is related: judged, not stored
        [pair] = c.pairs(relation="related")
        assert pair.relation == "related" and "different measures" in pair.reason
        assert c.pairs() == []


def test_one_finding_per_two_articles_unless_every_claim_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A headline and its lede that both contradict the other article are one finding, counted in
    "more"; --every-claim lists both claim pairs."""
    monkeypatch.setattr(xcheck.corpus, "make_embedder", lambda name=None: FakeEmbedder())
    write(
        tmp_path / "in" / "x.md",
        "---\ntitle: Ukraine is a state party to the Convention on Cluster Munitions\nsource: Danube Wire\n"
        "published: 2022-04-08\n---\nUkraine is a state party to the Convention on Cluster Munitions, "
        "officials said.\n",
    )
    write(
        tmp_path / "in" / "y.md",
        "---\ntitle: Treaty check\nsource: Kyiv Morning Post\npublished: 2022-04-09\n---\n"
        "Ukraine is not a party to the Convention on Cluster Munitions.\n",
    )
    idx = str(tmp_path / "idx")
    assert run("ingest", str(tmp_path / "in"), "--index", idx).exit_code == 0
    every = json.loads(
        run("pairs", "--relation", "conflict", "--every-claim", "--json", "--index", idx).stdout
    )
    folded = json.loads(run("pairs", "--relation", "conflict", "--json", "--index", idx).stdout)
    assert len(every) == 2 and {p["more"] for p in every} == {0}
    assert len(folded) == 1 and folded[0]["more"] == 1
    text = run("pairs", "--relation", "conflict", "--index", idx).stdout
    assert "and 1 more claim pair of these two articles" in text
