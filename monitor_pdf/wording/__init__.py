"""Wording stage: numbers and comparisons in Dutch, and the factsheet's texts."""
