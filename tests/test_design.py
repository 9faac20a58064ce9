"""Issue 15, measured in the PDFs of every bundled factsheet (both profiles):
the rules an information designer signs off on, read from the files with
pdfplumber (tests/design_measure.py), not from the code that made them.

- type: at most eight sizes, a clear step between them, nothing under 7 pt
  (the illustrative asterisk may be smaller), body 9-10 pt, body lines of at
  most 90 characters;
- colour: every text colour at least 4.5:1 against what is behind it; bars
  and swatches at least 3:1 on white or drawn with a keyline that is; the
  series of a legend at least 12 L* apart (a greyscale print tells them
  apart); a laag one colour in every sheet but its own, where it is the dark
  own colour;
- scale: a value has one bar length in every figure of a page and in every
  factsheet, and the bars of a page start at one place in their column;
- order: the "Meest voorkomende" figures (4 and 6) sorted high to low.
"""

from __future__ import annotations

from io import BytesIO
from itertools import pairwise

import pdfplumber
import pytest
from monitor_pdf.pipeline import render_factsheet

from tests import design_measure as m

SHEETS = [("agressie", "gemeenten"), ("agressie", "provincies"), ("agressie", "waterschappen"), ("landelijk", None)]
OWN = "#154273"                     # the own unit's colour (lintblauw), written down from theme.toml
MAX_SIZES, MIN_SIZE, MIN_STEP = 8, 7.0, 1.10
TEXT_CONTRAST, MARK_CONTRAST, SERIES_APART = 4.5, 3.0, 12.0


@pytest.fixture(scope="module")
def sheets():
    """{(kind, laag, profile): the PDF's bytes} for every bundled factsheet."""
    found = {}
    for kind, laag in SHEETS:
        for profile in ("screen", "print"):
            found[(kind, laag, profile)] = render_factsheet(laag=laag, factsheet=kind, profile=profile).pdf
    return found


def opened(pdf_bytes):
    return pdfplumber.open(BytesIO(pdf_bytes))


def screen(sheets):
    return {key: pdf for key, pdf in sheets.items() if key[2] == "screen"}


def test_a_handful_of_type_sizes_with_clear_steps_none_under_7_pt(sheets):
    for key, pdf_bytes in sheets.items():
        with opened(pdf_bytes) as pdf:
            sizes = m.sizes(pdf)
            assert len(sizes) <= MAX_SIZES, (key, sorted(sizes))
            assert m.smallest_size(pdf) >= MIN_SIZE - 0.05, (key, sorted(sizes))
            for small, large in pairwise(sorted(sizes)):
                assert large >= small * MIN_STEP - 0.05, (key, small, large)


def test_body_text_is_9_to_10_pt_at_most_90_characters_a_line(sheets):
    for key, pdf_bytes in screen(sheets).items():
        with opened(pdf_bytes) as pdf:
            assert 9.0 <= m.body_size(pdf) <= 10.0, key
            length, line = m.longest_body_line(pdf)
            assert length <= 90, (key, line)


def test_every_text_colour_is_at_least_4_5_to_1_against_what_is_behind_it(sheets):
    for key, pdf_bytes in screen(sheets).items():
        with opened(pdf_bytes) as pdf:
            for (colour, behind), (ratio, where) in m.text_contrasts(pdf).items():
                assert ratio >= TEXT_CONTRAST, (key, colour, behind, round(ratio, 2), where)


def test_bars_and_swatches_stand_out_at_3_to_1_or_have_a_keyline_that_does(sheets):
    checked = 0
    for key, pdf_bytes in screen(sheets).items():
        with opened(pdf_bytes) as pdf:
            for page in pdf.pages:
                for rect in page.rects:
                    fill = m.hex_of(rect.get("non_stroking_color")) if rect.get("fill") else None
                    if fill is None or min(rect["width"], rect["height"]) > 20 or fill == "#FFFFFF":
                        continue                      # boxes and bands are backgrounds, not marks
                    checked += 1
                    if m.contrast(fill, "#FFFFFF") < MARK_CONTRAST:
                        edge = m.hex_of(rect.get("stroking_color")) if rect.get("stroke") else None
                        assert edge and m.contrast(edge, "#FFFFFF") >= MARK_CONTRAST, (key, fill, page.page_number)
    assert checked > 100


def test_series_colours_differ_in_lightness_and_a_laag_keeps_its_colour(sheets):
    colours: dict[str, set[str]] = {}
    for (kind, laag, _), pdf_bytes in screen(sheets).items():
        if kind != "agressie":
            continue
        with opened(pdf_bytes) as pdf:
            legends = m.legends(pdf)
        assert len(legends) == 3, laag                     # figures 8, 8 and 9
        for legend in legends:
            assert m.lightness_distances(legend.values()) >= SERIES_APART, (laag, legend)
            assert legend[laag.capitalize()] == OWN, (laag, legend)
            for unit, colour in legend.items():
                if unit.lower() != laag:
                    colours.setdefault(unit, set()).add(colour)
    assert set(colours) == set(m.UNITS)
    for unit, found in colours.items():
        assert len(found) == 1, (unit, found)               # one colour in every sheet but its own
    assert len({OWN} | {c for found in colours.values() for c in found}) == 4


def test_a_value_has_one_length_in_every_figure_of_a_page_and_every_sheet(sheets):
    per_page: dict[tuple[str, int], list[float]] = {}
    indents: dict[tuple[str, int], set[float]] = {}
    for (kind, _laag, _profile), pdf_bytes in sheets.items():
        with opened(pdf_bytes) as pdf:
            for (page, _figure), ratios in m.per_percent(pdf).items():
                per_page.setdefault((kind, page), []).extend(ratios)
            for (page, _figure), found in m.bar_indents(pdf).items():
                indents.setdefault((kind, page), set()).update(found)
    assert {(kind, page) for kind, page in per_page} >= {("agressie", 1), ("agressie", 2), ("landelijk", 1)}
    for key, ratios in per_page.items():                   # every bar of a page, in all three sheets
        assert max(ratios) - min(ratios) < 0.005, (key, min(ratios), max(ratios))
        assert max(indents[key]) - min(indents[key]) < 0.2, (key, indents[key])   # one bar start in the column


def test_the_most_mentioned_come_first_in_figures_4_and_6(sheets):
    for (kind, laag, _profile), pdf_bytes in screen(sheets).items():
        if kind != "agressie":
            continue
        with opened(pdf_bytes) as pdf:
            for page, figure in ((0, "Figuur 4"), (1, "Figuur 6")):
                values = m.values_top_to_bottom(pdf.pages[page], figure)
                assert len(values) >= 5 and values == sorted(values, reverse=True), (laag, figure, values)


def test_a_scale_ends_at_the_largest_value_of_any_unit_and_year_rounded_up(tmp_path):
    """The domains written down from the bundled tables (largest value of a
    figure's indicators over every laag and year: fig1/fig3 59%, fig4 58%,
    fig5 57%, fig6 33%, fig7 41%, fig8 87% and 91%, fig9 65%, fig2 22%), rounded
    up and shared by a page's figures of one direction; fig2 keeps its own."""
    from monitor_pdf.model import nice_ceiling, scale_domains
    from monitor_pdf.pipeline import load_dataset, open_factsheet

    assert [nice_ceiling(v) for v in (47, 59, 91, 13, 3, 0.4, 100, 100.5)] == [50, 60, 100, 20, 3, 1, 100, 200]
    spec, data = open_factsheet("agressie")
    assert scale_domains(load_dataset(data, spec.kind.directory), spec) == {
        "fig1": 60, "fig4": 60,                                   # page 1, horizontal
        "fig3": 60, "fig2": 30,                                   # page 1, vertical; fig2 scale = "figure"
        "fig5": 100, "fig6": 100, "fig8a": 100, "fig8b": 100, "fig9": 100,   # page 2, horizontal
        "fig7": 50}


@pytest.mark.parametrize("block,setting,message", [
    ("gevolg", 'scale = "wide"', 'scale wide is not "page", "figure" or a positive number'),
    ("gevolg", "scale = -5", 'scale -5 is not "page", "figure" or a positive number'),
    ("besproken_gemeld", 'order = "alphabet"', "order 'alphabet' is not one of"),
    ("gevolg", "label_share = 0.45", "it shares page 2's scale with 'fig5', so its bars must start where theirs do"),
])
def test_figure_settings_that_cannot_be_drawn_honestly_are_refused(tmp_path, block, setting, message):
    import re
    import shutil

    from monitor_pdf import resources
    from monitor_pdf.errors import SpecError
    from monitor_pdf.spec import load_spec

    kind = tmp_path / "kind"
    shutil.copytree(resources.factsheet_dir(), kind)
    layout = kind / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    anchor = f'data = ["{block}"]\n'
    assert anchor in text
    if setting.startswith("label_share"):                  # fig6's own label_share makes way for this one
        text = text.replace("height = 48.0\nlabel_share = 0.6\norder", "height = 48.0\norder")
    layout.write_text(text.replace(anchor, anchor + setting + "\n"), encoding="utf-8")
    with pytest.raises(SpecError, match=re.escape(message)):
        load_spec(kind)


def test_a_fixed_scale_that_would_cut_a_bar_stops_the_build_and_writes_nothing(tmp_path):
    """scale = 20 for figure 1, whose provincies total is 47% (agressie.csv): a
    bar longer than its scale would be a false picture, so the build stops with
    one line naming the figure, the value and the scale, and writes no PDF."""
    import shutil
    import subprocess
    import sys

    from monitor_pdf import resources

    kind = tmp_path / "kind"
    shutil.copytree(resources.factsheet_dir(), kind)
    layout = kind / "layout.toml"
    anchor = 'data = ["agressie_totaal", "agressie_vorm"]\n'
    text = layout.read_text(encoding="utf-8")
    assert anchor in text
    layout.write_text(text.replace(anchor, anchor + "scale = 20\n"), encoding="utf-8")
    out = tmp_path / "f.pdf"
    done = subprocess.run([sys.executable, "-m", "monitor_pdf", "build", "--factsheet", str(kind), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr == ("monitor-pdf: error: Figuur 1 (fig1): 47% is beyond the scale's end (20%); "
                           "raise scale in layout.toml\n")
    assert not out.exists() and list(tmp_path.iterdir()) == [kind]
