"""The façade: one object owns the flow from files to index to answers.

The CLI and the HTTP service are thin clients of ``Corpus``; nothing here prints or exits.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .config import DEFAULT_MODEL_ID, PAIR_FLOOR, resolve_index_dir, resolve_model_name
from .embed import BACKEND_IDS, Embedder, longest_first, make_embedder, resolve_backend
from .errors import InputError, UsageError
from .store.index import IndexStore, lock_timeout
from .store.sqlite import decode_frame
from .types import BODY, TITLE, Claim, Document, Hit, IngestFailure, IngestReport, Span

if TYPE_CHECKING:
    import numpy as np

    # numpy, claim extraction, reading and the judgement are imported where they are used: a command that
    # needs none of them (stats, query, a missing file) starts without them (README, "Fast start").
    from .claims.furniture import Furniture
    from .ingest.readers import Metadata
    from .overlap import EmbedAhead
    from .pairing.clusters import Cluster, PairRecord
    from .pairing.events import Event
    from .pairing.relate import ClaimView

Progress = Callable[[int, int], None]
EMBED_CHUNK = 512
EMBED_AHEAD = 2  # chunks queued for the embedding thread before extraction waits for it
EMBED_TURN = 32  # texts embedded per turn of the model lock, so a query waits for one turn at most
# A run commits whichever comes first, so a crash or kill loses little and a resumed run repeats little
# (already stored articles are skipped by their content hash).
COMMIT_EVERY_DOCS = 500
COMMIT_EVERY_SECONDS = 30.0
COMMIT_EVERY_CLAIMS = 20_000
MAX_CLAIM_CHARS = 1_000  # a longer sentence is split at spaces into pieces of at most this length
MAX_CLAIMS_PER_DOCUMENT = 2_000  # further claims of one document are dropped, with a note
PAIR_NEIGHBOURS = 20
# Bump when claim extraction changes (segmentation, furniture, frames): the claims of an index built by
# an older version are extracted again from the stored article text on the next write.
EXTRACTOR_VERSION = "92"
REFRESH_BATCH = 5000  # stored documents extracted again per commit (each commit rewrites the vector file)
FURNITURE_SAMPLE = 2000  # stored items per source that furniture is learned from, with the new ones
_FURNITURE_CHARS = 600  # furniture sits at the ends of a text: learn from its head and tail


def _frames(texts: Sequence[str], published: str | None) -> list[dict[str, Any]]:
    from .claims.frames import extract_frames

    return [f.to_dict() for f in extract_frames(texts, published=published)]


def _pieces(text: str, span: Span, limit: int = MAX_CLAIM_CHARS) -> list[Span]:
    """``span`` cut at spaces into pieces of at most ``limit`` characters (hard cuts when none)."""
    out: list[Span] = []
    start, end = span.start, span.end
    while end - start > limit:
        cut = text.rfind(" ", start + 1, start + limit + 1)
        if cut <= start:
            cut = start + limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            out.append(Span(start, piece_end, text[start:piece_end]))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Span(start, end, text[start:end]))
    return out


def claims_of(
    doc: Document,
    *,
    with_frames: bool = True,
    furniture: tuple[Furniture, Furniture] | None = None,
    notes: list[str] | None = None,
) -> list[Claim]:
    """The claims of one document, each with its frame: the headline when it states something, then
    the sentences of the text, minus boilerplate and the outlet's furniture.

    ``furniture``: what the document's source wraps its (title, text) in, learned from the corpus
    (:func:`xcheck.claims.furniture.learn_by_source`). A sentence of the text that repeats the
    headline is left out (the headline stands for it). A sentence longer than ``MAX_CLAIM_CHARS`` is
    split at spaces; a sentence repeated within the document is kept once, at its first place, with
    its count in ``repeats``; claims past ``MAX_CLAIMS_PER_DOCUMENT`` are dropped. What was changed
    is said in ``notes``.
    """
    from .claims.furniture import Furniture
    from .claims.segment import claim_spans, is_claim_sentence

    title_furniture, text_furniture = furniture or (Furniture(), Furniture())
    spans: list[tuple[str, Span]] = []
    headline = ""
    long = 0

    def add(part: str, field: str, span: Span) -> None:
        nonlocal long
        if len(span.text) > MAX_CLAIM_CHARS:
            long += 1
            spans.extend((part, piece) for piece in _pieces(field, span))
        else:
            spans.append((part, span))

    if doc.title:
        start, end = title_furniture.core(doc.title)
        head = doc.title[start:end]
        if head and is_claim_sentence(head):
            add(TITLE, doc.title, Span(start, end, head))
            headline = _same_words(head)
    for span in claim_spans(doc.text, keep=text_furniture.core(doc.text)):
        if not (headline and _same_words(span.text) == headline):
            add(BODY, doc.text, span)
    first: dict[str, int] = {}
    unique: list[tuple[str, Span]] = []
    repeats: list[int] = []
    for part, span in spans:
        at = first.get(span.text)
        if at is None:
            first[span.text] = len(unique)
            unique.append((part, span))
            repeats.append(1)
        else:
            repeats[at] += 1
    if notes is not None:
        if long:
            notes.append(
                f"{doc.origin}: {long} sentence(s) longer than {MAX_CLAIM_CHARS} characters split at spaces"
            )
        if len(spans) > len(unique):
            notes.append(f"{doc.origin}: {len(spans) - len(unique)} repeated sentence(s) stored once")
        if len(unique) > MAX_CLAIMS_PER_DOCUMENT:
            notes.append(
                f"{doc.origin}: {len(unique)} claims; only the first {MAX_CLAIMS_PER_DOCUMENT} are kept"
            )
    unique = unique[:MAX_CLAIMS_PER_DOCUMENT]
    texts = [s.text for _, s in unique]
    frames = _frames(texts, doc.published) if with_frames and texts else [{} for _ in texts]
    return [
        Claim(text=s.text, start=s.start, end=s.end, frame=f, part=part, repeats=n)
        for (part, s), f, n in zip(unique, frames, repeats[: len(unique)], strict=True)
    ]


def _same_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


@dataclass
class _Pending:
    doc: Document
    claims: list[Claim]


class _Turns:
    """A fair lock: turns are served in the order they were asked for.

    A plain lock lets a long ingest take the model again and again while a query waits; here the query's
    turn comes after at most one turn of each caller ahead of it.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._next = 0
        self._serving = 0
        self._abandoned: set[int] = set()  # tickets of callers interrupted while waiting

    def __enter__(self) -> None:
        with self._cond:
            ticket = self._next
            self._next += 1
            try:
                while self._serving != ticket:
                    self._cond.wait()
            except BaseException:
                self._abandoned.add(ticket)
                self._skip_abandoned()
                raise

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self._serving += 1
            self._skip_abandoned()

    def _skip_abandoned(self) -> None:
        while self._serving in self._abandoned:
            self._abandoned.discard(self._serving)
            self._serving += 1
        self._cond.notify_all()


@dataclass
class _Batch:
    """Documents read since the last commit, and the vectors of their claims."""

    known: dict[str, np.ndarray]  # vectors given by the caller
    pending: list[_Pending] = field(default_factory=list)
    claims: int = 0
    to_embed: dict[str, str] = field(default_factory=dict)  # text hash -> text, not embedded yet
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    in_flight: set[str] = field(default_factory=set)  # text hashes being embedded in the worker thread

    def __post_init__(self) -> None:
        self.vectors.update(self.known)

    def add(self, item: _Pending) -> None:
        self.pending.append(item)
        self.claims += len(item.claims)
        for c in item.claims:
            if c.text_hash not in self.vectors and c.text_hash not in self.in_flight:
                self.to_embed.setdefault(c.text_hash, c.text)


class Corpus:
    """An index folder and the model that embeds into it.

    ``model``: a model name or folder; ``None`` uses ``$XCHECK_MODEL``, else the model the index was
    built with, else the bundled all-MiniLM-L6-v2. ``backend``: ``onnx`` or ``torch``; ``None`` uses
    ``$XCHECK_BACKEND``, else ONNX Runtime for the bundled model and sentence-transformers for any other.
    ``embedder`` replaces the model entirely (tests). ``read_only``: for a one-off reader (``xcheck
    query``): the vector file is memory-mapped rather than read, and any write raises ``StoreError``.
    """

    def __init__(
        self,
        index_dir: str | Path | None = None,
        *,
        model: str | None = None,
        embedder: Embedder | None = None,
        create: bool = False,
        frames: bool = True,
        backend: str | None = None,
        read_only: bool = False,
    ) -> None:
        if backend is not None:  # a bad --backend is said at once, before any work
            resolve_backend(backend, resolve_model_name(model))
        self.index_dir = resolve_index_dir(index_dir)
        self.store = IndexStore(self.index_dir, create=create, read_only=read_only)
        self.with_frames = frames
        self._embedder = embedder
        self._model_option = model
        self._backend_option = backend
        self._load_lock = threading.Lock()  # one model load across threads
        self._turns = _Turns()  # one model call at a time, first come first served
        self._stats: tuple[int, dict[str, Any]] | None = None  # (data version, stats) of the last count

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
    def backend(self) -> str:
        """The backend that embeds (``onnx`` or ``torch``), as chosen; raises ``UsageError`` for a bad
        choice."""
        return resolve_backend(self._backend_option, self.model_id)

    @property
    def model_loaded(self) -> bool:
        """Whether the model is in memory (the service's ``/health`` says so)."""
        return self._embedder is not None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            model_id = self.model_id
            backend = BACKEND_IDS[self.backend]
            self.store.check_model(model_id, backend=backend)  # before the (slow) load
            with self._load_lock:
                if self._embedder is None:
                    if self._backend_option is None:
                        loaded = make_embedder(model_id)
                    else:
                        loaded = make_embedder(model_id, backend=self._backend_option)
                    if self.store.read_only and hasattr(loaded, "optimize"):
                        loaded.optimize = False  # a one-off reader embeds a sentence: load fast (ONNX)
                    loaded.dim  # noqa: B018 - load the model now, under the lock
                    self._embedder = loaded
        embedder = self._embedder
        self.store.check_model(embedder.model_id, embedder.dim, getattr(embedder, "backend", None))
        return embedder

    def load_model(self) -> Embedder:
        """Load the model now rather than on first use (the service does this at start-up)."""
        return self.embedder

    def warm_up(self) -> None:
        """Load the model and the index's vectors now and run one query through both (the service does
        this at start-up), so that the first request is as fast as the others: at 1M claims reading
        the vector file takes seconds, and a model's first call allocates its buffers."""
        self.load_model()
        vectors = self.store.vectors()
        q = self.embed(["warm-up: the first call of a model allocates its buffers"])
        if vectors.size:
            vectors.search(q, 10)
        self.stats()  # counted once here rather than on the first /health

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts``; threads take turns on the model in small batches, cut from the texts
        sorted by length (less padding in each batch)."""
        import numpy as np

        embedder = self.embedder
        order = longest_first(texts)
        ordered = [texts[i] for i in order]
        parts = []
        for i in range(0, len(ordered), EMBED_TURN):
            with self._turns:
                parts.append(embedder.embed_batch(ordered[i : i + EMBED_TURN]))
        if not parts:
            return np.zeros((0, embedder.dim), dtype=np.float32)
        vecs = np.concatenate(parts) if len(parts) > 1 else parts[0]
        out = np.empty_like(vecs)
        out[order] = vecs
        return out

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
        from .ingest.readers import read_inputs

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
        if not docs:  # nothing to do: no model to load
            report.seconds = time.perf_counter() - started
            return report
        lock_timeout()  # a bad XCHECK_LOCK_TIMEOUT is reported before any slow work
        self.refresh_stale()
        from .overlap import EmbedAhead

        furniture = self.furniture_for(docs)
        with EmbedAhead(self.embed, ahead=EMBED_AHEAD) as ahead:
            self._ingest_loop(docs, furniture, ahead, report, progress, known_vectors)
        report.seconds = time.perf_counter() - started
        return report

    def _ingest_loop(
        self,
        docs: Sequence[Document],
        furniture: dict[str, tuple[Furniture, Furniture]],
        ahead: EmbedAhead,
        report: IngestReport,
        progress: Progress | None,
        known_vectors: dict[str, np.ndarray] | None,
    ) -> None:
        """Extract claims and frames document by document while ``ahead`` embeds the previous chunk;
        commit as often as ``COMMIT_EVERY_*`` says, with every vector of the batch in hand."""
        batch = _Batch(known=dict(known_vectors or {}), in_flight=ahead.in_flight)
        seen: set[str] = set()
        for n, doc in enumerate(docs, start=1):
            sha = doc.sha256
            if sha in seen or self.store.sql.has_sha(sha):
                report.skipped += 1
            else:
                seen.add(sha)
                claims = claims_of(
                    doc,
                    with_frames=self.with_frames,
                    furniture=furniture.get(doc.source or ""),
                    notes=report.notes,
                )
                batch.add(_Pending(doc, claims))
                if len(batch.to_embed) >= EMBED_CHUNK:  # embed as we go, in the worker thread
                    self._embed_ahead(batch, report, ahead)
            due = (
                n == len(docs)
                or len(batch.pending) >= COMMIT_EVERY_DOCS
                or batch.claims >= COMMIT_EVERY_CLAIMS
                or time.monotonic() - batch.started >= COMMIT_EVERY_SECONDS
            )
            if batch.pending and due:
                self._embed_ahead(batch, report, ahead)
                batch.vectors.update(ahead.drain())
                self._commit(batch, report)
                batch = _Batch(known=batch.known if known_vectors else {}, in_flight=ahead.in_flight)
            if progress is not None:
                progress(n, len(docs))

    def furniture_for(self, docs: Sequence[Document]) -> dict[str, tuple[Furniture, Furniture]]:
        """What each source of ``docs`` wraps its items in, learned from these documents and up to
        ``FURNITURE_SAMPLE`` stored ones of the same source."""
        items: list[tuple[str | None, str | None, str]] = [(d.source, d.title, d.text) for d in docs]
        for source in sorted({d.source for d in docs if d.source}):
            items.extend(self.store.sql.source_samples(source, FURNITURE_SAMPLE))
        from .claims.furniture import learn_by_source

        n = _FURNITURE_CHARS
        return learn_by_source(
            [
                (src, title, text if len(text) <= 2 * n else f"{text[:n]}\n\n{text[-n:]}")
                for src, title, text in items
            ]
        )

    def extractor_stale(self) -> bool:
        """The index was built by an older extractor (see ``EXTRACTOR_VERSION``)."""
        manifest = self.store.sql.manifest()
        return bool(manifest) and manifest.get("extractor_version") != EXTRACTOR_VERSION

    def refresh_stale(self) -> int:
        """Extract the claims of every stored document again when the index was built by an older
        extractor, from the stored article text; vectors of unchanged sentences are reused. Each batch
        is committed like an ingest, so an interrupted refresh goes on where it stopped. Returns how
        many documents were extracted again."""
        sql = self.store.sql
        if not self.extractor_stale():
            return 0
        done, last, upto = 0, 0, sql.max_document_id()
        report = IngestReport()
        while True:
            # replaced documents get new ids above ``upto``: each stored document is read once
            rows = sql.stored_documents(last, upto, REFRESH_BATCH)
            if not rows:
                break
            last = rows[-1][0]
            docs = [d for _, d in rows]
            furniture = self.furniture_for(docs)
            batch = _Batch(known={})
            for d in docs:
                batch.add(
                    _Pending(
                        d, claims_of(d, with_frames=self.with_frames, furniture=furniture.get(d.source or ""))
                    )
                )
            self._embed_batch(batch, report)
            self._commit(batch, report, refresh=True)
            done += len(docs)
        with self.store.locked(), self.store.rows_transaction():
            sql.set_manifest(extractor_version=EXTRACTOR_VERSION)
        return done

    def _known_vectors(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of claim texts already in the index (a known claim is never embedded twice)."""
        vectors_now = self.store.vectors()
        if not vectors_now.size or not hashes:
            return {}
        stored = self.store.sql.claim_ids_by_hash(hashes)
        present = set(vectors_now.all_ids().tolist())
        found = [h for h, cid in stored.items() if cid in present]  # a newer writer's claims: embed
        if not found:
            return {}
        return dict(zip(found, vectors_now.get([stored[h] for h in found]), strict=True))

    def _embed_ahead(self, batch: _Batch, report: IngestReport, ahead: EmbedAhead) -> None:
        """Hand the claims of ``batch`` that have no vector yet to ``ahead``; take what it finished."""
        if batch.to_embed:
            batch.vectors.update(self._known_vectors(list(batch.to_embed)))
            todo = {h: t for h, t in batch.to_embed.items() if h not in batch.vectors}
            batch.to_embed.clear()
            report.embedded += len(todo)
            batch.vectors.update(ahead.submit(list(todo), list(todo.values())))
        else:
            batch.vectors.update(ahead.submit([], []))

    def _embed_batch(self, batch: _Batch, report: IngestReport) -> None:
        """Vectors for the claims of ``batch`` that have none yet; no lock is held."""
        if not batch.to_embed:
            return
        batch.vectors.update(self._known_vectors(list(batch.to_embed)))
        todo = {h: t for h, t in batch.to_embed.items() if h not in batch.vectors}
        hashes, texts = list(todo), list(todo.values())
        for i in range(0, len(texts), EMBED_CHUNK):
            vecs = self.embed(texts[i : i + EMBED_CHUNK])
            for h, v in zip(hashes[i : i + EMBED_CHUNK], vecs, strict=True):
                batch.vectors[h] = v
        report.embedded += len(texts)
        batch.to_embed.clear()

    def commit_prepared(
        self,
        prepared: Sequence[tuple[Document, list[Claim]]],
        vectors: dict[str, np.ndarray],
        report: IngestReport,
        *,
        model_id: str,
        dim: int,
        claim_ids: dict[str, list[int]] | None = None,
    ) -> None:
        """Store documents whose claims were extracted (``claims_of``) and embedded elsewhere, such as
        on Ray workers (:mod:`xcheck.distributed`), through the same writer as ``ingest``: one
        transaction under the write lock; an article already stored (same content hash) is skipped.

        ``vectors`` maps the text hash of every claim to its vector, made by ``model_id``.
        ``claim_ids`` (by document hash) gives the ids of each document's claims, unused elsewhere
        (a sharded index allocates them across its shards); by default the next free ones."""
        self.store.check_model(model_id, dim)
        batch = _Batch(known=vectors)
        for doc, claims in prepared:
            batch.add(_Pending(doc, claims))
        batch.to_embed.clear()  # every vector is given: nothing is embedded here
        # the workers made them with make_embedder(model_id): the backend it resolves to, as here (a
        # corpus given its embedder records that one's, as a plain ingest does)
        backend = (
            getattr(self._embedder, "backend", None)
            if self._embedder is not None
            else BACKEND_IDS[resolve_backend(None, model_id)]
        )
        self._commit(batch, report, model=(model_id, dim, backend), claim_ids=claim_ids)

    def known_vectors(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of the claim texts with these hashes that are in the index already."""
        return self._known_vectors(hashes)

    def _commit(
        self,
        batch: _Batch,
        report: IngestReport,
        *,
        refresh: bool = False,
        model: tuple[str, int, str | None] | None = None,
        claim_ids: dict[str, list[int]] | None = None,
    ) -> None:
        """Store ``batch`` (embedded already) in one transaction under the index's write lock.

        ``refresh``: the documents are stored ones extracted again; each replaces itself if it is still
        stored unchanged. Otherwise the index is then wholly of this extractor, and says so.
        ``model``: the id, dimension and backend of the model that made the vectors (else this corpus's
        model)."""
        from numpy import stack

        sql = self.store.sql
        if model is None:
            embedder = self.embedder
            model = (embedder.model_id, embedder.dim, getattr(embedder, "backend", None))
        model_id, dim, backend = model
        by_hash = batch.vectors
        with self.store.locked():
            if refresh:  # still there, unchanged (another writer may have replaced it meanwhile)
                fresh = [
                    p
                    for p in batch.pending
                    if (old := sql.document_by_key(p.doc.doc_key or "")) is not None
                    and old.sha256 == p.doc.sha256
                ]
            else:  # another writer may have stored some of these articles while we embedded
                fresh = [p for p in batch.pending if not sql.has_sha(p.doc.sha256)]
                report.skipped += len(batch.pending) - len(fresh)
            if fresh:
                with self.store.transaction(model_id=model_id, dim=dim, backend=backend) as vectors:
                    next_id = sql.next_claim_id()
                    for p in fresh:
                        old = sql.document_by_key(p.doc.doc_key or "")
                        if old is not None:  # the same article, changed: replace it
                            vectors.remove(sql.claim_ids_of(old.id))
                            sql.delete_document(old.id)
                        if claim_ids is not None:  # given by the caller (a sharded index's global ids)
                            ids = list(claim_ids[p.doc.sha256])
                        else:
                            ids = list(range(next_id, next_id + len(p.claims)))
                            next_id += len(p.claims)
                        sql.add_document(p.doc, p.claims, ids)
                        if ids:
                            vectors.add(ids, stack([by_hash[c.text_hash] for c in p.claims]))
                    if not refresh and not self.extractor_stale():
                        sql.set_manifest(extractor_version=EXTRACTOR_VERSION)
                report.documents += len(fresh)
                report.claims += sum(len(p.claims) for p in fresh)

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
        q = self.embed([text])
        scores, ids = vectors.search(q, k)
        found = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        rows = self.store.sql.claims_with_docs([i for i, _ in found])
        hits = []
        for cid, score in found:
            r = rows.get(cid)
            if r is None:
                continue
            hits.append(Hit.from_row(cid, score, r))
        return hits

    # -- pairs ----------------------------------------------------------------------------------
    def pair_floor(self) -> float:
        return float(self.store.sql.manifest().get("pair_floor", PAIR_FLOOR))

    def claim_views(self, claim_ids: Sequence[int], *, with_event: bool = False) -> dict[int, ClaimView]:
        """The claims ``claim_ids`` as the judgement reads them: each stored frame typed once.
        ``with_event``: only the claims whose frame names an event (the others are not typed at all)."""
        from .pairing.relate import ClaimView

        rows = self.store.sql.claims_with_docs(claim_ids)
        out = {}
        for cid, r in rows.items():
            frame = decode_frame(r["frame"])
            if with_event and not frame.get("event"):
                continue
            out[cid] = ClaimView.from_stored(
                claim_id=cid,
                doc_id=int(r["doc_id"]),
                text=r["text"],
                frame=frame,
                source=r["source"],
                published=r["published"],
                start=int(r["start"]),
                end=int(r["end"]),
                part=str(r["part"]),
            )
        return out

    def update_pairs(self, floor: float | None = None, *, search: Callable[..., Any] | None = None) -> int:
        """Pair and judge the claims not paired yet; return how many pairs were judged (related pairs
        are judged but not stored).

        Only the neighbourhoods of new claims are searched. Asking for a floor below the stored one
        pairs everything again at the new floor. ``search`` replaces the neighbour search with one of
        the same signature and result as :func:`~xcheck.pairing.candidates.self_join` (the blocks on
        Ray workers of :mod:`xcheck.distributed`).
        """
        from .pairing.relate import JUDGE_VERSION, RELATED

        sql = self.store.sql
        stored_floor = self.pair_floor()
        want = stored_floor if floor is None else floor
        if not -1.0 <= want <= 1.0:
            raise UsageError(
                f"the similarity floor must lie between -1 and 1, got {want:g}", param="min_similarity"
            )
        self.refresh_stale()  # claims of an older extractor are extracted again first
        stale = sql.manifest().get("judge_version", JUDGE_VERSION) != JUDGE_VERSION
        if not sql.unpaired_claim_ids() and want >= stored_floor and not stale:
            return 0
        from .pairing.candidates import self_join  # FAISS: only when there is something to pair

        join = search or self_join

        with self.store.locked():
            # Another writer may have paired (or changed the floor) while we waited for the lock.
            stored_floor = self.pair_floor()
            stale = sql.manifest().get("judge_version", JUDGE_VERSION) != JUDGE_VERSION
            vectors = self.store.vectors()
            reset = want < stored_floor or stale
            new_ids = sql.all_claim_ids() if reset else sql.unpaired_claim_ids()
            if not new_ids:
                return 0
            floor_now = want if reset else stored_floor
            found = (
                join(vectors, floor=floor_now, k=PAIR_NEIGHBOURS, query_ids=new_ids, exhaustive=False)
                if vectors.size
                else []
            )
            found = self._with_event_pairs(found, vectors, None if reset else new_ids)
            judged = self._judged(found)
            # related pairs are not stored: pairs(relation="related") computes them when asked
            rows = [r for r in judged if r[3] != RELATED]
            with self.store.rows_transaction():
                if reset:
                    sql.reset_pairs()
                sql.set_manifest(pair_floor=floor_now, judge_version=JUDGE_VERSION)
                sql.save_pairs(rows)
                sql.mark_paired(new_ids)
            if reset:
                sql.vacuum()  # give back the space of the pairs judged again (and of old related ones)
            return len(judged)

    def _event_views(self) -> list[ClaimView]:
        """Every claim whose frame names an event."""
        views = self.claim_views(self.store.sql.all_claim_ids(), with_event=True)
        return [v for v in views.values() if v.frame.event]

    def _with_event_pairs(
        self, found: list[Any], vectors: Any, new_ids: Sequence[int] | None
    ) -> list[tuple[int, int, float]]:
        """The neighbour pairs plus the pairs of claims of one event that state who did it, with what, a
        denial or a state, whatever their similarity (their similarity is computed from the vectors)."""
        from .pairing.events import event_pairs

        more = event_pairs(
            found, self._event_views(), lambda ids: dict(zip(ids, vectors.get(ids), strict=True)), new_ids
        )
        if not more:
            return list(found)
        return sorted([*found, *more], key=lambda t: (t[0], t[1]))

    def events(self) -> list[Event]:
        """Events found in the claims' frames, with the judged pairs among their claims (stored pairs:
        call ``update_pairs`` first, as the CLI and the service do)."""
        from .pairing.events import build_events

        pairs = self.pairs()
        return build_events(self._event_views(), pairs)

    def event(self, event_id: str) -> Event:
        for e in self.events():
            if e.id == event_id:
                return e
        raise UsageError(f"no event {event_id!r} in this index; `xcheck events` lists them")

    def _judged(self, found: Sequence[tuple[int, int, float]]) -> list[tuple[Any, ...]]:
        """``(a, b, similarity, relation, confidence, reason, cue)`` of each candidate pair."""
        from .pairing.relate import judge

        views = self.claim_views(sorted({i for a, b, _ in found for i in (a, b)}))
        rows = []
        for a, b, sim in found:
            va, vb = views.get(a), views.get(b)
            if va is None or vb is None:
                continue
            j = judge(va, vb, sim)
            rows.append((a, b, float(sim), j.relation, j.confidence, j.reason, j.cue))
        return rows

    def _related_rows(self, min_similarity: float | None) -> list[dict[str, Any]]:
        """The related pairs, computed from the vectors (they are not stored): the same neighbour
        search and judgement as ``update_pairs``, reading only."""
        from .pairing.candidates import self_join
        from .pairing.relate import RELATED

        vectors = self.store.vectors()
        if not vectors.size:
            return []
        floor = max(self.pair_floor(), min_similarity if min_similarity is not None else -1.0)
        found = self_join(vectors, floor=floor, k=PAIR_NEIGHBOURS, exhaustive=False)
        judged = [r for r in self._judged(found) if r[3] == RELATED]
        docs = self.store.sql.claim_docs(sorted({i for r in judged for i in r[:2]}))
        keys = ("a", "b", "similarity", "relation", "confidence", "reason", "cue")
        return [{**dict(zip(keys, r, strict=True)), "doc_a": docs[r[0]], "doc_b": docs[r[1]]} for r in judged]

    def pairs(
        self,
        *,
        relation: str | None = None,
        min_similarity: float | None = None,
        same_document: bool = False,
        every_claim: bool = True,
    ) -> list[PairRecord]:
        """Judged pairs as stored, most important first. ``related`` pairs only when asked for by name.

        ``every_claim=False`` gives one finding per two articles: of the claim pairs of the same two
        articles with the same relation and cue (a headline and its lede that both contradict the other
        article), the first in order stands for the rest, which it counts in ``more``.

        Reading never writes: call ``update_pairs(floor=min_similarity)`` first to pair the claims
        added since the last call (the CLI and the service do).
        """
        from .pairing.clusters import PairRecord, per_article_pair
        from .pairing.relate import RELATIONS

        if relation is not None and relation not in RELATIONS:
            raise UsageError(
                f"unknown relation {relation!r}; choose one of {', '.join(RELATIONS)}", param="relation"
            )
        with self.store.sql.snapshot():  # pairs and their claims from one committed state
            keep = self._pair_rows(relation, min_similarity, same_document)
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
        return out if every_claim else per_article_pair(out)

    def _pair_rows(
        self, relation: str | None, min_similarity: float | None, same_document: bool
    ) -> list[Any]:
        from .pairing.relate import RELATED

        keep = []
        rows = self._related_rows(min_similarity) if relation == RELATED else self.store.sql.pair_rows()
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
        return keep

    def clusters(self, *, min_similarity: float | None = None) -> list[Cluster]:
        """Fact clusters over the judged pairs (pairs inside one article left out)."""
        from .pairing.clusters import build_clusters

        return build_clusters(self.pairs(min_similarity=min_similarity))

    def stats(self) -> dict[str, Any]:
        """Counts of documents, claims, sources and undated documents, the model and the size of the
        index folder. Counted again only when the database has changed since the last call (any
        commit, of this process or another: ``SqliteStore.data_version``); at 1M claims a count
        takes a noticeable time, and the service's ``/health`` asks for it on every call."""
        version = self.store.sql.data_version()  # read first: a commit during the count recounts next time
        cached = self._stats
        if cached is None or cached[0] != version:
            cached = (version, self._stats_now())
            self._stats = cached
        return dict(cached[1])

    def _stats_now(self) -> dict[str, Any]:
        counts = self.store.sql.counts()
        size = 0
        for p in self.index_dir.iterdir():
            with contextlib.suppress(OSError):  # a writer may remove an old vector file meanwhile
                if p.is_file():
                    size += p.stat().st_size
        return {
            **counts,
            "model": self.store.model_id,
            "backend": ",".join(self.store.backends) or None,
            "dim": self.store.dim,
            "index": str(self.index_dir),
            "index_bytes": size,
        }
