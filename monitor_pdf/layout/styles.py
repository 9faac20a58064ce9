"""reportlab paragraph styles made from the theme's typography."""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from monitor_pdf import theme
from monitor_pdf.layout.fonts import font_name, register_fonts


def paragraph_style(role: str, align: int = 0) -> ParagraphStyle:
    """The current theme's style for a role (h1, body, caption, ...)."""
    return _paragraph_style(role, align, theme.current().type)


@cache
def _paragraph_style(role: str, align: int, typography: theme.Typography) -> ParagraphStyle:
    register_fonts()
    ts: theme.TextStyle = getattr(typography, role)
    return ParagraphStyle(
        f"{role}-{align}", fontName=font_name(ts.face), fontSize=ts.size, leading=ts.leading,
        textColor=HexColor(ts.color), alignment=align, splitLongWords=False,
        allowWidows=0, allowOrphans=0,
    )


def plain(text: str) -> str:
    """Text from data or templates as Paragraph markup: <, > and & print as themselves."""
    return escape(text)


def paragraph(text: str, role: str, bold_prefix: str = "", align: int = 0) -> Paragraph:
    markup = plain(text)
    if bold_prefix:
        markup = f"<font name='{font_name('bold')}'>{plain(bold_prefix)}</font> {markup}"
    return Paragraph(markup, paragraph_style(role, align))


def hex_colour(value: str) -> HexColor:
    return HexColor(value)
