"""Claims of an index built by an older extractor are extracted again from the stored article text."""

from __future__ import annotations

import json
from pathlib import Path

import xcheck.corpus
from xcheck.corpus import EXTRACTOR_VERSION, Corpus
from xcheck.store.sqlite import decode_frame

from .conftest import FakeEmbedder, write

ITEMS = [
    {
        "id": f"p{n}",
        "title": f"Shelling of Kharkiv kills {n + 2} (0{n}.05.22 10:1{n}) « News | Plain Post",
        "text": f"0{n}.05.22 10:1{n} - Rescuers worked all night in the city of Kharkiv. Read more here.",
        "source": "Plain Post",
        "published": f"2022-05-0{n}",
    }
    for n in range(1, 7)
]


def test_stale_claims_are_extracted_again_and_vectors_reused(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    src = write(tmp_path / "p.jsonl", "\n".join(json.dumps(i) for i in ITEMS) + "\n")
    idx = tmp_path / "idx"
    with Corpus(idx, embedder=fake, create=True) as c:
        c.ingest([str(src)])
        texts = {r["text"] for r in c.store.sql.db.execute("SELECT text FROM claims")}
        assert "Shelling of Kharkiv kills 3" in texts  # the headline, its stamp cut away
        assert not any("10:1" in t or "Read more" in t for t in texts)
        # pretend an older extractor built it: frames lose their periods
        with c.store.locked(), c.store.rows_transaction():
            c.store.sql.db.execute("UPDATE claims SET frame = '{}'")
            c.store.sql.set_manifest(extractor_version="0")
        assert c.extractor_stale()
        embedded = len(fake.embedded)
        c.update_pairs()
        assert not c.extractor_stale()
        assert c.store.sql.manifest()["extractor_version"] == EXTRACTOR_VERSION
        frames = [decode_frame(r[0]) for r in c.store.sql.db.execute("SELECT frame FROM claims")]
        assert all("period" in f for f in frames)
        assert len(fake.embedded) == embedded  # same sentences: no vector computed again
        assert c.stats()["documents"] == len(ITEMS)
        assert len(c.store.vectors().all_ids()) == c.stats()["claims"]


def test_a_fresh_index_records_its_extractor(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(xcheck.corpus, "make_embedder", lambda name=None: FakeEmbedder())
    with Corpus(tmp_path / "idx", embedder=FakeEmbedder(), create=True) as c:
        c.ingest([str(write(tmp_path / "a.txt", "Twelve people were killed in Kharkiv on Monday."))])
        assert c.store.sql.manifest()["extractor_version"] == EXTRACTOR_VERSION
        assert not c.extractor_stale()
