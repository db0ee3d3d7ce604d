"""Nirdesh: Hindi review-meeting minutes in, trackable action items out."""

__version__ = "0.1.0"
