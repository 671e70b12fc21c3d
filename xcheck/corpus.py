"""The façade: one object owns the flow from files to index to answers.

The CLI and the HTTP service are thin clients of ``Corpus``; nothing here prints or exits.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from .claims.furniture import Furniture, learn_by_source
from .claims.segment import claim_spans, is_claim_sentence
from .config import DEFAULT_MODEL_ID, resolve_index_dir, resolve_model_name
from .embed import Embedder, make_embedder
from .errors import InputError, UsageError
from .ingest.readers import Metadata, read_inputs
from .pairing.clusters import Cluster, PairRecord, build_clusters
from .pairing.relate import JUDGE_VERSION, RELATED, RELATIONS, ClaimView, judge
from .store.index import IndexStore
from .types import BODY, TITLE, Claim, Document, Hit, IngestFailure, IngestReport, Span

Progress = Callable[[int, int], None]
EMBED_CHUNK = 512
COMMIT_EVERY_CLAIMS = 20_000
PAIR_FLOOR = 0.45  # cosine similarity below which two claims are never paired (tuned on eval/dev.jsonl)
PAIR_NEIGHBOURS = 20
# Bump when claim extraction changes (segmentation, furniture, frames): the claims of an index built by
# an older version are extracted again from the stored article text on the next write.
EXTRACTOR_VERSION = "11"
FURNITURE_SAMPLE = 2000  # stored items per source that furniture is learned from, with the new ones
_FURNITURE_CHARS = 600  # furniture sits at the ends of a text: learn from its head and tail


def _frames(texts: Sequence[str], published: str | None) -> list[dict[str, Any]]:
    from .claims.frames import extract_frames

    return [f.to_dict() for f in extract_frames(texts, published=published)]


_NO_FURNITURE = (Furniture(), Furniture())


def claims_of(
    doc: Document, *, with_frames: bool = True, furniture: tuple[Furniture, Furniture] | None = None
) -> list[Claim]:
    """The claims of one document, each with its frame: the headline when it states something, then
    the sentences of the text, minus boilerplate and the outlet's furniture.

    ``furniture``: what the document's source wraps its (title, text) in, learned from the corpus
    (:func:`xcheck.claims.furniture.learn_by_source`). A sentence of the text that repeats the
    headline is left out (the headline stands for it).
    """
    title_furniture, text_furniture = furniture or _NO_FURNITURE
    parts: list[tuple[str, Span]] = []
    headline = ""
    if doc.title:
        start, end = title_furniture.core(doc.title)
        head = doc.title[start:end]
        if head and is_claim_sentence(head):
            parts.append((TITLE, Span(start, end, head)))
            headline = _same_words(head)
    for span in claim_spans(doc.text, keep=text_furniture.core(doc.text)):
        if not (headline and _same_words(span.text) == headline):
            parts.append((BODY, span))
    texts = [s.text for _, s in parts]
    frames = _frames(texts, doc.published) if with_frames and texts else [{} for _ in texts]
    return [
        Claim(text=s.text, start=s.start, end=s.end, frame=f, part=part)
        for (part, s), f in zip(parts, frames, strict=True)
    ]


def _same_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


@dataclass
class _Pending:
    doc: Document
    claims: list[Claim]


class Corpus:
    """An index folder and the model that embeds into it.

    ``model``: a model name or folder; ``None`` uses ``$XCHECK_MODEL``, else the model the index was
    built with, else the bundled all-MiniLM-L6-v2. ``embedder`` replaces the model entirely (tests).
    """

    def __init__(
        self,
        index_dir: str | Path | None = None,
        *,
        model: str | None = None,
        embedder: Embedder | None = None,
        create: bool = False,
        frames: bool = True,
    ) -> None:
        self.index_dir = resolve_index_dir(index_dir)
        self.store = IndexStore(self.index_dir, create=create)
        self.with_frames = frames
        self._embedder = embedder
        self._model_option = model
        self._embedder_lock = threading.Lock()  # two threads asking at once load one model

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- model ----------------------------------------------------------------------------------
    @property
    def model_id(self) -> str:
        if self._embedder is not None:
            return self._embedder.model_id
        explicit = self._model_option or None
        name = resolve_model_name(explicit)
        if explicit is None and name == DEFAULT_MODEL_ID and self.store.model_id:
            return self.store.model_id  # an index built with another model keeps using it
        return name

    @property
    def embedder(self) -> Embedder:
        with self._embedder_lock:
            if self._embedder is None:
                model_id = self.model_id
                self.store.check_model(model_id)  # before the (slow) load
                self._embedder = make_embedder(model_id)
            embedder = self._embedder
            self.store.check_model(embedder.model_id, embedder.dim)  # dim loads the model
        return embedder

    def load_model(self) -> Embedder:
        """Load the model now rather than on first use (the service does this at start-up)."""
        return self.embedder

    # -- ingest ---------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str],
        *,
        source: str | None = None,
        fmt: str | None = None,
        encoding: str = "utf-8",
        stdin: BinaryIO | None = None,
        progress: Progress | None = None,
        meta: Metadata | None = None,
    ) -> IngestReport:
        """Read, segment, embed and index every article under ``paths``.

        ``meta`` gives a source, title and/or date that win over what each article says.
        """
        items = list(read_inputs(paths, fmt=fmt, source=source, encoding=encoding, stdin=stdin, meta=meta))
        return self.ingest_documents(items, progress=progress)

    def ingest_documents(
        self,
        items: Sequence[Document | IngestFailure],
        *,
        progress: Progress | None = None,
        known_vectors: dict[str, np.ndarray] | None = None,
    ) -> IngestReport:
        """Index already-read documents; failures among ``items`` are carried into the report.

        ``known_vectors`` maps claim text hashes to vectors already computed by this model (by
        ``check``), so those claims are not embedded again.
        """
        started = time.perf_counter()
        report = IngestReport()
        report.failed.extend(i for i in items if isinstance(i, IngestFailure))
        docs = [i for i in items if isinstance(i, Document)]
        embedder = self.embedder
        with self.store.locked():
            self._refresh_stale(embedder)
            furniture = self.furniture_for(docs)
            pending: list[_Pending] = []
            pending_claims = 0
            seen: set[str] = set()
            for n, doc in enumerate(docs, start=1):
                sha = doc.sha256
                if sha in seen or self.store.sql.has_sha(sha):
                    report.skipped += 1
                else:
                    seen.add(sha)
                    claims = claims_of(
                        doc, with_frames=self.with_frames, furniture=furniture.get(doc.source or "")
                    )
                    pending.append(_Pending(doc, claims))
                    pending_claims += len(claims)
                if pending and (pending_claims >= COMMIT_EVERY_CLAIMS or n == len(docs)):
                    self._commit(
                        pending,
                        embedder,
                        report,
                        progress,
                        done_docs=n,
                        total_docs=len(docs),
                        known=known_vectors,
                    )
                    pending, pending_claims = [], 0
                elif progress is not None:
                    progress(n, len(docs))
        report.seconds = time.perf_counter() - started
        return report

    def furniture_for(self, docs: Sequence[Document]) -> dict[str, tuple[Furniture, Furniture]]:
        """What each source of ``docs`` wraps its items in, learned from these documents and up to
        ``FURNITURE_SAMPLE`` stored ones of the same source."""
        items: list[tuple[str | None, str | None, str]] = [(d.source, d.title, d.text) for d in docs]
        for source in sorted({d.source for d in docs if d.source}):
            items.extend(self.store.sql.source_samples(source, FURNITURE_SAMPLE))
        n = _FURNITURE_CHARS
        return learn_by_source(
            [
                (src, title, text if len(text) <= 2 * n else f"{text[:n]}\n\n{text[-n:]}")
                for src, title, text in items
            ]
        )

    def extractor_stale(self) -> bool:
        manifest = self.store.sql.manifest()
        return bool(manifest) and manifest.get("extractor_version") != EXTRACTOR_VERSION

    def _refresh_stale(self, embedder: Embedder) -> int:
        """Extract the claims of every stored document again when the index was built by an older
        extractor; vectors of unchanged sentences are reused. Call with the write lock held."""
        sql = self.store.sql
        if not self.extractor_stale():
            return 0
        done, last, upto = 0, 0, sql.max_document_id()
        report = IngestReport()
        while True:
            # replaced documents get new ids above ``upto``: each stored document is read once
            batch = sql.stored_documents(last, upto, 2000)
            if not batch:
                break
            last = batch[-1][0]
            docs = [d for _, d in batch]
            furniture = self.furniture_for(docs)
            pending = [
                _Pending(
                    d, claims_of(d, with_frames=self.with_frames, furniture=furniture.get(d.source or ""))
                )
                for d in docs
            ]
            self._commit(
                pending,
                embedder,
                report,
                None,
                done_docs=len(pending),
                total_docs=len(pending),
                current=False,
            )
            done += len(pending)
        with self.store.rows_transaction():
            sql.set_manifest(extractor_version=EXTRACTOR_VERSION)
        return done

    def _commit(
        self,
        pending: list[_Pending],
        embedder: Embedder,
        report: IngestReport,
        progress: Progress | None,
        *,
        done_docs: int,
        total_docs: int,
        known: dict[str, np.ndarray] | None = None,
        current: bool = True,
    ) -> None:
        """Embed and store ``pending``; ``current``: the index is then wholly of this extractor."""
        sql = self.store.sql
        all_claims = [c for p in pending for c in p.claims]
        vectors_now = self.store.vectors()
        # Vectors of claims already in the index are reused: a known claim is never embedded twice.
        by_hash: dict[str, np.ndarray] = dict(known or {})
        stored = sql.claim_ids_by_hash(c.text_hash for c in all_claims) if vectors_now.size else {}
        if stored:
            hashes = list(stored)
            for h, v in zip(hashes, vectors_now.get([stored[h] for h in hashes]), strict=True):
                by_hash[h] = v
        to_embed: dict[str, str] = {}
        for c in all_claims:
            if c.text_hash not in by_hash:
                to_embed.setdefault(c.text_hash, c.text)
        hashes, texts = list(to_embed), list(to_embed.values())
        first_doc = done_docs - len(pending)
        for i in range(0, len(texts), EMBED_CHUNK):
            vecs = embedder.embed_batch(texts[i : i + EMBED_CHUNK])
            for h, v in zip(hashes[i : i + EMBED_CHUNK], vecs, strict=True):
                by_hash[h] = v
            if progress is not None:
                frac = min(1.0, (i + EMBED_CHUNK) / max(len(texts), 1))
                progress(first_doc + int(frac * len(pending)), total_docs)
        report.embedded += len(texts)

        with self.store.transaction(model_id=embedder.model_id, dim=embedder.dim) as vectors:
            next_id = sql.next_claim_id()
            for p in pending:
                old = sql.document_by_key(p.doc.doc_key or "")
                if old is not None:  # the same article, changed: replace it
                    vectors.remove(sql.claim_ids_of(old.id))
                    sql.delete_document(old.id)
                ids = list(range(next_id, next_id + len(p.claims)))
                next_id += len(p.claims)
                sql.add_document(p.doc, p.claims, ids)
                if ids:
                    vectors.add(ids, np.stack([by_hash[c.text_hash] for c in p.claims]))
                report.documents += 1
                report.claims += len(p.claims)
            if current:
                sql.set_manifest(extractor_version=EXTRACTOR_VERSION)
        if progress is not None:
            progress(done_docs, total_docs)

    # -- removing -------------------------------------------------------------------------------
    def remove(self, doc_ids: Sequence[int]) -> dict[str, int]:
        """Remove documents with their claims, vectors, pairs (and so clusters), in one transaction.

        Like ingest, a crash leaves the index as it was before or as it is after, never a mix.
        Raises ``InputError`` naming any id that is not in the index (and then removes nothing).
        """
        wanted = list(dict.fromkeys(int(i) for i in doc_ids))
        if not wanted:
            raise UsageError("no document ids given")
        sql = self.store.sql
        with self.store.locked():
            known = sql.documents_by_id(wanted)
            missing = [i for i in wanted if i not in known]
            if missing:
                listed = ", ".join(str(i) for i in missing)
                raise InputError(f"no document with id {listed} in the index at {self.index_dir}")
            model_id, dim = self.store.model_id, self.store.dim
            claims = [cid for i in wanted for cid in sql.claim_ids_of(i)]
            if model_id is None or dim is None:  # documents without any claim in an index never embedded
                with self.store.rows_transaction():
                    for i in wanted:
                        sql.delete_document(i)
            else:
                with self.store.transaction(model_id=model_id, dim=dim) as vectors:
                    vectors.remove(claims)
                    for i in wanted:
                        sql.delete_document(i)  # claims and their pairs go with it (ON DELETE CASCADE)
        return {"documents": len(wanted), "claims": len(claims)}

    def documents(self) -> list[dict[str, Any]]:
        """Every document: id, source, published, title, url, origin and its number of claims."""
        return self.store.sql.document_list()

    # -- reading --------------------------------------------------------------------------------
    def query(self, text: str, k: int = 10) -> list[Hit]:
        """The ``k`` claims nearest to ``text``, best first."""
        if not text.strip():
            raise UsageError("the query is empty")
        if k < 1:
            raise UsageError(f"must be at least 1, got {k}", param="k")
        vectors = self.store.vectors()
        if vectors.size == 0:
            return []
        q = self.embedder.embed_batch([text])
        scores, ids = vectors.search(q, k)
        found = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        rows = self.store.sql.claims_with_docs([i for i, _ in found])
        hits = []
        for cid, score in found:
            r = rows.get(cid)
            if r is None:
                continue
            hits.append(
                Hit(
                    claim_id=cid,
                    doc_id=int(r["doc_id"]),
                    score=score,
                    text=r["text"],
                    source=r["source"],
                    published=r["published"],
                    title=r["title"],
                    start=int(r["start"]),
                    end=int(r["end"]),
                )
            )
        return hits

    # -- pairs ----------------------------------------------------------------------------------
    def pair_floor(self) -> float:
        return float(self.store.sql.manifest().get("pair_floor", PAIR_FLOOR))

    def claim_views(self, claim_ids: Sequence[int]) -> dict[int, ClaimView]:
        rows = self.store.sql.claims_with_docs(claim_ids)
        return {
            cid: ClaimView(
                claim_id=cid,
                doc_id=int(r["doc_id"]),
                text=r["text"],
                frame=json.loads(r["frame"]),
                source=r["source"],
                published=r["published"],
                start=int(r["start"]),
                end=int(r["end"]),
                part=str(r["part"]),
            )
            for cid, r in rows.items()
        }

    def update_pairs(self, floor: float | None = None) -> int:
        """Pair and judge the claims not paired yet; return how many pairs were stored.

        Only the neighbourhoods of new claims are searched. Asking for a floor below the stored one
        pairs everything again at the new floor.
        """
        from .pairing.candidates import self_join

        sql = self.store.sql
        stored_floor = self.pair_floor()
        want = stored_floor if floor is None else floor
        if not -1.0 <= want <= 1.0:
            raise UsageError(
                f"the similarity floor must lie between -1 and 1, got {want:g}", param="min_similarity"
            )
        stale = sql.manifest().get("judge_version", JUDGE_VERSION) != JUDGE_VERSION
        refresh = self.extractor_stale()
        if not sql.unpaired_claim_ids() and want >= stored_floor and not stale and not refresh:
            return 0
        with self.store.locked():
            if self.extractor_stale():
                self._refresh_stale(self.embedder)
            vectors = self.store.vectors()
            reset = want < stored_floor or stale
            new_ids = sql.all_claim_ids() if reset else sql.unpaired_claim_ids()
            if not new_ids:
                return 0
            floor_now = want if reset else stored_floor
            found = (
                self_join(vectors, floor=floor_now, k=PAIR_NEIGHBOURS, query_ids=new_ids, exhaustive=False)
                if vectors.size
                else []
            )
            views = self.claim_views(sorted({i for a, b, _ in found for i in (a, b)}))
            rows = []
            for a, b, sim in found:
                va, vb = views.get(a), views.get(b)
                if va is None or vb is None:
                    continue
                j = judge(va, vb, sim)
                rows.append((a, b, float(sim), j.relation, j.confidence, j.reason, j.cue))
            with self.store.rows_transaction():
                if reset:
                    sql.reset_pairs()
                sql.set_manifest(pair_floor=floor_now, judge_version=JUDGE_VERSION)
                sql.save_pairs(rows)
                sql.mark_paired(new_ids)
            return len(rows)

    def pairs(
        self,
        *,
        relation: str | None = None,
        min_similarity: float | None = None,
        same_document: bool = False,
    ) -> list[PairRecord]:
        """Judged pairs, most important first. ``related`` pairs only when asked for by name."""
        if relation is not None and relation not in RELATIONS:
            raise UsageError(
                f"unknown relation {relation!r}; choose one of {', '.join(RELATIONS)}", param="relation"
            )
        self.update_pairs(
            floor=min_similarity
            if min_similarity is not None and min_similarity < self.pair_floor()
            else None
        )
        rows = self.store.sql.pair_rows()
        keep = []
        for r in rows:
            if not same_document and r["doc_a"] == r["doc_b"]:
                continue
            if relation is None and r["relation"] == RELATED:
                continue
            if relation is not None and r["relation"] != relation:
                continue
            if min_similarity is not None and r["similarity"] < min_similarity:
                continue
            keep.append(r)
        views = self.claim_views(sorted({int(r[k]) for r in keep for k in ("a", "b")}))
        order = {rel: i for i, rel in enumerate(RELATIONS)}
        out = [
            PairRecord(
                relation=r["relation"],
                similarity=float(r["similarity"]),
                confidence=float(r["confidence"]),
                reason=r["reason"],
                cue=r["cue"],
                a=views[int(r["a"])],
                b=views[int(r["b"])],
            )
            for r in keep
        ]
        out.sort(key=lambda p: (order[p.relation], -p.confidence, -p.similarity, p.a.claim_id, p.b.claim_id))
        return out

    def clusters(self, *, min_similarity: float | None = None) -> list[Cluster]:
        """Fact clusters over the judged pairs (pairs inside one article left out)."""
        return build_clusters(self.pairs(min_similarity=min_similarity))

    def stats(self) -> dict[str, Any]:
        counts = self.store.sql.counts()
        size = sum(p.stat().st_size for p in self.index_dir.iterdir() if p.is_file())
        return {
            **counts,
            "model": self.store.model_id,
            "dim": self.store.dim,
            "index": str(self.index_dir),
            "index_bytes": size,
        }
