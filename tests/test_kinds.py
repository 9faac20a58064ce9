"""Factsheet kinds as folders, chart kinds registered once, everything else derived.

The bundled kinds (agressie, landelijk), a copy of one in a folder of the
user's, and a third kind made only from files (tests/kinds/derde)."""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import tomllib
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from monitor_pdf import resources
from monitor_pdf.chartkinds import CHART_KINDS, SHAPES
from monitor_pdf.charts.draw import _KINDS
from monitor_pdf.cli import cli
from monitor_pdf.model import build_model
from monitor_pdf.pipeline import load_dataset, open_factsheet, render_factsheet
from monitor_pdf.wording.texts import build_wording
from monitor_pdf.words import load_words

from tests import claimcheck
from tests.conftest import block_box, block_text, normalise
from tests.test_variants import assert_grammatical

DERDE = Path(__file__).parent / "kinds" / "derde"
PACKAGE = Path(resources.PACKAGE_DIR)


def test_every_chart_kind_is_drawn_and_named_and_nothing_else():
    assert set(_KINDS) == set(CHART_KINDS)
    assert set(load_words()["alt"]["charts"]) == set(CHART_KINDS)
    for kind in CHART_KINDS.values():
        assert set(kind.shapes) <= set(SHAPES)
    assert {s for k in CHART_KINDS.values() for s in k.shapes} == set(SHAPES)   # every shape is drawn by some kind


def test_no_indicator_name_of_any_kind_in_the_code():
    """Python holds the rules; indicator names live in the kinds' texts and the data."""
    names = set()
    for table in [*resources.datasets_dir().rglob("*.csv"), *DERDE.glob("*.csv")]:
        with table.open(encoding="utf-8") as fh:
            names |= {row["indicator"] for row in csv.DictReader(fh) if row.get("indicator")}
    assert {"agressie_totaal", "prevalentie", "stelling_dilemma"} <= names
    for source in PACKAGE.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert not [n for n in names if re.search(rf"\b{n}\b", text)], source


# ---------------------------------------------------------------- landelijk

@pytest.fixture(scope="module")
def landelijk():
    return render_factsheet(factsheet="landelijk")


def test_landelijk_is_one_page_of_published_values_without_a_mark(landelijk):
    with pdfplumber.open(BytesIO(landelijk.pdf)) as pdf:
        assert len(pdf.pages) == 1
        text = normalise(pdf.pages[0].extract_text())
        page, (x0, top, x1, bottom) = block_box(landelijk, pdf, "p1")   # the lead, in two columns:
        columns = " ".join(normalise(page.crop(box).extract_text())          # read each column whole
                           for box in ((x0, top, (x0 + x1) / 2, bottom), ((x0 + x1) / 2, top, x1, bottom)))
        assert "*" not in text and "llustratie" not in text
        assert text.startswith("Monitor Integriteit en Veiligheid 2024 Landelijk beeld Factsheet – Decentrale")
        for expected in (
            "Helft decentrale politieke ambtsdragers kreeg te maken met agressie",
            "In 2024 kreeg bijna de helft (45%) van alle decentrale politieke ambtsdragers te maken met agressie",
            "Dat is evenveel als in 2022.",
            "Ten opzichte van tien jaar geleden (24%) is dat aandeel bijna verdubbeld.",
            "Vrouwen vaker doelwit dan mannen",
            "Aandeel dat aangifte doet gehalveerd",
            "In 2022 deed een klein deel (7%) van de politieke ambtsdragers aangifte.",
        ):
            assert expected in text or expected in columns
    assert landelijk.illustrative is False


def test_landelijk_data_is_published_with_its_url():
    with (resources.datasets_dir() / "landelijk" / "landelijk.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 20
    for row in rows:
        assert row["status"] == "gepubliceerd" and row["bron"].startswith("https://") and row["toelichting"]


def test_landelijk_claims_recompute_and_read_well():
    spec, folder = open_factsheet("landelijk")
    wording = build_wording(build_model(load_dataset(folder, spec.kind.directory), spec, "decentraal", 2024, folder),
                            spec)
    assert claimcheck.check(wording, folder, "decentraal", 2024, spec.kind.directory) == []
    assert_grammatical(wording, spec)


def test_landelijk_builds_in_both_profiles_and_is_tagged(tmp_path):
    import pikepdf

    for profile in ("screen", "print"):
        run = CliRunner().invoke(cli, ["build", "--factsheet", "landelijk", "--profile", profile,
                                       "-o", str(tmp_path / f"{profile}.pdf")])
        assert run.exit_code == 0, run.output
    with pikepdf.open(tmp_path / "screen.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "nl-NL"


# ---------------------------------------------------------------- a kind of the user's own

def _digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())).hexdigest()


def test_a_copy_of_a_kind_in_the_users_folder_builds_with_its_changes(tmp_path, spec, provincies):
    before = _digest(PACKAGE / "kinds")
    run = CliRunner().invoke(cli, ["kinds", "copy", "agressie", str(tmp_path / "mijn-factsheet")])
    assert run.exit_code == 0, run.output
    mine = tmp_path / "mijn-factsheet"
    layout = mine / "layout.toml"
    original = 'years = 6                # the latest six editions\nheight = 48.0'
    assert original in layout.read_text(encoding="utf-8")
    layout.write_text(layout.read_text(encoding="utf-8").replace(
        original, original.replace("48.0", "54.0")), encoding="utf-8")
    texts = mine / "texts.toml"
    sentence = "{wijze.namen|is|zijn} de meest genoemde {wijze.namen|wijze|wijzen} waarop"
    assert sentence in texts.read_text(encoding="utf-8")
    texts.write_text(texts.read_text(encoding="utf-8").replace(
        sentence, "{wijze.namen|wordt|worden} het vaakst genoemd als manier waarop"), encoding="utf-8")
    out = tmp_path / "f.pdf"
    run = CliRunner().invoke(cli, ["build", "--factsheet", str(mine), "-o", str(out)])
    assert run.exit_code == 0, run.output
    made = render_factsheet(factsheet=mine)
    with pdfplumber.open(out) as pdf:
        assert "Sociale media worden het vaakst genoemd als manier waarop agressie" in block_text(made, pdf, "p_wijze")
    fig3 = {p.block_id: p for p in made.placements()}["fig3"]
    bundled = {p.block_id: p for p in provincies.placements()}["fig3"]
    assert fig3.height > bundled.height + 5 * 72 / 25.4
    assert _digest(PACKAGE / "kinds") == before                  # nothing inside the package touched


def test_a_kind_beside_the_data_is_found_by_name(tmp_path, data_copy):
    shutil.copytree(DERDE, data_copy / "factsheets" / "kort")
    run = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--factsheet", "kort",
                                   "-o", str(tmp_path / "k.pdf")])
    assert run.exit_code == 0, run.output


def test_kinds_lists_the_bundled_kinds():
    run = CliRunner().invoke(cli, ["kinds"])
    assert run.exit_code == 0
    assert [line.split()[0] for line in run.output.splitlines()[1:]] == ["agressie", "landelijk"]


def test_an_unknown_kind_is_a_clear_error():
    run = CliRunner().invoke(cli, ["build", "--factsheet", "nergens"])
    assert run.exit_code == 1
    assert run.stderr == ("monitor-pdf: error: factsheet 'nergens': not a folder with a layout.toml, and not a "
                          "bundled kind (bundled: agressie, landelijk)\n")


@pytest.mark.parametrize("file,old,new,message", [
    ("texts.toml", "{Reeks.naam} sinds", "{Reeks.naamm} sinds",
     r"texts.toml:\d+ \[h1\]: .*'reeks' has no form 'naamm'"),
    ("layout.toml", 'chart = "vbar"', 'chart = "taart"', r"layout.toml:\d+: block 'fig1': chart 'taart' is not one of"),
    ("layout.toml", 'shape = "jaren"', 'shape = "items_lagen"',
     r"chart 'vbar' draws shape items or jaren, not 'items_lagen'"),
    ("theme.toml", 'primary = "#276D3D"', 'primary = "groen"', r"theme.toml:6: 'groen' is not a colour"),
    ("kind.toml", 'file = "kort-{laag}-{jaar}"', 'file = "../kort"',
     r"kind.toml:7: file '../kort' must contain \{jaar\}"),
])
def test_validate_reports_a_mistake_in_a_kinds_files(tmp_path, file, old, new, message):
    kind = tmp_path / "kort"
    shutil.copytree(DERDE, kind)
    path = kind / file
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    run = CliRunner().invoke(cli, ["validate", "--factsheet", str(kind)])
    assert run.exit_code == 1
    assert re.search(message, run.stderr), run.stderr


# ---------------------------------------------------------------- a third kind, files only

def test_a_third_kind_made_only_from_files():
    """tests/kinds/derde: a chart kind (vbar), claims and a layout (a full-width
    figure first, a number callout beside a headline) the bundled kinds do not
    use, with its own theme and its own sentence forms."""
    bundled = [tomllib.loads((resources.factsheet_dir(k) / "layout.toml").read_text(encoding="utf-8"))
               for k in resources.bundled_kinds()]
    assert "vbar" not in {b.get("chart") for layout in bundled for b in layout["block"].values()}
    assert all(layout["page"][0]["rows"][0].get("full", [""])[0].startswith("h") for layout in bundled)
    made = render_factsheet(factsheet=DERDE)
    assert len(made.pages) == 1 and made.kind.name == "derde"
    with pdfplumber.open(BytesIO(made.pdf)) as pdf:
        assert block_text(made, pdf, "h1") == "Agressie en intimidatie sinds 2014 toegenomen*"
        assert ("Wie een incident niet meldde, deed dat vooral omdat het niet erg genoeg was.*"
                in block_text(made, pdf, "p1"))
    fig1 = {p.block_id: p for p in made.placements()}["fig1"].box.chart
    assert {op.fill for op in fig1.ops if getattr(op, "fill", None)} >= {"#276D3D"}   # its own theme
    spec, folder = open_factsheet(DERDE)
    wording = build_wording(build_model(load_dataset(folder, spec.kind.directory), spec, "gemeenten", 2024, folder),
                            spec)
    assert claimcheck.check(wording, folder, "gemeenten", 2024, DERDE) == []


def test_landelijk_is_accessible_as_the_main_kind_is(landelijk, tmp_path):
    """Every painting operator in marked content or an artifact, and pdfua finds nothing."""
    import subprocess
    import sys

    import pikepdf

    from tests.test_accessibility import unmarked_painting

    with pikepdf.open(BytesIO(landelijk.pdf)) as pdf:
        assert unmarked_painting(pdf) == []
    path = tmp_path / "landelijk.pdf"
    path.write_bytes(landelijk.pdf)
    done = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and "result: PASS (no findings)" in done.stdout, done.stdout
