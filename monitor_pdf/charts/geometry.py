"""One geometry for the bar charts, in points, without matplotlib.

A horizontal bar chart takes the height its bars need: one bar thickness and
gap per chart type (the theme's [chart]), each row as tall as its bars or,
where it needs more lines, its label, one gap between rows, a legend band on
top and a scale under the plot. The layout
measures a figure with `bar_layout` before any chart is drawn (so the page is
planned with the height the chart will have) and charts/draw.py draws from
the same layout.

The value scale is the figure's `domain` (model.scale_domains: the same in
every factsheet of the data, shared with the page's other horizontal bars),
so one value is drawn at one length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from monitor_pdf import theme
from monitor_pdf.chartkinds import CHART_KINDS
from monitor_pdf.charts.text import text_width, wrap
from monitor_pdf.errors import ChartError
from monitor_pdf.model import ChartData
from monitor_pdf.wording.numbers import format_value

SQUEEZE = 0.35        # a page short of room may close the gaps between rows to this share of the theme's
NICE_STEPS = (1.0, 2.0, 2.5, 5.0)
AXIS_LINE = 1.0       # the scale's labels under the bars: a line of text this many sizes high


@dataclass(frozen=True)
class BarLayout:
    labels: tuple[tuple[str, ...], ...]   # each item's label, wrapped into the label column
    label_right: float    # where the labels end (right-aligned)
    start: float          # x of the bars' start: the scale's 0
    per_unit: float       # points per unit of value
    domain: float         # the value at the scale's end
    ticks: tuple[float, ...]
    legend: float         # height of the legend band and its gap on top (0: none)
    contents: tuple[float, ...]   # each row's content: its bar (or group of bars), or its label if taller
    gap: float            # between two rows: the theme's, the same for every row
    axis: float           # height of the scale's labels under the plot
    height: float         # the chart's height

    def row_centre(self, index: int) -> float:
        """y (from the chart's bottom) of the middle of row `index`."""
        above = sum(self.contents[:index]) + index * self.gap
        return self.height - self.legend - above - self.contents[index] / 2

    @property
    def plot_bottom(self) -> float:
        return self.axis

    @property
    def plot_top(self) -> float:
        return self.height - self.legend

    def x(self, value: float) -> float:
        return self.start + value * self.per_unit


def sized_by_content(kind: str) -> bool:
    return CHART_KINDS[kind].by_content


def domain_of(data: ChartData) -> float:
    """The value at the scale's end: the data's domain, or (a chart made
    without one) the largest value shown, at least 1."""
    return data.domain or max((c.value for c in data.present()), default=0.0) or 1.0


def ticks(domain: float) -> tuple[float, ...]:
    """Reference values from 0 to the domain: a round step, at least two steps
    (0, 25, 50 for 60; 0, 50, 100 for 100; 0, 10, 20, 30 for 30)."""
    magnitude = 10 ** math.floor(math.log10(domain / 2))
    step = max(m * magnitude for m in NICE_STEPS if m * magnitude <= domain / 2 + 1e-9)
    count = math.floor(domain / step + 1e-9)
    return tuple(round(k * step, 6) for k in range(count + 1))


def tick_label(value: float) -> str:
    decimals = 0 if value == int(value) else 1
    return format_value(value, False, decimals)


def bar_layout(kind: str, data: ChartData, width: float, height: float, label_share: float,
               style: theme.ChartStyle, name: str) -> BarLayout:
    """The layout of an hbar or grouped_hbar chart at most `height` tall: its
    natural height (the theme's bar, gap and label lines), or, given less, its
    rows closer together (down to SQUEEZE of the gap; bars and scale stay); a
    ChartError when even that does not fit or a label is wider than its column."""
    label_width = width * label_share
    labels = _wrapped(data.categories, label_width - style.label_gap, style, name)
    grouped = kind == "grouped_hbar"
    per = len(data.series)
    bars = per * style.group_bar + (per - 1) * style.group_bar_gap if grouped else style.bar
    gap = style.group_gap if grouped else style.bar_gap
    # each row as tall as its bars, or its label where that needs more lines; one gap between rows
    contents = tuple(max(bars, (len(lines) - 1) * style.text_leading + style.text_size) for lines in labels)
    legend = style.text_leading + style.legend_gap if grouped else 0.0
    axis = style.value_gap + AXIS_LINE * style.text_size
    rows = len(data.categories)
    natural = legend + sum(contents) + (rows - 1) * gap + axis
    if natural > height + 0.01:
        room = height - legend - axis - sum(contents)
        if rows < 2 or room / (rows - 1) < gap * SQUEEZE - 0.01:
            tallest = max(range(rows), key=lambda i: len(labels[i]))
            why = (f"label '{data.categories[tallest]}' takes {len(labels[tallest])} lines; "
                   if len(labels[tallest]) > 2 else "")
            raise ChartError(f"{name}: {why}its {rows} rows need {natural:.0f} pt, more than the "
                             f"{height:.0f} pt it has; give the figure more height in layout.toml "
                             "or shorten the label")
        gap = room / (rows - 1)
    domain = domain_of(data)
    biggest = max((c.value for c in data.present()), default=0.0)
    if biggest > domain + 1e-9:
        raise ChartError(f"{name}: {format_value(biggest, False, data.decimals)} is beyond the scale's "
                         f"end ({format_value(domain, False)}); raise scale in layout.toml")
    room = width - label_width - value_room(domain, data.decimals, style)
    if room <= 0:
        raise ChartError(f"{name}: no room for bars beside labels of {label_share:.0%} of the width")
    return BarLayout(tuple(tuple(lines) for lines in labels), label_width - style.label_gap, label_width,
                     room / domain, domain, ticks(domain), legend, contents, gap, axis,
                     legend + sum(contents) + (rows - 1) * gap + axis)


def value_room(domain: float, decimals: int, style: theme.ChartStyle) -> float:
    """Room right of the scale's end for the value label of a bar that reaches it
    (bold, illustrative): the same for every figure that shares the scale."""
    return style.value_gap + text_width(format_value(domain, True, decimals), "bold", style.text_size, style.faces)


def natural_height(kind: str, data: ChartData, width: float, height: float, label_share: float,
                   style: theme.ChartStyle, name: str) -> float | None:
    """The height a chart of this kind takes in a slot `height` tall: a bar
    chart's own (at most `height`); None for kinds that fill their slot."""
    if not sized_by_content(kind):
        return None
    return bar_layout(kind, data, width, height, label_share, style, name).height


def smallest_height(kind: str, data: ChartData, width: float, label_share: float, style: theme.ChartStyle,
                    name: str) -> float | None:
    """The least height a chart of this kind can be drawn at: a bar chart's
    with its gaps closed as far as SQUEEZE allows; None for kinds that fill
    their slot (their min_height in layout.toml says)."""
    if not sized_by_content(kind):
        return None
    rows = len(data.categories)
    full = bar_layout(kind, data, width, 1e9, label_share, style, name)
    return full.height - (rows - 1) * full.gap * (1 - SQUEEZE)


def _wrapped(labels: tuple[str, ...], width: float, style: theme.ChartStyle, name: str) -> list[list[str]]:
    """Each label wrapped into the label column; a word wider than the column is an error."""
    found = []
    for label in labels:
        lines = wrap(label, width, "regular", style.text_size, style.faces)
        if max(text_width(line, "regular", style.text_size, style.faces) for line in lines) > width + 0.01:
            raise ChartError(f"{name}: label '{label}' does not fit the label column ({width:.0f} pt); "
                             "shorten it or give the labels more room (label_share in layout.toml)")
        found.append(lines)
    return found
