"""benchmarks/eval_clef.py with the embedder of a chosen backend (eval_clef.py itself uses torch).

python benchmarks/clef_backend.py onnx|torch [eval_clef.py arguments]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import eval_clef

from xcheck.embed import make_embedder

if __name__ == "__main__":
    backend = sys.argv[1] if len(sys.argv) > 1 else "onnx"
    eval_clef.SentenceTransformerEmbedder = lambda: make_embedder(None, backend=backend)  # type: ignore[assignment,misc]
    print(f"backend: {backend}")
    raise SystemExit(eval_clef.main(sys.argv[2:]))
