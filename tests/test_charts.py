"""Charts as display lists, and their replay against matplotlib's own rendering."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pypdfium2 as pdfium
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from monitor_pdf.charts.draw import ChartRequest, draw_chart, make_figure
from monitor_pdf.charts.style import rc_context
from monitor_pdf.displaylist import PathOp, TextOp
from monitor_pdf.errors import ChartError
from monitor_pdf.model import Cell, ChartData

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
    assert ["47%", "46%", "24%", "3%*"] == [t for t in texts if t.endswith(("%", "%*"))]
    assert "Verbale agressie" in texts
    assert {op.face for op in dl.ops if isinstance(op, TextOp)} <= {"regular", "bold"}


def test_display_list_is_vector_only_and_sized_to_its_slot():
    dl = draw_chart(request("hbar", FIG1))
    assert (dl.width, dl.height) == (W, H)
    bars = [op for op in dl.ops if isinstance(op, PathOp) and op.fill == "#154273"]
    assert len(bars) == 4
    for op in dl.ops:                       # everything drawn stays inside the chart's box
        points = [(s[-2], s[-1]) for s in op.segments if s[0] != "Z"] if isinstance(op, PathOp) else [(op.x, op.y)]
        for x, y in points:
            assert -0.5 <= x <= W + 0.5 and -0.5 <= y <= H + 0.5


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
                     names=(("gemeenten", "Gemeenten"), ("provincies", "Provincies"), ("waterschappen", "Waterschappen")))
    dl = draw_chart(request("grouped_hbar", data))
    legend = [op for op in dl.ops if isinstance(op, TextOp) and op.text in ("Gemeenten", "Provincies")]
    assert {op.text: op.face for op in legend} == {"Gemeenten": "regular", "Provincies": "bold"}
    fills = [op.fill for op in dl.ops if isinstance(op, PathOp) and op.fill]
    assert "#154273" in fills                                   # the highlighted series


def _replayed_png(dl, scale):
    from reportlab.pdfgen.canvas import Canvas

    from monitor_pdf.layout.fonts import register_fonts
    from monitor_pdf.render.replay import draw_display_list

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
