"""How values are rounded for print, in one place (leaf module, standard library only).

Half away from zero (Cito: "7,5 wordt 8"), done in decimal so that 12,25
becomes 12,3 and not 12,2 (Python's own rounding works on the binary value,
half to even). One precision per chart: every value a figure shows, and every
sentence about those values, uses the same number of decimals (0 or 1).
Claims are computed on the values as printed, so a sentence can always be
checked against the figure beside it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache


@lru_cache(maxsize=8192)          # the same few hundred values are rounded for every factsheet
def rounded(value: float, decimals: int = 0) -> Decimal:
    """The value as printed with `decimals` decimals (ROUND_HALF_UP is away from zero)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def round_half_away(value: float, decimals: int = 0) -> float:
    """12.25 -> 12.3 (one decimal), 0.5 -> 1.0, -7.5 -> -8.0."""
    return float(rounded(value, decimals))


def decimals_needed(values) -> int:
    """0 when every value is whole once rounded to one decimal, else 1."""
    return 0 if all(rounded(v, 1) == rounded(v, 0) for v in values) else 1
