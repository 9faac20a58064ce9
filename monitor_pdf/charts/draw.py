"""The chart kinds of the factsheet, drawn by matplotlib.

Each function lays its chart out in points inside a fixed box (the slot the
layout gives it), so a chart never changes the page around it. Long category
labels wrap inside the label column; a label that still does not fit its row
stops the build with a ChartError naming the figure and the item.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure

from monitor_pdf import theme
from monitor_pdf.charts.canvas import DPI, PointCanvas
from monitor_pdf.charts.recorder import record
from monitor_pdf.charts.style import rc_context, text_width, wrap
from monitor_pdf.displaylist import DisplayList
from monitor_pdf.errors import ChartError
from monitor_pdf.model import ChartData
from monitor_pdf.wording.numbers import format_value

VALUE_ROOM = 24.0     # points right of the longest bar for its value label
LABEL_GAP = 6.0       # points between a category label and its bar


@dataclass(frozen=True)
class ChartRequest:
    kind: str
    data: ChartData
    width: float            # points
    height: float           # points
    name: str               # for messages: "Figuur 1 (fig1)"
    label_share: float = 0.45


def draw_chart(request: ChartRequest, style: theme.ChartStyle = theme.DEFAULT_THEME.chart) -> DisplayList:
    return draw_charts([request], style)[0]


def draw_charts(requests: list[ChartRequest], style: theme.ChartStyle = theme.DEFAULT_THEME.chart) -> list[DisplayList]:
    """Several charts under one settings context (entering one costs ~1 ms)."""
    with rc_context():
        return [record(make_figure(request, style)) for request in requests]


def make_figure(request: ChartRequest, style: theme.ChartStyle = theme.DEFAULT_THEME.chart) -> Figure:
    """The matplotlib figure of a chart (call inside rc_context(); draw_chart does)."""
    figure = Figure(figsize=(request.width / DPI, request.height / DPI), dpi=DPI)
    figure.patch.set_visible(False)
    _KINDS[request.kind](PointCanvas(figure), request, style)
    return figure


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
        wrapped.append(lines)
    return wrapped


def _legend(c: PointCanvas, req: ChartRequest, entries, style, bold=frozenset()) -> float:
    """One row of colour swatches with names at the top of the box; returns its height."""
    x, size = 0.0, style.legend_size
    swatch = size * 0.95
    y = c.height - swatch - 0.5
    for name, colour in entries:
        face = "bold" if name in bold else "regular"
        if x + swatch + 2.5 + text_width(name, face, size) > c.width:
            raise ChartError(f"{req.name}: the legend ({', '.join(n for n, _ in entries)}) does not fit "
                             "on one line; use shorter names")
        c.rect(x, y, swatch, swatch, colour)
        c.text(x + swatch + 2.5, y + swatch * 0.12, name, face, size, style.label_color)
        x += swatch + 2.5 + text_width(name, face, size) + 9
    return size + 6


# ---------------------------------------------------------------- kinds

def hbar(c: PointCanvas, req: ChartRequest, style) -> None:
    """One bar per item, labels in a column on the left, values at the bar ends."""
    data = req.data
    label_w = c.width * req.label_share
    bar_room = c.width - label_w - VALUE_ROOM
    n = len(data.categories)
    row = c.height / n
    labels = _fit_labels(data.categories, label_w - LABEL_GAP, row, style, req)
    vmax = max(max(data.values(0)), 1.0)
    leading = style.label_size * style.label_leading
    for i, (lines, cell) in enumerate(zip(labels, data.cells[0])):
        y = c.height - (i + 0.5) * row
        length = bar_room * cell.value / vmax
        c.rect(label_w, y - 0.32 * row, length, 0.64 * row, style.bar_color)
        c.lines_of_text(label_w - LABEL_GAP, y, lines, "regular", style.label_size, leading,
                        style.label_color, ha="right")
        c.text(label_w + length + 3, y, format_value(cell.value, cell.illustrative), "bold",
               style.value_size, style.value_color, va="center_baseline")


def scale(c: PointCanvas, req: ChartRequest, style) -> None:
    """Vertical bars over the points of a scale (1-7); highlighted points in the dark colour."""
    data = req.data
    n = len(data.categories)
    bottom, plot_h = 12.0, c.height - 22.0
    slot = c.width / n
    vmax = max(max(data.values(0)), 1.0)
    for i, (category, cell) in enumerate(zip(data.categories, data.cells[0])):
        x, h = slot * (i + 0.5), plot_h * cell.value / vmax
        colour = theme.SCALE_HIGHLIGHT if category in data.highlight else theme.SCALE_OTHER
        c.rect(x - 0.32 * slot, bottom, 0.64 * slot, h, colour)
        c.text(x, bottom + h + 2.5, format_value(cell.value, cell.illustrative), "bold",
               style.value_size, style.value_color, ha="center", va="bottom")
        c.text(x, bottom - 3, category, "regular", style.label_size, style.label_color, ha="center", va="top")
    c.line([0, c.width], [bottom, bottom], style.rule_color, 0.5)


def grouped_vbar(c: PointCanvas, req: ChartRequest, style) -> None:
    """One cluster per category (bestuurslaag), one bar per series (year)."""
    data = req.data
    if len(data.series) > len(theme.YEAR_RAMP):
        raise ChartError(f"{req.name}: at most {len(theme.YEAR_RAMP)} years fit this chart")
    colours = theme.YEAR_RAMP[-len(data.series):]
    legend_h = _legend(c, req, list(zip(data.series, colours)), style)
    bottom = 14.0
    plot_h = c.height - bottom - legend_h - 9
    clusters, per = len(data.categories), len(data.series)
    cluster_w = c.width / clusters
    slot = 0.84 * cluster_w / per
    vmax = max(cell.value for row in data.cells for cell in row) or 1.0
    size = style.label_size + 0.6
    for k, category in enumerate(data.categories):
        face = "bold" if category in data.highlight else "regular"
        if category in data.highlight:
            c.rect(cluster_w * (k + 0.01), 0, cluster_w * 0.98, bottom + plot_h, style.highlight_band, zorder=0)
        name = data.name(category)
        if text_width(name, face, size) > cluster_w - 6:
            raise ChartError(f"{req.name}: label '{name}' is wider than its group of bars; use a shorter name")
        c.text(cluster_w * (k + 0.5), bottom - 4, name, face, size, style.label_color, ha="center", va="top")
    for s, (colour, row) in enumerate(zip(colours, data.cells)):
        for k, cell in enumerate(row):
            x = cluster_w * k + 0.08 * cluster_w + slot * (s + 0.5)
            h = plot_h * cell.value / vmax
            c.rect(x - 0.43 * slot, bottom, 0.86 * slot, h, colour, zorder=2)
            c.text(x, bottom + h + 2, format_value(cell.value, cell.illustrative), "regular",
                   style.value_size - 0.6, style.value_color, ha="center", va="bottom")
    c.line([0, c.width], [bottom, bottom], style.rule_color, 0.5, zorder=3)


def grouped_hbar(c: PointCanvas, req: ChartRequest, style) -> None:
    """One group per item (statement), one bar per series (bestuurslaag); the
    factsheet's own bestuurslaag in the dark colour, the others muted."""
    data = req.data
    muted = iter(theme.MUTED_SERIES)
    colours = [theme.PRIMARY if s in data.highlight else next(muted) for s in data.series]
    names = [data.name(s) for s in data.series]
    legend_h = _legend(c, req, list(zip(names, colours)), style, bold={data.name(h) for h in data.highlight})
    label_w = c.width * req.label_share
    bar_room = c.width - label_w - VALUE_ROOM
    n, per = len(data.categories), len(data.series)
    block = (c.height - legend_h) / n
    labels = _fit_labels(data.categories, label_w - LABEL_GAP, block, style, req)
    slot = 0.82 * block / per
    leading = style.label_size * style.label_leading
    for i, lines in enumerate(labels):
        c.lines_of_text(label_w - LABEL_GAP, c.height - legend_h - (i + 0.5) * block, lines, "regular",
                        style.label_size, leading, style.label_color, ha="right")
    for s, (colour, row) in enumerate(zip(colours, data.cells)):
        face = "bold" if data.series[s] in data.highlight else "regular"
        for i, cell in enumerate(row):
            y = c.height - legend_h - i * block - 0.09 * block - slot * (s + 0.5)
            length = bar_room * cell.value / 100
            c.rect(label_w, y - 0.44 * slot, length, 0.88 * slot, colour)
            c.text(label_w + length + 2.5, y, format_value(cell.value, cell.illustrative), face,
                   style.value_size - 0.4, style.value_color, va="center_baseline")


def line(c: PointCanvas, req: ChartRequest, style) -> None:
    """One line per series (item) over the categories (years); legend below."""
    data = req.data
    colours = theme.LINE_SERIES
    size = style.legend_size
    leading = size * style.label_leading
    swatch_w = 16.0
    legend_lines = [wrap(name, c.width - swatch_w - 4, "regular", size) for name in data.series]
    legend_h = sum(len(lines) * leading + 3 for lines in legend_lines)
    left, right, bottom, top = 14.0, 14.0, legend_h + 16, 9.0
    plot_w, plot_h = c.width - left - right, c.height - bottom - top
    n = len(data.categories)
    xs = [left + plot_w * (j + 0.3) / (n - 1 + 0.6) for j in range(n)]
    vmax = (max(cell.value for row in data.cells for cell in row) or 1.0) * 1.05
    c.line([left, left + plot_w], [bottom, bottom], style.rule_color, 0.5)
    for x, year in zip(xs, data.categories):
        c.text(x, bottom - 3, year, "regular", style.label_size, style.label_color, ha="center", va="top")
    for s, row in enumerate(data.cells):
        colour = colours[s % len(colours)]
        ys = [bottom + plot_h * cell.value / vmax for cell in row]
        c.line(xs, ys, colour, 1.4, marker="o", markersize=3.4)
        for j, (x, y, cell) in enumerate(zip(xs, ys, row)):
            above = cell.value >= max(r[j].value for r in data.cells)   # the top line labels above
            c.text(x, y + (4 if above else -4), format_value(cell.value, cell.illustrative), "bold",
                   style.value_size, colour, ha="center", va="bottom" if above else "top")
    y = legend_h
    for s, lines in enumerate(legend_lines):
        colour = colours[s % len(colours)]
        c.line([1, swatch_w - 1], [y - size * 0.55] * 2, colour, 1.4, marker="o", markersize=3.4,
               markevery=[1])
        for k, text in enumerate(lines):
            c.text(swatch_w + 4, y - k * leading, text, "regular", size, style.label_color, va="top")
        y -= len(lines) * leading + 3


_KINDS = {"hbar": hbar, "scale": scale, "grouped_vbar": grouped_vbar,
          "grouped_hbar": grouped_hbar, "line": line}
