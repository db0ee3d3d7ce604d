"""HTTP API (FastAPI): uploads, documents, action items, review, jobs, stats and tokens."""
