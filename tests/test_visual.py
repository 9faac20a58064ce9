"""Lock the look: every page of every bundled factsheet, in both output profiles,
rendered at 72 dpi (1 px = 1 pt) and compared with the reference PNGs in
tests/visual/reference/ (written by `make visual-refresh`, through the same
renderer: tests/visual/pages.py).

Tolerance (CHANNEL_TOLERANCE and PIXEL_TOLERANCE in tests/visual/pages.py): a
pixel differs when any of its R, G, B channels differs by more than 64 (of
255); a page fails when more than 50 pixels differ, or when its size differs.

Why, measured on all 14 pages at 72 dpi (pixels beyond 64 unless said):
- Noise must pass. The same PDF rendered twice: 0 pixels differ at all.
  PDFium 126 (pypdfium2 4.30) and 143 (5.0) against 159 (5.15): at most
  5 pixels of a page beyond 32, none beyond 64. The layout nudged by
  0.003 pt (float noise in a coordinate): at most 1 pixel (but 280 beyond
  16, so the channel tolerance cannot be much lower).
- A 1-pt move must fail. Any one placed block moved by 1 px, right or down:
  at least 300 pixels (the fewest: landelijk's fig4, a bar chart with few
  vertical edges; a one-line headline: 415 or more). The whole layout 1 pt
  to the right: ~17 000 a page; the gutter 1 pt wider: 1 100 to 4 700.
So 64 sits above anti-aliasing noise and below the full-contrast edges a
whole-pixel move makes; 50 pixels is 50 x the noise seen and a sixth of the
smallest block move, so even one moved line of small text ("Meerdere
antwoorden mogelijk.", ~100 pixels) fails. Not caught: a 1-pt move of
something tiny (a page number alone changes under 10 pixels).

A failing page writes reference | new | differences into build/visual-diff/
(CI uploads it) and names it in the message. If the change is meant, review
the diff images, then `make visual-refresh`.
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from monitor_pdf import resources
from monitor_pdf.pipeline import render_factsheet
from PIL import Image

from tests.visual.pages import (
    CASES,
    DIFF_DIR,
    JAAR,
    REFERENCE_DIR,
    REPO,
    Case,
    compare,
    diff_path,
    load_png,
    render_pages,
    render_pdf_pages,
    write_diff,
)


def check_pages(name_of, pages: list[Image.Image], references: list[Path], diff_dir: Path = DIFF_DIR) -> list[str]:
    """One line per page that does not match its reference (and per missing or
    extra page); writes a diff image for each differing page."""
    problems = []
    for number, page in enumerate(pages, start=1):
        name = name_of(number)
        path = REFERENCE_DIR / name
        if not path.exists():
            problems.append(f"{name}: no reference (make visual-refresh writes it)")
            continue
        reference = load_png(path)
        result = compare(reference, page)
        if result.passed:
            diff_path(name, diff_dir).unlink(missing_ok=True)     # a stale diff of an earlier run
            continue
        where = write_diff(name, reference, page, diff_dir)
        shown = where.relative_to(REPO) if where.is_relative_to(REPO) else where
        problems.append(f"{name}: {result.describe()}; diff image (reference | new | differences): {shown}")
    for extra in references[len(pages):]:
        problems.append(f"{extra.name}: the reference has this page, the new render has {len(pages)} page(s)")
    return problems


def references_of(case: Case) -> list[Path]:
    pattern = re.compile(re.escape(case.stem) + r"-(\d+)\.png")
    found = {int(m.group(1)): p for p in REFERENCE_DIR.glob("*.png") if (m := pattern.fullmatch(p.name))}
    return [found[n] for n in sorted(found)]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_page_looks_like_its_reference(case: Case):
    problems = check_pages(case.name, render_pages(case), references_of(case))
    if problems:
        pytest.fail("pages differ from tests/visual/reference/ (if meant: review, then make visual-refresh):\n"
                    + "\n".join(problems))


def test_every_reference_belongs_to_a_rendered_factsheet():
    known = re.compile("(?:" + "|".join(re.escape(case.stem) for case in CASES) + r")-\d+\.png")
    assert sorted(p.name for p in REFERENCE_DIR.glob("*.png") if not known.fullmatch(p.name)) == []
    assert len(list(REFERENCE_DIR.glob("*.png"))) == 14     # agressie: 3 lagen x 2 pages, landelijk: 1; x 2 profiles


def test_references_are_colour_at_one_pixel_per_point():
    for path in REFERENCE_DIR.glob("*.png"):
        with Image.open(path) as image:
            assert image.mode == "RGB", path.name
            # A4 is 595.28 x 841.89 pt; print adds 3 mm bleed and a 10 mm slug on each side
            assert image.size == ((596, 842) if "-screen-" in path.name else (669, 916)), path.name
    page = np.asarray(load_png(REFERENCE_DIR / f"agressie-provincies-{JAAR}-screen-1.png"), dtype=np.int16)
    assert (page.max(axis=2) - page.min(axis=2)).max() > 100     # the header band is blue, not grey


# ---------------------------------------------------------------- the comparison itself

SAMPLE = f"agressie-provincies-{JAAR}-screen-1.png"      # what the session fixture `provincies` renders


def shifted(image: Image.Image, box: tuple[int, int, int, int], dx: int, dy: int) -> Image.Image:
    """The image with the contents of `box` moved by (dx, dy) pixels; the rest as it was."""
    x0, y0, x1, y1 = box
    pixels = np.asarray(image).copy()
    pixels[y0 + dy:y1 + dy, x0 + dx:x1 + dx] = np.asarray(image)[y0:y1, x0:x1]
    return Image.fromarray(pixels, "RGB")


@pytest.fixture(scope="module")
def sample() -> Image.Image:
    return load_png(REFERENCE_DIR / SAMPLE)


@pytest.fixture(scope="module")
def headline(provincies, sample) -> tuple[int, int, int, int]:
    """The pixel box (x0, y0, x1, y1 from the top left) of the one-line block
    h2_wijze ("Meeste agressie wordt geuit via ...") on page 1: one line of
    text, among the smallest block moves (the fewest pixels of any block: 300)."""
    block = next(p for p in provincies.placements() if p.block_id == "h2_wijze")
    assert block.page == 1
    top = provincies.page_height_pt - block.top
    box = (math.floor(block.x), math.floor(top), math.ceil(block.x + block.width), math.ceil(top + block.height))
    x0, y0, x1, y1 = box
    ink = (np.asarray(sample, dtype=np.int16)[y0:y1, x0:x1].min(axis=2) < 128).sum()
    assert ink > 200, f"{SAMPLE}: no headline at {box}: are the references older than the layout?"
    return box


def test_an_identical_page_passes(sample):
    result = compare(sample, sample.copy())
    assert result.passed and result.changed == 0 and result.differing == 0


@pytest.mark.parametrize(("dx", "dy"), [(1, 0), (0, 1), (-1, 0), (0, -1)])
def test_one_block_moved_by_one_pixel_fails(sample, headline, dx, dy):
    result = compare(sample, shifted(sample, headline, dx, dy))
    assert not result.passed
    assert result.differing > 300     # not a near miss (this headline: 600+; the fewest of any block: 300)
    assert "pixels differ by more than 64 in a channel (tolerance: 50 pixels" in result.describe()


@pytest.mark.parametrize(("noise", "passes"), [(64, True), (65, False)])
def test_anti_aliasing_noise_up_to_64_per_channel_passes(sample, noise, passes):
    """Every pixel of the page disturbed by up to `noise` in every channel."""
    rng = np.random.default_rng(7)
    pixels = np.asarray(sample, dtype=np.int16)
    noisy = np.clip(pixels + rng.integers(-noise, noise + 1, pixels.shape), 0, 255)
    result = compare(sample, Image.fromarray(noisy.astype(np.uint8), "RGB"))
    assert result.changed > 400_000 and result.passed is passes
    assert (result.differing == 0) is passes


@pytest.mark.parametrize(("spoiled", "passes"), [(50, True), (51, False)])
def test_a_page_fails_when_more_than_50_pixels_differ(sample, spoiled, passes):
    pixels = np.asarray(sample).copy()
    flat = pixels.reshape(-1, 3)
    flat[:spoiled, 0] = np.where(flat[:spoiled, 0] < 128, 255, 0)     # one channel off by 128 or more
    result = compare(sample, Image.fromarray(pixels, "RGB"))
    assert (result.differing, result.passed) == (spoiled, passes)


def test_a_size_mismatch_fails_with_both_sizes(sample, tmp_path):
    shorter = sample.crop((0, 0, 596, 841))
    result = compare(sample, shorter)
    assert not result.passed
    assert result.describe() == "size differs: reference 596 x 842 px, new 596 x 841 px"
    [problem] = check_pages(lambda n: SAMPLE, [shorter], [REFERENCE_DIR / SAMPLE], tmp_path)
    assert problem.startswith(f"{SAMPLE}: size differs: reference 596 x 842 px, new 596 x 841 px; diff image")
    with Image.open(tmp_path / SAMPLE.replace(".png", "-diff.png")) as diff:
        bottom = np.asarray(diff.convert("RGB"))[841, 2 * (596 + 8):]
    assert (bottom == (255, 0, 255)).all()      # the row only the reference has is marked


def test_a_differing_page_writes_a_diff_image_and_names_it(sample, headline, tmp_path):
    moved = shifted(sample, headline, 1, 0)
    problems = check_pages(lambda n: SAMPLE, [moved], [REFERENCE_DIR / SAMPLE], tmp_path)
    written = tmp_path / SAMPLE.replace(".png", "-diff.png")
    assert len(problems) == 1 and str(written) in problems[0], problems
    with Image.open(written) as diff:
        sheet = np.asarray(diff.convert("RGB"), dtype=np.int16)
    assert sheet.shape == (842, 3 * 596 + 2 * 8, 3)
    panel = sheet[:, 2 * (596 + 8):]
    red = (panel[..., 0] > 200) & (panel[..., 1] < 40) & (panel[..., 2] < 40)
    ys, xs = np.nonzero(red)
    x0, y0, x1, y1 = headline
    # red exactly where the headline moved, nowhere else
    assert red.sum() == compare(sample, moved).differing
    assert (ys.min() >= y0 and ys.max() < y1 and xs.min() >= x0 and xs.max() <= x1), (ys.min(), xs.min())
    assert np.array_equal(sheet[:, :596], np.asarray(sample, dtype=np.int16))      # the reference, unchanged
    assert np.array_equal(sheet[:, 596 + 8:2 * 596 + 8], np.asarray(moved, dtype=np.int16))
    # and a page that matches again takes its stale diff image away
    assert check_pages(lambda n: SAMPLE, [sample], [REFERENCE_DIR / SAMPLE], tmp_path) == []
    assert not written.exists()


def test_a_page_more_or_fewer_fails(sample, tmp_path):
    names = {1: SAMPLE, 2: "no-such-factsheet-2.png"}
    assert check_pages(names.get, [sample, sample], [REFERENCE_DIR / SAMPLE], tmp_path) == [
        "no-such-factsheet-2.png: no reference (make visual-refresh writes it)"]
    assert check_pages(names.get, [sample], [REFERENCE_DIR / SAMPLE, REFERENCE_DIR / "x-2.png"], tmp_path) == [
        "x-2.png: the reference has this page, the new render has 1 page(s)"]


def test_a_real_one_point_layout_change_fails(tmp_path):
    """End to end, independent of the references: the agressie kind with its
    gutter widened by 1 pt (0.3528 mm, moves the right column) against the kind
    as it is, both built now."""
    kind = tmp_path / "agressie"
    shutil.copytree(resources.kinds_dir() / "agressie", kind)
    layout = kind / "layout.toml"
    text, count = re.subn(r"(?m)^gutter = ([0-9.]+)", lambda m: f"gutter = {float(m.group(1)) + 0.3528:.4f}",
                          layout.read_text(encoding="utf-8"))
    assert count == 1
    layout.write_text(text, encoding="utf-8")
    data = resources.datasets_dir()
    as_is = render_pdf_pages(render_factsheet("provincies", JAAR, data_dir=data, factsheet="agressie").pdf)
    again = render_pdf_pages(render_factsheet("provincies", JAAR, data_dir=data, factsheet="agressie").pdf)
    moved = render_pdf_pages(render_factsheet("provincies", JAAR, data_dir=data, factsheet=kind).pdf)
    assert [compare(a, b).changed for a, b in zip(as_is, again)] == [0, 0]
    assert [compare(a, b).passed for a, b in zip(as_is, moved)] == [False, False]
