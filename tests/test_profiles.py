"""Output profiles: the print file (CMYK, bleed, crop marks, page boxes) and the
screen file (metadata, outline, OutputIntent), and that they look alike."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from monitor_pdf import theme
from monitor_pdf.errors import SpecError
from monitor_pdf.pipeline import render_factsheet
from monitor_pdf.render.profiles import as_cmyk

from tests.test_pdf_output import HEADLINES

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


@pytest.fixture(scope="module")
def printed():
    return render_factsheet("provincies", 2024, profile="print").pdf


def boxes(pdf_bytes):
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        return [{k: [float(v) for v in page.obj[k]] for k in ("/MediaBox", "/TrimBox", "/BleedBox")}
                for page in pdf.pages]


def test_print_page_boxes(printed):
    for page in boxes(printed):
        x0, y0, x1, y1 = page["/TrimBox"]
        assert (x1 - x0, y1 - y0) == pytest.approx(A4, abs=0.01)
        bx0, by0, bx1, by1 = page["/BleedBox"]
        assert (x0 - bx0, y0 - by0, bx1 - x1, by1 - y1) == pytest.approx((3 * MM,) * 4, abs=0.01)
        mx0, my0, mx1, my1 = page["/MediaBox"]
        assert mx0 < bx0 - 5 * MM and my0 < by0 - 5 * MM and mx1 > bx1 + 5 * MM and my1 > by1 + 5 * MM


def colour_operators(pdf_bytes) -> set[str]:
    found = set()
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            for _, operator in pikepdf.parse_content_stream(page):
                if str(operator) in {"rg", "RG", "g", "G", "k", "K", "sc", "SC", "scn", "SCN", "cs", "CS"}:
                    found.add(str(operator))
    return found


def test_print_uses_cmyk_only(printed):
    assert colour_operators(printed) == {"k", "K"}


def test_screen_uses_rgb(provincies):
    assert colour_operators(provincies.pdf) == {"rg", "RG"}


def test_every_theme_colour_has_a_print_value_and_others_are_refused():
    for colour in theme.DEFAULT_THEME.palette:
        cmyk = as_cmyk(colour)
        # converting back (uncalibrated) lands within 1% of the screen colour
        back = [round(255 * (1 - c) * (1 - cmyk.black)) for c in (cmyk.cyan, cmyk.magenta, cmyk.yellow)]
        assert back == pytest.approx([int(colour[i:i + 2], 16) for i in (1, 3, 5)], abs=3)
    assert theme.DEFAULT_THEME.to_cmyk("#1A1A1A") == (0.0, 0.0, 0.0, 0.9)              # grey text: black ink only
    with pytest.raises(SpecError, match="colour #123456 is not in the theme's palette"):
        from reportlab.lib.colors import HexColor
        as_cmyk(HexColor("#123456"))


def test_charts_use_only_theme_colours(provincies):
    palette = {c.upper() for c in theme.DEFAULT_THEME.palette}
    for placement in provincies.placements():
        chart = getattr(placement.box, "chart", None)
        if chart is None:
            continue
        used = {getattr(op, attr) for op in chart.ops for attr in ("fill", "stroke", "color")
                if getattr(op, attr, None)}
        assert used <= palette, f"{placement.block_id}: {used - palette}"


def render(pdf_bytes, page=0, scale=1.0):
    return np.asarray(pdfium.PdfDocument(pdf_bytes)[page].render(scale=scale, may_draw_forms=True)
                      .to_pil().convert("RGB")).astype(int)


def test_crop_marks_and_band_in_the_bleed(printed):
    trim = boxes(printed)[0]["/TrimBox"]
    image = render(printed)                           # rendered with the media box
    height = image.shape[0]
    off = round(trim[0])                               # 1 px = 1 pt at scale 1
    # crop mark: a dark line in the slug, on the extension of the left trim edge, below the page
    slug = image[height - off + 5: height - 2, off - 1: off + 2]
    assert slug.min() < 100
    # outside the marks the slug stays white
    assert image[height - 6: height - 2, off + 40: off + 200].min() > 250
    # header band: in the top bleed (1.5 mm above the trim edge) the page is band-blue
    band_in_bleed = image[height - int(trim[3]) - 4, off + 100]
    assert band_in_bleed == pytest.approx([0x15, 0x42, 0x73], abs=12)


def test_no_text_closer_than_5mm_to_the_trim_edge(printed):
    x0, y0, x1, y1 = boxes(printed)[0]["/TrimBox"]
    with pdfplumber.open(BytesIO(printed)) as pdf:
        for page in pdf.pages:
            media_h = page.height
            for ch in page.chars:
                assert ch["x0"] >= x0 + 5 * MM and ch["x1"] <= x1 - 5 * MM, ch["text"]
                bottom = media_h - ch["bottom"]
                top = media_h - ch["top"]
                assert bottom >= y0 + 5 * MM and top <= y1 - 5 * MM, ch["text"]


def cut_at_trim_box(pdf_bytes) -> bytes:
    """The print file as a trimmed sheet: its CropBox set to its TrimBox."""
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            page.obj.CropBox = page.obj.TrimBox
        out = BytesIO()
        pdf.save(out)
        return out.getvalue()


def test_print_cut_at_the_trim_box_looks_like_the_screen_file(printed, provincies):
    trimmed = cut_at_trim_box(printed)
    for page in (0, 1):
        cut, screen = render(trimmed, page, scale=2), render(provincies.pdf, page, scale=2)
        assert cut.shape == screen.shape
        diff = np.abs(cut - screen)
        # CMYK is converted back to RGB by the renderer: colours within a few
        # levels, and the same ink in the same places.
        assert diff.mean() < 4.0
        assert (diff.max(axis=2) > 48).mean() < 0.001


def test_screen_metadata_language_and_outline(provincies):
    with pikepdf.open(BytesIO(provincies.pdf)) as pdf:
        assert str(pdf.Root.Lang) == "nl-NL"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert str(pdf.Root.PageMode) == "/UseOutlines"
        info = pdf.docinfo
        for key in ("/Title", "/Author", "/Subject", "/Keywords"):
            assert str(info[key])
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        assert len(intent.DestOutputProfile.read_bytes()) > 400
        xmp = pdf.open_metadata()
        assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "B"
        assert xmp["dc:title"] == str(info["/Title"])
    assert titles == HEADLINES                     # one entry per section headline, in order


def test_print_file_is_reproducible_and_embeds_fonts(printed):
    assert render_factsheet("provincies", 2024, profile="print").pdf == printed
    with pikepdf.open(BytesIO(printed)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                assert "/FontFile2" in font.FontDescriptor


def test_batch_takes_the_profile(tmp_path):
    import json

    from click.testing import CliRunner
    from monitor_pdf.cli import cli

    run = CliRunner().invoke(cli, ["batch", "-o", str(tmp_path), "--laag", "provincies", "--profile", "screen",
                                   "--profile", "print", "--jobs", "1"])
    assert run.exit_code == 0, run.output
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [(e["file"], e["profile"]) for e in manifest["factsheets"]] == [
        ("factsheet-provincies-2024.pdf", "screen"), ("factsheet-provincies-2024-print.pdf", "print")]


def test_an_unknown_profile_is_a_spec_error_not_a_layout_error():
    from monitor_pdf.render.profiles import get_profile

    with pytest.raises(SpecError, match=r"^profile 'press' is not one of screen, print$"):
        get_profile("press")
