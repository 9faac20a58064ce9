"""Shared fixtures: the default factsheet is rendered once per test session."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from monitor_pdf import resources
from monitor_pdf.pipeline import render_factsheet
from monitor_pdf.spec import load_spec

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Tests use their own chart and data cache, never the user's."""
    import os

    os.environ["MONITOR_PDF_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def spec():
    return load_spec()


@pytest.fixture(scope="session")
def provincies():
    return render_factsheet("provincies", 2024)


@pytest.fixture(scope="session")
def provincies_pdf(provincies):
    with pdfplumber.open(BytesIO(provincies.pdf)) as pdf:
        yield pdf


@pytest.fixture(scope="session")
def provincies_text(provincies, provincies_pdf) -> str:
    """The text of every block, read from inside its box, in reading order
    (a plain extract of a two-column page interleaves the columns)."""
    return normalise(" ".join(block_text(provincies, provincies_pdf, p.block_id)
                              for p in provincies.placements()))


def block_box(factsheet, pdf, block_id):
    """The page and the (x0, top, x1, bottom) box of a placed block, in pdfplumber's coordinates."""
    placement = next(p for p in factsheet.placements() if p.block_id == block_id)
    page = pdf.pages[placement.page - 1]
    top = page.height - placement.top
    slack = 0.5     # points: a glyph at the very edge of its box is still the box's
    return page, (placement.x - slack, top - slack, placement.x + placement.width + slack,
                  top + placement.height + slack)


def block_text(factsheet, pdf, block_id) -> str:
    """The text inside a block's box; a text set in columns is read column by
    column (its columns' count and gap are the block's, their text the PDF's)."""
    page, (x0, top, x1, bottom) = block_box(factsheet, pdf, block_id)
    placement = next(p for p in factsheet.placements() if p.block_id == block_id)
    text = getattr(placement.box, "paragraph", None)
    columns, gap = (text.columns, text.column_gap) if text is not None else (1, 0.0)
    width = (x1 - x0 - gap * (columns - 1)) / columns
    return normalise(" ".join(page.within_bbox((x0 + n * (width + gap), top, x0 + n * (width + gap) + width, bottom))
                              .extract_text() for n in range(columns)))


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A writable copy of the bundled datasets."""
    target = tmp_path / "data"
    target.mkdir()
    for csv in resources.datasets_dir().glob("*.csv"):
        (target / csv.name).write_bytes(csv.read_bytes())
    return target


def normalise(text: str) -> str:
    """Whitespace as single spaces: wrapped lines read as one sentence."""
    return re.sub(r"\s+", " ", text).strip()
