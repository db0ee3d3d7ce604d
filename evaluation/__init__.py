"""Checks against the shared dev set beside the repo (``make eval``); ``make test`` never needs it."""
