"""The chart kinds a layout may use, registered once (leaf module).

Each entry says which data shapes the kind draws; layout.toml is checked
against it, the model builds each shape, charts/draw.py draws each kind, and
the language file names each kind in a figure's text alternative. Tests check
that these agree (tests/test_kinds.py), so adding a kind is one entry here, one
drawing function, and one name in language/nl.toml.
"""

from __future__ import annotations

from dataclasses import dataclass

# How data becomes a chart: categories x series of one table (model.ChartData).
SHAPES = {
    "items": "one bar per item, this unit and year",
    "jaren": "one bar per year, the indicator's one item, this unit",
    "items_lagen": "one group per item, one bar per unit (this unit and those it is compared with), this year",
    "items_jaren": "one group per item, one bar per year, this unit",
    "lagen_jaren": "one group per unit, one bar per year up to this year",
    "jaren_items": "one line per item over the years up to this year, this unit",
}


# Shapes whose items a figure may sort by value (layout.toml: order = "value").
SORTABLE = ("items", "items_lagen", "items_jaren")


@dataclass(frozen=True)
class ChartKind:
    shapes: tuple[str, ...]   # the shapes it can draw
    doc: str
    axis: str                 # "horizontal" | "vertical" | "line": charts of one axis on a page share a scale
    by_content: bool = False  # its height follows from its bars (the theme's geometry), at most layout.toml's


CHART_KINDS = {
    "hbar": ChartKind(("items", "jaren"), "horizontal bars, labels on the left, values at the bar ends",
                      "horizontal", by_content=True),
    "vbar": ChartKind(("items", "jaren"), "vertical bars, labels under them, values on top", "vertical"),
    "scale": ChartKind(("items",), "vertical bars over the points of a scale; highlighted points dark", "vertical"),
    "grouped_hbar": ChartKind(("items_lagen", "items_jaren"), "one group of horizontal bars per item, with a legend",
                              "horizontal", by_content=True),
    "grouped_vbar": ChartKind(("lagen_jaren",), "one cluster of vertical bars per unit, one bar per year, "
                              "each labelled with its year", "vertical"),
    "line": ChartKind(("jaren_items",), "one line per item over the years, values at the points, "
                      "names at the line ends", "line"),
}
