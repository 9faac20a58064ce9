"""What the visual regression test and `make visual-refresh` share: which pages
are locked, how a page becomes pixels, and how two pages are compared.

The test (tests/test_visual.py) and the refresh (tests/visual/refresh.py) both
render through `render_pages`, so a reference is exactly what the test would
render from the same code. Its docstring says why the tolerances are what they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
DIFF_DIR = REPO / "build" / "visual-diff"     # build/ is git-ignored; CI uploads this folder when a test fails

DPI = 72            # 1 px = 1 pt: a 1-pt move of a block is a 1-px move on the image
JAAR = 2024         # the edition locked; a later edition in the data does not move the references

# A pixel differs when one of its channels (R, G or B, 0-255) differs by more
# than CHANNEL_TOLERANCE; a page fails when more than PIXEL_TOLERANCE pixels
# differ. tests/test_visual.py explains both numbers (measured).
CHANNEL_TOLERANCE = 64
PIXEL_TOLERANCE = 50


@dataclass(frozen=True)
class Case:
    """One factsheet in one output profile."""
    kind: str       # bundled factsheet kind (monitor_pdf/kinds/<kind>)
    laag: str
    profile: str    # screen | print

    @property
    def stem(self) -> str:
        return f"{self.kind}-{self.laag}-{JAAR}-{self.profile}"

    def name(self, page: int) -> str:
        """The reference's file name for a 1-based page."""
        return f"{self.stem}-{page}.png"

    def __str__(self) -> str:
        return self.stem


CASES = [Case(kind, laag, profile)
         for kind, lagen in (("agressie", ("gemeenten", "provincies", "waterschappen")),
                             ("landelijk", ("decentraal",)))
         for laag in lagen
         for profile in ("screen", "print")]


def render_pdf_pages(pdf: bytes) -> list[Image.Image]:
    """Every page of a PDF as an RGB image at DPI (PDFium via pypdfium2, as `monitor-pdf preview`)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [document[index].render(scale=DPI / 72).to_pil().convert("RGB") for index in range(len(document))]
    finally:
        document.close()


def render_pages(case: Case) -> list[Image.Image]:
    """The pages of one bundled factsheet, built in-process from the code that is imported.
    No chart cache: a reference never rests on what an earlier build left behind."""
    from monitor_pdf.pipeline import render_factsheet

    made = render_factsheet(case.laag, JAAR, factsheet=case.kind, profile=case.profile, use_cache=False)
    return render_pdf_pages(made.pdf)


def load_png(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def save_png(image: Image.Image, path: Path) -> None:
    """Lossless RGB PNG, zlib at its best (optimize): colour matters, so no palette, no greyscale."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image.convert("RGB").save(path, format="PNG", optimize=True)


@dataclass(frozen=True)
class Comparison:
    size: tuple[int, int] | None    # the reference's size when the new page's differs, else None
    new_size: tuple[int, int]
    changed: int        # pixels that differ at all
    differing: int      # pixels with a channel off by more than CHANNEL_TOLERANCE

    @property
    def passed(self) -> bool:
        return self.size is None and self.differing <= PIXEL_TOLERANCE

    def describe(self) -> str:
        if self.size is not None:
            return (f"size differs: reference {self.size[0]} x {self.size[1]} px, "
                    f"new {self.new_size[0]} x {self.new_size[1]} px")
        return (f"{self.differing} pixels differ by more than {CHANNEL_TOLERANCE} in a channel "
                f"(tolerance: {PIXEL_TOLERANCE} pixels; {self.changed} differ at all)")


def _pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"), dtype=np.int16)


def channel_difference(reference: Image.Image, new: Image.Image) -> np.ndarray:
    """Per pixel, the largest difference of its three channels (same-size images)."""
    return np.abs(_pixels(reference) - _pixels(new)).max(axis=2)


def compare(reference: Image.Image, new: Image.Image) -> Comparison:
    if reference.size != new.size:
        return Comparison(reference.size, new.size, -1, -1)
    difference = channel_difference(reference, new)
    return Comparison(None, new.size, int((difference > 0).sum()), int((difference > CHANNEL_TOLERANCE).sum()))


def diff_image(reference: Image.Image, new: Image.Image) -> Image.Image:
    """reference | new | differences, side by side. In the third panel the reference is
    a faint grey, red marks pixels beyond the tolerance, pale orange the ones within it, and
    magenta what only one of two different-sized pages covers."""
    width, height = max(reference.width, new.width), max(reference.height, new.height)
    gap = 8
    sheet = Image.new("RGB", (3 * width + 2 * gap, height), (128, 128, 128))
    sheet.paste(reference.convert("RGB"), (0, 0))
    sheet.paste(new.convert("RGB"), (width + gap, 0))

    ref, fresh = _pixels(reference), _pixels(new)
    panel = np.full((height, width, 3), (255, 0, 255), dtype=np.uint8)
    h, w = min(ref.shape[0], fresh.shape[0]), min(ref.shape[1], fresh.shape[1])
    grey = ref[:h, :w].mean(axis=2)
    faint = (255 - (255 - grey) * 0.25).astype(np.uint8)
    panel[:h, :w] = faint[..., None]
    difference = np.abs(ref[:h, :w] - fresh[:h, :w]).max(axis=2)
    panel[:h, :w][(difference > 0) & (difference <= CHANNEL_TOLERANCE)] = (255, 210, 110)
    panel[:h, :w][difference > CHANNEL_TOLERANCE] = (230, 0, 0)
    sheet.paste(Image.fromarray(panel, "RGB"), (2 * (width + gap), 0))
    return sheet


def diff_path(name: str, folder: Path = DIFF_DIR) -> Path:
    return folder / name.replace(".png", "-diff.png")


def write_diff(name: str, reference: Image.Image, new: Image.Image, folder: Path = DIFF_DIR) -> Path:
    path = diff_path(name, folder)
    save_png(diff_image(reference, new), path)
    return path
