"""Moved to the ``jobs`` package (a worker must not need the web app); kept so old imports still work."""

from jobs.queue import EmbeddedJobQueue, JobQueue
from jobs.runner import ExtractionFailed, extract_and_store, extract_document_bytes, resume_jobs, run_job

__all__ = ["EmbeddedJobQueue", "ExtractionFailed", "JobQueue", "extract_and_store", "extract_document_bytes",
           "resume_jobs", "run_job"]
