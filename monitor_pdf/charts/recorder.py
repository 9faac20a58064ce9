"""A matplotlib renderer that records drawing calls into a DisplayList.

Why: the chart then reaches the PDF as vector paths and real text in the
document's own embedded font, drawn straight onto the page (no intermediate
SVG/PDF/PNG; see DESIGN.md section 3). This leans on matplotlib's backend
protocol (RendererBase, GraphicsContextBase), which is why pyproject pins
matplotlib to the tested minor version and tests compare the result with
matplotlib's own rendering.

Units: the figure is drawn at 72 dpi, so one display unit is one PDF point.
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib.backend_bases import FigureCanvasBase, RendererBase
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.path import Path

from monitor_pdf.charts.canvas import DPI
from monitor_pdf.charts.style import text_width
from monitor_pdf.displaylist import DisplayList, PathOp, TextOp
from monitor_pdf.errors import ChartError

_ROUND = 2   # decimals kept for coordinates: 0.01 pt is far below print resolution


def record(figure: Figure) -> DisplayList:
    """Draw `figure` and return what it drew."""
    width, height = figure.get_size_inches() * figure.dpi
    if figure.dpi != DPI:
        raise ChartError(f"figure must be made at {DPI} dpi, not {figure.dpi}")
    renderer = RecordingRenderer(width, height)
    FigureCanvasBase(figure)   # the figure needs a canvas to draw; we never use its output
    figure.draw(renderer)
    return DisplayList(round(float(width), _ROUND), round(float(height), _ROUND), tuple(renderer.ops))


class RecordingRenderer(RendererBase):
    def __init__(self, width: float, height: float):
        super().__init__()
        self.width, self.height = width, height
        self.ops: list[PathOp | TextOp] = []

    # -- geometry of the "device": points, y up
    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self):
        return self.width, self.height

    def points_to_pixels(self, points):
        return points

    def option_image_nocomposite(self) -> bool:
        return True

    def get_text_width_height_descent(self, s, prop, ismath):
        # The width is the shaped width the page draws (kerning, ligatures);
        # height and descent are matplotlib's own. Measuring is most of a
        # chart's time and labels repeat across charts and factsheets: one
        # cache per process (FontProperties hash by value).
        return _text_metrics(s, prop, ismath, self)

    # -- drawing
    def draw_path(self, gc, path, transform, rgbFace=None):
        fill, fill_alpha = _colour(rgbFace, gc)
        stroke, stroke_alpha = _colour(gc.get_rgb(), gc)
        width = gc.get_linewidth()
        if width <= 0 or stroke_alpha == 0:
            stroke = None
        if fill_alpha == 0:
            fill = None
        if fill is None and stroke is None:
            return
        segments = tuple(_segments(path, transform))
        if not segments:
            return
        _offset, dashes = gc.get_dashes()
        self.ops.append(PathOp(
            segments=segments, fill=fill, stroke=stroke, line_width=round(float(width), 3),
            fill_alpha=fill_alpha, stroke_alpha=stroke_alpha,
            dash=tuple(round(float(d), 3) for d in dashes) if dashes else None,
            line_cap=gc.get_capstyle(), line_join=gc.get_joinstyle(),
            clip=_clip(gc),
        ))

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            raise ChartError(f"math text is not supported in chart labels: {s!r}")
        colour, alpha = _colour(gc.get_rgb(), gc)
        assert colour is not None, "a graphics context's rgb is never None (only a path's face may be)"
        anchor = "start"
        if mtext is not None and angle == 0:
            # Re-anchor right- and centre-aligned lines at their own alignment
            # point, so the render stage aligns them with its own font metrics.
            align = mtext.get_horizontalalignment()
            if align in ("right", "center"):
                w, _, _ = self.get_text_width_height_descent(s, prop, ismath)
                x += w if align == "right" else w / 2
                anchor = "end" if align == "right" else "middle"
        self.ops.append(TextOp(
            x=round(float(x), _ROUND), y=round(float(y), _ROUND), text=s, face=_face(prop),
            size=round(float(prop.get_size_in_points()), 3), color=colour, anchor=anchor,
            angle=round(float(angle), 3), alpha=alpha,
        ))

    def draw_image(self, gc, x, y, im, transform=None):
        raise ChartError("a chart tried to draw a raster image; charts must be vector only")


@lru_cache(maxsize=8192)
def _height_descent(s: str, prop, ismath) -> tuple[float, float]:
    _, height, descent = RendererBase.get_text_width_height_descent(_MEASURER, s, prop, ismath)
    return height, descent


def _text_metrics(s, prop, ismath, renderer):
    """(width, height, descent): the width shaped in the face's file, as the page draws it."""
    return (text_width(s, _face(prop), prop.get_size_in_points()), *_height_descent(s, prop.copy(), ismath))


class _Measurer(RendererBase):
    """A 72-dpi renderer used only to measure text (RendererBase's FreeType path)."""

    def points_to_pixels(self, points):
        return points


_MEASURER = _Measurer()


def _colour(rgba, gc) -> tuple[str | None, float]:
    if rgba is None:
        return None, 0.0
    alpha = gc.get_alpha() if gc.get_forced_alpha() else (rgba[3] if len(rgba) > 3 else 1.0)
    return to_hex(rgba[:3]).upper(), round(float(alpha), 3)


def _face(prop) -> str:
    weight = prop.get_weight()
    bold = weight in ("bold", "heavy", "extra bold", "black", "semibold", "demibold") or (
        isinstance(weight, int) and weight >= 600)
    if prop.get_style() in ("italic", "oblique"):
        # the theme ships a regular and a bold face only; printing an italic
        # label upright would silently change what the chart says
        raise ChartError(f"chart text in {prop.get_style()}: the theme's fonts have no italic face")
    return "bold" if bold else "regular"


def _clip(gc):
    box = gc.get_clip_rectangle()
    if box is None:
        return None
    return tuple(round(float(v), _ROUND) for v in box.bounds)


def _segments(path, transform):
    """Path segments in points; quadratic curves become cubic (PDF has only cubic)."""
    last = (0.0, 0.0)
    for vertices, code in path.iter_segments(transform, remove_nans=True, simplify=False):
        pts = [round(float(v), _ROUND) for v in vertices]
        if code == Path.MOVETO:
            last = (pts[0], pts[1])
            yield ("M", *last)
        elif code == Path.LINETO:
            last = (pts[0], pts[1])
            yield ("L", *last)
        elif code == Path.CURVE3:
            (qx, qy), end = (pts[0], pts[1]), (pts[2], pts[3])
            c1 = (last[0] + 2 / 3 * (qx - last[0]), last[1] + 2 / 3 * (qy - last[1]))
            c2 = (end[0] + 2 / 3 * (qx - end[0]), end[1] + 2 / 3 * (qy - end[1]))
            last = end
            yield ("C", *(round(v, _ROUND) for v in (*c1, *c2)), *end)
        elif code == Path.CURVE4:
            last = (pts[4], pts[5])
            yield ("C", *pts)
        elif code == Path.CLOSEPOLY:
            yield ("Z",)
