"""Output profiles: the print file (CMYK, bleed, crop marks, page boxes) and the
screen file (metadata, outline, OutputIntent), and that they look alike."""

from __future__ import annotations

import dataclasses
from io import BytesIO
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from monitor_pdf import theme
from monitor_pdf.errors import SpecError
from monitor_pdf.pipeline import render_factsheet
from monitor_pdf.render.colour import srgb_to_cmyk
from monitor_pdf.render.profiles import as_cmyk
from PIL import Image, ImageCms

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
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in {"rg", "RG", "g", "G", "k", "K", "sc", "SC", "scn", "SCN", "cs", "CS"}:
                    found.add(str(operator))
                if str(operator) in {"cs", "CS"}:
                    space = page.Resources.ColorSpace[str(operands[0])]
                    found.add(f"{space[0]} {space[1]}")
    return found


def test_print_uses_cmyk_only(printed):
    # DeviceCMYK, and the registration colour of the crop marks: the Separation "All"
    assert colour_operators(printed) == {"k", "K", "CS", "SCN", "/Separation /All"}


def test_screen_uses_rgb(provincies):
    assert colour_operators(provincies.pdf) == {"rg", "RG"}


ICC = Path(__file__).resolve().parent.parent / "monitor_pdf" / "icc" / "FOGRA39-TAC300.icc"
RELATIVE, BPC = ImageCms.Intent.RELATIVE_COLORIMETRIC, ImageCms.Flags.BLACKPOINTCOMPENSATION
# Colours FOGRA39 cannot print: they come back as the nearest it can, further away
OUT_OF_GAMUT = {"#2E7D0A": 10.0}    # the saturated green of the line charts


def lab(rgb) -> np.ndarray:
    """CIE L*a*b* (D65) of sRGB values 0..255, from the sRGB and CIE formulas."""
    c = np.asarray(rgb, dtype=float) / 255
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = linear @ np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
                             [0.0193339, 0.1191920, 0.9503041]]).T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def pixel(transform, mode, value):
    return ImageCms.applyTransform(Image.new(mode, (1, 1), value), transform).getpixel((0, 0))


def test_theme_colours_print_through_the_fogra39_profile():
    """Through LittleCMS directly, here: sRGB -> the committed profile, relative
    colorimetric with black point compensation; greys in black ink alone at the
    lightness of that conversion; at most 300% ink; back to sRGB close by."""
    profile, srgb = ImageCms.ImageCmsProfile(str(ICC)), ImageCms.createProfile("sRGB")
    to_cmyk = ImageCms.buildTransform(srgb, profile, "RGB", "CMYK", renderingIntent=RELATIVE, flags=BPC)
    to_rgb = ImageCms.buildTransform(profile, srgb, "CMYK", "RGB", renderingIntent=RELATIVE, flags=BPC)
    to_lab = ImageCms.buildTransform(profile, ImageCms.createProfile("LAB"), "CMYK", "LAB", renderingIntent=RELATIVE)
    for colour in theme.DEFAULT_THEME.palette:
        printed = as_cmyk(colour)
        ink = (printed.cyan, printed.magenta, printed.yellow, printed.black)
        rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        direct = pixel(to_cmyk, "RGB", rgb)
        assert sum(ink) <= 3.0 + 1e-9, colour
        if rgb[0] == rgb[1] == rgb[2]:
            assert ink[:3] == (0, 0, 0), colour                               # black ink only
            lightness = pixel(to_lab, "CMYK", (0, 0, 0, round(ink[3] * 255)))[0] * 100 / 255
            assert lightness == pytest.approx(pixel(to_lab, "CMYK", direct)[0] * 100 / 255, abs=1.0), colour
        else:
            assert ink == pytest.approx([v / 255 for v in direct], abs=0.006), colour   # whole percent
        back = pixel(to_rgb, "CMYK", tuple(round(v * 255) for v in ink))
        delta_e = float(np.linalg.norm(lab(back) - lab(rgb)))
        assert delta_e < OUT_OF_GAMUT.get(colour, 3.5), (colour, ink, back, delta_e)
    white = as_cmyk("#FFFFFF")
    assert (white.cyan, white.magenta, white.yellow, white.black) == (0, 0, 0, 0)             # paper
    black_text = theme.DEFAULT_THEME.to_cmyk("#1A1A1A", srgb_to_cmyk)
    assert black_text[:3] == (0, 0, 0) and black_text[3] >= 0.9                  # black text: K only
    assert srgb_to_cmyk("#000000") == (0, 0, 0, 1.0)
    with pytest.raises(SpecError, match="colour #123456 is not in the theme's palette"):
        from reportlab.lib.colors import HexColor
        as_cmyk(HexColor("#123456"))


def test_a_hand_set_cmyk_value_wins_and_must_fit_the_press(tmp_path):
    brand = (1.0, 0.7, 0.0, 0.3)
    custom = dataclasses.replace(theme.DEFAULT_THEME, cmyk=(("#154273", brand),))
    try:
        theme.use(custom)
        converted = as_cmyk("#154273")
        assert (converted.cyan, converted.magenta, converted.yellow, converted.black) == brand
    finally:
        theme.use(theme.DEFAULT_THEME)
    source = (Path(__file__).resolve().parent.parent / "monitor_pdf" / "kinds" / "agressie" / "theme.toml")
    path = tmp_path / "theme.toml"
    path.write_text(source.read_text(encoding="utf-8").replace("[cmyk]\n", '[cmyk]\n"#154273" = [1, 1, 0.5, 1]\n'),
                    encoding="utf-8")
    with pytest.raises(SpecError, match=r"theme.toml:\d+: \[cmyk\] '#154273': 350% ink in total, more than the 300%"):
        theme.load_theme(path)


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
    # header band: in the top bleed (1.5 mm above the trim edge) the page is band-blue, the
    # band's colour just inside the trim edge (the viewer's own CMYK -> RGB: no exact value)
    band_in_bleed = image[height - int(trim[3]) - 4, off + 100]
    assert band_in_bleed == pytest.approx(image[height - int(trim[3]) + 4, off + 100], abs=2)
    assert band_in_bleed[2] > band_in_bleed[0] + 60 and band_in_bleed.max() < 160


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
