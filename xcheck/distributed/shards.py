"""A sharded index: documents split by content hash over shards, each a whole xcheck index.

Layout (``ROOT`` is the folder given as the index)::

    ROOT/shards.json          {"layout": 1, "shards": N}
    ROOT/ids.json             {"next_claim_id": ...}: claim ids reserved so far
    ROOT/shard-00/ ...        an ordinary index folder: xcheck.sqlite + vectors-<g>.faiss + write lock
    ROOT/shard-01/ ...

- A document goes to shard ``int(sha256[:16], 16) % N`` of its text's hash, so each shard's writer
  works alone: N writers (on N machines, each shard on its own disk) write at once, each with the
  crash-safety of one index. A batch that spans shards commits shard by shard: every document is
  in its shard whole or not at all, and a rerun skips the ones stored (content hash).
- Claim ids are global: a writer reserves a range of ids in ``ROOT/ids.json`` under a lock held for
  that moment only, in the order of its documents, so the ids (and the orientation of every pair)
  are those a single index would give; FAISS ids equal them in every shard. A document's id in shard
  ``s`` is its global id ``local * N + s``.
- A query is embedded once, searched in every shard and the hits merged by score: the top ``k`` of
  the union is among the shards' own top ``k``.
- Pairs are found the same way (each claim's ``k`` nearest neighbours across all shards, merged), then
  judged; they are computed when asked, not stored.

Limits, today: the number of shards is fixed at creation (re-sharding means ingesting again);
a changed article (same key, new text) may move to another shard: its old version is removed from
there first, then the new one committed, so a crash between the two leaves neither (a rerun adds
the new one); the furniture of an outlet is learned from the new articles and up to
``FURNITURE_SAMPLE`` stored ones per shard; ``related`` pairs are not offered; the shards are searched
from one process (on a cluster each shard's search would be a task next to its shard).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock

from ..claims.furniture import Furniture
from ..config import resolve_index_dir
from ..corpus import FURNITURE_SAMPLE, PAIR_FLOOR, PAIR_NEIGHBOURS, Corpus
from ..embed import Embedder
from ..errors import StoreError, UsageError
from ..pairing.candidates import Pair, _collect, _Found
from ..pairing.clusters import PairRecord, per_article_pair
from ..pairing.events import event_pairs
from ..pairing.relate import RELATED, RELATIONS, ClaimView, judge
from ..store.index import lock_timeout
from ..types import Claim, Document, Hit, IngestReport

SHARDS_FILE = "shards.json"
IDS_FILE = "ids.json"
LAYOUT = 1


class _SharedModel:
    """One model for all shards, loaded on first use."""

    def __init__(self, name: str) -> None:
        self.model_id = name
        self._model: Embedder | None = None

    def _get(self) -> Embedder:
        if self._model is None:
            from .. import corpus as corpus_module

            self._model = corpus_module.make_embedder(self.model_id)
        return self._model

    @property
    def dim(self) -> int:
        return self._get().dim

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        return self._get().embed_batch(texts)


class ShardedIndex:
    """``shards`` index folders under ``root`` (see the module's docstring); ``shards`` is needed to
    create one and must match an existing one if given."""

    def __init__(
        self,
        root: str | Path | None = None,
        *,
        shards: int | None = None,
        create: bool = False,
        model: str | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.root = resolve_index_dir(root)
        meta = self.root / SHARDS_FILE
        if meta.is_file():
            try:
                n = int(json.loads(meta.read_text(encoding="utf-8"))["shards"])
            except (ValueError, KeyError, TypeError, OSError) as exc:
                raise StoreError(f"the shard list {meta} is unreadable: {exc}") from None
            if shards is not None and shards != n:
                raise UsageError(f"the index at {self.root} has {n} shards, not {shards}", param="shards")
        elif create:
            if shards is None or shards < 1:
                raise UsageError("give the number of shards (at least 1) to create a sharded index")
            n = shards
            self.root.mkdir(parents=True, exist_ok=True)
            meta.write_text(json.dumps({"layout": LAYOUT, "shards": n}) + "\n", encoding="utf-8")
        else:
            raise StoreError(f"no sharded index at {self.root} ({SHARDS_FILE} is missing)")
        self.n = n
        self.with_frames = True
        if embedder is None:
            first = Corpus(self._dir(0), model=model, create=create)
            name = first.model_id
            first.close()
            embedder = _SharedModel(name)
        self.embedder = embedder
        self.shards = [Corpus(self._dir(i), embedder=embedder, create=create) for i in range(n)]

    def _dir(self, i: int) -> Path:
        return self.root / f"shard-{i:02d}"

    def close(self) -> None:
        for c in self.shards:
            c.close()

    def __enter__(self) -> ShardedIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ids ------------------------------------------------------------------------------------
    def shard_of(self, sha256: str) -> int:
        return int(sha256[:16], 16) % self.n

    def global_id(self, shard: int, local: int) -> int:
        """The global id of a document by its shard's own id (claim ids are global already)."""
        return local * self.n + shard

    def local_id(self, global_id: int) -> tuple[int, int]:
        """``(shard, local id)`` of a document's global id."""
        return global_id % self.n, global_id // self.n

    def reserve_claim_ids(self, count: int) -> int:
        """The first of ``count`` claim ids no other writer uses, taken from ``ROOT/ids.json``."""
        path = self.root / IDS_FILE
        with FileLock(str(self.root / ".ids.lock")).acquire(timeout=lock_timeout()):
            try:
                nxt = int(json.loads(path.read_text(encoding="utf-8"))["next_claim_id"])
            except FileNotFoundError:
                nxt = 1
            nxt = max([nxt, *(c.store.sql.next_claim_id() for c in self.shards)])
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps({"next_claim_id": nxt + count}) + "\n", encoding="utf-8")
            os.replace(tmp, path)
        return nxt

    # -- writing (the target of xcheck.distributed.ingest) ---------------------------------------
    def refresh_stale(self) -> int:
        return sum(c.refresh_stale() for c in self.shards)

    def furniture_for(self, docs: Sequence[Document]) -> dict[str, tuple[Furniture, Furniture]]:
        """Learned from ``docs`` and stored articles of their outlets in every shard."""
        extra = [
            Document(text=text, title=title, source=src)
            for c in self.shards[1:]
            for source in sorted({d.source for d in docs if d.source})
            for src, title, text in c.store.sql.source_samples(source, FURNITURE_SAMPLE)
        ]
        return self.shards[0].furniture_for([*docs, *extra])  # adds shard 0's own samples

    def has_document(self, sha: str) -> bool:
        return self.shards[self.shard_of(sha)].store.sql.has_sha(sha)

    def known_vectors(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for c in self.shards:
            todo = [h for h in hashes if h not in out]
            if not todo:
                break
            out.update(c.known_vectors(todo))
        return out

    def check_model(self, model_id: str, dim: int | None = None) -> None:
        for c in self.shards:
            c.store.check_model(model_id, dim)

    def commit_prepared(
        self,
        prepared: Sequence[tuple[Document, list[Claim]]],
        vectors: dict[str, np.ndarray],
        report: IngestReport,
        *,
        model_id: str,
        dim: int,
    ) -> None:
        """Each document into its shard, shard by shard, through each shard's own writer."""
        parts: list[list[tuple[Document, list[Claim]]]] = [[] for _ in range(self.n)]
        nxt = self.reserve_claim_ids(sum(len(claims) for _, claims in prepared))
        ids: dict[str, list[int]] = {}
        for doc, claims in prepared:
            parts[self.shard_of(doc.sha256)].append((doc, claims))
            ids[doc.sha256] = list(range(nxt, nxt + len(claims)))
            nxt += len(claims)
        for i, part in enumerate(parts):
            if not part:
                continue
            for doc, _ in part:  # a changed article whose old version lies in another shard
                for j, other in enumerate(self.shards):
                    old = other.store.sql.document_by_key(doc.doc_key or "") if j != i else None
                    if old is not None and old.sha256 != doc.sha256:
                        other.remove([old.id])
            self.shards[i].commit_prepared(part, vectors, report, model_id=model_id, dim=dim, claim_ids=ids)

    # -- reading --------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.shards:
            for key, value in c.store.sql.counts().items():
                if key in ("documents", "claims"):
                    out[key] = out.get(key, 0) + int(value)
        return out

    def query(self, text: str, k: int = 10) -> list[Hit]:
        """The ``k`` claims nearest to ``text`` across all shards, best first."""
        if not text.strip():
            raise UsageError("the query is empty")
        if k < 1:
            raise UsageError(f"must be at least 1, got {k}", param="k")
        q = self.shards[0].embed([text])
        found: list[tuple[float, int, int]] = []  # (score, shard, local id)
        for s, c in enumerate(self.shards):
            vectors = c.store.vectors()
            if vectors.size:
                scores, ids = vectors.search(q, k)
                found.extend(
                    (float(sc), s, int(i)) for sc, i in zip(scores[0], ids[0], strict=True) if i >= 0
                )
        found.sort(key=lambda f: -f[0])
        hits = []
        for score, s, cid in found[:k]:
            r = self.shards[s].store.sql.claims_with_docs([cid]).get(cid)
            if r is None:
                continue
            hits.append(Hit.from_row(cid, score, r, doc_id=self.global_id(s, int(r["doc_id"]))))
        return hits

    def candidates(self, floor: float, k: int = PAIR_NEIGHBOURS) -> list[Pair]:
        """What ``self_join(query_ids=every claim, exhaustive=False)`` finds on one index: each claim's
        ``k`` nearest neighbours across all shards (the merged top ``k + 1`` of each shard) at or above
        ``floor``, as global ids."""
        f32 = np.float32(floor)
        shard_vectors = [c.store.vectors() for c in self.shards]
        total = sum(v.size for v in shard_vectors)
        if total < 2:
            return []
        kk = min(k + 1, total)
        found = _Found()
        for vectors in shard_vectors:
            if not vectors.size:
                continue
            local = np.sort(vectors.all_ids())
            q = np.ascontiguousarray(vectors.index.reconstruct_batch(local), dtype=np.float32)
            scores, ids = [], []
            for other in shard_vectors:
                if other.size:
                    sc, ix = other.search(q, kk)
                    scores.append(sc)
                    ids.append(ix)
            sc_all = np.concatenate(scores, axis=1)
            ix_all = np.concatenate(ids, axis=1)
            order = np.argsort(-sc_all, axis=1, kind="stable")[:, :kk]
            top_scores = np.take_along_axis(sc_all, order, axis=1)
            top_ids = np.take_along_axis(ix_all, order, axis=1)
            _collect(found, f32, local, top_scores, top_ids, complete=kk == total, keep_spilled=True)
        lo, hi, sim = found.unique()
        return list(zip(lo.tolist(), hi.tolist(), sim.tolist(), strict=True))

    def claim_views(self, claim_ids: Sequence[int], *, with_event: bool = False) -> dict[int, ClaimView]:
        """Each claim from the shard that holds it, with its document's global id (``with_event``: only
        claims whose frame names an event)."""
        out: dict[int, ClaimView] = {}
        for s, c in enumerate(self.shards):
            for cid, view in c.claim_views(
                [i for i in claim_ids if i not in out], with_event=with_event
            ).items():
                out[cid] = dataclasses.replace(view, doc_id=self.global_id(s, view.doc_id))
        return out

    def _event_pairs(self, found: list[Pair]) -> list[Pair]:
        """Claims of one event across the shards, judged whatever their similarity, as one index does
        (``Corpus._with_event_pairs``)."""
        ids = sorted(i for c in self.shards for i in c.store.sql.all_claim_ids())
        views = [v for v in self.claim_views(ids, with_event=True).values() if v.frame.event]
        shard_of = {v.claim_id: self.local_id(v.doc_id)[0] for v in views}

        def vectors_of(wanted: list[int]) -> dict[int, np.ndarray]:
            vec: dict[int, np.ndarray] = {}
            for s, c in enumerate(self.shards):
                mine = [i for i in wanted if shard_of[i] == s]
                if mine:
                    vec.update(zip(mine, c.store.vectors().get(mine), strict=True))
            return vec

        return event_pairs(found, views, vectors_of)

    def pairs(
        self,
        *,
        relation: str | None = None,
        min_similarity: float | None = None,
        same_document: bool = False,
        every_claim: bool = True,
    ) -> list[PairRecord]:
        """The judged pairs across all shards, as ``Corpus.pairs`` gives them after ``update_pairs``
        on one index holding the same documents (computed now, not stored)."""
        if relation == RELATED:
            raise UsageError("related pairs are not offered on a sharded index yet", param="relation")
        if relation is not None and relation not in RELATIONS:
            raise UsageError(
                f"unknown relation {relation!r}; choose one of {', '.join(RELATIONS)}", param="relation"
            )
        floor = PAIR_FLOOR if min_similarity is None else min(PAIR_FLOOR, min_similarity)
        found = self.candidates(floor)
        found = found + self._event_pairs(found)
        views = self.claim_views(sorted({i for a, b, _ in found for i in (a, b)}))
        out: list[PairRecord] = []
        for a, b, sim in found:
            va, vb = views.get(a), views.get(b)
            if va is None or vb is None:
                continue
            if not same_document and va.doc_id == vb.doc_id:
                continue
            if min_similarity is not None and sim < min_similarity:
                continue
            j = judge(va, vb, sim)
            if j.relation == RELATED or (relation is not None and j.relation != relation):
                continue
            out.append(
                PairRecord(
                    relation=j.relation,
                    similarity=float(sim),
                    confidence=float(j.confidence),
                    reason=j.reason,
                    cue=j.cue,
                    a=va,
                    b=vb,
                )
            )
        order = {rel: i for i, rel in enumerate(RELATIONS)}
        out.sort(key=lambda p: (order[p.relation], -p.confidence, -p.similarity, p.a.claim_id, p.b.claim_id))
        return out if every_claim else per_article_pair(out)

    def describe(self) -> dict[str, Any]:
        return {"root": str(self.root), "shards": self.n, **self.counts()}
