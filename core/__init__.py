"""The bottom layer: runtime settings and the extraction contract. Imports nothing else of the project."""
