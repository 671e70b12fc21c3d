"""Cold start: whole ``xcheck`` processes timed from the outside, median of N, in one run.

    python benchmarks/cold.py [--data ../shared/data] [--index /work/data/cold-100k] [--claims 100000]
                              [--repeat 5] [--backend onnx|torch]

Times, each in a fresh interpreter: ``xcheck --help``, ``xcheck stats``, ``xcheck query`` on an index of
about ``--claims`` claims, ``xcheck ingest missing.txt``, and ``python -c "import sentence_transformers"``
as the yardstick. The commands take turns (one of each per round), so a busy spell of the shared machine
falls on all of them alike; the load average before and after is printed.

Each command's CPU time (user + system of the whole process, median) is printed too: on a busy shared
machine it moves much less than the wall time, and a single-threaded start takes about its CPU time on
an idle one.

The index is built once from real sentences of ``--data`` (BBC articles, RUWA titles and subheadings,
CheckThat! verified claims and their titles, MRPC, SICK and STS sentences; each file or item is one
document, frames off) and cached at ``--index``: keep it outside the repository. Embedding 100k
sentences takes a while on a busy 2-core machine: ``--sentences S.txt --vectors V.npy`` builds instead
from sentences (one a line, 20 to a document) whose vectors of the same model were computed already
(row i of V is line i of S, float32, e.g. by sentence-transformers); those vectors are stored as they are
(``known_vectors``), with the torch backend recorded, and only claims the lines do not match are embedded.
``--reuse DIR`` (repeatable) takes the vectors of claims already stored in another index of the same
model and backend (e.g. an ingest of RUWA), so that only the other claims are embedded; a build that
was stopped goes on where it stopped (stored documents are skipped by their hash).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data"
QUERY = "how many civilians were killed in the Kharkiv region"
TARGETS = {"help": 0.3, "missing file": 0.5, "query": 1.0}


def documents(data: Path) -> Iterator[tuple[str, str, str]]:
    """(source, title, text) of real items, in a fixed order."""
    csv.field_size_limit(1 << 24)
    with open(data / "ruwa" / "RUWA_04.08.23.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = " ".join(x.strip() for x in (row.get("title"), row.get("desc")) if x and x.strip())
            if text:
                yield row.get("Site") or "ruwa", "", text
    with open(data / "clef2020" / "verified_claims.docs.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            text = "\n\n".join(x.strip() for x in (row.get("vclaim"), row.get("title")) if x and x.strip())
            if text:
                yield "clef2020", "", text
    for path in sorted((data / "bbc").rglob("*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        head, _, body = raw.strip().partition("\n")
        yield "bbc", head.strip(), body
    sentences: list[str] = []
    for name in ("train.tsv", "val.tsv"):
        with open(data / "mrpc" / name, encoding="utf-8-sig") as fh:
            for cols in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                sentences.extend(cols[3:5])
    for name in ("sts_sick2014_SICK_train.txt", "sts_sick2014_SICK_trial.txt"):
        with open(data / "sick" / name, encoding="utf-8") as fh:
            for cols in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                sentences.extend(cols[1:3])
    for path in sorted((data / "sts-news").glob("*.tsv")):
        with open(path, encoding="utf-8") as fh:
            for cols in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                sentences.extend(cols[1:3])
    unique = list(dict.fromkeys(s.strip() for s in sentences if s.strip()))
    for i in range(0, len(unique), 20):
        yield "sentences", "", "\n\n".join(unique[i : i + 20])


def reused_vectors(dirs: list[Path]) -> dict[str, object]:
    """Text hash -> vector of every claim stored in the indexes ``dirs``."""
    from xcheck.store.index import IndexStore

    known: dict[str, object] = {}
    for d in dirs:
        store = IndexStore(d)
        try:
            rows = store.sql.db.execute("SELECT id, text_hash FROM claims").fetchall()
            vecs = store.vectors().get([int(r[0]) for r in rows])
            known.update((r[1], v) for r, v in zip(rows, vecs, strict=True))
        finally:
            store.close()
    return known


def build(index: Path, data: Path, claims: int, backend: str | None, reuse: list[Path] | None = None) -> None:
    from xcheck.corpus import Corpus, claims_of
    from xcheck.types import Document

    docs: list[Document] = []
    total = 0
    for n, (source, title, text) in enumerate(documents(data)):
        doc = Document(
            text=text, title=title or None, source=source, doc_key=f"{source}/{n}", origin=f"{source}/{n}"
        )
        got = len(claims_of(doc, with_frames=False))
        if not got:
            continue
        docs.append(doc)
        total += got
        if total >= claims:
            break
    known = reused_vectors(reuse or [])
    print(
        f"building {index}: {len(docs)} documents, about {total} claims (frames off), "
        f"{len(known)} vectors reused ...",
        flush=True,
    )
    t0 = time.perf_counter()
    with Corpus(index, create=True, frames=False, backend=backend) as c:
        report = c.ingest_documents(docs, progress=None, known_vectors=known)  # type: ignore[arg-type]
        stats = c.stats()
    print(
        f"built in {time.perf_counter() - t0:.0f} s: {stats['claims']} claims, "
        f"{report.embedded} embedded, {stats['index_bytes'] / 1e6:.0f} MB",
        flush=True,
    )


def build_from_vectors(index: Path, sentences: Path, vectors: Path, claims: int) -> None:
    import hashlib

    import numpy as np

    from xcheck.corpus import Corpus
    from xcheck.types import Document

    lines = sentences.read_text(encoding="utf-8").splitlines()[:claims]
    vecs = np.load(vectors, mmap_mode="r")
    known = {
        hashlib.sha256(t.strip().encode("utf-8")).hexdigest(): np.asarray(vecs[i])
        for i, t in enumerate(lines)
    }
    docs = [
        Document(
            text="\n\n".join(lines[i : i + 20]),
            source="sentences",
            doc_key=f"s{i}",
            origin=f"{sentences}:{i}",
        )
        for i in range(0, len(lines), 20)
    ]
    print(
        f"building {index}: {len(docs)} documents of {len(lines)} sentences with their vectors ...",
        flush=True,
    )
    t0 = time.perf_counter()
    with Corpus(index, create=True, frames=False, backend="torch") as c:
        report = c.ingest_documents(docs, known_vectors=known)
        stats = c.stats()
    print(
        f"built in {time.perf_counter() - t0:.0f} s: {stats['claims']} claims, "
        f"{report.embedded} embedded, {stats['index_bytes'] / 1e6:.0f} MB",
        flush=True,
    )


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, all threads) of one whole process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped here
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--index", type=Path, default=Path("/work/data/cold-100k"))
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--backend", default=None, help="backend for the build and the query (default: xcheck's)")
    ap.add_argument("--sentences", type=Path, help="build from these sentences (one a line) ...")
    ap.add_argument("--vectors", type=Path, help="... and their vectors (.npy, one row a line)")
    ap.add_argument("--reuse", type=Path, action="append", help="reuse the vectors of this index's claims")
    ap.add_argument("--build-only", action="store_true", help="build (or complete) the index, time nothing")
    args = ap.parse_args()
    if REPO in args.index.resolve().parents:
        sys.exit("cold.py: keep the index outside the repository (--index)")
    if not (args.index / "xcheck.sqlite").is_file() or args.build_only:
        if args.sentences and args.vectors:
            build_from_vectors(args.index, args.sentences, args.vectors, args.claims)
        else:
            build(args.index, args.data, args.claims, args.backend, args.reuse)
    if args.build_only:
        return

    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    if args.backend:
        env["XCHECK_BACKEND"] = args.backend
    xc = [sys.executable, "-m", "xcheck"]
    with tempfile.TemporaryDirectory() as tmp:
        cmds = {
            "help": [*xc, "--help"],
            "stats": [*xc, "stats", "--index", str(args.index)],
            "query": [*xc, "query", QUERY, "--index", str(args.index)],
            "missing file": [*xc, "ingest", str(Path(tmp) / "missing.txt"), "--index", str(Path(tmp) / "i")],
            "import sentence_transformers": [sys.executable, "-c", "import sentence_transformers"],
        }
        for cmd in cmds.values():  # one untimed pass: the page cache holds the files for every run
            run(cmd, env)
        load_before = os.getloadavg()
        times: dict[str, list[float]] = {name: [] for name in cmds}
        cpu: dict[str, list[float]] = {name: [] for name in cmds}
        for _ in range(args.repeat):
            for name, cmd in cmds.items():
                wall, used = run(cmd, env)
                times[name].append(wall)
                cpu[name].append(used)
        load_after = os.getloadavg()
    yard = statistics.median(times["import sentence_transformers"])
    print(
        f"{args.repeat} runs each on {os.cpu_count()} cores; load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after; backend {args.backend or 'default'}"
    )
    for name, ts in times.items():
        med = statistics.median(ts)
        target = TARGETS.get(name)
        verdict = (
            "" if target is None else f"  target <= {target:.1f} s: {'met' if med <= target else 'NOT met'}"
        )
        print(
            f"{name:<30} median {med:6.2f} s  (min {min(ts):.2f}, max {max(ts):.2f}), "
            f"CPU {statistics.median(cpu[name]):.2f} s  "
            f"= {med / yard:.2f} x import sentence_transformers{verdict}"
        )


if __name__ == "__main__":
    main()
