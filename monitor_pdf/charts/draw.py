"""The chart kinds of the factsheet, drawn by matplotlib.

Each function lays its chart out in points inside a fixed box (the slot the
layout gives it), so a chart never changes the page around it. Long category
labels wrap inside the label column; a label that still does not fit its row
stops the build with a ChartError naming the figure and the item.

Every value is printed with the chart's one precision (ChartData.decimals). A
cell may be None (a unit that joined the monitor later): bars leave a gap with
a muted dash where the value would be, so it does not read as 0%; lines break.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

from matplotlib.figure import Figure

from monitor_pdf import theme
from monitor_pdf.charts import line_labels
from monitor_pdf.charts.canvas import DPI, PointCanvas
from monitor_pdf.charts.recorder import record
from monitor_pdf.charts.style import rc_context, text_extent, text_width, wrap
from monitor_pdf.displaylist import DisplayList
from monitor_pdf.errors import ChartError
from monitor_pdf.model import Cell, ChartData
from monitor_pdf.wording.numbers import format_value

VALUE_ROOM = 24.0     # points right of the longest bar for its value label
LABEL_GAP = 6.0       # points between a category label and its bar
MISSING = "\u2013"    # en dash where a value label would be, for a cell without data
MARKER = 3.4          # diameter of a line chart's point markers
AXIS_CLEAR = 1.5      # points between the axis rule and a value label above it

Heights = list[list[float | None]]   # y of each cell of a line chart by [series][year]; None for a gap


@dataclass(frozen=True)
class ChartRequest:
    kind: str
    data: ChartData
    width: float            # points
    height: float           # points
    name: str               # for messages: "Figuur 1 (fig1)"
    label_share: float = 0.45
    style: theme.ChartStyle = theme.DEFAULT_THEME.chart   # the kind's look (theme.toml)


def draw_chart(request: ChartRequest) -> DisplayList:
    return draw_charts([request])[0]


def draw_charts(requests: list[ChartRequest]) -> list[DisplayList]:
    """Several charts under one settings context, entered once rather than per chart."""
    drawn = []
    for style in dict.fromkeys(r.style for r in requests):
        with rc_context(style):
            drawn += [(r, record(make_figure(r))) for r in requests if r.style == style]
    by_request = {id(r): d for r, d in drawn}
    return [by_request[id(r)] for r in requests]


def make_figure(request: ChartRequest) -> Figure:
    """The matplotlib figure of a chart (call inside rc_context(request.style); draw_chart does)."""
    figure = Figure(figsize=(request.width / DPI, request.height / DPI), dpi=DPI)
    figure.patch.set_visible(False)
    _KINDS[request.kind](PointCanvas(figure), request, request.style)
    return figure


def _fit_labels(labels: Sequence[str], width: float, row_height: float, style: theme.ChartStyle,
                req: ChartRequest, face: str = "regular") -> list[list[str]]:
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


def _legend(c: PointCanvas, req: ChartRequest, entries: list[tuple[str, str]], style: theme.ChartStyle,
            bold: Set[str] = frozenset()) -> float:
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


def _value(cell: Cell, data: ChartData) -> str:
    return format_value(cell.value, cell.illustrative, data.decimals)


def _vmax(data: ChartData, series: int | None = None) -> float:
    """The largest value shown (of one series, or all), at least 1: the full
    length of a bar. Missing cells do not count."""
    values = data.values(series) if series is not None else [c.value for c in data.present()]
    return max(values, default=0.0) or 1.0


def _missing(c: PointCanvas, x: float, y: float, style: theme.ChartStyle, ha: str = "left",
             va: str = "center_baseline") -> None:
    """The mark of a cell without data: regular and muted, unlike a bold value."""
    c.text(x, y, MISSING, "regular", style.value_size, style.value_color, ha=ha, va=va)


# ---------------------------------------------------------------- kinds

def hbar(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle) -> None:
    """One bar per item, labels in a column on the left, values at the bar ends."""
    data = req.data
    label_w = c.width * req.label_share
    bar_room = c.width - label_w - VALUE_ROOM
    n = len(data.categories)
    row = c.height / n
    labels = _fit_labels(data.categories, label_w - LABEL_GAP, row, style, req)
    vmax = max(_vmax(data, 0), 1.0)
    thick = min(0.64 * row, style.max_bar)     # centred in its row, like both its labels
    leading = style.label_size * style.label_leading
    for i, (lines, cell) in enumerate(zip(labels, data.cells[0])):
        y = c.height - (i + 0.5) * row
        c.lines_of_text(label_w - LABEL_GAP, y, lines, "regular", style.label_size, leading,
                        style.label_color, ha="right")
        if cell is None:
            _missing(c, label_w + 3, y, style)
            continue
        length = bar_room * cell.value / vmax
        c.rect(label_w, y - thick / 2, length, thick, style.bar_color)
        c.text(label_w + length + 3, y, _value(cell, data), "bold",
               style.value_size, style.value_color, va="center_baseline")


def scale(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle) -> None:
    """Vertical bars over the points of a scale (1-7) or the categories of a vbar
    chart (items, years); highlighted ones (the (zeer) ernstig points, this
    year) in the dark colour."""
    data = req.data
    n = len(data.categories)
    bottom, plot_h = 12.0, c.height - 22.0
    slot = c.width / n
    vmax = max(_vmax(data, 0), 1.0)
    for i, (category, cell) in enumerate(zip(data.categories, data.cells[0])):
        x = slot * (i + 0.5)
        c.text(x, bottom - 3, category, "regular", style.label_size, style.label_color, ha="center", va="top")
        if cell is None:
            _missing(c, x, bottom + 2.5, style, ha="center", va="bottom")
            continue
        h = plot_h * cell.value / vmax
        colour = style.scale_highlight if category in data.highlight else style.scale_other
        c.rect(x - 0.32 * slot, bottom, 0.64 * slot, h, colour)
        c.text(x, bottom + h + 2.5, _value(cell, data), "bold",
               style.value_size, style.value_color, ha="center", va="bottom")
    c.line([0, c.width], [bottom, bottom], style.rule_color, 0.5)


def grouped_vbar(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle) -> None:
    """One cluster per category (bestuurslaag), one bar per series (year)."""
    data = req.data
    if len(data.series) > len(style.year_ramp):
        raise ChartError(f"{req.name}: at most {len(style.year_ramp)} years fit this chart")
    colours = style.year_ramp[-len(data.series):]
    legend_h = _legend(c, req, list(zip(data.series, colours)), style)
    bottom = 14.0
    plot_h = c.height - bottom - legend_h - 9
    clusters, per = len(data.categories), len(data.series)
    cluster_w = c.width / clusters
    slot = 0.84 * cluster_w / per
    vmax = _vmax(data)
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
            if cell is None:
                _missing(c, x, bottom + 2, style, ha="center", va="bottom")
                continue
            h = plot_h * cell.value / vmax
            c.rect(x - 0.43 * slot, bottom, 0.86 * slot, h, colour, zorder=2)
            c.text(x, bottom + h + 2, _value(cell, data), "regular",
                   style.value_size - 0.6, style.value_color, ha="center", va="bottom")
    c.line([0, c.width], [bottom, bottom], style.rule_color, 0.5, zorder=3)


def grouped_hbar(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle) -> None:
    """One group per item (statement), one bar per series (bestuurslaag); the
    factsheet's own bestuurslaag in the dark colour, the others muted."""
    data = req.data
    if data.series_are_years:                    # editions: light (old) to dark (this year)
        if len(data.series) > len(style.year_ramp):
            raise ChartError(f"{req.name}: at most {len(style.year_ramp)} years fit this chart")
        colours = list(style.year_ramp[-len(data.series):])
    else:
        muted = iter(style.muted_series)
        if len(data.series) - len(data.highlight) > len(style.muted_series):
            raise ChartError(f"{req.name}: at most {len(style.muted_series) + 1} units fit this chart")
        colours = [style.own_color if s in data.highlight else next(muted) for s in data.series]
    names = [data.name(s) for s in data.series]
    legend_h = _legend(c, req, list(zip(names, colours)), style, bold={data.name(h) for h in data.highlight})
    label_w = c.width * req.label_share
    bar_room = c.width - label_w - VALUE_ROOM
    n, per = len(data.categories), len(data.series)
    block = (c.height - legend_h) / n
    labels = _fit_labels(data.categories, label_w - LABEL_GAP, block, style, req)
    # bars 0.88 of their slot; the group 0.82 of the block, or less under the ceiling
    slot = min(0.82 * block / per, style.max_group_bar / 0.88)
    leading = style.label_size * style.label_leading
    for i, lines in enumerate(labels):
        c.lines_of_text(label_w - LABEL_GAP, c.height - legend_h - (i + 0.5) * block, lines, "regular",
                        style.label_size, leading, style.label_color, ha="right")
    for s, (colour, row) in enumerate(zip(colours, data.cells)):
        face = "bold" if data.series[s] in data.highlight else "regular"
        for i, cell in enumerate(row):
            # the group centred in its block, on the block's label
            y = c.height - legend_h - (i + 0.5) * block + slot * (per / 2 - s - 0.5)
            if cell is None:
                _missing(c, label_w + 2.5, y, style)
                continue
            length = bar_room * cell.value / 100
            c.rect(label_w, y - 0.44 * slot, length, 0.88 * slot, colour)
            c.text(label_w + length + 2.5, y, _value(cell, data), face,
                   style.value_size - 0.4, style.value_color, va="center_baseline")


def line(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle) -> None:
    """One line per series (item) over the categories (years); legend below.
    Every point has its value label, placed by charts/line_labels.py so no label
    overlaps another, a point, the axis or the year labels."""
    data = req.data
    size = style.legend_size
    legend_lines = [wrap(name, c.width - 20, "regular", size) for name in data.series]
    legend_h = sum(len(lines) * size * style.label_leading + 3 for lines in legend_lines)
    left, right, bottom = 14.0, 14.0, legend_h + 16
    n, plot_w = len(data.categories), c.width - left - right
    xs = [left + plot_w * (j + 0.3) / (n - 1 + 0.6) for j in range(n)]
    ys, boxes = _line_layout(c, req, style, xs, bottom)
    c.line([left, left + plot_w], [bottom, bottom], style.rule_color, 0.5)
    for x, year in zip(xs, data.categories):
        c.text(x, bottom - 3, year, "regular", style.label_size, style.label_color, ha="center", va="top")
    descent = text_extent("bold", style.value_size)[1]
    for s, row in enumerate(data.cells):
        colour = style.line_series[s % len(style.line_series)]
        _polyline(c, xs, ys[s], colour)
        for j, cell in enumerate(row):
            if cell is not None:
                box = boxes[s, j]
                c.text((box.x0 + box.x1) / 2, box.y0 + descent, _value(cell, data), "bold",
                       style.value_size, colour, ha="center")
    _line_legend(c, legend_lines, legend_h, style)


def _line_layout(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle, xs: list[float],
                 bottom: float) -> tuple[Heights, dict[object, line_labels.Box]]:
    """The height of each point (None for a gap) and the box of each point's
    label, by (series, year). The plot keeps room for one label above its
    highest and below its lowest point. If labels then find no place (several
    equal values) or a line crosses one (two equal values at a peak), the room
    grows by one stacked label at a time; the first layout where no line
    crosses a label wins, else the first where the labels fit."""
    data = req.data
    ascent, descent = text_extent("bold", style.value_size)
    width = {(s, j): text_width(_value(cell, data), "bold", style.value_size)
             for s, row in enumerate(data.cells) for j, cell in enumerate(row) if cell is not None}
    # plain floats: the canvas's sizes are numpy scalars, much slower in the many comparisons
    band = line_labels.Band(0.0, float(c.width), float(bottom + AXIS_CLEAR), float(c.height), ascent + descent,
                       MARKER / 2)
    fits, failed = None, None
    for stack in range(1, len(data.series) + 1):
        room = line_labels.GAP + stack * band.label_height + (stack - 1) * line_labels.PAD
        ys = _point_heights(data, band.floor + room, band.ceiling - room, float(bottom))
        if ys is None:
            break
        segments = [((xs[j], row[j]), (xs[j + 1], row[j + 1])) for row in ys
                    for j in range(len(xs) - 1) if row[j] is not None and row[j + 1] is not None]
        try:
            boxes = line_labels.place_labels(_line_columns(data, xs, ys, width), band, segments)
        except line_labels.LabelsDoNotFit as exc:
            failed = failed or data.categories[exc.column]
            continue
        fits = fits or (ys, boxes)
        if not any(line_labels.crossed(box, segments) for box in boxes.values()):
            return ys, boxes
    if fits:
        return fits
    raise ChartError(f"{req.name}: the value labels{f' of {failed}' if failed else ''} do not fit "
                     "the figure; give it more height in layout.toml")


def _line_columns(data: ChartData, xs: list[float], ys: Heights,
                  width: dict[tuple[int, int], float]) -> list[list[line_labels.Point]]:
    """The points of each year (column) that have a value."""
    return [[line_labels.Point((s, j), x, y, width[s, j]) for s in range(len(data.series))
             if (y := ys[s][j]) is not None] for j, x in enumerate(xs)]


def _point_heights(data: ChartData, low: float, high: float, bottom: float) -> Heights | None:
    """y of every cell (None for a gap): the largest value at `high`, zero on
    the axis at `bottom`, unless that puts the smallest value under `low`; then
    zero is lifted just enough (values near 0% keep room for a label below).
    None when low > high: the box has no room for the labels."""
    values = [cell.value for cell in data.present()]
    if low > high:
        return None
    vmax, vmin = max(values, default=0.0), min(values, default=0.0)
    if vmax <= 0:
        base, scale = max(bottom, low), 0.0
    else:
        share = vmin / vmax
        base = bottom if share >= 1 else max(bottom, (low - high * share) / (1 - share))
        scale = (high - base) / vmax
    return [[None if cell is None else base + scale * cell.value for cell in row] for row in data.cells]


def _polyline(c: PointCanvas, xs: list[float], ys: list[float | None], colour: str) -> None:
    """A series as runs of consecutive points: the line breaks at a gap, and a
    point alone between gaps is its marker only."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(xs, ys):
        if y is None:
            runs.append([])
        else:
            runs[-1].append((x, y))
    for points in filter(None, runs):
        px, py = zip(*points)
        c.line(px, py, colour, 1.4 if len(points) > 1 else 0, marker="o", markersize=MARKER)


def _line_legend(c: PointCanvas, legend_lines: list[list[str]], legend_h: float, style: theme.ChartStyle) -> None:
    """Under the chart: each series' line and marker, then its (wrapped) name."""
    size, swatch_w = style.legend_size, 16.0
    leading = size * style.label_leading
    y = legend_h
    for s, lines in enumerate(legend_lines):
        colour = style.line_series[s % len(style.line_series)]
        c.line([1, swatch_w - 1], [y - size * 0.55] * 2, colour, 1.4, marker="o", markersize=MARKER,
               markevery=[1])
        for k, text in enumerate(lines):
            c.text(swatch_w + 4, y - k * leading, text, "regular", size, style.label_color, va="top")
        y -= len(lines) * leading + 3


_KINDS = {"hbar": hbar, "scale": scale, "vbar": scale, "grouped_vbar": grouped_vbar,
          "grouped_hbar": grouped_hbar, "line": line}
