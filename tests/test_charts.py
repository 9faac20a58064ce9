"""Charts as display lists, and their replay against matplotlib's own rendering."""

from __future__ import annotations

from io import BytesIO
from itertools import pairwise

import numpy as np
import pypdfium2 as pdfium
import pytest
from monitor_pdf.charts.draw import ChartRequest, draw_chart, make_figure
from monitor_pdf.charts.style import rc_context
from monitor_pdf.displaylist import PathOp, TextOp
from monitor_pdf.errors import ChartError
from monitor_pdf.model import Cell, ChartData
from PIL import Image

W, H = 248.0, 90.0


def single(items, values, illustrative=()):
    return ChartData(tuple(items), ("provincies",),
                     (tuple(Cell(v, i in illustrative) for i, v in enumerate(values)),))


def request(kind, data, **kw):
    return ChartRequest(kind=kind, data=data, width=kw.pop("width", W), height=kw.pop("height", H),
                        name="Figuur 1 (fig1)", **kw)


FIG1 = single(["Agressie en intimidatie (totaal)", "Verbale agressie", "Bedreiging en intimidatie",
               "Fysieke agressie"], [47, 46, 24, 3], illustrative={3})


def test_bar_labels_are_text_with_the_illustrative_mark():
    dl = draw_chart(request("hbar", FIG1))
    texts = dl.texts()
    assert [op.text for op in value_labels(dl)] == ["47%", "46%", "24%", "3%*"]
    assert "Verbale agressie" in texts
    assert {op.face for op in dl.ops if isinstance(op, TextOp)} <= {"regular", "bold"}


def test_display_list_is_vector_only_and_as_tall_as_its_rows_need():
    """A bar chart takes the height its rows need, at most its slot: four
    one-line rows (a 7-pt label is taller than a 6-pt bar), three gaps, and the
    scale's line of labels under them."""
    dl = draw_chart(request("hbar", FIG1))
    row = max(STYLE.bar, STYLE.text_size)
    assert (dl.width, dl.height) == (W, pytest.approx(4 * row + 3 * STYLE.bar_gap + STYLE.value_gap + STYLE.text_size))
    assert dl.height < H
    bars = [op for op in dl.ops if isinstance(op, PathOp) and op.fill == "#154273"]
    assert len(bars) == 4
    for op in dl.ops:                       # everything drawn stays inside the chart's box
        points = [(s[-2], s[-1]) for s in op.segments if s[0] != "Z"] if isinstance(op, PathOp) else [(op.x, op.y)]
        for x, y in points:
            assert -0.5 <= x <= W + 0.5 and -0.5 <= y <= dl.height + 0.5


def test_long_labels_wrap_inside_the_label_column():
    long = "Mijn organisatie besteedt voldoende aandacht aan (het herkennen van) corruptie in de organisatie"
    dl = draw_chart(request("hbar", single([long, "Kort"], [40, 20])))
    lines = [op for op in dl.ops if isinstance(op, TextOp) and op.anchor == "end"]
    assert len(lines) > 2                                      # the long label took several lines
    assert " ".join(op.text for op in lines if op.text != "Kort") == long
    assert len({op.x for op in lines}) == 1                    # all right-aligned on one edge
    assert lines[0].x == pytest.approx(W * 0.45 - 6)           # 6 pt left of the bars


def test_a_label_that_cannot_fit_names_figure_and_item():
    long = " ".join(["onverwacht-lange-labeltekst"] * 12)
    with pytest.raises(ChartError, match=r"Figuur 1 \(fig1\): label 'onverwacht"):
        draw_chart(request("hbar", single([long, "b", "c", "d"], [1, 2, 3, 4]), height=40))


def test_markup_and_dollar_signs_in_labels_stay_text():
    dl = draw_chart(request("hbar", single(["<b>R&D</b> $x$", "A"], [10, 20])))
    assert any("<b>R&D</b>" in t for t in dl.texts())
    assert any("$x$" in t for t in dl.texts())


def test_grouped_bars_highlight_the_own_laag():
    data = ChartData(("Stelling",), ("gemeenten", "provincies", "waterschappen"),
                     ((Cell(74, True),), (Cell(86, True),), (Cell(77, True),)), highlight=("provincies",),
                     names=(("gemeenten", "Gemeenten"), ("provincies", "Provincies"),
                            ("waterschappen", "Waterschappen")))
    dl = draw_chart(request("grouped_hbar", data))
    legend = [op for op in dl.ops if isinstance(op, TextOp) and op.text in ("Gemeenten", "Provincies")]
    assert {op.text: op.face for op in legend} == {"Gemeenten": "regular", "Provincies": "bold"}
    fills = [op.fill for op in dl.ops if isinstance(op, PathOp) and op.fill]
    assert "#154273" in fills                                   # the highlighted series


def _replayed_png(dl, scale):
    from monitor_pdf.layout.fonts import register_fonts
    from monitor_pdf.render.replay import draw_display_list
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(dl.width, dl.height), invariant=1)
    draw_display_list(canvas, dl, 0, 0)
    canvas.showPage()
    canvas.save()
    page = pdfium.PdfDocument(buffer.getvalue())[0]
    return np.asarray(page.render(scale=scale).to_pil().convert("L"))


@pytest.mark.parametrize("kind,data", [
    ("hbar", FIG1),
    ("scale", ChartData(tuple("1234567"), ("provincies",),
                        (tuple(Cell(v, False) for v in (7, 11, 13, 15, 14, 22, 18)),), ("6", "7"))),
    ("line", ChartData(("2016", "2018", "2020"), ("Verstrengeling", "Meestemmen"),
                       ((Cell(27, False), Cell(31, False), Cell(41, False)),
                        (Cell(21, False), Cell(15, False), Cell(21, False))))),
    ("line", ChartData(("2016", "2018", "2020", "2022"), ("Verstrengeling", "Meestemmen"),   # gaps, a lone point
                       ((Cell(27, False), None, Cell(41, False), Cell(40, False)),
                        (Cell(21, False), Cell(21, False), None, Cell(20, False))))),
    ("hbar", ChartData(("a", "b", "c"), ("provincies",), ((Cell(40, False), None, Cell(12.25, False)),),
                       decimals=1)),
])
def test_replay_matches_matplotlibs_own_rendering(kind, data):
    """The recorder + replay draw what matplotlib's Agg backend draws: the ink
    (dark pixels) of both renderings overlaps almost entirely."""
    req = request(kind, data)
    with rc_context():
        figure = make_figure(req)
        buffer = BytesIO()
        figure.savefig(buffer, format="png", dpi=216)
    agg = np.asarray(Image.open(buffer).convert("L"))
    ours = _replayed_png(draw_chart(req), scale=3)
    assert agg.shape == ours.shape
    ink_agg, ink_ours = agg < 200, ours < 200      # light enough to count the orange line too
    # Font rasterisers differ by a pixel or two of stroke weight: compare each
    # rendering's ink with the other's ink grown by 2 px (0.7 pt).
    for ink, other in ((ink_agg, ink_ours), (ink_ours, ink_agg)):
        covered = (ink & _grow(other, 2)).sum() / max(ink.sum(), 1)
        assert covered > 0.98, f"only {covered:.1%} of the ink is where the other rendering has it"


def _grow(mask, radius):
    grown = mask.copy()
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            grown |= np.roll(np.roll(mask, dy, axis=0), dx, axis=1)
    return grown


# ---------------------------------------------------------------- precision, gaps, bar thickness

from monitor_pdf import theme  # noqa: E402
from monitor_pdf.charts.style import font_properties, text_width  # noqa: E402

STYLE = theme.DEFAULT_THEME.chart
C = theme.DEFAULT_THEME.colours
DASH = "\u2013"
LAGEN = (("gemeenten", "Gemeenten"), ("provincies", "Provincies"), ("waterschappen", "Waterschappen"))


def table(categories, series, rows, decimals=0, **kw):
    """ChartData from rows[series][category] of values, None for a gap."""
    cells = tuple(tuple(None if v is None else Cell(v, False) for v in row) for row in rows)
    return ChartData(tuple(categories), tuple(series), cells, decimals=decimals, **kw)


def kind_table(kind, values, decimals=0):
    """A chart of `kind` whose first series holds `values` (the others 40%)."""
    n = len(values)
    if kind in ("hbar", "scale"):
        names = [str(i + 1) for i in range(n)] if kind == "scale" else [f"Item {i + 1}" for i in range(n)]
        return table(names, ("provincies",), [values], decimals)
    if kind == "grouped_vbar":         # categories are lagen, series are years
        return table([k for k, _ in LAGEN][:n], ("2022", "2024"), [values, [40] * n], decimals,
                     highlight=("provincies",), names=LAGEN)
    if kind == "grouped_hbar":         # categories are statements, series are lagen
        return table([f"Stelling {i + 1}" for i in range(n)], ("gemeenten", "provincies"),
                     [values, [40] * n], decimals, highlight=("provincies",), names=LAGEN)
    return table([str(2016 + 2 * i) for i in range(n)], ("Verstrengeling", "Meestemmen"),
                 [values, [40] * n], decimals)


KINDS = ("hbar", "scale", "grouped_vbar", "grouped_hbar", "line")


def value_labels(dl):
    """The values printed at bars and points, not the scale's labels: a value
    stands at a horizontal bar's end (anchored at its start) or centred over a
    column or point; the scale's labels are centred under horizontal bars, or
    right-aligned left of a vertical plot."""
    found = [op for op in dl.ops if isinstance(op, TextOp) and op.text.endswith(("%", "%*"))]
    horizontal = any(op.anchor == "start" for op in found)
    return [op for op in found if op.anchor == ("start" if horizontal else "middle")]


@pytest.mark.parametrize("kind", KINDS)
def test_one_precision_per_chart(kind):
    dl = draw_chart(request(kind, kind_table(kind, [12.25, 50, 7], decimals=1), height=110))
    texts = [op.text for op in value_labels(dl)]
    assert {"12,3%", "50,0%", "7,0%"} <= set(texts)
    assert "50%" not in texts and all("," in t for t in texts)


def test_whole_numbers_stay_whole_without_decimals():
    assert [op.text for op in value_labels(draw_chart(request("hbar", single(["a", "b"], [12, 50]))))] \
        == ["12%", "50%"]


def bars(dl, colours):
    """Filled marks of these colours (a light one has a keyline)."""
    return [op for op in dl.ops if isinstance(op, PathOp) and op.fill in colours
            and op.stroke in (None, STYLE.keyline_color)]


def extent(op):
    xs = [s[i] for s in op.segments if s[0] != "Z" for i in range(1, len(s), 2)]
    ys = [s[i] for s in op.segments if s[0] != "Z" for i in range(2, len(s), 2)]
    return min(xs), min(ys), max(xs), max(ys)


BAR_COLOURS = {"hbar": {C.primary}, "scale": {C.scale_highlight, C.scale_other},
               "grouped_vbar": set(C.year_ramp), "grouped_hbar": {C.primary, *C.muted_series}}
LEGEND_SWATCHES = {"hbar": 0, "scale": 0, "grouped_vbar": 0, "grouped_hbar": 2}   # years are printed under bars


@pytest.mark.parametrize("kind", ["hbar", "scale", "grouped_vbar", "grouped_hbar"])
def test_a_missing_bar_is_a_dash_not_a_zero(kind):
    dl = draw_chart(request(kind, kind_table(kind, [47, None, 24]), height=110))
    dashes = [op for op in dl.ops if isinstance(op, TextOp) and op.text == DASH]
    assert len(dashes) == 1
    assert dashes[0].color == STYLE.value_color and dashes[0].face == "regular"
    assert "0%" not in [op.text for op in value_labels(dl)]
    present = 2 if kind in ("hbar", "scale") else 2 + 3     # the second series is complete
    assert len(value_labels(dl)) == present
    assert len(bars(dl, BAR_COLOURS[kind])) == present + LEGEND_SWATCHES[kind]


def test_the_dash_stands_where_the_value_label_would():
    dl = draw_chart(request("hbar", kind_table("hbar", [47, None, 24])))
    dash = next(op for op in dl.ops if isinstance(op, TextOp) and op.text == DASH)
    label = next(op for op in dl.ops if isinstance(op, TextOp) and op.text == "Item 2")
    assert dash.y == pytest.approx(label.y)                  # in the second row
    assert dash.x == pytest.approx(W * 0.45 + 3)             # where a bar of length 0 has its label


@pytest.mark.parametrize("kind", ["hbar", "scale"])
def test_scales_ignore_missing_values(kind):
    with_gap = draw_chart(request(kind, kind_table(kind, [50, None, 25])))
    without = draw_chart(request(kind, kind_table(kind, [50, 10, 25])))

    def longest(dl):
        return max(extent(b)[2] - extent(b)[0] if kind == "hbar" else extent(b)[3] - extent(b)[1]
                   for b in bars(dl, BAR_COLOURS[kind]))

    assert longest(with_gap) == pytest.approx(longest(without))


def strokes(dl, colour):
    """The series' polylines in the plot (the legend swatch sits at x < 16)."""
    return [op for op in dl.ops if isinstance(op, PathOp) and op.stroke == colour and extent(op)[0] > 16]


def markers(dl, colour):
    return [op for op in dl.ops if isinstance(op, PathOp) and op.fill == colour and op.stroke is None
            and extent(op)[0] > 16]


def test_a_line_breaks_at_a_missing_year():
    data = table(("2016", "2018", "2020", "2022", "2024"), ("A", "B", "C"),
                 [[27, None, 33, 37, 41], [21, 22, 15, None, 21], [None, 30, None, None, None]])
    dl = draw_chart(request("line", data, height=110))
    blue, orange, green = C.line_series[:3]
    xs = lambda op: sorted({round(s[1], 1) for s in op.segments if s[0] in "ML"})  # noqa: E731
    assert [len(xs(op)) for op in strokes(dl, blue) if len(xs(op)) > 1] == [3]      # 2020-2024 only
    assert [len(xs(op)) for op in strokes(dl, orange) if len(xs(op)) > 1] == [3]    # 2016-2020 only
    assert not [op for op in strokes(dl, green) if len(xs(op)) > 1]
    assert (len(markers(dl, blue)), len(markers(dl, orange)), len(markers(dl, green))) == (4, 4, 1)
    labels = value_labels(dl)
    assert sorted(op.text for op in labels if op.color == green) == ["30%"]          # a lone point keeps its label
    assert len(labels) == 9 and DASH not in dl.texts()


# ---------------------------------------------------------------- bar thickness

def bar_heights(dl, colours=(C.primary,)):
    return [round(extent(b)[3] - extent(b)[1], 2) for b in bars(dl, set(colours))]


def gaps(dl, colours, thickness=None):
    """The space between one bar (`thickness` thick, if given) and the next, top to bottom."""
    spans = sorted(((extent(b)[1], extent(b)[3]) for b in bars(dl, set(colours))
                    if thickness is None or abs(extent(b)[3] - extent(b)[1] - thickness) < 0.01), reverse=True)
    return [round(upper[0] - lower[1], 2) for upper, lower in pairwise(spans)]


def test_hbar_bars_have_one_thickness_and_gap_whatever_the_slot():
    """Three items or ten, in a tall slot or a snug one: the theme's bar and gap."""
    few = draw_chart(request("hbar", single(["a", "b", "c"], [40, 30, 20]), height=160))
    many = draw_chart(request("hbar", single(list("abcdefghij"), [5] * 10), height=160))
    for dl in (few, many):
        assert set(bar_heights(dl)) == {STYLE.bar}
        row = max(STYLE.bar, STYLE.text_size)       # a one-line label is a little taller than its bar
        assert set(gaps(dl, (C.primary,))) == {round(row - STYLE.bar + STYLE.bar_gap, 2)}
    assert few.height < 160 and many.height < 160


def test_a_page_short_of_room_closes_the_gaps_not_the_bars():
    items = single(list("abcdefghij"), [5] * 10)
    natural = draw_chart(request("hbar", items, height=200)).height
    squeezed = draw_chart(request("hbar", items, height=natural - 9))
    assert squeezed.height == pytest.approx(natural - 9)
    assert set(bar_heights(squeezed)) == {STYLE.bar}
    assert min(gaps(squeezed, (C.primary,))) == pytest.approx(max(STYLE.bar, STYLE.text_size) - STYLE.bar
                                                              + STYLE.bar_gap - 1.0, abs=0.02)
    with pytest.raises(ChartError, match=r"Figuur 1 \(fig1\): its 10 rows need"):
        draw_chart(request("hbar", items, height=natural - 9 * STYLE.bar_gap))


def test_a_bar_is_centred_on_its_label_and_value():
    dl = draw_chart(request("hbar", single(["a", "b"], [40, 30]), height=120))
    bar = max(bars(dl, {C.primary}), key=lambda b: extent(b)[1])
    _x0, y0, _x1, y1 = extent(bar)
    value = next(op for op in dl.ops if isinstance(op, TextOp) and op.text == "40%")
    label = next(op for op in dl.ops if isinstance(op, TextOp) and op.text == "a")
    for op in (value, label):   # centre_baseline: the baseline sits half an ascent below the centre
        assert op.y + 0.8 * op.size / 2 == pytest.approx((y0 + y1) / 2, abs=0.3)


def test_grouped_hbar_bars_have_one_thickness_and_gap():
    def drawn(n):
        data = table([f"S{i}" for i in range(n)], ("gemeenten", "provincies", "waterschappen"),
                     [[50] * n, [60] * n, [70] * n], highlight=("provincies",), names=LAGEN)
        return draw_chart(request("grouped_hbar", data, height=140))
    swatch = STYLE.text_size * 0.95                             # the legend's, a keyline's width either way
    for dl in (drawn(1), drawn(3)):
        assert {h for h in bar_heights(dl, (C.primary, *C.muted_series)) if abs(h - swatch) > 0.05} \
            == {STYLE.group_bar}
    plot = gaps(drawn(3), (C.primary, *C.muted_series), thickness=STYLE.group_bar)
    in_group = round(STYLE.group_bar_gap, 2)
    assert plot.count(in_group) == 6                            # two gaps in each of three groups
    assert set(plot) - {in_group} == {STYLE.group_gap}          # one gap between the groups


# ---------------------------------------------------------------- figure 7: value labels never collide

def _font_extent(face, size):
    """Ascent and descent of a line of the face, from the font's own (OS/2) metrics."""
    from matplotlib.font_manager import findfont, get_font

    font = get_font(findfont(font_properties(face, size)))
    os2, em = font.get_sfnt_table("OS/2"), font.get_sfnt_table("head")["unitsPerEm"]
    return os2["sTypoAscender"] / em * size, -os2["sTypoDescender"] / em * size


def text_box(op):
    w = text_width(op.text, op.face, op.size)
    x0 = op.x - {"start": 0, "middle": w / 2, "end": w}[op.anchor]
    ascent, descent = _font_extent(op.face, op.size)
    return x0, op.y - descent, x0 + w, op.y + ascent


def _boxes_hit(a, b, eps=0.02):
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps


LONG = ("Verstrengeling van belangen van het ambt met belangen van familie, vrienden en collega’s",
        "Meestemmen over zaken waarbij men een persoonlijk belang heeft")
YEARS = ("2016", "2018", "2020", "2022", "2024")
LINE_CASES = {
    "bundled": (LONG, [[27, 31, 33, 37, 41], [21, 22, 15, 21, 21]], 0),
    "identical": (("A", "B"), [[21, 22, 15, 21, 21]] * 2, 0),
    "low": (("A", "B"), [[0, 1, 3, 2, 0], [3, 0, 1, 2, 3]], 0),
    "crossing": (("A", "B"), [[10, 30, 50, 70, 90], [90, 70, 50, 30, 10]], 0),
    "extremes": (("A", "B"), [[0, 100, 0, 100, 0], [100, 0, 100, 0, 100]], 0),
    "three": (LONG + ("Derde item",), [[21, 22, 15, 21, 21], [21, 23, 16, 20, 21], [20, 22, 15, 22, 21]], 0),
    "three apart": (("A", "B", "C"), [[60, 40, 20, 40, 60], [20, 40, 60, 40, 20], [40, 40, 40, 40, 40]], 0),
    "four low": (("A", "B", "C", "D"), [[0, 1, 2, 3, 0], [1, 1, 1, 1, 1], [2, 0, 3, 1, 2], [3, 2, 0, 0, 3]], 0),
    "decimals": (("A", "B"), [[12.25, 12.3, 99.95, 0.05, 50], [12.3, 12.25, 100, 0, 49.96]], 1),
    "gaps": (("A", "B"), [[None, 22, None, 21, 21], [21, None, 15, 21, None]], 0),
}


@pytest.mark.parametrize("case,height", [(case, height) for case, (series, *_) in LINE_CASES.items()
                                         for height in (93.5, 75.0 if len(series) == 2 else 110.0)])
def test_line_labels_never_collide(case, height):
    """Figure 7 is 93.5 pt high; two series must fit in less, three or four in that."""
    series, rows, decimals = LINE_CASES[case]
    dl = draw_chart(request("line", table(YEARS, series, rows, decimals), height=height))
    texts = [op for op in dl.ops if isinstance(op, TextOp)]
    boxes = [(op.text, text_box(op)) for op in texts]
    for i, (text, box) in enumerate(boxes):
        assert box[0] >= -0.01 and box[2] <= W + 0.01 and box[1] >= -0.01 and box[3] <= height + 0.01, text
        for other, other_box in boxes[i + 1:]:
            assert not _boxes_hit(box, other_box), f"'{text}' overlaps '{other}'"
    rule = next(op for op in dl.ops if isinstance(op, PathOp) and op.stroke == STYLE.rule_color)
    for op in value_labels(dl):            # every value label stands clear above the axis rule
        assert text_box(op)[1] > extent(rule)[3], op.text
    assert len(value_labels(dl)) == sum(v is not None for row in rows for v in row)
    for op, _colour in ((op, C.line_series[k]) for k, row in enumerate(rows) for op in value_labels(dl)
                       if op.color == C.line_series[k]):
        assert op.face == "bold"


def test_line_labels_that_cannot_fit_name_the_figure():
    """Three equal series in a box too low for three labels: an error, never an overlap."""
    data = table(YEARS, LONG + ("Derde item",), [[20, 60, 40, 40, 40], [40, 20, 40, 60, 40], [60, 40, 40, 20, 40]])
    with pytest.raises(ChartError, match=r"Figuur 1 \(fig1\): the (value labels( of 20..)?|names at the ends of "
                                         r"the lines) do not fit"):
        draw_chart(request("line", data, height=70))


def test_line_labels_of_many_years_do_not_collide_across_columns():
    dl = draw_chart(request("line", table(MANY_YEARS, ("A", "B"), ZIGZAG, 1), height=93.5))
    boxes = [text_box(op) for op in dl.ops if isinstance(op, TextOp)]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if _boxes_hit(a, b)]


MANY_YEARS = [str(y) for y in range(2008, 2025, 2)]
ZIGZAG = [[12.25, 80, 12.3, 79.95, 12.25, 80, 12.3, 80, 12.25],     # equal as printed, 0.05 apart
          [12.3, 79.95, 12.25, 80, 12.3, 79.95, 12.25, 80, 12.3]]


@pytest.mark.parametrize("case", ["four low", "three", "identical", "low"])
def test_stacked_line_labels_read_in_the_order_of_their_values(case):
    series, rows, decimals = LINE_CASES[case]
    dl = draw_chart(request("line", table(YEARS, series, rows, decimals), height=110))
    for year in range(len(YEARS)):
        x = sorted({op.x for op in value_labels(dl)})[year]
        column = sorted((op for op in value_labels(dl) if op.x == x), key=lambda op: -op.y)
        values = [int(op.text.rstrip("%")) for op in column]
        assert values == sorted(values, reverse=True), YEARS[year]


def test_equal_values_at_a_peak_are_labelled_clear_of_the_line():
    """Two equal values under a peak: both labels go above it, not one on the line below."""
    dl = draw_chart(request("line", table(MANY_YEARS, ("A", "B"), ZIGZAG, 1), height=93.5))
    boxes = [text_box(op) for op in value_labels(dl)]
    for line_op in strokes(dl, C.line_series[0]) + strokes(dl, C.line_series[1]):
        points = [s[1:] for s in line_op.segments if s[0] in "ML"]
        for (x0, y0), (x1, y1) in pairwise(points):
            for t in (k / 100 for k in range(101)):
                x, y = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
                assert not [b for b in boxes if b[0] + 0.3 < x < b[2] - 0.3 and b[1] + 0.3 < y < b[3] - 0.3]


def test_italic_chart_text_is_refused_not_printed_upright():
    """The theme ships a regular and a bold face; an italic label must not be
    drawn upright without anyone noticing."""
    from monitor_pdf.charts.recorder import record

    with rc_context():
        figure = make_figure(request("hbar", FIG1))
        figure.text(0.5, 0.5, "schuin", style="italic")
        with pytest.raises(ChartError, match="chart text in italic: the theme's fonts have no italic face"):
            record(figure)
