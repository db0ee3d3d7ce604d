"""Storage layer: SQLAlchemy models, repository functions, the keyword index maintenance
(``store.fts``), original files on disk (local or S3) and migrations.

Imports ``core`` and ``nlp`` (the folding and word analysis its indexes store); never ``jobs``,
``search``, ``exporters``, ``api`` or the CLI.
"""
