"""xcheck beyond one machine: ingest and pairing as Ray tasks, and a sharded index.

Ray is an optional extra (``pip install 'xcheck[ray]'``); importing this package does not import it.

- :mod:`.cluster`: connecting (a local instance, ``auto``, or an address), tasks with time limits.
- :mod:`.tasks`: what a worker runs (reading, ``claims_of``, embedding, one block of the search).
- :mod:`.ingest`: ``xcheck ingest --ray``; results are written by the one writer on the driver.
- :mod:`.pairs`: ``xcheck pairs --ray``; the neighbour search in idempotent blocks.
- :mod:`.shards`: an index split by document hash into shards, queries and pairs fanned out.
"""
