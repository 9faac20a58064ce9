"""The chart kinds of the factsheet, drawn by matplotlib.

Each function lays its chart out in points inside its box, so a chart never
changes the page around it: bar charts take the height their bars need
(charts/geometry.py, at most the slot the layout gives), the others fill
their slot. One geometry for all (theme.toml [chart]): one text size, one
bar thickness and gap per chart type, one value-label style (bold for the
factsheet's own unit only), fixed clearances. Values are drawn on the
figure's scale (ChartData.domain: the same in every factsheet of the data),
with light reference lines at round values that keep clear of the labels.
Long category labels wrap inside the label column; a label wider than its
column stops the build with a ChartError naming the figure and the item.

Every value is printed with the chart's one precision (ChartData.decimals). A
cell may be None (a unit that joined the monitor later): bars leave a gap with
a muted dash where the value would be, so it does not read as 0%; lines break.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from itertools import combinations, pairwise

from matplotlib.figure import Figure

from monitor_pdf import theme
from monitor_pdf.charts import line_labels
from monitor_pdf.charts.canvas import DPI, PointCanvas
from monitor_pdf.charts.geometry import BarLayout, bar_layout, domain_of, natural_height, tick_label, ticks
from monitor_pdf.charts.recorder import record
from monitor_pdf.charts.style import rc_context, text_extent, text_width, wrap
from monitor_pdf.displaylist import DisplayList
from monitor_pdf.errors import ChartError
from monitor_pdf.model import Cell, ChartData
from monitor_pdf.wording.numbers import format_value

MISSING = "\u2013"    # en dash where a value label would be, for a cell without data
MARKER = 3.4          # diameter of a line chart's point markers
KEYLINE = 0.5         # width of the edge of a light mark
YEARS_APART = 20.0    # L*: editions this far apart are far enough; closer only when the ramp has no room
AXIS_CLEAR = 1.5      # points between the axis rule and a value label above it
TICK = 1.5            # a reference line runs this far past the plot, towards its value
SWATCH_GAP = 2.5      # legend: a swatch to its name
ENTRY_GAP = 9.0       # legend: a name to the next swatch
END_GAP = 6.0         # line chart: the last point's value label to the names at the line ends

Heights = list[list[float | None]]   # y of each cell of a line chart by [series][year]; None for a gap
TextBox = tuple[float, float, float, float]   # x0, y0, x1, y1 of a text drawn, to keep lines clear of


@dataclass(frozen=True)
class ChartRequest:
    kind: str
    data: ChartData
    width: float            # points
    height: float           # points: the slot; a bar chart takes what its bars need, at most this
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
    """The matplotlib figure of a chart (call inside rc_context(request.style); draw_chart does).
    A bar chart's figure is as tall as its bars need (charts/geometry.py), at most the slot."""
    height = natural_height(request.kind, request.data, request.width, request.height, request.label_share,
                            request.style, request.name) or request.height
    figure = Figure(figsize=(request.width / DPI, height / DPI), dpi=DPI)
    figure.patch.set_visible(False)
    _KINDS[request.kind](PointCanvas(figure), request, request.style)
    return figure


def _value(cell: Cell, data: ChartData) -> str:
    return format_value(cell.value, cell.illustrative, data.decimals)


def _mark(c: PointCanvas, x: float, y: float, w: float, h: float, colour: str, style: theme.ChartStyle,
          zorder: float = 1) -> None:
    """A bar or legend swatch: its colour, with a keyline where the colour alone
    is lighter than MARK_CONTRAST against the page (a light series still shows
    where it ends, and on a greyscale print)."""
    light = theme.contrast(colour, "#FFFFFF") < theme.MARK_CONTRAST
    c.rect(x, y, w, h, colour, zorder=zorder, edge=style.keyline_color if light else None,
           edge_width=KEYLINE if light else 0.0)


def _face(bold: bool) -> str:
    """One value-label style: bold only for the highlighted series (the factsheet's own unit)."""
    return "bold" if bold else "regular"


def _missing(c: PointCanvas, x: float, y: float, style: theme.ChartStyle, ha: str = "left",
             va: str = "center_baseline") -> None:
    """The mark of a cell without data: regular and muted, unlike a bold value."""
    c.text(x, y, MISSING, "regular", style.text_size, style.value_color, ha=ha, va=va)


def _text_box(x: float, y: float, text: str, face: str, style: theme.ChartStyle, ha: str, va: str) -> TextBox:
    """The box a label drawn as c.text(x, y, ...) occupies."""
    width = text_width(text, face, style.text_size)
    ascent, descent = text_extent(face, style.text_size)
    baseline = y + {"baseline": 0.0, "bottom": descent, "top": -ascent, "center_baseline": -ascent / 2}[va]
    x0 = x - width * {"left": 0.0, "center": 0.5, "right": 1.0}[ha]
    return x0, baseline - descent, x0 + width, baseline + ascent


def _label(c: PointCanvas, boxes: list[TextBox], x: float, y: float, text: str, face: str, colour: str,
           style: theme.ChartStyle, ha: str = "left", va: str = "center_baseline") -> None:
    """A value label, its box kept so reference lines pass clear of it."""
    c.text(x, y, text, face, style.text_size, colour, ha=ha, va=va)
    boxes.append(_text_box(x, y, text, face, style, ha, va))


def _legend(c: PointCanvas, req: ChartRequest, entries: list[tuple[str, str]], style: theme.ChartStyle,
            bold: Set[str] = frozenset()) -> None:
    """One row of colour swatches with names at the top of the box (charts/geometry.py keeps its band)."""
    x, size = 0.0, style.text_size
    swatch = size * 0.95
    y = c.height - style.text_leading / 2
    for name, colour in entries:
        face = "bold" if name in bold else "regular"
        if x + swatch + SWATCH_GAP + text_width(name, face, size) > c.width:
            raise ChartError(f"{req.name}: the legend ({', '.join(n for n, _ in entries)}) does not fit "
                             "on one line; use shorter names")
        _mark(c, x, y - swatch / 2, swatch, swatch, colour, style)
        c.text(x + swatch + SWATCH_GAP, y, name, face, size, style.label_color, va="center_baseline")
        x += swatch + SWATCH_GAP + text_width(name, face, size) + ENTRY_GAP


def _vertical_reference(c: PointCanvas, lay: BarLayout, data: ChartData, style: theme.ChartStyle,
                        boxes: list[TextBox]) -> None:
    """Under horizontal bars: the bars' common start (a rule at 0) and light
    lines at round values, each with its value, clear of the value labels."""
    top, bottom = lay.plot_top, lay.plot_bottom
    for value in lay.ticks:
        x = lay.x(value)
        if value == 0:
            c.line([x, x], [bottom - TICK, top], style.rule_color, 0.5, zorder=2)
        else:
            _broken_line(c, x, bottom - TICK, top, boxes, style.grid_color, vertical=True)
        c.text(x, bottom - style.value_gap, tick_label(value), "regular", style.text_size, style.value_color,
               ha="center", va="top")


def _horizontal_reference(c: PointCanvas, ys: list[tuple[float, float]], left: float, right: float,
                          style: theme.ChartStyle, boxes: list[TextBox], rule_at_zero: bool = True) -> None:
    """Beside vertical bars or lines: light lines at round values (value, y),
    each with its value at the left, clear of the value labels; 0 is the rule."""
    for value, y in ys:
        if value == 0 and rule_at_zero:
            c.line([left - TICK, right], [y, y], style.rule_color, 0.5, zorder=2)
        else:
            _broken_line(c, y, left - TICK, right, boxes, style.grid_color, vertical=False)
        c.text(left - style.value_gap, y, tick_label(value), "regular", style.text_size, style.value_color,
               ha="right", va="center_baseline")


def _broken_line(c: PointCanvas, at: float, start: float, end: float, boxes: list[TextBox], colour: str,
                 vertical: bool) -> None:
    """A reference line from start to end at `at`, interrupted where a text stands on it."""
    pad = 1.0
    cuts = sorted((b[1] - pad, b[3] + pad) if vertical else (b[0] - pad, b[2] + pad) for b in boxes
                  if ((b[0] - pad <= at <= b[2] + pad) if vertical else (b[1] - pad <= at <= b[3] + pad)))
    position = start
    for cut_start, cut_end in cuts + [(end, end)]:
        if cut_start > position + 0.5:
            stop = min(cut_start, end)
            xs, ys = ([at, at], [position, stop]) if vertical else ([position, stop], [at, at])
            c.line(xs, ys, colour, 0.4, zorder=0.5)
        position = max(position, cut_end)
        if position >= end:
            break


def _unit_colours(data: ChartData, style: theme.ChartStyle, req: ChartRequest) -> list[str]:
    """Each series' colour: editions light (old) to dark (this one); units the
    own colour for the factsheet's own, else the colour of the unit's place in
    the data, so a unit has one colour in every factsheet of the data."""
    if data.series_are_years:
        if len(data.series) > len(style.year_ramp):
            raise ChartError(f"{req.name}: at most {len(style.year_ramp)} years fit this chart")
        return year_colours(style.year_ramp, len(data.series))
    slots = data.slots or tuple(range(len(data.series)))
    others = [slot for s, slot in zip(data.series, slots) if s not in data.highlight]
    if len({slot % len(style.muted_series) for slot in others}) < len(others):
        raise ChartError(f"{req.name}: at most {len(style.muted_series)} units besides the own one fit this "
                         "chart (theme.toml: muted_series)")
    return [style.own_color if s in data.highlight else style.muted_series[slot % len(style.muted_series)]
            for s, slot in zip(data.series, slots)]


def year_colours(ramp: tuple[str, ...], count: int) -> list[str]:
    """`count` colours of the ramp (light to dark) for editions, old to new:
    this edition the darkest, the others chosen as far apart in lightness as
    the ramp allows (YEARS_APART is enough; then the darker), so each edition
    reads apart on a greyscale print."""
    if count <= 1:
        return list(ramp[-1:])
    others = combinations(range(len(ramp) - 1), count - 1)
    best = max(others, key=lambda picked: (min(YEARS_APART, *(abs(theme.lightness(ramp[a]) - theme.lightness(ramp[b]))
                                                              for a, b in pairwise((*picked, len(ramp) - 1)))),
                                           picked))     # far enough apart, then as dark as can be
    return [ramp[i] for i in (*best, len(ramp) - 1)]


# ---------------------------------------------------------------- kinds

def hbar(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle) -> None:
    """One bar per item, labels in a column on the left, values at the bar ends,
    the scale under the bars."""
    data = req.data
    lay = bar_layout("hbar", data, c.width, c.height, req.label_share, style, req.name)
    boxes: list[TextBox] = []
    for i, (lines, cell) in enumerate(zip(lay.labels, data.cells[0])):
        y = lay.row_centre(i)
        c.lines_of_text(lay.label_right, y, list(lines), "regular", style.text_size, style.text_leading,
                        style.label_color, ha="right")
        if cell is None:
            _missing(c, lay.start + style.value_gap, y, style)
            continue
        length = cell.value * lay.per_unit
        _mark(c, lay.start, y - style.bar / 2, length, style.bar, style.bar_color, style)
        _label(c, boxes, lay.start + length + style.value_gap, y, _value(cell, data), "bold", style.value_color,
               style)
    _vertical_reference(c, lay, data, style, boxes)


def grouped_hbar(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle) -> None:
    """One group per item (statement), one bar per series (unit or edition); the
    factsheet's own unit in the dark colour, each other unit in its own."""
    data = req.data
    colours = _unit_colours(data, style, req)
    names = [data.name(s) for s in data.series]
    _legend(c, req, list(zip(names, colours)), style, bold={data.name(h) for h in data.highlight})
    lay = bar_layout("grouped_hbar", data, c.width, c.height, req.label_share, style, req.name)
    per = len(data.series)
    step = style.group_bar + style.group_bar_gap
    boxes: list[TextBox] = []
    for i, lines in enumerate(lay.labels):
        c.lines_of_text(lay.label_right, lay.row_centre(i), list(lines), "regular", style.text_size,
                        style.text_leading, style.label_color, ha="right")
    for s, (colour, row) in enumerate(zip(colours, data.cells)):
        face = _face(data.series[s] in data.highlight)
        for i, cell in enumerate(row):
            # the group centred in its row, on the row's label
            y = lay.row_centre(i) + step * ((per - 1) / 2 - s)
            if cell is None:
                _missing(c, lay.start + style.value_gap, y, style)
                continue
            length = cell.value * lay.per_unit
            _mark(c, lay.start, y - style.group_bar / 2, length, style.group_bar, colour, style)
            _label(c, boxes, lay.start + length + style.value_gap, y, _value(cell, data), face,
                   style.value_color, style)
    _vertical_reference(c, lay, data, style, boxes)


def _gutter(domain: float, style: theme.ChartStyle) -> float:
    """Room at the left for the values of the reference lines."""
    return max(text_width(tick_label(v), "regular", style.text_size) for v in ticks(domain)) + style.value_gap


def _value_top(style: theme.ChartStyle) -> float:
    """From the top of a value label to the bar (or point) it stands on."""
    ascent, descent = text_extent("bold", style.text_size)
    return style.value_gap + ascent + descent


def scale(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle) -> None:
    """Vertical bars over the points of a scale (1-7) or the categories of a vbar
    chart (items, years); highlighted ones (the (zeer) ernstig points, this
    year) in the dark colour."""
    data = req.data
    domain = domain_of(data)
    left = _gutter(domain, style)
    bottom = style.value_gap + style.text_leading
    plot_h = c.height - bottom - _value_top(style)
    per_unit = plot_h / domain
    slot = (c.width - left) / len(data.categories)
    width = min(style.column, 0.8 * slot)
    boxes: list[TextBox] = []
    for i, (category, cell) in enumerate(zip(data.categories, data.cells[0])):
        x = left + slot * (i + 0.5)
        c.text(x, bottom - style.value_gap, category, "regular", style.text_size, style.label_color,
               ha="center", va="top")
        if cell is None:
            _missing(c, x, bottom + style.value_gap, style, ha="center", va="bottom")
            continue
        h = cell.value * per_unit
        colour = style.scale_highlight if category in data.highlight else style.scale_other
        _mark(c, x - width / 2, bottom, width, h, colour, style)
        _label(c, boxes, x, bottom + h + style.value_gap, _value(cell, data), "bold", style.value_color, style,
               ha="center", va="bottom")
    _horizontal_reference(c, [(v, bottom + v * per_unit) for v in ticks(domain)], left, c.width, style, boxes)


def grouped_vbar(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle) -> None:
    """One cluster per category (unit), one bar per series (edition), each bar
    labelled with its year: this edition dark, the earlier ones lighter, so no
    shade has to be matched to a legend."""
    data = req.data
    domain = domain_of(data)
    left = _gutter(domain, style)
    years_row = style.value_gap + style.text_leading
    bottom = years_row + style.text_leading + 1.0
    plot_h = c.height - bottom - _value_top(style)
    per_unit = plot_h / domain
    clusters, per = len(data.categories), len(data.series)
    cluster_w = (c.width - left) / clusters
    slot = 0.86 * cluster_w / per
    width = min(style.column, 0.86 * slot)
    colours = [style.year_ramp[-1] if s == per - 1 else style.year_ramp[-2 % len(style.year_ramp)]
               for s in range(per)]
    years = _year_labels(data.series, slot, style, req)
    boxes: list[TextBox] = []
    for k, category in enumerate(data.categories):
        own = category in data.highlight
        x0 = left + cluster_w * k
        if own:
            c.rect(x0 + cluster_w * 0.01, 0, cluster_w * 0.98, bottom + plot_h, style.highlight_band, zorder=0)
        name = data.name(category)
        if text_width(name, _face(own), style.text_size) > cluster_w - 6:
            raise ChartError(f"{req.name}: label '{name}' is wider than its group of bars; use a shorter name")
        c.text(x0 + cluster_w / 2, years_row - 1.0, name, _face(own), style.text_size, style.label_color,
               ha="center", va="top")
        for s, (colour, year) in enumerate(zip(colours, years)):
            x = x0 + 0.07 * cluster_w + slot * (s + 0.5)
            c.text(x, bottom - style.value_gap, year, "regular", style.text_size, style.label_color,
                   ha="center", va="top")
            cell = data.cells[s][k]
            if cell is None:
                _missing(c, x, bottom + style.value_gap, style, ha="center", va="bottom")
                continue
            h = cell.value * per_unit
            _mark(c, x - width / 2, bottom, width, h, colour, style, zorder=2)
            _label(c, boxes, x, bottom + h + style.value_gap, _value(cell, data), _face(own), style.value_color,
                   style, ha="center", va="bottom")
    _horizontal_reference(c, [(v, bottom + v * per_unit) for v in ticks(domain)], left, c.width, style, boxes)


def _year_labels(years: tuple[str, ...], slot: float, style: theme.ChartStyle, req: ChartRequest) -> list[str]:
    """The years as printed under their bars: whole, or as '’14' where a bar is too narrow."""
    for labels in (list(years), [f"\u2019{y[-2:]}" for y in years]):
        if max(text_width(y, "regular", style.text_size) for y in labels) <= slot - 2:
            return labels
    raise ChartError(f"{req.name}: the years do not fit under their bars; give the figure fewer years "
                     "or more width")


def line(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle) -> None:
    """One line per series (item) over the categories (years), each named at its
    end. Every point has its value label, placed by charts/line_labels.py so no
    label overlaps another, a point, the axis or the year labels."""
    data = req.data
    domain = domain_of(data)
    gutter = _gutter(domain, style)
    names_w = min(0.36 * c.width, 160.0)
    right_edge = c.width - names_w - END_GAP
    left, right, bottom = gutter + 10.0, right_edge - 10.0, style.value_gap + style.text_leading
    n, plot_w = len(data.categories), right - left
    xs = [left + plot_w * (j + 0.3) / (n - 1 + 0.6) for j in range(n)]
    names = [wrap(name, names_w, "regular", style.text_size) for name in data.series]
    ys, boxes, base, per_unit = _line_layout(c, req, style, xs, bottom, gutter, right_edge, domain)
    years = _year_labels(data.categories, xs[1] - xs[0] if n > 1 else plot_w, style, req)
    for x, year in zip(xs, years):
        c.text(x, bottom - style.value_gap, year, "regular", style.text_size, style.label_color,
               ha="center", va="top")
    descent = text_extent("bold", style.text_size)[1]
    drawn: list[TextBox] = []
    for s, row in enumerate(data.cells):
        colour = style.line_series[s % len(style.line_series)]
        _polyline(c, xs, ys[s], colour)
        for j, cell in enumerate(row):
            if cell is not None:
                box = boxes[s, j]
                c.text((box.x0 + box.x1) / 2, box.y0 + descent, _value(cell, data), "bold",
                       style.text_size, colour, ha="center")
                drawn.append((box.x0, box.y0, box.x1, box.y1))
    references = [(v, base + v * per_unit) for v in ticks(domain)]
    _horizontal_reference(c, references, gutter, right_edge, style, drawn, rule_at_zero=base == bottom)
    if base > bottom:                            # 0 lifted off the axis: the axis is the years' line
        c.line([gutter - TICK, right_edge], [bottom, bottom], style.rule_color, 0.5)
    _line_names(c, req, names, ys, right_edge + END_GAP, style)


def _line_names(c: PointCanvas, req: ChartRequest, names: list[list[str]], ys: Heights, x: float,
                style: theme.ChartStyle) -> None:
    """Each line's name at its end, in its colour: beside its last point, moved
    up or down only as far as keeps the names apart."""
    leading, gap = style.text_leading, 3.0
    wanted = []
    for s, lines in enumerate(names):
        last = next((y for y in reversed(ys[s]) if y is not None), None)
        if last is not None:
            wanted.append((s, lines, len(lines) * leading, last))
    placed = _stack_apart([(h, y) for _, _, h, y in wanted], 0.0, c.height, gap)
    if placed is None:
        raise ChartError(f"{req.name}: the names at the ends of the lines do not fit beside them; "
                         "give the figure more height in layout.toml")
    for (s, lines, _, _), centre in zip(wanted, placed):
        c.lines_of_text(x, centre, lines, "regular", style.text_size, leading,
                        style.line_series[s % len(style.line_series)], ha="left")


def _stack_apart(blocks: list[tuple[float, float]], low: float, high: float, gap: float) -> list[float] | None:
    """Centres for blocks (height, wanted centre), each as near its wanted
    centre as the others allow, none overlapping (at least `gap` apart), all
    between low and high; None when they cannot all fit."""
    if sum(h for h, _ in blocks) + gap * (len(blocks) - 1) > high - low + 1e-6:
        return None
    order = sorted(range(len(blocks)), key=lambda i: -blocks[i][1])       # top first
    centre = {i: min(max(blocks[i][1], low + blocks[i][0] / 2), high - blocks[i][0] / 2) for i in order}
    for before, after in pairwise(order):                                  # push down
        limit = centre[before] - blocks[before][0] / 2 - gap - blocks[after][0] / 2
        centre[after] = min(centre[after], limit)
    for after, before in zip(reversed(order), list(reversed(order))[1:]):  # then up, off the floor
        centre[after] = max(centre[after], low + blocks[after][0] / 2)
        limit = centre[after] + blocks[after][0] / 2 + gap + blocks[before][0] / 2
        centre[before] = max(centre[before], limit)
    return [centre[i] for i in range(len(blocks))]


def _line_layout(c: PointCanvas, req: ChartRequest, style: theme.ChartStyle, xs: list[float], bottom: float,
                 left: float, right: float, domain: float
                 ) -> tuple[Heights, dict[object, line_labels.Box], float, float]:
    """The height of each point (None for a gap), the box of each point's
    label, by (series, year), and the scale (y of 0, points per unit). The plot
    keeps room for one label above the domain's end and below its lowest
    point. If labels then find no place (several equal values) or a line
    crosses one (two equal values at a peak), the room grows by one stacked
    label at a time; the first layout where no line crosses a label wins,
    else the first where the labels fit."""
    data = req.data
    ascent, descent = text_extent("bold", style.text_size)
    width = {(s, j): text_width(_value(cell, data), "bold", style.text_size)
             for s, row in enumerate(data.cells) for j, cell in enumerate(row) if cell is not None}
    # plain floats: the canvas's sizes are numpy scalars, much slower in the many comparisons
    band = line_labels.Band(float(left), float(right), float(bottom + AXIS_CLEAR), float(c.height),
                            ascent + descent, MARKER / 2)
    fits, failed = None, None
    # The domain's end may go up to the top (room for half its reference value)
    # when the largest values are far enough below it for their labels: a
    # 0-50% scale for values up to 30% needs no label room above 50%.
    top_room = ascent / 2 + line_labels.GAP        # the caption keeps its clearance from that value
    for stack in range(1, len(data.series) + 1):
        room = line_labels.GAP + stack * band.label_height + (stack - 1) * line_labels.PAD
        heights = _point_heights(data, band.floor + room, band.ceiling - top_room, float(bottom), domain)
        if heights is None or not _labels_fit_under(heights[0], band.ceiling, room):
            heights = _point_heights(data, band.floor + room, band.ceiling - room, float(bottom), domain)
        if heights is None:
            break
        ys = heights[0]
        segments = [((xs[j], row[j]), (xs[j + 1], row[j + 1])) for row in ys
                    for j in range(len(xs) - 1) if row[j] is not None and row[j + 1] is not None]
        try:
            boxes = line_labels.place_labels(_line_columns(data, xs, ys, width), band, segments)
        except line_labels.LabelsDoNotFit as exc:
            failed = failed or data.categories[exc.column]
            continue
        fits = fits or (ys, boxes, *heights[1:])
        if not any(line_labels.crossed(box, segments) for box in boxes.values()):
            return ys, boxes, *heights[1:]
    if fits:
        return fits
    raise ChartError(f"{req.name}: the value labels{f' of {failed}' if failed else ''} do not fit "
                     "the figure; give it more height in layout.toml")


def _labels_fit_under(ys: Heights, ceiling: float, room: float) -> bool:
    """No point is so high that the labels stacked above it (`room`) would pass the top."""
    return all(y is None or y + room <= ceiling for row in ys for y in row)


def _line_columns(data: ChartData, xs: list[float], ys: Heights,
                  width: dict[tuple[int, int], float]) -> list[list[line_labels.Point]]:
    """The points of each year (column) that have a value."""
    return [[line_labels.Point((s, j), x, y, width[s, j]) for s in range(len(data.series))
             if (y := ys[s][j]) is not None] for j, x in enumerate(xs)]


def _point_heights(data: ChartData, low: float, high: float, bottom: float,
                   domain: float) -> tuple[Heights, float, float] | None:
    """y of every cell (None for a gap), the y of 0 and the points per unit:
    the domain's end at `high`, zero on the axis at `bottom`, unless that puts
    the smallest value under `low`; then zero is lifted just enough (values
    near 0% keep room for a label below). None when low > high: the box has
    no room for the labels."""
    values = [cell.value for cell in data.present()]
    if low > high:
        return None
    vmin = min(values, default=0.0)
    share = min(vmin / domain, 1.0)
    base = bottom if share >= 1 else max(bottom, (low - high * share) / (1 - share))
    per_unit = (high - base) / domain
    return ([[None if cell is None else base + per_unit * cell.value for cell in row] for row in data.cells],
            base, per_unit)


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


_KINDS = {"hbar": hbar, "scale": scale, "vbar": scale, "grouped_vbar": grouped_vbar,
          "grouped_hbar": grouped_hbar, "line": line}
