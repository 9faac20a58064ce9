"""Numbers as a Dutch text writes them: decimal comma, thousands with a point.

Rounding is half away from zero, with one precision per chart (rounding.py).
"""

from __future__ import annotations

from monitor_pdf.rounding import rounded

# Appended to a number that is illustrative, not published, and to a sentence
# that rests on such a number; the footer says so.
ILLUSTRATIVE_MARK = "*"


def format_number(value: float, decimals: int = 0) -> str:
    text = f"{rounded(value, decimals):,.{decimals}f}"                # 1,234.5
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_pct(value: float, decimals: int = 0) -> str:
    """47 -> '47%', 12.25 with one decimal -> '12,3%'."""
    return f"{format_number(value, decimals)}%"


def format_value(value: float, illustrative: bool, decimals: int = 0) -> str:
    """A percentage shown on its own (bar label, callout): '81%', or '81%*' when illustrative."""
    return format_pct(value, decimals) + (ILLUSTRATIVE_MARK if illustrative else "")


def format_procent(value: float, decimals: int = 0) -> str:
    """60 -> '60 procent', the form the original uses inside running text."""
    return f"{format_number(value, decimals)} procent"
