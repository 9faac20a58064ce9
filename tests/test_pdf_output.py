"""The rendered provincies 2024 factsheet, read back from its PDF bytes."""

from __future__ import annotations

from io import BytesIO

import pikepdf
import pytest
from monitor_pdf.pipeline import render_factsheet

from tests.conftest import block_box, block_text, normalise

A4 = (595.28, 841.89)

# The original's headlines (OCR slips corrected: ../shared/seed/README.md).
HEADLINES = [
    "Helft politieke ambtsdragers provincies kreeg te maken met agressie",
    "Meeste agressie wordt geuit via sociale media",
    "Minderheid ambtsdragers provincies besprak incident",
    "Zes op de tien ervaren negatieve gevolgen van agressie",
    "Belangenverstrengeling toegenomen",
    "Politieke ambtsdragers provincies meer tevreden over organisatiecultuur dan gemeenten",
    "Bijna alle politieke ambtsdragers van provincies voelen vrijheid om dilemma’s te bespreken",
    "Meer politieke ambtsdragers tevreden over aandacht voor ondermijning dan voor corruptie",
]

# As printed: a headline that rests on an illustrative value carries the mark.
# Published (datasets/README.md): 47% (h1) and 60% (gevolgen); all else the
# headlines rest on is illustrative.
HEADLINES_AS_PRINTED = [h if h.startswith(("Helft politieke", "Zes op de tien")) else h + "*" for h in HEADLINES]

CAPTIONS = [
    "Figuur 1. Ervaringen politieke ambtsdragers provincies met verschillende vormen van agressie en intimidatie.",
    "Figuur 2. Ernst recentste incident van politieke ambtsdragers provincies, beoordeeld op schaal van 1-7.",
    "Figuur 3. Ervaring met agressie en intimidatie. Uitgesplitst naar bestuurslaag en jaar.",
    "Figuur 4. Meest voorkomende wijze(n) waarop agressie werd geuit tegen politieke ambtsdragers van provincies.",
    ("Figuur 5. % politieke ambtsdragers van provincies dat het incident intern heeft besproken, "
     "intern heeft gemeld en/of extern heeft gemeld."),
    "Figuur 6. Welke effecten of gevolgen hebben agressie en intimidatie voor u?",
    "Figuur 7. Vermoedens van niet-integer gedrag. % minimaal eenmaal gezien.",
    "Figuur 8. Stellingen over de organisatiecultuur. % (helemaal) mee eens.",
    "Figuur 8. Stellingen over het bespreken van dilemma’s. % (helemaal) mee eens.",
    "Figuur 9. Stellingen over corruptie en ondermijning. % (helemaal) mee eens.",
]


def test_exactly_two_a4_pages(provincies_pdf):
    assert len(provincies_pdf.pages) == 2
    for page in provincies_pdf.pages:
        assert (round(page.width, 2), round(page.height, 2)) == A4


def test_title_band_names_the_factsheet(provincies_pdf):
    first = normalise(provincies_pdf.pages[0].extract_text())
    for text in ("Monitor Integriteit en Veiligheid 2024", "Factsheet – Deel agressie en intimidatie",
                 "Provincies"):
        assert text in first


@pytest.mark.parametrize("headline", HEADLINES_AS_PRINTED)
def test_every_headline_is_printed(provincies_text, headline):
    assert headline in provincies_text


@pytest.mark.parametrize("caption", CAPTIONS)
def test_every_caption_is_printed(provincies_text, caption):
    assert caption in provincies_text


def test_notes_top3_lists_and_callouts(provincies_text):
    for text in ("Meerdere antwoorden mogelijk.",
                 "Top 3 redenen om niet te bespreken/melden", "Top 3 redenen om geen aangifte te doen",
                 "Ik vond het daar niet erg genoeg voor", "Dergelijke incidenten horen bij mijn functie",
                 "Heeft geen zin, er wordt toch niets mee gedaan", "Het was mijns inziens geen strafbaar feit",
                 "Effecten op – of gevolgen voor…"):
        assert text in provincies_text


def test_large_number_callout(provincies, provincies_pdf):
    text = block_text(provincies, provincies_pdf, "callout_tevreden")
    # The number sits beside the sentence, so it is read in the middle of it.
    assert "81%*" in text      # printed in the original, but its sentence is cut off: illustrative
    assert text.replace("81%* ", "") == (
        "was (zeer) tevreden over de wijze waarop ze het incident met anderen hebben besproken")


def words_in_block(factsheet, pdf, block_id):
    """Words pdfplumber finds inside the block's box (from the layout report)."""
    page, box = block_box(factsheet, pdf, block_id)
    return [w["text"] for w in page.within_bbox(box).extract_words()]


def test_figure1_values_are_bar_labels(provincies, provincies_pdf):
    words = words_in_block(provincies, provincies_pdf, "fig1")
    # 47, 46, 24 are published; fysieke agressie is illustrative and so marked.
    for label in ("47%", "46%", "24%", "3%*"):
        assert label in words
    assert "Verbale" in words and "Fysieke" in words


def test_figure3_marks_published_and_illustrative_values(provincies, provincies_pdf):
    words = words_in_block(provincies, provincies_pdf, "fig3")
    assert {"59%", "49%", "47%"} <= set(words)          # provincies 2022, 2020, 2024: published
    assert "25%*" in words                               # provincies 2014: illustrative


def test_illustrative_notice_on_every_page(provincies_pdf):
    for page in provincies_pdf.pages:
        assert "* Illustratieve waarde, niet gepubliceerd." in normalise(page.extract_text())


def test_all_fonts_embedded_and_no_base14(provincies):
    with pikepdf.open(BytesIO(provincies.pdf)) as pdf:
        fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
        names = {str(font.BaseFont) for font in fonts}
        for font in fonts:
            base = str(font.BaseFont)
            assert not any(b14 in base for b14 in ("Helvetica", "Times", "Courier", "Symbol"))
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor, f"{base} is not embedded"
            assert "+" in base, f"{base} is not a subset"
    assert {"/AAAAAA+Lato-Bold", "/AAAAAA+Lato-Regular"} <= names


def test_no_raster_images(provincies, provincies_pdf):
    assert all(not page.images for page in provincies_pdf.pages)
    with pikepdf.open(BytesIO(provincies.pdf)) as pdf:
        for page in pdf.pages:
            xobjects = page.Resources.get("/XObject", {})
            assert all(x.get("/Subtype") != "/Image" for x in xobjects.values())


def test_chart_labels_are_text_in_the_document_font(provincies_pdf):
    page = provincies_pdf.pages[1]
    labels = [c for c in page.chars if c["text"] == "%"]
    assert len(labels) > 40                             # value labels of figures 5-9
    assert all("Lato" in c["fontname"] for c in labels)


def test_metadata(provincies):
    with pikepdf.open(BytesIO(provincies.pdf)) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == ("Monitor Integriteit en Veiligheid 2024 – Factsheet – "
                                       "Deel agressie en intimidatie – Provincies")
        assert "illustratieve" in str(info["/Subject"])
        assert str(pdf.Root.Lang) == "nl-NL"


def test_same_input_same_bytes(provincies):
    assert render_factsheet("provincies", 2024).pdf == provincies.pdf


@pytest.mark.parametrize("laag,headline", [
    ("gemeenten", "Helft politieke ambtsdragers gemeenten kreeg te maken met agressie*"),
    ("waterschappen", "Ruim één op de vijf politieke ambtsdragers waterschappen kreeg te maken met agressie*"),
])
def test_each_laag_gets_its_own_factsheet(laag, headline):
    import pdfplumber

    factsheet = render_factsheet(laag, 2024)
    with pdfplumber.open(BytesIO(factsheet.pdf)) as pdf:
        assert len(pdf.pages) == 2
        assert block_text(factsheet, pdf, "h1") == headline
        assert f"Factsheet {laag.capitalize()}" in normalise(pdf.pages[1].extract_text())


def test_chart_cache_never_hides_a_change(data_copy, monkeypatch):
    """The second build takes every chart from the cache; after one number
    changes, exactly that chart is drawn again and shows the new number."""
    import monitor_pdf.charts.draw as draw
    from monitor_pdf import cache

    drawn = []
    original = draw.draw_charts
    monkeypatch.setattr(draw, "draw_charts",
                        lambda requests: drawn.extend(r.name for r in requests) or original(requests))
    render_factsheet("provincies", 2024, data_copy)
    drawn.clear()
    cache.clear_memory()                      # as in a new process: from disk
    render_factsheet("provincies", 2024, data_copy)
    assert drawn == []
    path = data_copy / "melden.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "besproken_gemeld,Intern gemeld,provincies,2024,30,", "besproken_gemeld,Intern gemeld,provincies,2024,31,"),
        encoding="utf-8")
    factsheet = render_factsheet("provincies", 2024, data_copy)
    assert drawn == ["Figuur 5 (fig5)"]
    fig5 = next(p for p in factsheet.placements() if p.block_id == "fig5").box.chart
    assert "31%*" in fig5.texts() and "30%*" not in fig5.texts()


def test_a_damaged_cache_is_only_a_miss(tmp_path, monkeypatch):
    from monitor_pdf import cache

    monkeypatch.setenv("MONITOR_PDF_CACHE", str(tmp_path))
    cache.clear_memory()
    first = render_factsheet("provincies", 2024)
    for entry in tmp_path.rglob("*.pickle"):
        entry.write_bytes(b"garbage")
    cache.clear_memory()
    assert render_factsheet("provincies", 2024).pdf == first.pdf
