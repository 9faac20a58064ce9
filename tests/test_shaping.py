"""Shaped text: kerning and ligatures as HarfBuzz applies them, the same width
measured as drawn, and the text still read as it was written.

The expected positions are computed here with uharfbuzz directly (the font
file, HarfBuzz's default features, Dutch), not through monitor_pdf's shaping
module; the drawn positions are read back from the PDF with pdfplumber.
"""

from __future__ import annotations

from io import BytesIO
from itertools import pairwise

import pdfplumber
import pikepdf
import pytest
import uharfbuzz as hb
from monitor_pdf import resources, theme
from monitor_pdf.charts import shaping
from monitor_pdf.displaylist import DisplayList, TextOp
from monitor_pdf.layout.fonts import register_fonts
from monitor_pdf.layout.shaped import draw_string, text_width
from monitor_pdf.layout.styles import paragraph
from monitor_pdf.render.replay import draw_display_list
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import block_box

TOLERANCE = 0.01     # points
FILES = {"regular": "Lato-Regular.ttf", "bold": "Lato-Bold.ttf"}


def harfbuzz(text: str, face: str, features: dict | None = None) -> tuple[list[str], list[float]]:
    """(glyph names, advances in em) of `text`, shaped by HarfBuzz itself."""
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(resources.fonts_dir() / FILES[face]))))
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.language = "nl"
    buffer.guess_segment_properties()
    hb.shape(font, buffer, features or {})
    upem = font.face.upem
    return ([font.glyph_to_string(i.codepoint) for i in buffer.glyph_infos],
            [p.x_advance / upem for p in buffer.glyph_positions])


def glyph_starts(x: float, text: str, face: str, size: float) -> list[float]:
    _, advances = harfbuzz(text, face)
    starts = [x]
    for advance in advances[:-1]:
        starts.append(starts[-1] + advance * size)
    return starts


def find(chars: list[dict], text: str) -> list[list[dict]]:
    """Every run of consecutive chars (in drawing order) that reads `text`; a
    ligature is one char that reads several letters."""
    found = []
    for start in range(len(chars)):
        read, end = "", start
        while end < len(chars) and len(read) < len(text) and text.startswith(read + chars[end]["text"]):
            read += chars[end]["text"]
            end += 1
        if read == text:
            found.append(chars[start:end])
    return found


def extent(run: list[dict]) -> float:
    return run[-1]["x1"] - run[0]["x0"]


PAIRS = ["Te", "Vo", "AV", "%*"]


@pytest.fixture(scope="module")
def tiny_pdf():
    """The kerning pairs drawn the three ways the page draws text: as a callout
    number (draw_string), in a paragraph (TextBlock) and as a chart label (replay)."""
    theme.use(theme.DEFAULT_THEME)
    register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 400), invariant=1)
    for row, pair in enumerate(PAIRS):
        draw_string(canvas, 20, 350 - row * 40, pair, "bold", 26)
        block = paragraph(f"{pair} {pair}", "body")
        block.wrap(150, 1000)
        block.drawOn(canvas, 120, 340 - row * 40)
        ops = (TextOp(x=60, y=10, text=pair, face="regular", size=10, color="#000000", anchor="end"),)
        draw_display_list(canvas, DisplayList(100, 20, ops), 250, 340 - row * 40)
    canvas.save()
    with pdfplumber.open(BytesIO(buffer.getvalue())) as pdf:
        yield pdf.pages[0]


@pytest.mark.parametrize("pair", PAIRS)
def test_glyphs_sit_where_harfbuzz_puts_them(tiny_pdf, pair):
    size_of = {26: "bold", round(theme.DEFAULT_THEME.type.body.size, 1): "regular", 10: "regular"}
    runs = find(tiny_pdf.chars, pair)
    assert len(runs) == 4                 # the number, twice in the paragraph, the chart label
    for run in runs:
        size = round(run[0]["size"], 1)
        face = "bold" if "Bold" in run[0]["fontname"] else "regular"
        assert face == size_of[size]
        expected = glyph_starts(run[0]["x0"], pair, face, size)
        assert [c["x0"] for c in run] == pytest.approx(expected, abs=TOLERANCE)


def test_lato_kerns_te_vo_av_but_not_percent_star():
    """What the test above relies on: HarfBuzz moves these pairs in Lato (so
    the positions it checks are kerned ones), and "%*" it leaves alone."""
    for pair in ("Te", "Vo", "AV"):
        kerned, plain = harfbuzz(pair, "bold")[1], harfbuzz(pair, "bold", {"kern": False})[1]
        assert (plain[0] - kerned[0]) * 26 > 1.0, pair          # more than a point at 26 pt
    assert harfbuzz("%*", "bold")[1] == harfbuzz("%*", "bold", {"kern": False})[1]


def test_a_right_aligned_chart_label_ends_at_its_anchor(tiny_pdf):
    for pair in PAIRS:
        label = next(run for run in find(tiny_pdf.chars, pair) if round(run[0]["size"], 1) == 10)
        assert label[-1]["x1"] == pytest.approx(250 + 60, abs=TOLERANCE)
        assert extent(label) == pytest.approx(text_width(pair, "regular", 10), abs=TOLERANCE)


LIGATURE_WORDS = "officiële politieke gefluisterd zitten offline effect helft stijl"


def test_harfbuzz_joins_these_letters_in_lato():
    """Lato's ligatures that Dutch text meets (liga, on by default): ff, fi, fl,
    ffi, ft, ti, tt. reportlab writes them as one glyph each."""
    names = {word: harfbuzz(word, "regular")[0] for word in LIGATURE_WORDS.split()}
    for word, glyphs in names.items():
        assert len(glyphs) < len(word), word
    assert len(harfbuzz("fi", "regular")[0]) == 1 and len(harfbuzz("tt", "regular")[0]) == 1


def test_ligatures_are_drawn_and_read_as_their_letters():
    theme.use(theme.DEFAULT_THEME)
    register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 100), invariant=1)
    draw_string(canvas, 10, 50, LIGATURE_WORDS, "regular", 12)
    canvas.save()
    with pdfplumber.open(BytesIO(buffer.getvalue())) as pdf:
        page = pdf.pages[0]
        assert page.extract_text() == LIGATURE_WORDS
        assert [w["text"] for w in page.extract_words()] == LIGATURE_WORDS.split()
        read = [c["text"] for c in page.chars]
    assert {"ffi", "ti", "fl", "tt", "ff", "ft"} <= set(read)          # one glyph, several letters
    assert len(read) == len(harfbuzz(LIGATURE_WORDS, "regular")[0])    # every glyph HarfBuzz chose
    with pikepdf.open(BytesIO(buffer.getvalue())) as pdf:
        cmap = pdf.pages[0].Resources.Font["/F1+0"].ToUnicode.read_bytes().decode("latin-1")
    assert "<00660066>" in cmap and "<00740069>" in cmap               # "ff", "ti" as UTF-16BE


def text_blocks(factsheet):
    """(placement, text block) of every text the layout broke into lines."""
    for placement in factsheet.placements():
        box = placement.box
        for block in [getattr(box, name, None) for name in ("paragraph", "title")] + [
                block for name in ("above", "below", "items", "parts") for block in getattr(box, name, [])]:
            if block is not None:
                yield placement, block


def test_lines_measured_word_by_word_are_the_lines_shaped_whole(provincies):
    """The layout measures words (each shaped once) and adds the kerning where
    a word meets a space (Lato kerns "r " and " v"); HarfBuzz shaping each
    line's runs whole gives the same widths."""
    from monitor_pdf.layout.linebreak import line_width
    from monitor_pdf.layout.textblock import _pieces, _runs

    checked = 0
    for _, block in text_blocks(provincies):
        for line in block.lines(block.width):
            whole = sum(sum(harfbuzz(text, block.spans[span].face)[1]) * block.spans[span].size
                        for span, text in _runs(_pieces(line)))
            assert line_width(line) == pytest.approx(whole, abs=1e-6), block.text
            checked += 1
    assert checked > 50


def test_shaped_text_is_harfbuzz_shaping_the_whole_text():
    path = str(resources.fonts_dir() / FILES["regular"])
    text = "Van de politieke ambtsdragers van provincies, Vo Te AV %* officiële"
    font = hb.Font(hb.Face(hb.Blob.from_file_path(path)))
    names, advances = harfbuzz(text, "regular")
    ours = shaping.shape(path, text)
    assert [font.glyph_to_string(g.gid) for g in ours.glyphs] == names
    assert [g.advance / ours.units_per_em for g in ours.glyphs] == advances
    assert "".join(g.text for g in ours.glyphs) == text            # every glyph knows its letters


def test_the_language_is_dutch_whatever_the_locale():
    """Lato prints "fi" as two glyphs for Turkish; HarfBuzz would take the
    language from the process's locale if it were not set."""
    path = str(resources.fonts_dir() / FILES["regular"])
    assert len(shaping.shape(path, "fi").glyphs) == 1
    font = hb.Font(hb.Face(hb.Blob.from_file_path(path)))
    buffer = hb.Buffer()
    buffer.add_str("fi")
    buffer.language = "tr"
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {})
    assert len(buffer.glyph_infos) == 2


# --- measured as drawn, on the default factsheet ------------------------------

def test_the_callout_number_is_as_wide_as_measured_and_its_sentence_starts_after_it(provincies, provincies_pdf):
    placement = next(p for p in provincies.placements() if p.block_id == "callout_tevreden")
    page, box = block_box(provincies, provincies_pdf, "callout_tevreden")
    chars = page.within_bbox(box).chars
    number = find(chars, "81%*")[0]
    big = theme.current().type.big_number
    assert extent(number) == pytest.approx(text_width("81%*", big.face, big.size), abs=TOLERANCE)
    assert extent(number) == pytest.approx(placement.box.number_width() - 3 * mm, abs=TOLERANCE)
    sentence = find(chars, "was")[0]
    assert sentence[0]["x0"] - number[-1]["x1"] == pytest.approx(3 * mm, abs=TOLERANCE)


def test_chart_labels_end_where_the_chart_measured_them(provincies, provincies_pdf):
    """Figure 1's category labels are right-aligned: drawn, each ends at its
    anchor and is as wide as charts/style.py measured it (kerned)."""
    placement = next(p for p in provincies.placements() if p.block_id == "fig1")
    page, box = block_box(provincies, provincies_pdf, "fig1")
    chars = page.within_bbox(box).chars
    labels = [op for op in placement.box.chart.ops if isinstance(op, TextOp) and op.anchor == "end"]
    assert len(labels) >= 4
    for op in labels:
        run = find(chars, op.text)[0]
        assert run[-1]["x1"] == pytest.approx(placement.x + op.x, abs=TOLERANCE), op.text
        assert extent(run) == pytest.approx(text_width(op.text, op.face, op.size), abs=TOLERANCE), op.text


def test_legend_entries_are_placed_by_their_drawn_widths(provincies, provincies_pdf):
    """Figure 8's legend: each name is followed by 9 pt, a swatch and 2.5 pt
    before the next name, measured from the name as drawn."""
    page, box = block_box(provincies, provincies_pdf, "fig8a")
    chars = page.within_bbox(box).chars
    names = [find(chars, name)[0] for name in ("Gemeenten", "Provincies", "Waterschappen")]
    swatch = theme.current().chart.text_size * 0.95
    for before, after in pairwise(names):
        assert after[0]["x0"] - before[-1]["x1"] == pytest.approx(9 + swatch + 2.5, abs=TOLERANCE)


@pytest.mark.parametrize("block_id", ["p1", "p_belangen", "h1", "h2_melden", "p_cultuur"])
def test_every_line_is_drawn_as_wide_as_it_was_broken(provincies, provincies_pdf, block_id):
    placement = next(p for p in provincies.placements() if p.block_id == block_id)
    block = placement.box.paragraph
    from monitor_pdf.layout.linebreak import line_width
    from monitor_pdf.layout.textblock import _pieces

    page, (x0, top, x1, bottom) = block_box(provincies, provincies_pdf, block_id)
    measure = block.measure(placement.width)             # a column's width (the block's, in one column)
    for number, lines in enumerate(block.column_lines(placement.width)):
        left = placement.x + number * (measure + block.column_gap)
        drawn = page.within_bbox((max(x0, left - 0.5), top, min(x1, left + measure + 0.5), bottom)).extract_text_lines()
        assert [line["text"] for line in drawn] == ["".join(t for _, t in _pieces(line)) for line in lines]
        assert [line["x1"] - line["x0"] for line in drawn] == pytest.approx([line_width(line) for line in lines],
                                                                           abs=TOLERANCE)
        assert all(line["x1"] <= left + measure + TOLERANCE for line in drawn)
    assert block.columns == (2 if block_id == "p1" else 1)
