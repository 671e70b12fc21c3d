"""Embedding in a worker thread while the caller extracts the next claims and frames.

Claim extraction and frames are pure Python and hold the GIL; ONNX Runtime (and torch) release it while
they compute, so a single worker thread for the model lets both cores work without a second process
(and without a second copy of the model). The pieces are per batch, so any driver can use them: the
corpus's ingest does, and a distributed ingest can run the same ``EmbedAhead`` in each worker.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

Embed = Callable[[Sequence[str]], np.ndarray]


class EmbedAhead:
    """Queue batches of texts for ``embed`` in one worker thread; collect their vectors by key.

    ``ahead``: how many batches may wait or run before ``submit`` blocks for the oldest, so memory stays
    bounded when extraction runs faster than the model. Errors of ``embed`` are raised by the ``submit``
    or ``drain`` that collects the failed batch. Use as a context manager: leaving it cancels what has
    not started and waits for the batch that runs (the model is never left mid-call).
    """

    def __init__(self, embed: Embed, *, ahead: int = 2) -> None:
        self._embed = embed
        self.ahead = max(1, ahead)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xcheck-embed")
        self._queue: deque[tuple[list[str], Future[np.ndarray]]] = deque()
        self.in_flight: set[str] = set()  # keys submitted and not collected yet

    def submit(self, keys: Sequence[str], texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Queue ``texts`` (``keys`` name them); returns the vectors of the batches finished so far."""
        if len(keys) != len(texts):
            raise ValueError("one key per text")
        done = self._collect(block_beyond=self.ahead - 1)
        if texts:
            self._queue.append((list(keys), self._pool.submit(self._embed, list(texts))))
            self.in_flight.update(keys)
        return done

    def drain(self) -> dict[str, np.ndarray]:
        """Wait for every queued batch; their vectors by key."""
        return self._collect(block_beyond=0)

    def _collect(self, block_beyond: int) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        while self._queue and (len(self._queue) > block_beyond or self._queue[0][1].done()):
            keys, future = self._queue.popleft()
            self.in_flight.difference_update(keys)
            vectors = future.result()
            out.update(zip(keys, vectors, strict=True))
        return out

    def close(self) -> None:
        for _, future in self._queue:
            future.cancel()
        self._queue.clear()
        self.in_flight.clear()
        self._pool.shutdown(wait=True)

    def __enter__(self) -> EmbedAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
