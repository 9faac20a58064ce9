"""A chart as data: what matplotlib drew, in the order it drew it.

The charts stage records matplotlib's drawing calls into a DisplayList; the
render stage replays it on the PDF canvas. Neither library appears here, so
tests can assert on a chart ("the label 47% is drawn") without a PDF.
Coordinates are PDF points, origin at the chart's bottom-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass

# Path segments: ("M", x, y), ("L", x, y), ("C", x1, y1, x2, y2, x3, y3), ("Z",)
Segment = tuple


@dataclass(frozen=True)
class PathOp:
    segments: tuple[Segment, ...]
    fill: str | None            # "#rrggbb" or None
    stroke: str | None
    line_width: float = 0.0
    fill_alpha: float = 1.0
    stroke_alpha: float = 1.0
    dash: tuple[float, ...] | None = None
    line_cap: str = "butt"      # butt | round | projecting
    line_join: str = "miter"    # miter | round | bevel
    clip: tuple[float, float, float, float] | None = None  # x, y, w, h


@dataclass(frozen=True)
class TextOp:
    x: float                    # anchor point, baseline
    y: float
    text: str
    face: str                   # "regular" or "bold" (the theme's faces)
    size: float
    color: str
    anchor: str = "start"       # start | middle | end (horizontal, at x)
    angle: float = 0.0          # degrees counter-clockwise
    alpha: float = 1.0


@dataclass(frozen=True)
class DisplayList:
    width: float
    height: float
    ops: tuple[PathOp | TextOp, ...]

    def texts(self) -> list[str]:
        return [op.text for op in self.ops if isinstance(op, TextOp)]
