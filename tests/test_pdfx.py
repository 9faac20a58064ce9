"""The print file as PDF/X-4 for FOGRA39, and `monitor-pdf check`.

Measured with Ghostscript, a renderer that is not the one that wrote the file:
its CMYK separations (tiff32nc) for the ink on every pixel and for overprint,
and its rendering through the file's own output intent (-dUsePDFX3Profile) to
compare with the screen file. The tests that need gs skip when it is missing
(`make test` installs it with apt-get when run as root).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from click.testing import CliRunner
from monitor_pdf.cli import cli
from monitor_pdf.pipeline import render_factsheet
from PIL import Image

from tests.test_profiles import lab

ICC = Path(__file__).resolve().parent.parent / "monitor_pdf" / "icc" / "FOGRA39-TAC300.icc"
GS = shutil.which("gs")
needs_gs = pytest.mark.skipif(GS is None, reason="Ghostscript (gs) is not installed: `make test` installs it with "
                                                 "apt-get when run as root (Debian package ghostscript)")
DPI = 100
MEAN_DELTA_E = 0.9        # average CIE76 difference, print (through FOGRA39) vs screen, inside the trim box
P99_DELTA_E = 4.5         # ... and at the 99th percentile (edges of glyphs rasterised apart)


@pytest.fixture(scope="module")
def printed() -> bytes:
    return render_factsheet("provincies", 2024, profile="print").pdf


@pytest.fixture(scope="module")
def files(tmp_path_factory, printed, provincies) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfx")
    paths = {"print": folder / "factsheet-provincies-2024-print.pdf",
             "screen": folder / "factsheet-provincies-2024.pdf"}
    paths["print"].write_bytes(printed)
    paths["screen"].write_bytes(provincies.pdf)
    return paths


def ghostscript(pdf: Path, device: str, *options: str) -> list[np.ndarray]:
    """Every page of `pdf` rendered by Ghostscript at DPI, as arrays."""
    out = pdf.parent / f"{pdf.stem}-{device}-{hashlib.sha1(' '.join(options).encode()).hexdigest()[:8]}-%d.tif"
    run = subprocess.run([GS, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", f"-sDEVICE={device}", f"-r{DPI}", *options,
                          "-o", str(out), str(pdf)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    pages = []
    for number in range(1, 100):
        page = Path(str(out).replace("%d", str(number)))
        if not page.exists():
            break
        with Image.open(page) as image:
            pages.append(np.asarray(image).astype(int))
    return pages


def box_in_pixels(pdf_bytes: bytes, key: str, page: int = 0) -> tuple[slice, slice]:
    """Rows and columns of a page box in a rendering of the media box at DPI."""
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        media = [float(v) for v in pdf.pages[page].obj.MediaBox]
        x0, y0, x1, y1 = (float(v) for v in pdf.pages[page].obj[key])
    scale = DPI / 72
    top = media[3] - y1
    return slice(round(top * scale), round((top + y1 - y0) * scale)), slice(round(x0 * scale), round(x1 * scale))


# --- the file itself --------------------------------------------------------------

def test_print_file_is_identified_as_pdfx4_for_fogra39(printed):
    with pikepdf.open(BytesIO(printed)) as pdf:
        assert pdf.pdf_version == "1.6"
        [intent] = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4 and profile.read_bytes() == ICC.read_bytes()
        assert ICC.read_bytes()[12:20] == b"prtrCMYK"                   # an output profile, CMYK
        info = pdf.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-4" and str(info.Trapped) == "/False"
        xmp = pdf.open_metadata()
        assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert xmp["dc:title"] == str(info.Title) and xmp["pdf:Trapped"] == "False"
        assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == xmp["xmp:MetadataDate"] == "2000-01-01T00:00:00+00:00"
        assert xmp["xmpMM:DocumentID"].startswith("uuid:") and xmp["xmpMM:VersionID"] == "1"
        assert xmp["xmpMM:RenditionClass"] == "default"
        assert len(pdf.trailer.ID) == 2


def test_dates_and_document_id_follow_the_input(monkeypatch, printed):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    later = render_factsheet("provincies", 2024, profile="print").pdf
    assert render_factsheet("provincies", 2024, profile="print").pdf == later          # still reproducible
    with pikepdf.open(BytesIO(later)) as pdf, pikepdf.open(BytesIO(printed)) as before:
        xmp = pdf.open_metadata()
        assert xmp["xmp:CreateDate"] == xmp["xmp:MetadataDate"] == "2023-11-14T22:13:20+00:00"
        assert str(pdf.docinfo.CreationDate) == "D:20231114221320+00'00'"
        assert xmp["xmpMM:DocumentID"] != before.open_metadata()["xmpMM:DocumentID"]


# --- measured with Ghostscript -------------------------------------------------------

@needs_gs
def test_at_most_300_percent_ink_on_every_pixel_of_the_sheet(files, printed):
    """The separations with overprint as the press does it: C + M + Y + K <= 300% at
    every pixel inside the bleed box. Outside it the crop marks, in registration
    colour, print on all four plates (400%): the measurement sees every plate."""
    for number, separations in enumerate(ghostscript(files["print"], "tiff32nc", "-dOverprint=/enable")):
        assert separations.shape[2] == 4
        coverage = separations.sum(axis=2) / 2.55                       # percent
        rows, columns = box_in_pixels(printed, "/BleedBox", number)
        sheet = coverage[rows, columns]
        assert sheet.max() <= 300.5, f"page {number + 1}: {sheet.max():.1f}% ink"
        assert sheet.max() > 150                                        # dark blue, red: the pages are inked
        assert coverage.max() == pytest.approx(400)                     # the crop marks, outside the bleed


@needs_gs
def test_black_text_overprints_and_white_text_knocks_out(files, printed):
    """Black type on the light-blue boxes keeps the box's cyan under it (overprint);
    white type in the header band leaves the paper bare (knockout), as it must."""
    separations = ghostscript(files["print"], "tiff32nc", "-dOverprint=/enable")[0]
    c, k = separations[..., 0], separations[..., 3]
    tint_cyan = 20                                                      # 8% cyan, the boxes' tint
    assert ((k > 240) & (c == tint_cyan)).sum() > 200                   # black ink over the tint's cyan
    rows, columns = box_in_pixels(printed, "/TrimBox")
    band = separations[rows, columns][: round(20 * DPI / 25.4)]         # the top 20 mm: the header band
    assert (band.sum(axis=2) == 0).sum() > 500                          # the white title: no ink at all
    knocked_out = ghostscript(files["print"], "tiff32nc", "-dOverprint=/disable")[0]
    assert ((knocked_out[..., 3] > 240) & (knocked_out[..., 0] == tint_cyan)).sum() == 0   # gs honours the switch


@needs_gs
def test_print_through_its_output_intent_looks_like_the_screen_file(files):
    """Ghostscript renders the print file's CMYK through its own output intent
    (FOGRA39 profile, overprint simulated) to sRGB, inside the trim box; the
    screen file as it is. Compared in CIE L*a*b*: average and 99th percentile ΔE76."""
    printed = ghostscript(files["print"], "tiff24nc", "-dUsePDFX3Profile", "-dUseTrimBox", "-dOverprint=/simulate")
    screen = ghostscript(files["screen"], "tiff24nc")
    assert len(printed) == len(screen) == 2
    for page, (cut, shown) in enumerate(zip(printed, screen), start=1):
        assert cut.shape == shown.shape
        delta_e = np.linalg.norm(lab(cut[..., :3]) - lab(shown[..., :3]), axis=2)
        assert delta_e.mean() < MEAN_DELTA_E, f"page {page}: mean ΔE {delta_e.mean():.2f}"
        assert np.percentile(delta_e, 99) < P99_DELTA_E, f"page {page}: 99th percentile ΔE"


# --- monitor-pdf check ----------------------------------------------------------------

def check(*paths: Path):
    return CliRunner().invoke(cli, ["check", *map(str, paths)])


def test_check_passes_the_print_and_the_screen_file(files):
    result = check(files["print"], files["screen"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"{files['print']}: PDF/X-4 (print file)" in lines and f"{files['screen']}: PDF/A-2b (screen file)" in lines
    verdicts = [line.split()[0] for line in lines if line.startswith("  ")]
    assert len(verdicts) > 20 and set(verdicts) == {"ok"}
    assert "  ok    output intent: FOGRA39 (embedded CMYK profile, 4 channels)" in lines
    assert "  ok    output intent: sRGB IEC61966-2.1 (embedded RGB profile, 3 channels)" in lines


def broken(files, name: str, change) -> Path:
    with pikepdf.open(files["print"]) as pdf:
        change(pdf)
        target = files["print"].parent / name
        pdf.save(target)
    return target


def test_check_fails_a_print_file_without_output_intent(files):
    def remove_intent(pdf):
        del pdf.Root.OutputIntents

    result = check(broken(files, "no-intent.pdf", remove_intent))
    assert result.exit_code == 1
    assert "  FAIL  output intent: 0 GTS_PDFX output intents (exactly one needed)" in result.output.splitlines()
    assert sum(line.startswith("  FAIL") for line in result.output.splitlines()) == 1


def test_check_fails_rgb_white_overprint_and_missing_identification(files):
    def spoil(pdf):
        del pdf.docinfo["/GTS_PDFXVersion"]
        page = pdf.pages[0]
        page.obj.Resources.ExtGState.OverprintWhite = pikepdf.Dictionary(OP=True, op=True, OPM=1)
        page.contents_add(pikepdf.Stream(pdf, b"q 1 0 0 rg 10 10 5 5 re f /OverprintWhite gs 0 0 0 0 k "
                                              b"20 20 5 5 re f Q"))

    lines = check(broken(files, "spoilt.pdf", spoil)).output.splitlines()
    failed = {line.split(":")[0].split("FAIL")[1].strip() for line in lines if line.startswith("  FAIL")}
    assert failed == {"identification", "colour", "overprint"}
    assert "  FAIL  colour: device RGB with a CMYK output intent: 'rg' operator" in lines


def test_check_a_file_that_claims_no_standard(tmp_path):
    plain = tmp_path / "plain.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(plain)
    result = check(plain)
    assert result.exit_code == 1
    assert result.output.splitlines()[1].startswith("  FAIL  identification: claims neither PDF/X")
