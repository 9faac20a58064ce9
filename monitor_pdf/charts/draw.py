"""The chart kinds of the factsheet, drawn with matplotlib's object API.

Each function lays its chart out in points inside a fixed box (the slot the
layout gives it), so a chart never changes the page around it. Long category
labels wrap inside the label column; a label that still does not fit its row
stops the build with a ChartError naming the figure and the item.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Affine2D, ScaledTranslation, blended_transform_factory

from monitor_pdf import theme
from monitor_pdf.charts.recorder import DPI, record
from monitor_pdf.charts.style import font_properties, rc_context, text_width, wrap
from monitor_pdf.displaylist import DisplayList
from monitor_pdf.errors import ChartError
from monitor_pdf.model import ChartData
from monitor_pdf.wording.numbers import format_value


@dataclass(frozen=True)
class ChartRequest:
    kind: str
    data: ChartData
    width: float            # points
    height: float           # points
    name: str               # for messages: "Figuur 1 (fig1)"
    label_share: float = 0.45


def draw_chart(request: ChartRequest, style: theme.ChartStyle = theme.DEFAULT_THEME.chart) -> DisplayList:
    with rc_context():
        return record(make_figure(request, style))


def make_figure(request: ChartRequest, style: theme.ChartStyle = theme.DEFAULT_THEME.chart) -> Figure:
    """The matplotlib figure of a chart (call inside rc_context(); draw_chart does)."""
    figure = Figure(figsize=(request.width / DPI, request.height / DPI), dpi=DPI)
    figure.patch.set_visible(False)
    _KINDS[request.kind](figure, request, style)
    return figure


def _offset(figure: Figure, dx: float, dy: float) -> ScaledTranslation:
    return ScaledTranslation(dx / DPI, dy / DPI, figure.dpi_scale_trans)


def _axes(figure: Figure, req: ChartRequest, left: float, bottom: float, right: float, top: float):
    """Axes occupying the box inset by the given margins (points); no frame or ticks."""
    W, H = req.width, req.height
    ax = figure.add_axes((left / W, bottom / H, (W - left - right) / W, (H - bottom - top) / H))
    ax.set_axis_off()
    return ax


def _fit_labels(labels, width: float, row_height: float, style, req: ChartRequest, face="regular"):
    """Wrap each label into the label column; fail if one cannot fit its row."""
    size, leading = style.label_size, style.label_size * style.label_leading
    wrapped = []
    for label in labels:
        lines = wrap(label, width, face, size)
        too_wide = max(text_width(line, face, size) for line in lines) > width
        if too_wide or len(lines) * leading > row_height + 0.5:
            raise ChartError(
                f"{req.name}: label '{label}' does not fit its row "
                f"({len(lines)} lines of {width:.0f} pt in {row_height:.1f} pt); "
                "shorten it or give the figure more height in layout.toml")
        wrapped.append("\n".join(lines))
    return wrapped


def _right_aligned_label(ax, figure: Figure, y: float, text: str, style) -> None:
    """A wrapped category label, right-aligned against the bars at data row `y`.
    One Text per line: matplotlib passes a multi-line Text to the renderer
    without its alignment, and the replay aligns each line with its own metrics."""
    lines = text.split("\n")
    leading = style.label_size * style.label_leading
    base = blended_transform_factory(ax.transAxes, ax.transData)
    for i, line in enumerate(lines):
        dy = ((len(lines) - 1) / 2 - i) * leading
        ax.text(0, y, line, transform=base + _offset(figure, -6, dy), ha="right", va="center_baseline",
                fontproperties=font_properties("regular", style.label_size), color=style.label_color)


def _legend(figure: Figure, req: ChartRequest, entries, style, y_top: float, bold: set = frozenset()):
    """One row of colour swatches with names, left-aligned at the top of the box."""
    x, size = 0.0, style.legend_size
    swatch = size * 0.95
    for name, colour in entries:
        y = req.height - y_top - swatch
        figure.add_artist(_rect(figure, x, y, swatch, swatch, colour))
        face = "bold" if name in bold else "regular"
        if x + swatch + 2.5 + text_width(name, face, size) > req.width:
            raise ChartError(f"{req.name}: the legend ({', '.join(n for n, _ in entries)}) does not fit "
                             "on one line; use shorter names")
        figure.text((x + swatch + 2.5) / req.width, (y + swatch * 0.12) / req.height, name,
                    fontproperties=font_properties(face, size), color=style.label_color,
                    ha="left", va="baseline")
        x += swatch + 2.5 + text_width(name, face, size) + 9


def _points(figure: Figure):
    """Transform from points (origin: the box's bottom-left) to display units at any dpi."""
    return Affine2D().scale(1 / DPI) + figure.dpi_scale_trans


def _rect(figure: Figure, x, y, w, h, colour):
    return Rectangle((x, y), w, h, transform=_points(figure), facecolor=colour, edgecolor="none")


# ---------------------------------------------------------------- kinds

def hbar(figure: Figure, req: ChartRequest, style) -> None:
    """One bar per item, labels in a column on the left, values at the bar ends."""
    data = req.data
    label_width = req.width * req.label_share
    value_room = 24.0
    n = len(data.categories)
    row = req.height / n
    labels = _fit_labels(data.categories, label_width - 6, row, style, req)
    ax = _axes(figure, req, label_width, 0, value_room, 0)
    values = data.values(0)
    ax.barh(range(n), values, height=0.64, color=style.bar_color, linewidth=0)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, max(max(values), 1.0))
    for i, (label, cell) in enumerate(zip(labels, data.cells[0])):
        _right_aligned_label(ax, figure, i, label, style)
        ax.text(cell.value, i, format_value(cell.value, cell.illustrative),
                transform=ax.transData + _offset(figure, 3, 0), ha="left", va="center",
                fontproperties=font_properties("bold", style.value_size), color=style.value_color)


def scale(figure: Figure, req: ChartRequest, style) -> None:
    """Vertical bars over the points of a scale (1-7); highlighted points in the dark colour."""
    data = req.data
    n = len(data.categories)
    ax = _axes(figure, req, 0, 12, 0, 10)
    values = data.values(0)
    colours = [theme.SCALE_HIGHLIGHT if c in data.highlight else theme.SCALE_OTHER
               for c in data.categories]
    ax.bar(range(n), values, width=0.64, color=colours, linewidth=0)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(0, max(max(values), 1.0))
    ax.axhline(0, color=style.rule_color, linewidth=0.5)
    for i, (category, cell) in enumerate(zip(data.categories, data.cells[0])):
        ax.text(i, cell.value, format_value(cell.value, cell.illustrative),
                transform=ax.transData + _offset(figure, 0, 2.5), ha="center", va="bottom",
                fontproperties=font_properties("bold", style.value_size), color=style.value_color)
        ax.text(i, 0, category, transform=ax.transData + _offset(figure, 0, -3), ha="center",
                va="top", fontproperties=font_properties("regular", style.label_size),
                color=style.label_color)


def grouped_vbar(figure: Figure, req: ChartRequest, style) -> None:
    """One cluster per category (bestuurslaag), one bar per series (year)."""
    data = req.data
    series_colours = theme.YEAR_RAMP[-len(data.series):] if len(data.series) <= len(theme.YEAR_RAMP) \
        else None
    if series_colours is None:
        raise ChartError(f"{req.name}: at most {len(theme.YEAR_RAMP)} years fit this chart")
    legend_h = style.legend_size + 6
    _legend(figure, req, list(zip(data.series, series_colours)), style, 0)
    ax = _axes(figure, req, 0, 14, 0, legend_h + 9)
    clusters, per = len(data.categories), len(data.series)
    width = 0.84 / per
    vmax = max(c.value for row in data.cells for c in row) or 1.0
    ax.set_xlim(-0.5, clusters - 0.5)
    ax.set_ylim(0, vmax)
    for k, category in enumerate(data.categories):
        if category in data.highlight:
            ax.axvspan(k - 0.49, k + 0.49, ymin=-14 / ax.bbox.height, ymax=1.0, color=style.highlight_band,
                       linewidth=0, zorder=0, clip_on=False)
        face = "bold" if category in data.highlight else "regular"
        size = style.label_size + 0.6
        lines = wrap(data.name(category), req.width / clusters - 6, face, size)
        if len(lines) > 1 or text_width(lines[0], face, size) > req.width / clusters - 6:
            raise ChartError(f"{req.name}: label '{data.name(category)}' is wider than its group of bars; "
                             "use a shorter name")
        ax.text(k, 0, lines[0], transform=ax.transData + _offset(figure, 0, -4),
                ha="center", va="top", fontproperties=font_properties(face, size), color=style.label_color)
    for s, (colour, row) in enumerate(zip(series_colours, data.cells)):
        xs = [k - 0.42 + width * (s + 0.5) for k in range(clusters)]
        ax.bar(xs, [c.value for c in row], width=width * 0.86, color=colour, linewidth=0, zorder=2)
        for x, cell in zip(xs, row):
            ax.text(x, cell.value, format_value(cell.value, cell.illustrative),
                    transform=ax.transData + _offset(figure, 0, 2), ha="center", va="bottom",
                    fontproperties=font_properties("regular", style.value_size - 0.6),
                    color=style.value_color, zorder=3)
    ax.axhline(0, color=style.rule_color, linewidth=0.5, zorder=3)


def grouped_hbar(figure: Figure, req: ChartRequest, style) -> None:
    """One group per item (statement), one bar per series (bestuurslaag); the
    factsheet's own bestuurslaag in the dark colour, the others muted."""
    data = req.data
    muted = iter(theme.MUTED_SERIES)
    colours = [theme.PRIMARY if s in data.highlight else next(muted) for s in data.series]
    names = [data.name(s) for s in data.series]
    legend_h = style.legend_size + 6
    _legend(figure, req, list(zip(names, colours)), style, 0,
            bold={data.name(h) for h in data.highlight})
    label_width = req.width * req.label_share
    n, per = len(data.categories), len(data.series)
    body = req.height - legend_h
    labels = _fit_labels(data.categories, label_width - 6, body / n, style, req)
    ax = _axes(figure, req, label_width, 0, 24, legend_h)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, 100)
    bar = 0.82 / per
    for i, label in enumerate(labels):
        _right_aligned_label(ax, figure, i, label, style)
    for s, (colour, row) in enumerate(zip(colours, data.cells)):
        ys = [i - 0.41 + bar * (s + 0.5) for i in range(n)]
        ax.barh(ys, [c.value for c in row], height=bar * 0.88, color=colour, linewidth=0)
        face = "bold" if data.series[s] in data.highlight else "regular"
        for y, cell in zip(ys, row):
            ax.text(cell.value, y, format_value(cell.value, cell.illustrative),
                    transform=ax.transData + _offset(figure, 2.5, 0), ha="left", va="center",
                    fontproperties=font_properties(face, style.value_size - 0.4),
                    color=style.value_color)


def line(figure: Figure, req: ChartRequest, style) -> None:
    """One line per series (item) over the categories (years); legend below."""
    data = req.data
    colours = theme.LINE_SERIES
    size = style.legend_size
    leading = size * style.label_leading
    swatch_w = 16.0
    legend_lines = [wrap(name, req.width - swatch_w - 4, "regular", size) for name in data.series]
    legend_h = sum(len(lines) * leading + 3 for lines in legend_lines)
    ax = _axes(figure, req, 14, legend_h + 16, 14, 9)
    xs = list(range(len(data.categories)))
    vmax = max(c.value for row in data.cells for c in row) or 1.0
    ax.set_xlim(-0.3, len(xs) - 0.7)
    ax.set_ylim(0, vmax * 1.05)
    ax.axhline(0, color=style.rule_color, linewidth=0.5)
    for x, year in zip(xs, data.categories):
        ax.text(x, 0, year, transform=ax.transData + _offset(figure, 0, -3), ha="center", va="top",
                fontproperties=font_properties("regular", style.label_size), color=style.label_color)
    for s, row in enumerate(data.cells):
        colour = colours[s % len(colours)]
        ax.plot(xs, [c.value for c in row], color=colour, linewidth=1.4, marker="o", markersize=3.4,
                markeredgewidth=0, solid_joinstyle="round")
        for x, cell in enumerate(row):
            column = [r[x].value for r in data.cells]
            above = cell.value >= max(column)   # the top line labels above, the others below
            ax.text(x, cell.value, format_value(cell.value, cell.illustrative),
                    transform=ax.transData + _offset(figure, 0, 4 if above else -4),
                    ha="center", va="bottom" if above else "top",
                    fontproperties=font_properties("bold", style.value_size), color=colour)
    y = legend_h
    for s, lines in enumerate(legend_lines):
        colour = colours[s % len(colours)]
        figure.add_artist(_legend_line(figure, y - size * 0.55, swatch_w, colour))
        figure.text((swatch_w + 4) / req.width, y / req.height, "\n".join(lines),
                    fontproperties=font_properties("regular", size), color=style.label_color,
                    ha="left", va="top", linespacing=style.label_leading)
        y -= len(lines) * leading + 3


def _legend_line(figure: Figure, y: float, length: float, colour: str):
    return Line2D([1, length - 1], [y, y], transform=_points(figure),
                  color=colour, linewidth=1.4, marker="o", markevery=[1], markersize=3.4,
                  markeredgewidth=0)


_KINDS = {"hbar": hbar, "scale": scale, "grouped_vbar": grouped_vbar,
          "grouped_hbar": grouped_hbar, "line": line}
