"""Numbers as a Dutch text writes them: decimal comma, thousands with a point."""

from __future__ import annotations

# Appended to a number that is illustrative, not published; the footer says so.
ILLUSTRATIVE_MARK = "*"


def format_number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"                  # 1,234.5
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _decimals(value: float) -> int:
    """Whole numbers print whole; otherwise one decimal (12,5), as the data has it."""
    return 0 if abs(value - round(value)) < 1e-9 else 1


def format_pct(value: float) -> str:
    """47 -> '47%', 12.5 -> '12,5%'."""
    return f"{format_number(value, _decimals(value))}%"


def format_value(value: float, illustrative: bool) -> str:
    """A percentage shown on its own (bar label, callout): '81%', or '81%*' when illustrative."""
    return format_pct(value) + (ILLUSTRATIVE_MARK if illustrative else "")


def format_procent(value: float) -> str:
    """60 -> '60 procent', the form the original uses inside running text."""
    return f"{format_number(value, _decimals(value))} procent"
