"""Reliability probe: kills during ingest, readers racing a writer, bad inputs, a loaded service.

    python benchmarks/reliability.py [--kills 30] [--readers 4] [--seconds 20] [--real-model] [--json]

1. Kills: an ingest of synthetic articles is killed with SIGKILL, at random moments and at five points
   of the commit path; after each kill the index is checked (claims == vectors, FAISS ids == claim
   ids, every document committed before is still there, none twice) and the run resumed.
2. Readers: reader processes open the index afresh, again and again (stats, vectors, a search),
   while a writer process commits small changes; every exception is an error.
3. Bad inputs: each is given to `xcheck ingest` and `xcheck check` in a subprocess with a time limit;
   a traceback or a hang counts against it.
4. Service: `/health` and `/query` are timed while `POST /ingest` of 3,000 sentences (334 KB) runs.

Parts 1-3 use a fast stand-in model unless --real-model; part 4 always uses the bundled model.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from xcheck import corpus as corpus_mod  # noqa: E402
from xcheck.corpus import Corpus  # noqa: E402
from xcheck.embed import normalise  # noqa: E402

HERE = Path(__file__).resolve()
TOTAL = 4000  # articles of one kill run (about 4 s per 1,000 here with the stand-in model)
COMMIT_POINTS = ("rows-added", "vector-file-half-written", "vector-file-renamed", "committed", "cleanup")


class StandIn:
    """A hashed bag of words: fast, deterministic, no model files."""

    model_id = "probe/bag-of-words"
    dim = 64

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0
        return normalise(out)


def _use_stand_in(real: bool) -> None:
    if not real:
        corpus_mod.make_embedder = lambda name=None: StandIn()  # type: ignore[assignment,misc]


def articles(n: int, seed: int = 0) -> list[dict[str, str]]:
    rng = random.Random(seed)
    cities = ["Kharkiv", "Odesa", "Lviv", "Mariupol", "Kherson", "Dnipro", "Sumy", "Poltava"]
    out = []
    for i in range(n):
        city = rng.choice(cities)
        sentences = [
            f"Officials said {rng.randint(2, 900)} civilians have been killed in {city} since February 24.",
            f"The regional governor said {rng.randint(2, 90)} aid convoys reached {city} this week.",
            f"More than {rng.randint(1, 12)} million people have fled the {city} region, the UN said.",
            f"Article {i} was filed from {city} on day {rng.randint(1, 28)}.",
        ]
        out.append({"id": f"a{i}", "source": f"Outlet {i % 9}", "text": " ".join(sentences)})
    return out


# -- 1. kills ------------------------------------------------------------------------------------------
def child_ingest(index: str, data: str, point: str | None, real: bool) -> None:
    """Ingest ``data``; with ``point``, SIGKILL this process there on the second commit."""
    _use_stand_in(real)
    corpus_mod.COMMIT_EVERY_DOCS = 100  # many commits, so kills land between and inside them
    if point:
        from xcheck.store import index as index_mod
        from xcheck.store import sqlite as sqlite_mod
        from xcheck.store import vectors as vectors_mod

        commits = {"n": 0}

        def die() -> None:
            os.kill(os.getpid(), signal.SIGKILL)

        real_add, real_write = sqlite_mod.SqliteStore.add_document, vectors_mod.write_file
        real_replace, real_commit = os.replace, sqlite_mod.SqliteStore.commit
        real_stale = index_mod.remove_stale

        def add_document(self: Any, *args: Any) -> int:
            doc_id = real_add(self, *args)
            if point == "rows-added" and commits["n"] == 1:
                die()
            return doc_id

        def write_file(path: Path, data: memoryview) -> None:
            if point == "vector-file-half-written" and commits["n"] == 1:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.write(fd, data[: len(data) // 2])
                die()
            real_write(path, data)

        def replace(src: Any, dst: Any) -> None:
            real_replace(src, dst)
            if point == "vector-file-renamed" and commits["n"] == 1 and str(dst).endswith(".faiss"):
                die()

        def commit(self: Any) -> None:
            real_commit(self)
            commits["n"] += 1
            if point == "committed" and commits["n"] == 2:
                die()

        def remove_stale(*args: Any, **kwargs: Any) -> None:
            if point == "cleanup" and commits["n"] == 2:
                die()
            real_stale(*args, **kwargs)

        sqlite_mod.SqliteStore.add_document = add_document  # type: ignore[method-assign]
        sqlite_mod.SqliteStore.commit = commit  # type: ignore[method-assign]
        vectors_mod.write_file = write_file
        vectors_mod.os.replace = replace  # type: ignore[assignment]
        index_mod.remove_stale = remove_stale
    with Corpus(index, create=True) as c:
        c.ingest([data])


def index_state(index: Path, real: bool) -> dict[str, Any]:
    _use_stand_in(real)
    with Corpus(index) as c:
        sql = c.store.sql
        keys = [r[0] for r in sql.db.execute("SELECT doc_key FROM documents")]
        claim_ids = set(sql.all_claim_ids())
        vectors = c.store.vectors()
        ids = set(vectors.all_ids().tolist())
        return {
            "keys": set(keys),
            "duplicates": len(keys) - len(set(keys)),
            "in_step": ids == claim_ids and vectors.size == len(claim_ids),
        }


def probe_kills(n: int, real: bool, rng: random.Random) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "articles.jsonl"
        data.write_text("\n".join(json.dumps(a) for a in articles(TOTAL)), encoding="utf-8")
        plan: list[str | None] = list(COMMIT_POINTS) + [None] * max(0, n - len(COMMIT_POINTS))
        survived = lost = broken = finished = 0
        rounds: list[dict[str, Any]] = []
        for round_, point in enumerate(plan[:n]):
            index = Path(tmp) / f"idx{round_ % 3}"  # three indexes, each killed again and again
            before = index_state(index, real)["keys"] if index.exists() else set()
            if len(before) == TOTAL:
                for p in index.iterdir():
                    p.unlink()
                index.rmdir()
                before = set()
            cmd = [sys.executable, str(HERE), "--child", "ingest", str(index), str(data), point or "-"]
            if real:
                cmd.append("--real-model")
            child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if point is None:
                time.sleep(rng.uniform(0.3, 5.0))
                child.send_signal(signal.SIGKILL)
            try:
                _, err = child.communicate(timeout=300)
            except subprocess.TimeoutExpired:
                child.kill()
                _, err = child.communicate()
            after = index_state(index, real)
            if child.returncode != -signal.SIGKILL:
                finished += 1  # the run ended before the kill came: not counted as a kill
                continue
            rounds.append({"point": point or "random", "before": len(before), "after": len(after["keys"])})
            ok = after["in_step"] and not after["duplicates"] and before <= after["keys"]
            lost += len(before - after["keys"])
            broken += 0 if ok else 1
            survived += 1 if ok else 0
            if b"Traceback" in err:
                broken += 1
        return {
            "kills": len(rounds),
            "runs_that_finished_first": finished,
            "survived_with_nothing_lost": survived,
            "committed_documents_lost": lost,
            "broken": broken,
            "commit_points": list(COMMIT_POINTS),
            "rounds": rounds,
        }


# -- 2. readers ----------------------------------------------------------------------------------------
def child_writer(index: str, stop: str, real: bool) -> None:
    _use_stand_in(real)
    from xcheck.store import vectors as vectors_mod
    from xcheck.types import Document

    vectors_mod.KEEP_OLD_SECONDS = 0.0  # the harshest case: old files go at once
    n = 0
    with Corpus(index) as c:
        while not Path(stop).exists():
            n += 1
            text = f"Officials said {n} civilians were killed in region {n}. Aid convoy {n} arrived."
            c.ingest_documents([Document(text=text, doc_key=f"k{n % 11}")])
    print(n)


def child_reader(index: str, seconds: float, real: bool) -> None:
    _use_stand_in(real)
    opens = errors = 0
    samples: list[str] = []
    query = StandIn().embed_batch(["civilians killed"])
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        opens += 1
        try:
            with Corpus(index) as c:
                c.stats()
                c.store.vectors().search(query, 3)
        except Exception as exc:
            errors += 1
            if len(samples) < 3:
                samples.append(f"{type(exc).__name__}: {exc}")
    print(json.dumps({"opens": opens, "errors": errors, "samples": samples}))


def probe_readers(readers: int, seconds: float, real: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        index, stop = Path(tmp) / "idx", Path(tmp) / "stop"
        _use_stand_in(real)
        from xcheck.types import Document

        with Corpus(index, create=True) as c:
            c.ingest_documents([Document(text="Officials said 5 civilians were killed.", doc_key="seed")])
        extra = ["--real-model"] if real else []
        writer = subprocess.Popen(
            [sys.executable, str(HERE), "--child", "writer", str(index), str(stop), *extra],
            stdout=subprocess.PIPE,
            text=True,
        )
        procs = [
            subprocess.Popen(
                [sys.executable, str(HERE), "--child", "reader", str(index), str(seconds), *extra],
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(readers)
        ]
        results = [json.loads(p.communicate(timeout=seconds + 120)[0]) for p in procs]
        stop.touch()
        commits = int(writer.communicate(timeout=60)[0].strip() or 0)
    return {
        "reader_processes": readers,
        "fresh_opens": sum(r["opens"] for r in results),
        "errors": sum(r["errors"] for r in results),
        "error_samples": [s for r in results for s in r["samples"]][:3],
        "writer_commits": commits,
        "seconds": seconds,
    }


# -- 3. bad inputs -------------------------------------------------------------------------------------
def bad_inputs(folder: Path) -> dict[str, list[str]]:
    """Name -> paths of inputs that once broke or hung ingest, or might."""
    folder.mkdir(parents=True, exist_ok=True)

    def put(name: str, data: bytes | str) -> str:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)

    good = put("good.md", "---\nsource: A\n---\nOfficials said 606 civilians have been killed in Kharkiv.\n")
    cases: dict[str, list[str]] = {
        "jsonl nested 1,000 deep": [put("deep.jsonl", "[" * 1000 + "]" * 1000 + "\n"), good],
        "jsonl nested 100,000 deep": [put("deeper.jsonl", '{"a":' * 100_000 + "\n"), good],
        "jsonl not an object": [put("list.jsonl", "[1, 2]\n42\n"), good],
        "jsonl bad date and types": [
            put("types.jsonl", '{"text": "A said 5 died.", "published": "tomorrow", "title": {}}\n'),
        ],
        "empty file": [put("empty.txt", "")],
        "binary file": [put("binary.txt", bytes(range(256)) * 10)],
        "invalid utf-8": [put("latin.txt", "Caf\xe9 said 5 died.".encode("latin-1"))],
        "html nested 100,000 deep": [put("deep.html", "<div>" * 100_000 + "Officials said 5 died.")],
        "front matter broken": [put("front.md", "---\npublished: 31/31/2022\n---\nOfficials said 5 died.\n")],
        "missing file": [str(folder / "no-such-file.md")],
        "folder without articles": [str(folder / "empty-dir")],
        "10 MB of one repeated sentence": [put("repeat.txt", "Officials said 5 civilians died. " * 330_000)],
        "10 MB run-on line of words": [put("runon.txt", "word " * 2_000_000)],
        "file name with a newline": [put("evil\nxcheck: error: forged.md", "")],
        "control characters in text": [put("ctrl.txt", "Officials\x00 said\x1b[31m 5 died.")],
    }
    (folder / "empty-dir").mkdir(exist_ok=True)
    if hasattr(os, "mkfifo"):
        fifo_dir = folder / "with-fifo"
        fifo_dir.mkdir(exist_ok=True)
        os.mkfifo(fifo_dir / "pipe.txt")
        (fifo_dir / "good.md").write_text("Officials said 7 civilians have been killed in Odesa.\n")
        os.mkfifo(folder / "named-fifo.md")
        cases["FIFO in a folder"] = [str(fifo_dir)]
        cases["FIFO named directly"] = [str(folder / "named-fifo.md"), good]
    return cases


def child_cli(real: bool, *args: str) -> None:
    _use_stand_in(real)
    from xcheck.cli.app import app

    sys.argv = ["xcheck", *args]
    app()


def probe_bad_inputs(real: bool, timeout: float = 120) -> dict[str, Any]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = bad_inputs(Path(tmp) / "in")
        index = str(Path(tmp) / "idx")
        for name, paths in cases.items():
            for command in ("ingest", "check"):
                cmd = [sys.executable, str(HERE), "--child", "cli", command, *paths, "--index", index]
                if command == "check":
                    cmd.append("--json")
                if real:
                    cmd.append("--real-model")
                t0 = time.perf_counter()
                try:
                    done = subprocess.run(cmd, capture_output=True, timeout=timeout)
                    code, err, hung = done.returncode, done.stderr.decode(errors="replace"), False
                except subprocess.TimeoutExpired as exc:
                    code, err, hung = None, (exc.stderr or b"").decode(errors="replace"), True
                rows.append(
                    {
                        "input": name,
                        "command": command,
                        "exit": code,
                        "seconds": round(time.perf_counter() - t0, 1),
                        "traceback": "Traceback" in err,
                        "hung": hung,
                        "stderr_lines": len(err.splitlines()),
                        "first_line": err.splitlines()[0] if err.strip() else "",
                    }
                )
        _use_stand_in(real)
        with Corpus(index) as c:
            sizes = c.stats()
    return {
        "inputs": len(cases),
        "runs": len(rows),
        "tracebacks": sum(r["traceback"] for r in rows),
        "hangs": sum(r["hung"] for r in rows),
        "index_after": {"claims": sizes["claims"], "bytes": sizes["index_bytes"]},
        "rows": rows,
    }


# -- 4. service ----------------------------------------------------------------------------------------
def probe_service() -> dict[str, Any]:
    import httpx
    import uvicorn

    from xcheck.service.app import create_app
    from xcheck.service.http import server_config

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Path(tmp) / "idx")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        server = uvicorn.Server(server_config(app, "127.0.0.1", port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}"
        httpx.post(f"{url}/ingest", json={"text": "Officials said 5 died in Kharkiv."}, timeout=120)
        rng = random.Random(1)
        cities = ["Kharkiv", "Odesa", "Lviv", "Mariupol", "Kherson", "Dnipro", "Sumy", "Poltava"]
        body = [
            {
                "id": f"s{i}",
                "text": f"Officials said {rng.randint(1, 10**6)} aid trucks reached {rng.choice(cities)} "
                f"on day {i} after waiting {rng.randint(2, 40)} hours at the border crossing.",
            }
            for i in range(3000)
        ]  # 3,000 sentences, about 330 KB of JSON
        size = len(json.dumps(body).encode())
        result: dict[str, Any] = {}

        def ingest() -> None:
            t0 = time.perf_counter()
            r = httpx.post(f"{url}/ingest", json=body, timeout=600)
            result.update(status=r.status_code, seconds=time.perf_counter() - t0)

        writer = threading.Thread(target=ingest)
        writer.start()
        health: list[float] = []
        query: list[float] = []
        while writer.is_alive():
            t0 = time.perf_counter()
            httpx.get(f"{url}/health", timeout=120).raise_for_status()
            health.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            httpx.get(f"{url}/query", params={"q": "aid trucks"}, timeout=120).raise_for_status()
            query.append(time.perf_counter() - t0)
            time.sleep(0.1)
        writer.join()
        server.should_exit = True
        thread.join(10)
    return {
        "ingest_bytes": size,
        "ingest_sentences": len(body),
        "ingest_seconds": round(result["seconds"], 1),
        "ingest_status": result["status"],
        "health_ms": {"median": round(statistics.median(health) * 1000), "max": round(max(health) * 1000)},
        "query_ms": {"median": round(statistics.median(query) * 1000), "max": round(max(query) * 1000)},
        "samples": len(health),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=25.0, help="how long the readers read")
    parser.add_argument("--real-model", action="store_true", help="parts 1-3 with the bundled model too")
    parser.add_argument("--only", choices=["kills", "readers", "inputs", "service"], action="append")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    parts = args.only or ["kills", "readers", "inputs", "service"]
    rng = random.Random(args.seed)
    out: dict[str, Any] = {}
    if "kills" in parts:
        out["kills"] = probe_kills(args.kills, args.real_model, rng)
    if "readers" in parts:
        out["readers"] = probe_readers(args.readers, args.seconds, args.real_model)
    if "inputs" in parts:
        out["inputs"] = probe_bad_inputs(args.real_model)
    if "service" in parts:
        out["service"] = probe_service()
    if args.json:
        print(json.dumps(out, indent=2, default=str))
        return
    if "kills" in out:
        k = out["kills"]
        print(f"kills: {k['survived_with_nothing_lost']} of {k['kills']} survived with nothing lost "
              f"({k['committed_documents_lost']} committed documents lost, "
              f"{k['broken']} broken)")  # fmt: skip
    if "readers" in out:
        r = out["readers"]
        print(f"readers: {r['fresh_opens']} fresh opens by {r['reader_processes']} processes during "
              f"{r['writer_commits']} commits: {r['errors']} errors {r['error_samples']}")  # fmt: skip
    if "inputs" in out:
        i = out["inputs"]
        print(f"bad inputs: {i['inputs']} inputs, {i['runs']} runs: {i['tracebacks']} tracebacks, "
              f"{i['hangs']} hangs; index after: {i['index_after']}")  # fmt: skip
        for row in i["rows"]:
            print(f"  {row['input']:<34} {row['command']:<6} exit {row['exit']}  {row['seconds']:>5} s  "
                  f"{row['first_line'][:90]}")  # fmt: skip
    if "service" in out:
        s = out["service"]
        print(f"service: POST /ingest of {s['ingest_sentences']} sentences ({s['ingest_bytes']} bytes) took "
              f"{s['ingest_seconds']} s; meanwhile /health median {s['health_ms']['median']} ms, max "
              f"{s['health_ms']['max']} ms; /query median {s['query_ms']['median']} ms, max "
              f"{s['query_ms']['max']} ms ({s['samples']} samples)")  # fmt: skip


def child_main(argv: list[str]) -> None:
    real = "--real-model" in argv
    argv = [a for a in argv if a != "--real-model"]
    kind, rest = argv[0], argv[1:]
    if kind == "ingest":
        child_ingest(rest[0], rest[1], None if rest[2] == "-" else rest[2], real)
    elif kind == "writer":
        child_writer(rest[0], rest[1], real)
    elif kind == "reader":
        child_reader(rest[0], float(rest[1]), real)
    elif kind == "cli":
        child_cli(real, *rest)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        with contextlib.suppress(KeyboardInterrupt):
            child_main(sys.argv[2:])
    else:
        main()
