"""Paint the placed boxes of a page on the reportlab canvas, marking what is
read (tagged) and what is decoration (artifact). Layout decided where each
box goes and how tall it is (layout/boxes.py); this module only draws."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from monitor_pdf import theme
from monitor_pdf.layout.boxes import (
    PAD,
    Box,
    CalloutBox,
    EmptyBox,
    FigureBox,
    TextBox,
    Top3Box,
    height_at,
    stack_height,
)
from monitor_pdf.layout.shaped import draw_string
from monitor_pdf.layout.styles import hex_colour
from monitor_pdf.layout.textblock import TextBlock
from monitor_pdf.render.replay import draw_display_list
from monitor_pdf.render.tagging import NO_TAGS, Tagger


def paint(box: Box, canvas: Canvas, x: float, top: float, width: float, tags: Tagger = NO_TAGS) -> None:
    """Draw a measured box with its top-left corner at (x, top)."""
    _PAINTERS[type(box)](box, canvas, x, top, width, tags)


def _text(box: TextBox, canvas, x, top, width, tags) -> None:
    assert box.paragraph is not None, "make_boxes gives every TextBox its paragraph"
    with tags.tagged(canvas, box.tag):
        box.paragraph.drawOn(canvas, x, top - height_at(box.paragraph, width), actual_text=tags.enabled)


def _figure(box: FigureBox, canvas, x, top, width, tags) -> None:
    """Figure (with its text alternative) holding its Caption; notes after it."""
    assert box.chart is not None, "attach_charts gives every figure its chart before it is painted"
    y = top - max(box.heading_height(width), box.caption_height) - box.caption_gap
    with tags.element("Figure", alt=box.alt):
        with tags.element("Caption"):
            _stack(canvas, box.above, x, top, width, box.gap, tags, as_content=True)
        with tags.content(canvas):
            draw_display_list(canvas, box.chart, x, y - box.chart_height)
    if box.below:
        _stack(canvas, box.below, x, y - box.chart_height - box.note_gap, width, box.gap, tags)


def _top3(box: Top3Box, canvas, x, top, width, tags) -> None:
    """A heading and a list: L > LI > Lbl (the number) + LBody (the reason)."""
    with tags.artifact(canvas):
        _tint(canvas, x, top - box.height, width, box.height)
    assert box.title is not None, "make_boxes gives every Top3Box its title"
    th = height_at(box.title, width - 2 * PAD)
    with tags.tagged(canvas, "H3"):
        box.title.drawOn(canvas, x + PAD, top - PAD - th)
    y = top - PAD - th - 1.2 * mm
    inner = box.text_width(width)
    with tags.element("L"):
        for number, p in zip(box.numbers or range(1, len(box.items) + 1), box.items):
            h = height_at(p, inner)
            row = max(h, 2 * box.badge)
            cx, cy = x + PAD + box.badge, y - row / 2
            with tags.element("LI"):
                _badge(canvas, cx, cy, box.badge, number, tags)
                with tags.tagged(canvas, "LBody"):
                    p.drawOn(canvas, x + PAD + 2 * box.badge + 2.2 * mm, y - (row + h) / 2)
            y -= row + box.gap


def _badge(canvas: Canvas, cx: float, cy: float, radius: float, number: int, tags: Tagger) -> None:
    """The rank in a filled circle: the circle is decoration, the number is read (Lbl)."""
    with tags.artifact(canvas):
        canvas.setFillColor(hex_colour(theme.current().colours.primary))
        canvas.circle(cx, cy, radius, stroke=0, fill=1)
    with tags.tagged(canvas, "Lbl"):
        style = theme.current().type.list_number
        canvas.setFillColor(hex_colour(style.color))
        draw_string(canvas, cx, cy - style.size * 0.35, str(number), style.face, style.size, anchor="middle")


def _callout(box: CalloutBox, canvas, x, top, width, tags) -> None:
    """Title (H2) and text (P); a large number is read with its sentence, in one P."""
    with tags.artifact(canvas):
        _tint(canvas, x, top - box.height, width, box.height)
    inner_x, inner_w = x + PAD, box.measure(width)
    if box.number:
        ts = theme.current().type.big_number
        text = stack_height(box.parts, inner_w - box.number_width(), box.gap)
        with tags.element("P"):
            with tags.content(canvas):
                canvas.setFillColor(hex_colour(ts.color))
                draw_string(canvas, inner_x, top - box.height / 2 - ts.size * 0.36, box.number, ts.face, ts.size)
            with tags.content(canvas):
                _stack(canvas, box.parts, inner_x + box.number_width(), top - (box.height - text) / 2,
                       inner_w - box.number_width(), box.gap)
        return
    text = stack_height(box.parts, inner_w, box.gap)
    roles = ["H2" if (i == 0 and box.titled) else "P" for i in range(len(box.parts))]
    _stack(canvas, box.parts, inner_x, top - (box.height - text) / 2, inner_w, box.gap, tags, roles)


def _stack(canvas: Canvas, parts: list[TextBlock], x: float, top: float, width: float,
           gap: float, tags: Tagger = NO_TAGS, roles: list[str] | None = None, as_content: bool = False) -> float:
    """Draw paragraphs top-down; each is its own element (roles[i], default P),
    or, with as_content, content of the element being drawn (a Caption)."""
    y = top
    for index, p in enumerate(parts):
        h = height_at(p, width)
        mark = tags.content(canvas) if as_content else tags.tagged(canvas, roles[index] if roles else "P")
        with mark:
            p.drawOn(canvas, x, y - h, actual_text=tags.enabled)
        y -= h + gap
    return y + gap


def _tint(canvas: Canvas, x, y, w, h) -> None:
    canvas.setFillColor(hex_colour(theme.current().colours.tint))
    canvas.rect(x, y, w, h, stroke=0, fill=1)


_PAINTERS: dict[type[Box], Callable[..., None]] = {
    EmptyBox: lambda *args: None, TextBox: _text, FigureBox: _figure, Top3Box: _top3, CalloutBox: _callout}
