"""``xcheck ingest --ray``: reading, claims, frames and embedding as Ray tasks; one writer.

The flow, with the driver (the process that runs ``xcheck ingest``) in the middle:

1. **Read** (tasks): the input files are listed on the driver (folders walked as ``read_inputs``
   walks them) and read in groups of ``FILES_PER_TASK`` on the workers; stdin is read by the driver.
   A worker must see the paths: on a cluster they lie on a shared file system.
2. **Furniture** (driver): each outlet's furniture is learned from all the articles read and the
   stored ones (``Corpus.furniture_for``), as a plain ingest does, and shipped once to the object store.
3. **Claims and frames** (tasks): ``claims_of`` over groups of ``DOCS_PER_TASK`` new articles (an
   article already stored, same content hash, is skipped before any work).
4. **Embedding** (tasks): the claim texts not in the index yet, each once, in groups of
   ``EMBED_CHUNK``; each worker loads the model once from its own install (a first task that
   embeds nothing starts a load while the articles are read).
5. **Write** (driver): the results are taken in input order and committed through the one writer
   (``Corpus.commit_prepared``): the same transactions, claim ids and crash-safety as a plain ingest.

Every task is a function of its arguments and writes nothing, so a task lost with its worker is run
again by Ray (``TASK_RETRIES``) and gives the same result; the driver uses each result once. A
committed batch is in the index whatever happens after; an article is stored at most once, because
the writer skips content hashes already stored (a rerun after a crash of the driver goes on where
it stopped, as a plain ingest does).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import numpy as np

from ..claims.furniture import Furniture
from ..corpus import (
    COMMIT_EVERY_CLAIMS,
    COMMIT_EVERY_DOCS,
    COMMIT_EVERY_SECONDS,
    Corpus,
    Progress,
)
from ..ingest.readers import Metadata, _walk, format_for, read_inputs
from ..store.index import lock_timeout
from ..types import Claim, Document, IngestFailure, IngestReport
from . import cluster
from .tasks import ModelSpec, ReadUnit, embed, extract, read_units

FILES_PER_TASK = 64
DOCS_PER_TASK = 32
EMBED_CHUNK = 128  # texts per embedding task: small enough to spread even a small batch over the workers
MAX_SEALED = 2  # batches waiting for their vectors before the driver waits for the oldest


class Target(Protocol):
    """Where the results go: one index (:class:`CorpusTarget`) or a sharded one."""

    with_frames: bool

    def refresh_stale(self) -> int: ...
    def furniture_for(self, docs: Sequence[Document]) -> dict[str, tuple[Furniture, Furniture]]: ...
    def has_document(self, sha: str) -> bool: ...
    def known_vectors(self, hashes: Sequence[str]) -> dict[str, np.ndarray]: ...
    def check_model(self, model_id: str, dim: int | None = None) -> None: ...
    def commit_prepared(
        self,
        prepared: Sequence[tuple[Document, list[Claim]]],
        vectors: dict[str, np.ndarray],
        report: IngestReport,
        *,
        model_id: str,
        dim: int,
    ) -> None: ...


class CorpusTarget:
    """One index, written through the façade's own writer."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.with_frames = corpus.with_frames

    def refresh_stale(self) -> int:
        return self.corpus.refresh_stale()

    def furniture_for(self, docs: Sequence[Document]) -> dict[str, tuple[Furniture, Furniture]]:
        return self.corpus.furniture_for(docs)

    def has_document(self, sha: str) -> bool:
        return self.corpus.store.sql.has_sha(sha)

    def known_vectors(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        return self.corpus.known_vectors(hashes)

    def check_model(self, model_id: str, dim: int | None = None) -> None:
        self.corpus.store.check_model(model_id, dim)

    def commit_prepared(
        self,
        prepared: Sequence[tuple[Document, list[Claim]]],
        vectors: dict[str, np.ndarray],
        report: IngestReport,
        *,
        model_id: str,
        dim: int,
    ) -> None:
        self.corpus.commit_prepared(prepared, vectors, report, model_id=model_id, dim=dim)


def model_spec(corpus: Corpus) -> ModelSpec:
    """What the workers load: the corpus's model, made by ``xcheck.corpus.make_embedder`` as looked up
    now (so a replacement installed there is what the workers use too)."""
    import functools

    from .. import corpus as corpus_module

    name = corpus.model_id
    return ModelSpec(name, functools.partial(corpus_module.make_embedder, name))


def ingest(
    corpus: Corpus | Target,
    paths: Iterable[str],
    *,
    address: str | None = None,
    num_cpus: int | None = None,
    model: ModelSpec | None = None,
    fmt: str | None = None,
    encoding: str = "utf-8",
    stdin: BinaryIO | None = None,
    meta: Metadata | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """``Corpus.ingest`` on Ray: see the module's docstring. ``address``: see :func:`cluster.connect`;
    ``model`` defaults to the corpus's model (:func:`model_spec`)."""
    started = time.perf_counter()
    target = CorpusTarget(corpus) if isinstance(corpus, Corpus) else corpus
    if model is None:
        if not isinstance(corpus, Corpus):
            raise ValueError("model is required when ingesting into anything but a Corpus")
        model = model_spec(corpus)
    paths = list(paths)
    list(read_inputs([], fmt=fmt))  # an unknown format is a usage error before Ray starts
    with cluster.connect(address, num_cpus=num_cpus) as ray:
        probe = cluster.remote(ray, embed).remote(model, [])  # a worker loads the model meanwhile
        items = read_distributed(ray, paths, fmt=fmt, encoding=encoding, stdin=stdin, meta=meta)
        report = ingest_documents(ray, target, items, model=model, progress=progress, probe=probe)
    report.seconds = time.perf_counter() - started
    return report


def read_distributed(
    ray: Any,
    paths: Sequence[str],
    *,
    fmt: str | None = None,
    encoding: str = "utf-8",
    stdin: BinaryIO | None = None,
    meta: Metadata | None = None,
) -> list[Document | IngestFailure]:
    """What ``read_inputs(paths)`` gives, in the same order, the files read by Ray tasks."""
    meta = meta or Metadata()
    parts: list[Any] = []  # in input order: lists read here, or lists of units to read on workers
    for item in paths:
        path = Path(item)
        if item == "-":
            parts.append(list(read_inputs(["-"], fmt=fmt, encoding=encoding, stdin=stdin, meta=meta)))
        elif path.is_dir():
            files = [(f, format_for(f, fmt)) for f in _walk(path)]
            units = [ReadUnit(str(f), ff) for f, ff in files if ff is not None]
            parts.append(units or [ReadUnit(item, fmt)])  # an empty folder: read_inputs says so
        else:
            parts.append([ReadUnit(item, fmt)])
    read = cluster.remote(ray, read_units)
    pending: list[Any] = []  # lists of documents, or refs to them
    group: list[ReadUnit] = []

    def flush() -> None:
        if group:
            pending.append(read.remote(list(group), encoding, meta))
            group.clear()

    for part in parts:
        if part and isinstance(part[0], ReadUnit):
            for unit in part:
                group.append(unit)
                if len(group) >= FILES_PER_TASK:
                    flush()
        else:
            flush()
            pending.append(part)
    flush()
    out: list[Document | IngestFailure] = []
    for got in pending:
        out.extend(got if isinstance(got, list) else cluster.get(ray, got))
    return out


@dataclass
class _Batch:
    """Documents since the last commit, and where each of their claim texts gets its vector."""

    pending: list[tuple[Document, list[Claim]]] = field(default_factory=list)
    claims: int = 0
    need: dict[str, Any] = field(default_factory=dict)  # hash -> vector, or (ref, row)
    own: dict[str, Any] = field(default_factory=dict)  # hash -> ref, for the texts embedded for it
    refs: list[Any] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)


def ingest_documents(
    ray: Any,
    target: Target,
    items: Sequence[Document | IngestFailure],
    *,
    model: ModelSpec,
    progress: Progress | None = None,
    probe: Any = None,
) -> IngestReport:
    """Index already-read documents on Ray (``Corpus.ingest_documents``): see the module's docstring.

    ``probe``: the ref of an ``embed(model, [])`` task already submitted (else one is submitted)."""
    report = IngestReport()
    report.failed.extend(i for i in items if isinstance(i, IngestFailure))
    docs = [i for i in items if isinstance(i, Document)]
    if not docs:
        return report
    lock_timeout()  # a bad XCHECK_LOCK_TIMEOUT is reported before any slow work
    target.check_model(model.name)  # before the (slow) loads on the workers
    target.refresh_stale()
    furniture = target.furniture_for(docs)
    todo: list[Document] = []
    seen: set[str] = set()
    for doc in docs:
        if doc.sha256 in seen or target.has_document(doc.sha256):
            report.skipped += 1
        else:
            seen.add(doc.sha256)
            todo.append(doc)
    total = len(docs)
    _Pipeline(ray, target, model, report, progress, total, probe).run(todo, furniture)
    return report


class _Pipeline:
    def __init__(
        self,
        ray: Any,
        target: Target,
        model: ModelSpec,
        report: IngestReport,
        progress: Progress | None,
        total: int,
        probe: Any,
    ) -> None:
        self.ray = ray
        self.target = target
        self.model = model
        self.report = report
        self.progress = progress
        self.total = total
        self.done = report.skipped
        self.extract = cluster.remote(ray, extract)
        self.embed = cluster.remote(ray, embed)
        self.inflight: dict[str, Any] = {}  # hash -> (ref, row) embedded for a batch not committed yet
        self.queue: dict[str, str] = {}  # hash -> text, to embed
        self.sealed: deque[_Batch] = deque()
        self.batch = _Batch()
        self.model_info: tuple[str, int] | None = None
        self.probe = probe

    def run(self, todo: list[Document], furniture: dict[str, tuple[Furniture, Furniture]]) -> None:
        ray = self.ray
        if self.progress is not None:
            self.progress(self.done, self.total)
        if not todo:
            return
        if self.probe is None:  # the model's id and dimension; a worker loads the model meanwhile
            self.probe = self.embed.remote(self.model, [])
        shared = ray.put(furniture)
        chunks = [todo[i : i + DOCS_PER_TASK] for i in range(0, len(todo), DOCS_PER_TASK)]
        cpus = int(ray.cluster_resources().get("CPU", 1))
        window: deque[tuple[list[Document], Any]] = deque()
        nxt = 0
        while window or nxt < len(chunks):
            while nxt < len(chunks) and len(window) < 2 * cpus + 2:
                window.append(
                    (chunks[nxt], self.extract.remote(chunks[nxt], shared, self.target.with_frames))
                )
                nxt += 1
            chunk, ref = window.popleft()
            claims, notes = cluster.get(ray, ref)
            self.report.notes.extend(notes)
            for doc, doc_claims in zip(chunk, claims, strict=True):
                self._add(doc, doc_claims)
            self._commit_ready(final=False)
        self._seal()
        self._commit_ready(final=True)

    def _add(self, doc: Document, claims: list[Claim]) -> None:
        b = self.batch
        b.pending.append((doc, claims))
        b.claims += len(claims)
        for c in claims:
            h = c.text_hash
            if h in b.need or h in self.queue:
                continue
            if h in self.inflight:
                b.need[h] = self.inflight[h]
            else:
                self.queue[h] = c.text
        if len(self.queue) >= EMBED_CHUNK:
            self._flush()
        due = (
            len(b.pending) >= COMMIT_EVERY_DOCS
            or b.claims >= COMMIT_EVERY_CLAIMS
            or time.monotonic() - b.started >= COMMIT_EVERY_SECONDS
        )
        if due:
            self._seal()

    def _flush(self) -> None:
        """Submit the queued texts that the index has no vector for yet."""
        if not self.queue:
            return
        b = self.batch
        b.need.update(self.target.known_vectors(list(self.queue)))
        todo = [(h, t) for h, t in self.queue.items() if h not in b.need]
        self.queue.clear()
        for i in range(0, len(todo), EMBED_CHUNK):
            part = todo[i : i + EMBED_CHUNK]
            ref = self.embed.remote(self.model, [t for _, t in part])
            b.refs.append(ref)
            for row, (h, _) in enumerate(part):
                b.need[h] = self.inflight[h] = (ref, row)
                b.own[h] = ref
        self.report.embedded += len(todo)

    def _seal(self) -> None:
        self._flush()
        if self.batch.pending:
            self.sealed.append(self.batch)
        self.batch = _Batch()

    def _commit_ready(self, *, final: bool) -> None:
        """Commit the sealed batches, oldest first, whose vectors are in (all of them if ``final``)."""
        while self.sealed:
            b = self.sealed[0]
            if not (final or len(self.sealed) > MAX_SEALED or cluster.ready(self.ray, b.refs)):
                return
            self.sealed.popleft()
            self._commit(b)

    def _commit(self, b: _Batch) -> None:
        refs = list(dict.fromkeys(r for v in b.need.values() if isinstance(v, tuple) for r in v[:1]))
        results = dict(zip(refs, cluster.get(self.ray, refs), strict=True)) if refs else {}
        vectors: dict[str, np.ndarray] = {}
        for h, where in b.need.items():
            if isinstance(where, tuple):
                ref, row = where
                vecs, model_id, dim = results[ref]
                self._model(model_id, dim)
                vectors[h] = vecs[row]
            else:
                vectors[h] = where
        model_id, dim = self._model()
        self.target.commit_prepared(b.pending, vectors, self.report, model_id=model_id, dim=dim)
        for h, ref in b.own.items():
            if self.inflight.get(h, (None,))[0] is ref:
                del self.inflight[h]  # in the index now: later batches find it there
        self.done += len(b.pending)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _model(self, model_id: str | None = None, dim: int | None = None) -> tuple[str, int]:
        if self.model_info is None:
            if model_id is None or dim is None:
                _, model_id, dim = cluster.get(self.ray, self.probe)
            self.model_info = (str(model_id), int(dim))
        return self.model_info
