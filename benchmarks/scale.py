"""A 1M-claim index: build time, disk and memory per claim, query latency through the service, pairing
of new claims, and recall against exact search.

    python benchmarks/scale.py [--data DIR] [--work /work/data/scale] [--claims 1000000]
                               [--calibrate 1000] [--queries 300] [--new 10000]

**The claims.** The real sentences of ``benchmarks/pairing.py`` (RUWA titles and subheadings, BBC
headlines and body sentences, CheckThat! 2020 claims and tweets, MRPC, STS news, QuanTemp: 104k unique)
are embedded with the bundled model once (cached in ``--work``). Variants of them fill the index up to
``--claims``: each variant changes a real sentence's numbers (another number of the same size), years
(a year within 5), month and weekday names, and the places it names from a fixed list of 60 (another
place of the list); a sentence with none of these gets an attribution appended ("officials said", ...).
Embedding a million sentences is out of reach on two shared cores (the rate is measured and printed),
so **the vectors of variants are derived**: a sample of ``--calibrate`` variants is embedded with the
model and the cosine between each and its sentence measured; each derived vector is its sentence's
vector plus Gaussian noise scaled so that its cosine to the sentence is drawn from that measured
distribution (then L2-normalised). Each variant's frame is its sentence's frame as extracted by xcheck
(extracting a million frames would take an hour here); so are sizes on disk realistic but judgements of
variant pairs not. Documents hold four claims each.

**The build** goes through the store (``IndexStore.transaction`` and ``SqliteStore.add_document``,
100k claims a transaction, the store choosing the layout: float16, then an inverted file), not through
``ingest`` (whose per-500-documents commits rewrite the vector file: see the README). The index is
cached in ``--work``; delete it to build again.

**Measured**: build seconds; disk bytes per claim (all files of the index folder); the service's RSS
per claim after loading the index and answering the queries; warm ``GET /query`` p50 / p99 over
``--queries`` held-out variants (sequential, after 20 warm-up queries) through ``xcheck serve`` on
127.0.0.1; pairing ``--new`` new claims against the index (``update_pairs``: candidates and judgement);
recall of the 20 nearest neighbours above the pairing floor against exact float32 search.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import xcheck  # noqa: F401  first: it picks OpenBLAS's kernels before FAISS loads (xcheck/_blas.py)

# isort: split
import faiss
import numpy as np
from _common import DATA
from pairing import build_sentences

from xcheck.corpus import EXTRACTOR_VERSION, PAIR_FLOOR, PAIR_NEIGHBOURS, Corpus, claims_of
from xcheck.embed import BACKEND_IDS, DEFAULT_MODEL_ID, ONNX
from xcheck.pairing.candidates import self_join
from xcheck.store.index import IndexStore
from xcheck.store.sqlite import decode_frame
from xcheck.store.vectors import KEEP_OLD_SECONDS
from xcheck.types import Claim, Document

WORK = Path("/work/data/scale")
BACKEND = BACKEND_IDS[ONNX]  # the vectors' backend as the index records it: the default's


def words(text: str) -> list[str]:
    return text.split()


PER_DOC = 4
PLACES = words(
    "Kyiv Kharkiv Odesa Lviv Dnipro Mariupol Kherson Donetsk Luhansk Zaporizhzhia Moscow London Paris "
    "Berlin Warsaw Washington Beijing Tokyo Delhi Madrid Rome Vienna Prague Budapest Minsk Ankara Cairo "
    "Lagos Nairobi Sydney Toronto Chicago Boston Texas California Florida Ohio Scotland Wales Ireland "
    "France Germany Poland Russia Ukraine China India Japan Spain Italy Brazil Mexico Canada Australia "
    "Turkey Egypt Nigeria Kenya Belarus Britain"
)
MONTHS = words("January February March April May June July August September October November December")
DAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
SAYS = (", officials said.", ", according to reports.", ", a spokesperson said.", ", the agency said.")
_NUM = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])")
_WORDS = re.compile(r"\b(" + "|".join(PLACES + MONTHS + DAYS) + r")\b")


def vary(text: str, rng: np.random.Generator) -> str:
    """One variant of a real sentence (see the module docstring)."""

    def number(m: re.Match[str]) -> str:
        raw = m.group(0).replace(",", "")
        value = float(raw)
        if 1900 <= value <= 2030 and "." not in raw:
            return str(int(value) + int(rng.integers(-5, 6)))
        new = max(1, round(value * float(rng.uniform(0.5, 1.6)) + int(rng.integers(-3, 4))))
        return f"{new:,}" if "," in m.group(0) else str(new)

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        pool = MONTHS if w in MONTHS else DAYS if w in DAYS else PLACES
        return str(pool[int(rng.integers(len(pool)))])

    out = _WORDS.sub(word, _NUM.sub(number, text))
    if out == text:
        out = text.rstrip(". ") + str(SAYS[int(rng.integers(len(SAYS)))])
    return out


def real_claims(
    work: Path, data: Path, indexes: list[Path], max_id: int = 0
) -> tuple[list[str], np.ndarray, list[str] | None, float]:
    """The real sentences, their vectors, their frames (None: extract them) and the model's rate in
    sentences per second (0 when nothing was embedded here).

    With ``indexes``, the claims of existing indexes built with the bundled model are read instead of
    embedding ``data`` again (unique texts, their stored vectors and frames): embedding 104k sentences
    took longer than the time there was on the shared machine. ``max_id``: only the claims with ids up
    to this (0: all); the first ``n`` claims of an index this script built are its ``n`` real
    sentences, so such an index gives back the very claims it was built from (as float16), whatever
    has become of the index they came from."""
    if indexes:
        texts: list[str] = []
        parts: list[np.ndarray] = []
        frames: list[str] = []
        seen: set[str] = set()
        for folder in indexes:
            store = IndexStore(folder)
            try:
                with store.sql.snapshot():
                    if store.model_id != DEFAULT_MODEL_ID:
                        raise SystemExit(f"{folder} was built with {store.model_id}, not {DEFAULT_MODEL_ID}")
                    vectors = store.vectors()
                    rows = store.sql.db.execute(
                        "SELECT id, text, frame FROM claims WHERE ? = 0 OR id <= ? ORDER BY id",
                        (max_id, max_id),
                    ).fetchall()
            finally:
                store.close()
            keep = []
            for r in rows:
                if r[1] not in seen:
                    seen.add(r[1])
                    keep.append(r)
            texts += [r[1] for r in keep]
            frames += [json.dumps(decode_frame(r[2]), ensure_ascii=False) for r in keep]
            parts.append(vectors.get([int(r[0]) for r in keep]))
        return texts, np.concatenate(parts), frames, 0.0
    texts, _ = build_sentences(data, 10_000_000)
    cache, names, secs = work / "real.npy", work / "real.txt", work / "real.seconds"
    if cache.is_file() and names.is_file() and secs.is_file():
        cached = names.read_text(encoding="utf-8").split("\n")[:-1]
        if cached == [t.replace("\n", " ") for t in texts]:
            return texts, np.load(cache), None, len(texts) / float(secs.read_text())
    from xcheck.embed import SentenceTransformerEmbedder

    start = time.perf_counter()
    vecs = SentenceTransformerEmbedder().embed_batch(texts)
    seconds = time.perf_counter() - start
    np.save(cache, vecs)
    names.write_text("".join(t.replace("\n", " ") + "\n" for t in texts), encoding="utf-8")
    secs.write_text(f"{seconds:.3f}\n")
    return texts, vecs, None, len(texts) / seconds


def calibrate(work: Path, texts: list[str], vecs: np.ndarray, m: int) -> tuple[np.ndarray, float]:
    """Cosines between ``m`` embedded variants and their sentences, and the seconds embedding took."""
    cache = work / f"calibration-{m}.npy"
    if cache.is_file():
        c = np.load(cache)
        return c[1:], float(c[0])
    from xcheck.embed import make_embedder

    rng = np.random.default_rng(99)
    rows = rng.choice(len(texts), size=m, replace=False)
    variants = [vary(texts[i], rng) for i in rows]
    start = time.perf_counter()
    got = make_embedder().embed_batch(variants)  # the default backend (ONNX), as the service embeds
    seconds = time.perf_counter() - start
    cos = np.einsum("ij,ij->i", got, vecs[rows]).astype(np.float64)
    np.save(cache, np.concatenate([[seconds], cos]))
    return cos, seconds


def frames_of(work: Path, texts: list[str]) -> list[str]:
    """The frame (JSON) of each real sentence as xcheck extracts it, cached."""
    cache = work / "frames.jsonl"
    if cache.is_file():
        lines = cache.read_text(encoding="utf-8").split("\n")[:-1]
        if len(lines) == len(texts):
            return lines
    out = []
    for t in texts:
        claims = claims_of(Document(text=t, doc_key="x"), with_frames=True)
        out.append(json.dumps(claims[0].frame if claims else {}, ensure_ascii=False))
    cache.write_text("".join(f + "\n" for f in out), encoding="utf-8")
    return out


def derive(base: np.ndarray, cos: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Vectors at a cosine drawn from ``cos`` to each row of ``base`` (noise orthogonal on average)."""
    target = np.clip(rng.choice(cos, size=base.shape[0]), 0.3, 0.999)
    sigma = np.sqrt(1.0 / target**2 - 1.0).astype(np.float32)
    noise = rng.standard_normal(base.shape).astype(np.float32)
    noise -= np.einsum("ij,ij->i", noise, base)[:, None] * base
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    out = base + sigma[:, None] * noise
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


class Claims:
    """The claims of the benchmark: variant ``j`` of sentence ``j % n`` (variant 0 is the sentence)."""

    def __init__(self, texts: list[str], vecs: np.ndarray, frames: list[str], cos: np.ndarray) -> None:
        self.texts, self.vecs, self.frames, self.cos = texts, vecs, frames, cos

    def make(self, start: int, stop: int, seed: int) -> tuple[list[str], np.ndarray, list[str]]:
        n = len(self.texts)
        rng = np.random.default_rng(seed)
        base = np.arange(start, stop) % n
        first = np.arange(start, stop) < n
        texts = [self.texts[b] if f else vary(self.texts[b], rng) for b, f in zip(base, first, strict=True)]
        vecs = self.vecs[base].copy()
        derived = ~first
        if derived.any():
            vecs[derived] = derive(vecs[derived], self.cos, rng)
        return texts, vecs, [self.frames[b] for b in base]


def add_claims(
    store: IndexStore, model_id: str, texts: list[str], vecs: np.ndarray, frames: list[str], tag: str
) -> None:
    """Store ``texts`` as documents of ``PER_DOC`` claims in one transaction, marked ``paired``."""
    sql = store.sql
    with store.locked(), store.transaction(model_id=model_id, dim=vecs.shape[1], backend=BACKEND) as vectors:
        next_id = sql.next_claim_id()
        ids = list(range(next_id, next_id + len(texts)))
        for d in range(0, len(texts), PER_DOC):
            chunk = texts[d : d + PER_DOC]
            body = " ".join(chunk)
            claims, at = [], 0
            for i, t in enumerate(chunk):
                claims.append(Claim(text=t, start=at, end=at + len(t), frame=json.loads(frames[d + i])))
                at += len(t) + 1
            doc = Document(
                text=body, title=None, source=f"outlet{d % 50}", doc_key=f"{tag}-{ids[d]}", origin=tag
            )
            sql.add_document(doc, claims, ids[d : d + PER_DOC])
        vectors.add(ids, vecs)
        sql.set_manifest(extractor_version=EXTRACTOR_VERSION)  # frames as this xcheck extracts them


def build(index_dir: Path, claims: Claims, total: int, model_id: str, step: int) -> float:
    if index_dir.exists():
        shutil.rmtree(index_dir)
    store = IndexStore(index_dir, create=True)
    start = time.perf_counter()
    try:
        for s in range(0, total, step):
            texts, vecs, frames = claims.make(s, min(s + step, total), seed=s)
            add_claims(store, model_id, texts, vecs, frames, "scale")
            print(f"  built {min(s + step, total):,} claims, {time.perf_counter() - start:.0f} s", flush=True)
        with store.locked(), store.rows_transaction():
            store.sql.db.execute("UPDATE claims SET paired = 1")
            store.sql.set_manifest(pair_floor=PAIR_FLOOR)
        seconds = time.perf_counter() - start
        time.sleep(KEEP_OLD_SECONDS + 1)
        with store.locked():  # older generations' files go once no reader can need them
            pass
    finally:
        store.close()
    return seconds


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def serve_queries(index_dir: Path, queries: list[str], checkout: Path | None = None) -> dict[str, float]:
    """p50 / p99 of GET /query through ``xcheck serve`` on 127.0.0.1, and the server's RSS after.

    ``checkout``: run the service of that xcheck checkout instead of this one (to compare versions)."""
    port = free_port()
    root = checkout or Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    cmd = [sys.executable, "-m", "xcheck", "serve", "--index", str(index_dir.resolve()), "--port", str(port)]
    proc = subprocess.Popen(  # run in the checkout: `python -m` puts the working directory first
        cmd, env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"

    def get(path: str, timeout: float = 120.0) -> bytes:
        with urllib.request.urlopen(base + path, timeout=timeout) as r:
            return bytes(r.read())

    try:
        launched = time.perf_counter()
        deadline = time.monotonic() + 600
        while True:  # /health answers at once; "ready" once the model and the vectors are loaded
            try:
                health = json.loads(get("/health", timeout=30))
                if health.get("status") == "error":
                    raise RuntimeError(f"the service could not load its model: {health.get('error')}")
                if health.get("ready"):
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"the service did not start: {err[-2000:]}") from None
            time.sleep(0.2)
        ready_s = time.perf_counter() - launched
        started = time.perf_counter()
        get("/query?" + urllib.parse.urlencode({"q": queries[0], "k": 10}), timeout=600)
        first = time.perf_counter() - started
        for q in queries[1:21]:
            get("/query?" + urllib.parse.urlencode({"q": q, "k": 10}))
        times = []
        for q in queries[21:]:
            t = time.perf_counter()
            get("/query?" + urllib.parse.urlencode({"q": q, "k": 10}))
            times.append(time.perf_counter() - t)
        rss = rss_bytes(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    ms = np.array(times) * 1000
    return {
        "ready_s": ready_s,
        "first_query_s": first,
        "p50_ms": float(np.percentile(ms, 50)),
        "p99_ms": float(np.percentile(ms, 99)),
        "n": len(times),
        "rss": rss,
    }


def query_parts(index_dir: Path, queries: list[str]) -> dict[str, float]:
    """p50 of ``Corpus.query`` in this process and of its parts timed apart (embedding the query,
    searching the vectors, reading the rows), after the same warm-up as the service's."""
    parts: dict[str, list[float]] = {"query": [], "embed": [], "search": [], "rows": []}
    with Corpus(index_dir) as c:
        c.warm_up()
        for q in queries[:20]:
            c.query(q, k=10)
        for q in queries[20:]:
            t0 = time.perf_counter()
            c.query(q, k=10)
            t1 = time.perf_counter()
            v = c.embed([q])
            t2 = time.perf_counter()
            _, ids = c.store.vectors().search(v, 10)
            t3 = time.perf_counter()
            c.store.sql.claims_with_docs([int(i) for i in ids[0] if i >= 0])
            t4 = time.perf_counter()
            for name, dt in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                parts[name].append(dt)
    return {f"{name}_p50_ms": float(np.median(ts)) * 1000 for name, ts in parts.items()}


def top_above(scores: np.ndarray, ids: np.ndarray, qids: np.ndarray, floor: float) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for q, srow, irow in zip(qids.tolist(), scores, ids, strict=True):
        out |= {
            (q, int(i))
            for s, i in zip(srow.tolist(), irow.tolist(), strict=True)
            if s >= floor and i != q and i >= 0
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--calibrate", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--new", type=int, default=10_000, help="new claims to pair (0: skip pairing)")
    parser.add_argument(
        "--compare-with",
        type=Path,
        help="another xcheck checkout: its service is timed first on the same index and queries",
    )
    parser.add_argument("--step", type=int, default=100_000, help="claims a transaction in the build")
    parser.add_argument(
        "--from-index",
        type=Path,
        action="append",
        default=[],
        help="repeatable: take real claims, vectors and frames from this index instead of embedding --data",
    )
    parser.add_argument(
        "--real-ids",
        type=int,
        default=0,
        help="with --from-index: only the claims with ids up to this (e.g. the real sentences of a cached "
        "1M index: --from-index /work/data/scale/index-1000000 --real-ids 31221)",
    )
    parser.add_argument(
        "--recall-queries", type=int, default=1000, help="queries of the recall measurement (0: skip it)"
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    out: dict[str, object] = {"claims": args.claims, "load_at_start": os.getloadavg()[0]}

    texts, vecs, frames_read, rate = real_claims(args.work, args.data, args.from_index, args.real_ids)
    cos, cal_s = calibrate(args.work, texts, vecs, args.calibrate)
    rate = rate or args.calibrate / cal_s
    print(f"real sentences: {len(texts):,}; the model embeds {rate:.0f} sentences/s here")
    print(
        f"calibration: {cos.size} variants embedded in {cal_s:.1f} s; cosine to their sentence "
        f"median {np.median(cos):.3f}, 5th percentile {np.percentile(cos, 5):.3f}"
    )
    t = time.perf_counter()
    frames = frames_read if frames_read is not None else frames_of(args.work, texts)
    print(f"frames of the real sentences: {len(frames):,} ({time.perf_counter() - t:.0f} s)")
    claims = Claims(texts, vecs, frames, cos)
    embedded = min(len(texts), args.claims)
    out.update(embed_rate=rate, embedded=embedded, derived=args.claims - embedded)
    print(
        f"claims: {args.claims:,}: {embedded:,} embedded by the model, {args.claims - embedded:,} derived "
        f"({(args.claims - embedded) / args.claims:.1%}); at {rate:.0f}/s embedding them all would take "
        f"{args.claims / rate / 3600:.1f} h"
    )

    index_dir = args.work / f"index-{args.claims}"
    done = index_dir / "build.json"
    if not done.is_file():
        seconds = build(index_dir, claims, args.claims, DEFAULT_MODEL_ID, args.step)
        done.write_text(json.dumps({"seconds": seconds}))
    build_s = json.loads(done.read_text())["seconds"]
    disk = disk_bytes(index_dir) - done.stat().st_size
    out.update(build_s=build_s, disk_bytes=disk, disk_per_claim=disk / args.claims)
    store = IndexStore(index_dir)
    layout = store.vectors().layout
    files = {p.name: p.stat().st_size for p in index_dir.iterdir() if p.is_file() and p.name != "build.json"}
    store.close()
    print(
        f"build: {build_s:.0f} s; layout {layout}; disk {disk / 1e6:.0f} MB = "
        f"{disk / args.claims:.0f} B a claim {files}"
    )

    # held-out variants (seeds beyond the build's) as queries and as new claims
    q_texts, q_vecs, _ = claims.make(args.claims, args.claims + args.queries, seed=10**9)
    load = os.getloadavg()[0]
    if args.compare_with:
        load = os.getloadavg()[0]
        other = serve_queries(index_dir, q_texts, args.compare_with)
        out.update(query_compared=other, compared_with=str(args.compare_with))
        print(
            f"service of {args.compare_with}: ready {other['ready_s']:.1f} s; first query "
            f"{other['first_query_s'] * 1000:.0f} ms; warm GET /query p50 {other['p50_ms']:.1f} ms, p99 "
            f"{other['p99_ms']:.1f} ms (load average {load:.1f} before, {os.getloadavg()[0]:.1f} after)"
        )
    load = os.getloadavg()[0]
    served = serve_queries(index_dir, q_texts)
    out.update(
        query=served, rss_per_claim=served["rss"] / args.claims, load_service=(load, os.getloadavg()[0])
    )
    print(
        f"service: ready {served['ready_s']:.1f} s after launch (model and vectors loaded); first query "
        f"{served['first_query_s'] * 1000:.0f} ms; warm GET /query p50 "
        f"{served['p50_ms']:.1f} ms, p99 {served['p99_ms']:.1f} ms over {served['n']}; RSS "
        f"{served['rss'] / 1e6:.0f} MB = {served['rss'] / args.claims:.0f} B a claim "
        f"(load average {load:.1f} before, {os.getloadavg()[0]:.1f} after)"
    )

    load = os.getloadavg()[0]
    parts = query_parts(index_dir, q_texts)
    out.update(in_process=parts, load_in_process=(load, os.getloadavg()[0]))
    print(
        "in-process p50: Corpus.query {query_p50_ms:.1f} ms = embedding {embed_p50_ms:.1f} + search "
        "{search_p50_ms:.1f} + rows {rows_p50_ms:.1f} (load average {0:.1f} / {1:.1f})".format(
            load, os.getloadavg()[0], **parts
        )
    )

    # recall of the 20 nearest neighbours above the floor, against exact float32 search
    n_rec = min(args.recall_queries, q_vecs.shape[0])
    if n_rec:
        exact = faiss.IndexFlatIP(vecs.shape[1])
        for s in range(0, args.claims, args.step):
            exact.add(claims.make(s, min(s + args.step, args.claims), seed=s)[1])
        store = IndexStore(index_dir)
        lean = store.vectors()
        r_vecs = q_vecs[:n_rec]
        e_s, e_i = exact.search(r_vecs, PAIR_NEIGHBOURS)
        del exact
        l_s, l_i = lean.search(r_vecs, PAIR_NEIGHBOURS)
        qids = np.arange(r_vecs.shape[0])
        want = top_above(e_s, e_i + 1, qids, PAIR_FLOOR)  # claim ids start at 1
        got = top_above(l_s, l_i, qids, PAIR_FLOOR)
        recall = len(want & got) / max(len(want), 1)
        out.update(recall=recall, recall_pairs=len(want))
        print(
            f"recall of the {PAIR_NEIGHBOURS} nearest above {PAIR_FLOOR} ({n_rec} queries, {len(want):,} "
            f"neighbours): {recall:.4f}"
        )
        store.close()

    if args.new == 0:  # --new 0: the query figures only
        out["load_at_end"] = os.getloadavg()[0]
        (args.work / f"results-{args.claims}-queries.json").write_text(json.dumps(out, indent=1))
        print(f"load average: {out['load_at_start']:.1f} at the start, {out['load_at_end']:.1f} at the end")
        return 0

    # pairing of new claims against the index
    work_copy = args.work / "index-pairing"
    if work_copy.exists():
        shutil.rmtree(work_copy)
    shutil.copytree(index_dir, work_copy)
    store = IndexStore(work_copy)
    n_texts, n_vecs, n_frames = claims.make(
        args.claims + 10**6, args.claims + 10**6 + args.new, seed=10**9 + 1
    )
    t = time.perf_counter()
    add_claims(store, DEFAULT_MODEL_ID, n_texts, n_vecs, n_frames, "new")
    add_s = time.perf_counter() - t
    store.close()
    with Corpus(work_copy) as c:
        new_ids = c.store.sql.unpaired_claim_ids()
        t = time.perf_counter()
        found = self_join(
            c.store.vectors(), floor=c.pair_floor(), k=PAIR_NEIGHBOURS, query_ids=new_ids, exhaustive=False
        )
        cand_s = time.perf_counter() - t
        t = time.perf_counter()
        judged = c.update_pairs()
        pair_s = time.perf_counter() - t
    shutil.rmtree(work_copy)
    out.update(
        new=args.new,
        add_new_s=add_s,
        candidates_s=cand_s,
        candidates=len(found),
        update_pairs_s=pair_s,
        judged=judged,
    )
    print(
        f"pairing {args.new:,} new claims: storing them {add_s:.1f} s; candidates (self_join) "
        f"{cand_s:.1f} s, {len(found):,} pairs; update_pairs (candidates + judgement + storing) "
        f"{pair_s:.1f} s, {judged:,} judged"
    )
    out["load_at_end"] = os.getloadavg()[0]
    (args.work / f"results-{args.claims}.json").write_text(json.dumps(out, indent=1))
    print(
        f"load average: {out['load_at_start']:.1f} at the start, {out['load_at_end']:.1f} at the end "
        "(2 cores)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
