"""Turn the filled texts, rankings and charts of one factsheet into boxes."""

from __future__ import annotations

from monitor_pdf.displaylist import DisplayList
from monitor_pdf.errors import LayoutError
from monitor_pdf.layout.boxes import Box, CalloutBox, FigureBox, TextBox, Top3Box, reason_paragraph
from monitor_pdf.layout.fonts import describe, unprintable
from monitor_pdf.layout.styles import paragraph
from monitor_pdf.model import FactsheetModel
from monitor_pdf.spec import BlockSpec, FactsheetSpec
from monitor_pdf.wording.numbers import ILLUSTRATIVE_MARK, format_value
from monitor_pdf.wording.texts import Wording


def make_boxes(spec: FactsheetSpec, model: FactsheetModel, wording: Wording,
               charts: dict[str, DisplayList]) -> dict[str, Box]:
    return {b.id: _box(b, model, wording, charts) for b in spec.placed_blocks()}


def check_printable(spec: FactsheetSpec, model: FactsheetModel, wording: Wording) -> None:
    """Every text the factsheet will print, from the texts and from the data
    (chart labels, list items), has a glyph in the font; checked before any
    chart is drawn, so a missing glyph is an error naming its block, not a box."""
    for block in spec.placed_blocks():
        texts = list(wording.blocks[block.id].values())
        chart = model.charts.get(block.id)
        if chart:
            texts += [chart.name(k) for k in chart.categories + chart.series]
        texts += [r.label for r in model.rankings.get(block.id, [])]
        _check_printable(block.id, texts)
    _check_printable("header", list(wording.header.values()))
    _check_printable("footer", list(wording.footer.values()))


def _check_printable(block_id: str, texts: list[str]) -> None:
    """Fail rather than print a box for a character the font does not have."""
    missing = unprintable("".join(texts))
    if missing:
        raise LayoutError(block_id, f"character {describe(missing)} cannot be printed in the "
                                    "bundled font; replace it in the data or the texts")


def _box(block: BlockSpec, model: FactsheetModel, wording: Wording, charts) -> Box:
    texts = wording.blocks[block.id]
    if block.kind == "headline":
        # The page title in the header is the document's H1; every section headline is an H2.
        return TextBox("heading", outline=texts["text"], tag="H2" if block.level <= 2 else "H3",
                       paragraph=paragraph(texts["text"], "h1" if block.level == 1 else "h2"))
    if block.kind == "paragraph":
        return TextBox("paragraph", paragraph=paragraph(texts["text"], "body"))
    if block.kind == "figure":
        above = [paragraph(texts["caption"], "caption", bold_prefix=f"Figuur {block.number}.")]
        if "subtitle" in texts:
            above.append(paragraph(texts["subtitle"], "caption", bold_prefix=""))
        below = [paragraph(texts["note"], "note")] if "note" in texts else []
        return FigureBox("figure", illustrative=model.charts[block.id].any_illustrative,
                         alt=wording.alt[block.id], above=above, chart=charts[block.id], below=below)
    if block.kind == "top3":
        ranked = model.rankings[block.id]
        items = [reason_paragraph(r.label, format_value(r.value, r.illustrative)) for r in ranked]
        return Top3Box("list", illustrative=any(r.illustrative for r in ranked),
                       title=paragraph(texts["title"], "list_title"), items=items)
    return _callout(block, texts)


def _callout(block: BlockSpec, texts: dict) -> CalloutBox:
    parts = []
    if "title" in texts:
        parts.append(paragraph(texts["title"], "h2"))
    text_role = "callout" if block.style in ("band", "number") else "body"
    parts.append(paragraph(texts["text"], text_role))
    number = texts.get("number", "")
    return CalloutBox("callout", illustrative=ILLUSTRATIVE_MARK in number, style=block.style,
                      number=number, parts=parts, outline=texts.get("title", ""), titled="title" in texts)
