"""Line breaking like a designer (layout/linebreak.py): written-down cases for
the breaker itself, then the bundled factsheets read back from their PDFs.

The rule the factsheets are held to: a headline never ends on a single word;
a paragraph does not either, unless no break of its last lines (up to four)
keeps every other line at least 70% full, and none of the bundled ones needs
that exception; a number never ends a line whose next line starts with its
"%" or "procent", and is never hyphenated.
"""

from __future__ import annotations

import re
from io import BytesIO
from itertools import pairwise

import pdfplumber
import pytest
from monitor_pdf import theme
from monitor_pdf.layout.linebreak import Item, break_lines, line_width
from monitor_pdf.layout.styles import paragraph
from monitor_pdf.layout.textblock import hyphenations
from monitor_pdf.pipeline import render_factsheet
from monitor_pdf.render.profiles import get_profile
from monitor_pdf.spec import load_spec
from reportlab.lib.units import mm

from tests.test_shaping import text_blocks


def widths(lines: list[list[Item]]) -> list[list[float]]:
    return [[item.width for item in line] for line in lines]


def items(*values: float, space: float = 1.0) -> list[Item]:
    return [Item(v, space) for v in values]


# --- the breaker, on made-up widths ------------------------------------------

def test_lines_are_filled_one_by_one():
    # 10 + 2 + 10 + 2 + 10 = 34: three to a line
    assert widths(break_lines(items(10, 10, 10, 10, 10, 10, space=2), 34)) == [[10, 10, 10], [10, 10, 10]]


def test_a_single_last_word_gets_company_from_the_line_above():
    # filled: five, five, one; the second line gives a word up and stays 23/30 full (>= 70%)
    assert widths(break_lines(items(*[5] * 11), 30)) == [[5] * 5, [5] * 4, [5, 5]]


def test_a_single_last_word_stays_when_the_line_above_would_be_too_short():
    # giving up a word leaves a line of 19 of 30 (63%); the same with the last three lines
    assert widths(break_lines(items(*[9] * 7), 30)) == [[9, 9, 9], [9, 9, 9], [9]]


def test_a_headline_is_balanced_and_keeps_two_words_on_its_last_line():
    # "Minderheid ambtsdragers provincies besprak / incident*" filled one by one;
    # balanced: "Minderheid ambtsdragers / provincies besprak incident*"
    # (a paragraph would only move one word down: 161 of 200 stays full enough)
    words = items(50, 60, 45, 30, 40, space=3)
    assert widths(break_lines(words, 200, balanced=True)) == [[50, 60], [45, 30, 40]]
    assert widths(break_lines(words, 200)) == [[50, 60, 45], [30, 40]]


def test_a_headline_that_fits_one_line_stays_one_line():
    assert widths(break_lines(items(50, 60, 45, space=3), 200, balanced=True)) == [[50, 60, 45]]


def splittable(width: float, head: float, tail: float) -> Item:
    """A word that hyphenates into a head (with its hyphen) and a tail."""
    def split(room: float):
        return (Item(head, 0.0, hyphen_end=True), Item(tail, 1.0)) if head <= room else None
    return Item(width, 1.0, split=split)


def test_a_word_that_would_leave_a_ragged_line_is_hyphenated():
    # 30 + 2 + 30 = 62 of 100: breaking before the long word leaves 38% empty
    lines = break_lines([Item(30, 2), Item(30, 2), splittable(48, 20, 30), Item(10, 1)], 100)
    assert widths(lines) == [[30, 30, 20], [30, 10]]
    assert lines[0][-1].hyphen_end
    # ... but not the paragraph's last word: its tail would be a last line of one word
    assert widths(break_lines([Item(30, 2), Item(30, 2), splittable(48, 20, 30)], 100)) == [[30, 30], [48]]


def test_a_line_full_enough_is_not_hyphenated():
    # 40 + 2 + 40 = 82 of 100: 18% empty is fine
    assert widths(break_lines([Item(40, 2), Item(40, 2), splittable(48, 10, 40)], 100)) == [[40, 40], [48]]


def test_a_word_wider_than_the_column_is_split_even_in_a_headline():
    assert widths(break_lines([splittable(150, 90, 70)], 100, balanced=True)) == [[90], [70]]
    assert widths(break_lines([Item(150)], 100)) == [[150]]          # no way to split: the caller reports it


def test_kerning_with_the_space_counts_where_words_meet():
    line = [Item(10, 3, lead=-1), Item(10, 2.5, lead=-0.5), Item(10, 3, lead=-0.25)]
    assert line_width(line) == 10 + 3 + (-0.5) + 10 + 2.5 + (-0.25) + 10


# --- Dutch hyphenation ---------------------------------------------------------

def test_dutch_words_break_at_their_syllables():
    options = hyphenations("belangenverstrengeling")
    assert options[0] == ("belangenverstrenge-", "ling")          # longest head first
    assert ("belangen-", "verstrengeling") in options
    assert ("(belangen-", "verstrengeling),") in hyphenations("(belangenverstrengeling),")
    assert ("niet-", "integer") in hyphenations("niet-integer")  # after its own hyphen, no second one


@pytest.mark.parametrize("word", ["2024", "47%", "47%*", "(19%)", "12,5", "BZK", "agressie7", "kreeg"])
def test_numbers_abbreviations_and_short_words_are_never_hyphenated(word):
    assert hyphenations(word) == ()


@pytest.mark.parametrize("text", [
    "Voor 60 procent van de politieke ambtsdragers heeft het gevolgen.",
    "In 2024 kreeg bijna de helft (47%) van alle ambtsdragers te maken met agressie.",
    "Verschillen kleiner dan 5 procentpunt gelden als gelijk; 12,5 procent – of meer.",
])
def test_a_number_stays_with_its_unit_at_every_width(text):
    theme.use(theme.DEFAULT_THEME)
    block = paragraph(text, "body")
    for width in range(60, 400, 3):
        lines = block.line_texts(float(width))
        assert re.sub(r"(?<=[a-z])- ", "", " ".join(lines)) == text       # hyphenated words aside
        for before, after in pairwise(lines):
            assert not (re.search(r"\d$", before) and re.match(r"(procent|%)", after)), (width, lines)
            assert not after.startswith("–"), (width, lines)


# --- the bundled factsheets, read from their PDFs ------------------------------

FACTSHEETS = [("agressie", "gemeenten"), ("agressie", "provincies"), ("agressie", "waterschappen"),
              ("landelijk", None)]


@pytest.fixture(scope="module", params=[(k, laag, p) for k, laag in FACTSHEETS for p in ("screen", "print")],
                ids=lambda v: f"{v[0]}-{v[1] or 'landelijk'}-{v[2]}")
def bundled(request):
    kind, laag, profile = request.param
    factsheet = render_factsheet(laag, None, factsheet=kind, profile=profile)
    with pdfplumber.open(BytesIO(factsheet.pdf)) as pdf:
        yield factsheet, pdf


def pdf_lines(factsheet, pdf, block_id: str) -> list[str]:
    """The lines pdfplumber reads inside a block's box (the print file's page has
    its trim box moved in by the bleed and slug)."""
    placement = next(p for p in factsheet.placements() if p.block_id == block_id)
    page = pdf.pages[placement.page - 1]
    off = get_profile(factsheet.profile).offset_mm * mm
    top = page.height - off - placement.top
    box = (off + placement.x - 0.5, top - 0.5, off + placement.x + placement.width + 0.5,
           top + placement.height + 0.5)
    return [line["text"] for line in page.within_bbox(box).extract_text_lines()]


def blocks_of_kind(factsheet, kind: str) -> list[str]:
    """The placed blocks of a kind (headline, paragraph ...) that print something."""
    spec = load_spec(factsheet.kind.directory)
    return [p.block_id for p in factsheet.placements() if spec.blocks[p.block_id].kind == kind and p.height > 0]


def test_no_headline_ends_on_a_single_word(bundled):
    factsheet, pdf = bundled
    headlines = blocks_of_kind(factsheet, "headline")
    assert headlines
    for block_id in headlines:
        lines = pdf_lines(factsheet, pdf, block_id)
        assert lines, block_id
        assert len(lines) == 1 or len(lines[-1].split()) >= 2, (block_id, lines)


def test_no_paragraph_ends_on_a_single_word(bundled):
    factsheet, pdf = bundled
    paragraphs = blocks_of_kind(factsheet, "paragraph")
    assert paragraphs
    for block_id in paragraphs:
        lines = pdf_lines(factsheet, pdf, block_id)
        assert len(lines) == 1 or len(lines[-1].split()) >= 2, (block_id, lines)


def test_no_text_of_the_page_ends_on_a_single_word(bundled):
    """Captions, notes, list items, callouts, box titles: every text the layout broke."""
    factsheet, _ = bundled
    for placement, block in text_blocks(factsheet):
        lines = block.line_texts(block.width)
        assert len(lines) == 1 or len(lines[-1].split()) >= 2, (placement.block_id, lines)


def test_a_number_is_never_parted_from_its_unit_across_lines(bundled):
    factsheet, pdf = bundled
    for kind in ("headline", "paragraph", "callout", "top3"):
        for block_id in blocks_of_kind(factsheet, kind):
            lines = pdf_lines(factsheet, pdf, block_id)
            for before, after in pairwise(lines):
                assert not (re.search(r"\d$", before) and re.match(r"(procent|%)", after)), (block_id, lines)
                assert not re.search(r"\d-$", before), (block_id, lines)


# --- chart labels (charts/style.py wraps them: charts come before layout) -----

@pytest.mark.parametrize("label", [
    ("Mijn organisatie besteedt voldoende aandacht aan (het herkennen van) ondermijnende criminaliteit "
     "in de organisatie"),
    "Verstrengeling van belangen van het ambt met belangen van familie, vrienden en collega’s",
    "In mijn organisatie wordt alleen aandacht aan integriteit besteed als er sprake is van een kwestie",
])
def test_a_wrapped_chart_label_is_balanced(label):
    from monitor_pdf import theme
    from monitor_pdf.charts.style import register_fonts, text_width, wrap
    from monitor_pdf.charts.text import _fill

    register_fonts()
    faces = tuple(sorted(theme.DEFAULT_THEME.faces))
    for width in (90.0, 105.0, 140.0):
        filled, balanced = _fill(label.split(), width, "regular", 6.8, faces), wrap(label, width, "regular", 6.8)
        assert " ".join(balanced) == label and len(balanced) == len(filled)
        assert all(text_width(line, "regular", 6.8) <= width for line in balanced)
        assert len(balanced[-1].split()) >= 2
        spread = [text_width(line, "regular", 6.8) for line in balanced]
        greedy = [text_width(line, "regular", 6.8) for line in filled]
        assert max(spread) - min(spread) <= max(greedy) - min(greedy) + 1e-9


def _actual_texts(pdf_bytes: bytes) -> list[str]:
    import pikepdf

    found = []
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and str(operands[0]) == "/Span" and "/ActualText" in operands[1]:
                    found.append(str(operands[1].ActualText))
    return found


def test_a_hyphenated_word_reads_whole_in_the_tagged_file(bundled):
    """The hyphen that hyphenation adds is a soft hyphen for search and screen
    readers (ISO 32000-1 14.8.2.2.3): the run ending in it carries ActualText with
    U+00AD in its place. The print file has no marked content at all."""
    factsheet, pdf = bundled
    hyphenated = [word["text"] for page in pdf.pages for word in page.extract_words()
                  if re.search(r"[a-zà-ÿ]{2}-$", word["text"])]
    actual = _actual_texts(factsheet.pdf)
    if factsheet.profile == "print":
        assert actual == []
        return
    assert len(actual) == len(hyphenated)
    for text, word in zip(actual, hyphenated):
        assert text.endswith("\u00ad") and "-" not in text[-2:]
        assert word == text[:-1].split()[-1] + "-"
