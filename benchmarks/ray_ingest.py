"""Plain ingest vs ingest on a local Ray instance, end to end, and the cost of each stage.

    python benchmarks/ray_ingest.py PATH... [--repeat 2] [--cpus 2] [--json]

Each round ingests ``PATH...`` into a fresh temporary index twice, alternating: plain (``Corpus.ingest``,
the model loaded in the process) and on Ray (``xcheck.distributed.ingest``: a local Ray instance with
``--cpus`` CPUs started, the model loaded on each worker). Both times are wall clock from the call to
the committed index, start-up and model loads included, as a user sees them; then ``pairs`` (plain and
``--ray``) on the index just built. The load average is printed before each run: the machine may be
shared. Finally one plain pass is split into its stages (read, furniture + claims + frames, embedding,
write) to give the per-claim costs that the projection in the README starts from.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from xcheck.corpus import EMBED_CHUNK, Corpus, claims_of
from xcheck.distributed.ingest import ingest as ray_ingest
from xcheck.distributed.pairs import update_pairs_on_ray
from xcheck.ingest.readers import read_inputs
from xcheck.types import Document


def load() -> float:
    return round(os.getloadavg()[0], 2)


def plain_run(paths: list[str], index: Path) -> dict[str, Any]:
    before = load()
    t0 = time.perf_counter()
    with Corpus(index, create=True) as c:
        report = c.ingest(paths)
        t1 = time.perf_counter()
        c.update_pairs()
    t2 = time.perf_counter()
    return {
        "mode": "plain",
        "load_before": before,
        "ingest_s": round(t1 - t0, 1),
        "pairs_s": round(t2 - t1, 1),
        "documents": report.documents,
        "claims": report.claims,
    }


def ray_run(paths: list[str], index: Path, cpus: int) -> dict[str, Any]:
    before = load()
    t0 = time.perf_counter()
    with Corpus(index, create=True) as c:
        report = ray_ingest(c, paths, num_cpus=cpus)
        t1 = time.perf_counter()
    update_pairs_on_ray_local(index, cpus)
    t2 = time.perf_counter()
    return {
        "mode": "ray",
        "load_before": before,
        "ingest_s": round(t1 - t0, 1),
        "pairs_s": round(t2 - t1, 1),
        "documents": report.documents,
        "claims": report.claims,
    }


def update_pairs_on_ray_local(index: Path, cpus: int) -> None:
    from xcheck.distributed import cluster

    with Corpus(index) as c, cluster.connect("local", num_cpus=cpus):
        update_pairs_on_ray(c)  # uses the instance started here


def stages(paths: list[str], index: Path) -> dict[str, Any]:
    """One plain pass split into its stages (seconds and milliseconds per claim)."""
    writes: list[float] = []
    real_commit = Corpus._commit

    def timed_commit(self: Corpus, *args: Any, **kwargs: Any) -> None:
        t = time.perf_counter()
        real_commit(self, *args, **kwargs)
        writes.append(time.perf_counter() - t)

    Corpus._commit = timed_commit  # type: ignore[method-assign]
    try:
        with Corpus(index, create=True) as c:
            t0 = time.perf_counter()
            docs = [d for d in read_inputs(paths) if isinstance(d, Document)]
            t1 = time.perf_counter()
            furniture = c.furniture_for(docs)
            claims = [claims_of(d, furniture=furniture.get(d.source or "")) for d in docs]
            t2 = time.perf_counter()
            c.load_model()
            t3 = time.perf_counter()
            by_hash = {cl.text_hash: cl.text for cs in claims for cl in cs}
            hashes, texts = list(by_hash), list(by_hash.values())
            vectors = {}
            for i in range(0, len(texts), EMBED_CHUNK):
                vecs = c.embed(texts[i : i + EMBED_CHUNK])
                vectors.update(zip(hashes[i : i + EMBED_CHUNK], vecs, strict=True))
            t4 = time.perf_counter()
            report = c.ingest_documents(docs, known_vectors=vectors)  # extraction again, then the write
            t5 = time.perf_counter()
            c.update_pairs()
            t6 = time.perf_counter()
    finally:
        Corpus._commit = real_commit  # type: ignore[method-assign]
    n = sum(len(cs) for cs in claims)
    out: dict[str, Any] = {
        "documents": len(docs),
        "claims": n,
        "unique_texts": len(texts),
        "read_s": t1 - t0,
        "extract_s": t2 - t1,
        "model_load_s": t3 - t2,
        "embed_s": t4 - t3,
        "write_s": sum(writes),
        "commits": len(writes),
        "pairs_s": t6 - t5,
        "ingested": report.documents,
    }
    for key in ("read_s", "extract_s", "embed_s", "write_s", "pairs_s"):
        out[key.replace("_s", "_ms_per_claim")] = round(1000 * out[key] / max(n, 1), 3)
        out[key] = round(out[key], 2)
    out["model_load_s"] = round(out["model_load_s"], 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage pass")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.repeat):
            for mode in ("plain", "ray"):
                index = Path(tmp) / f"{mode}-{r}"
                run = (
                    plain_run(args.paths, index) if mode == "plain" else ray_run(args.paths, index, args.cpus)
                )
                run["round"] = r
                runs.append(run)
                print(json.dumps(run), file=sys.stderr, flush=True)
        result: dict[str, Any] = {"runs": runs}
        for mode in ("plain", "ray"):
            times = [x["ingest_s"] for x in runs if x["mode"] == mode]
            result[f"{mode}_ingest_best_s"] = min(times)
        result["overhead_best"] = round(result["ray_ingest_best_s"] / result["plain_ingest_best_s"] - 1, 3)
        if not args.no_stages:
            result["stages"] = stages(args.paths, Path(tmp) / "stages")
            print(json.dumps(result["stages"]), file=sys.stderr, flush=True)
    result["cpus"] = os.cpu_count()
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for run in runs:
            print(
                f"round {run['round']} {run['mode']:<5} ingest {run['ingest_s']:7.1f} s  pairs "
                f"{run['pairs_s']:6.1f} s  ({run['documents']} documents, {run['claims']} claims; "
                f"load average before {run['load_before']})"
            )
        print(
            f"best: plain {result['plain_ingest_best_s']} s, ray {result['ray_ingest_best_s']} s, "
            f"overhead {100 * result['overhead_best']:+.1f} %"
        )
        if "stages" in result:
            print("stages:", json.dumps(result["stages"]))


if __name__ == "__main__":
    main()
