"""Turn the filled texts, rankings and charts of one factsheet into boxes."""

from __future__ import annotations

from monitor_pdf.charts.geometry import natural_height, smallest_height
from monitor_pdf.displaylist import DisplayList
from monitor_pdf.errors import LayoutError
from monitor_pdf.layout.boxes import (
    Box,
    CalloutBox,
    EmptyBox,
    FigureBox,
    TextBox,
    Top3Box,
    figure_box,
    reason_paragraph,
)
from monitor_pdf.layout.fonts import describe, unprintable
from monitor_pdf.layout.styles import paragraph
from monitor_pdf.model import FactsheetModel
from monitor_pdf.spec import PT_PER_MM, BlockSpec, FactsheetSpec
from monitor_pdf.wording.numbers import ILLUSTRATIVE_MARK, format_value
from monitor_pdf.wording.texts import Wording, list_label


def make_boxes(spec: FactsheetSpec, model: FactsheetModel, wording: Wording) -> dict[str, Box]:
    """Every block as a box; figures get their charts later (attach_charts), once
    engine.fit_figures has decided how tall each can be."""
    return {b.id: _box(b, model, wording, spec) for b in spec.placed_blocks()}


def attach_charts(boxes: dict[str, Box], charts: dict[str, DisplayList]) -> None:
    for block_id, chart in charts.items():
        box = figure_box(boxes, block_id)
        box.chart = chart
        box.chart_height = chart.height


def check_printable(spec: FactsheetSpec, model: FactsheetModel, wording: Wording) -> None:
    """Every text the factsheet will print, from the texts and from the data
    (chart labels, list items), has a glyph in the font; checked before any
    chart is drawn, so a missing glyph is an error naming its block, not a box."""
    for block in spec.placed_blocks():
        texts = list(wording.blocks[block.id].values())
        chart = model.charts.get(block.id)
        if chart:
            texts += [chart.name(k) for k in chart.categories + chart.series]
        texts += [list_label(r, spec.words) for r in model.rankings.get(block.id, [])]
        _check_printable(block.id, texts)
    _check_printable("header", list(wording.header.values()))
    _check_printable("footer", list(wording.footer.values()))


def _check_printable(block_id: str, texts: list[str]) -> None:
    """Fail rather than print a box for a character the font does not have."""
    missing = unprintable("".join(texts))
    if missing:
        raise LayoutError(block_id, f"character {describe(missing)} cannot be printed in the "
                                    "bundled font; replace it in the data or the texts")


def _box(block: BlockSpec, model: FactsheetModel, wording: Wording, spec: FactsheetSpec) -> Box:
    texts = wording.blocks[block.id]
    marked = wording.illustrative_block(block.id)
    if block.kind in ("headline", "paragraph", "callout") and not any(texts.values()):
        return EmptyBox()        # the data supports no statement here: the block says nothing
    if block.kind == "headline":
        # The page title in the header is the document's H1; every section headline is an H2.
        return TextBox(illustrative=marked, outline=_unmarked(texts["text"]),
                       tag="H2" if block.level <= 2 else "H3",
                       paragraph=paragraph(texts["text"], "h1" if block.level == 1 else "h2"))
    if block.kind == "paragraph":
        return TextBox(illustrative=marked, paragraph=paragraph(texts["text"], "body", columns=block.columns,
                                                                column_gap=spec.grid.gutter * PT_PER_MM))
    if block.kind == "figure":
        label = spec.words.get("grammar", "figure").replace("{n}", block.number)
        above = [paragraph(texts["caption"], "caption", bold_prefix=f"{label}.")]
        if "subtitle" in texts:
            above.append(paragraph(texts["subtitle"], "caption", bold_prefix=""))
        below = [paragraph(texts["note"], "note")] if "note" in texts else []
        chart = spec.theme.chart
        height, least = _chart_heights(block, model, spec)
        return FigureBox(illustrative=model.charts[block.id].any_illustrative,
                         alt=wording.alt[block.id], above=above, below=below,
                         chart_height=height, min_chart_height=least,
                         caption_gap=chart.caption_gap, note_gap=chart.note_gap)
    if block.kind == "top3":
        ranked = model.rankings[block.id]
        items = [reason_paragraph(list_label(r, spec.words), format_value(r.value, r.illustrative, r.decimals))
                 for r in ranked]
        return Top3Box(illustrative=any(r.illustrative for r in ranked),
                       title=paragraph(texts["title"], "list_title"), items=items,
                       numbers=[r.rank for r in ranked])
    return _callout(block, texts, marked)


def _chart_heights(block: BlockSpec, model: FactsheetModel, spec: FactsheetSpec) -> tuple[float, float]:
    """Points: the chart's height and the least it may give up to when its page
    is full. A bar chart's own height (its bars, at most layout.toml's height),
    down to its gaps closed (charts/geometry.py) but not below min_height; a
    chart that fills its slot: layout.toml's height, down to min_height (none
    without one)."""
    slot, chart = block.height * PT_PER_MM, spec.theme.chart
    width, name = spec.block_width(block.id) * PT_PER_MM, f"Figuur {block.number} ({block.id})"
    own = natural_height(block.chart, model.charts[block.id], width, slot, block.label_share, chart, name)
    least = smallest_height(block.chart, model.charts[block.id], width, block.label_share, chart, name)
    height = slot if own is None else own
    floor = max(least or 0.0, block.min_height * PT_PER_MM) if (least or block.min_height) else height
    return height, min(height, floor)


def _callout(block: BlockSpec, texts: dict, marked: bool) -> CalloutBox:
    parts = []
    if texts.get("title"):
        parts.append(paragraph(texts["title"], "h2"))
    text_role = "callout" if block.style in ("band", "number") else "body"
    if texts.get("text"):
        parts.append(paragraph(texts["text"], text_role))
    number = texts.get("number", "")
    return CalloutBox(illustrative=marked or ILLUSTRATIVE_MARK in number,
                      number=number, parts=parts, outline=_unmarked(texts.get("title", "")),
                      titled=bool(texts.get("title")))


def _unmarked(headline: str) -> str:
    """A headline as an outline entry: the words, without the illustrative mark."""
    return headline.removesuffix(ILLUSTRATIVE_MARK)
