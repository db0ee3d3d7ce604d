"""Builders shared by the tests: sample documents, hostile files, seeded stores, local servers."""
