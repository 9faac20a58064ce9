"""Replay a chart's DisplayList on a reportlab canvas."""

from __future__ import annotations

from itertools import groupby

from reportlab.pdfgen.canvas import Canvas

from monitor_pdf.displaylist import DisplayList, PathOp, TextOp
from monitor_pdf.layout.shaped import draw_string
from monitor_pdf.layout.styles import hex_colour

_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


def draw_display_list(canvas: Canvas, dl: DisplayList, x: float, y: float) -> None:
    """Draw `dl` with its bottom-left corner at (x, y) in page points."""
    canvas.saveState()
    canvas.translate(x, y)
    # Consecutive operations with the same clip share one clipping group.
    for clip, ops in groupby(dl.ops, key=lambda op: getattr(op, "clip", None)):
        canvas.saveState()
        if clip is not None:
            path = canvas.beginPath()
            path.rect(*clip)
            canvas.clipPath(path, stroke=0, fill=0)
        for op in ops:
            if isinstance(op, PathOp):
                _path(canvas, op)
            else:
                _text(canvas, op)
        canvas.restoreState()
    canvas.restoreState()


def _path(canvas: Canvas, op: PathOp) -> None:
    path = canvas.beginPath()
    for seg in op.segments:
        kind = seg[0]
        if kind == "M":
            path.moveTo(seg[1], seg[2])
        elif kind == "L":
            path.lineTo(seg[1], seg[2])
        elif kind == "C":
            path.curveTo(*seg[1:])
        else:
            path.close()
    if op.fill:
        canvas.setFillColor(hex_colour(op.fill), alpha=op.fill_alpha if op.fill_alpha < 1 else None)
    if op.stroke:
        canvas.setStrokeColor(hex_colour(op.stroke), alpha=op.stroke_alpha if op.stroke_alpha < 1 else None)
        canvas.setLineWidth(op.line_width)
        canvas.setLineCap(_CAPS.get(op.line_cap, 0))
        canvas.setLineJoin(_JOINS.get(op.line_join, 0))
        canvas.setDash(list(op.dash) if op.dash else [])
    canvas.drawPath(path, stroke=1 if op.stroke else 0, fill=1 if op.fill else 0)


def _text(canvas: Canvas, op: TextOp) -> None:
    """Shaped as the chart measured it (charts/style.py text_width), so a label
    anchored at its end or middle lands where the chart placed it."""
    canvas.setFillColor(hex_colour(op.color), alpha=op.alpha if op.alpha < 1 else None)
    if op.angle:
        canvas.saveState()
        canvas.translate(op.x, op.y)
        canvas.rotate(op.angle)
        draw_string(canvas, 0, 0, op.text, op.face, op.size)
        canvas.restoreState()
    else:
        draw_string(canvas, op.x, op.y, op.text, op.face, op.size, anchor=op.anchor)
