"""Background jobs, independent of the web app: the job body, the queues that run it, per-page splitting.

Data flows one way: ingest → nlp → extractors → store → jobs → api. The API submits jobs; a worker
process (``nirdesh worker``) imports this package and never the web app.
"""
