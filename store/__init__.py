"""Storage layer: SQLAlchemy models, repository functions, original files on disk, migrations.

Imports only ``nirdesh.schema``/``nirdesh.settings`` from the project; never ``api`` or the CLI.
"""
