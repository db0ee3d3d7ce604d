"""Extractors: directives, people, deadlines, targets and meeting facts from Hindi text."""

from extractors.document import EXTRACTOR_VERSION, extract_document

__all__ = ["EXTRACTOR_VERSION", "extract_document"]
