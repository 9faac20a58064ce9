"""Text blocks styled by the theme's typography."""

from __future__ import annotations

from reportlab.lib.colors import HexColor

from monitor_pdf import theme
from monitor_pdf.layout.textblock import Span, TextBlock

# Roles set as headings: their lines balanced (layout/linebreak.py), never hyphenated.
HEADING_ROLES = frozenset({"h1", "h2", "list_title"})


def paragraph(text: str, role: str, bold_prefix: str = "", align: int = 0, columns: int = 1,
              column_gap: float = 0.0) -> TextBlock:
    """`text` in the current theme's style for a role (h1, body, caption, ...),
    after a bold prefix ("Figuur 1.") when one is given, in `columns` columns.
    Text, never markup."""
    style: theme.TextStyle = getattr(theme.current().type, role)
    spans = [Span(text, style.face, style.size, style.color)]
    if bold_prefix:
        spans = [Span(bold_prefix, "bold", style.size, style.color),
                 Span(" " + text, style.face, style.size, style.color)]
    return TextBlock(spans, style.leading, balanced=role in HEADING_ROLES, align=align, columns=columns,
                     column_gap=column_gap)


def hex_colour(value: str) -> HexColor:
    return HexColor(value)
