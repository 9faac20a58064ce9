"""Factsheet kinds and chart kinds: each registered once, everything else derived."""

from __future__ import annotations

from monitor_pdf.chartkinds import CHART_KINDS, SHAPES
from monitor_pdf.charts.draw import _KINDS
from monitor_pdf.words import load_words


def test_every_chart_kind_is_drawn_and_named_and_nothing_else():
    assert set(_KINDS) == set(CHART_KINDS)
    assert set(load_words()["alt"]["charts"]) == set(CHART_KINDS)
    for kind in CHART_KINDS.values():
        assert set(kind.shapes) <= set(SHAPES)
    assert {s for k in CHART_KINDS.values() for s in k.shapes} == set(SHAPES)   # every shape is drawn by some kind
