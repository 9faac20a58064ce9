"""Reading the CSV tables: spreadsheet dialects, provenance, and located errors."""

from __future__ import annotations

import csv
import re

import pytest
from monitor_pdf import resources
from monitor_pdf.data.load import load_records, read_table
from monitor_pdf.errors import DataError

# Written down from ../shared/reference/monitor-data.md (the seed factsheet and the
# news items it cites), not read from the datasets: (indicator, item, laag, jaar) -> %.
REFERENCE_PUBLISHED = {
    ("agressie_totaal", "Agressie en intimidatie (totaal)", "provincies", 2024): 47,
    ("agressie_totaal", "Agressie en intimidatie (totaal)", "provincies", 2022): 59,
    ("agressie_totaal", "Agressie en intimidatie (totaal)", "provincies", 2020): 49,
    ("agressie_vorm", "Verbale agressie", "provincies", 2024): 46,
    ("agressie_vorm", "Bedreiging en intimidatie", "provincies", 2024): 24,
    ("ernstig_incident", "(Zeer) ernstig incident meegemaakt", "provincies", 2024): 19,
    ("gevolgen_totaal", "Negatieve gevolgen (totaal)", "provincies", 2024): 60,
}


def test_bundled_tables_load(tmp_path):
    records = load_records(resources.datasets_dir())
    assert len(records) > 200
    assert {r.laag for r in records} == {"gemeenten", "provincies", "waterschappen"}


def test_every_value_says_where_it_comes_from():
    for record in load_records(resources.datasets_dir()):
        assert record.bron
        if not record.illustrative:
            assert record.bron.startswith("http") or "Factsheet" in record.bron, record


def test_published_values_match_the_reference():
    """All seven published values of the bundled tables, no indicator left out."""
    published = {(r.indicator, r.item, r.laag, r.jaar): r.waarde
                 for r in load_records(resources.datasets_dir()) if not r.illustrative}
    assert published == REFERENCE_PUBLISHED


@pytest.mark.parametrize("folder", ["", "landelijk"])
def test_every_published_value_is_in_its_quote(folder):
    """A published row carries the quote it was taken from; the number must be in it.

    Checked against the raw CSV text, so a loader that misread a value fails too.
    """
    root = resources.datasets_dir() / folder
    checked = 0
    for path in sorted(root.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("status") != "gepubliceerd":
                    continue
                number = row["waarde"].replace(".", ",").removesuffix(",0")
                assert re.search(rf"(?<![\d,]){re.escape(number)}(?![\d,])", row["toelichting"]), (path.name, row)
                checked += 1
    assert checked >= 7


def test_dutch_spreadsheet_export_reads_the_same(tmp_path):
    """`;` separators, decimal commas, a UTF-8 BOM and CRLF line ends."""
    source = resources.datasets_dir() / "melden.csv"
    with source.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][4] = "44.5"                                  # a decimal in the source
    plain = tmp_path / "plain.csv"
    with plain.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    dutch = tmp_path / "dutch.csv"
    with dutch.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerows([[cell.replace(".", ",") if i == 4 else cell for i, cell in enumerate(row)]
                          for row in rows])
    a, b = read_table(plain), read_table(dutch)
    assert [(r.key, r.waarde, r.status) for r in a] == [(r.key, r.waarde, r.status) for r in b]
    assert b[0].waarde == 44.5


def write(path, header, *rows):
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


HEADER = "indicator,item,bestuurslaag,jaar,waarde,n,status,bron,toelichting"
GOOD = "agressie_totaal,Totaal,provincies,2024,47,,gepubliceerd,https://example.org,"


@pytest.mark.parametrize("row,message", [
    ("agressie_totaal,Totaal,provincies,2024,veel,,gepubliceerd,x,", r":3: waarde: 'veel' is not a number"),
    ("agressie_totaal,Totaal,provincies,2024,120,,gepubliceerd,x,", r":3: waarde: 120 is not a percentage"),
    ("agressie_totaal,Totaal,provincies,24,47,,gepubliceerd,x,", r":3: jaar: '24' is not a year"),
    ("agressie_totaal,Totaal,provincies,2023,47,0,gepubliceerd,x,", r":3: n: '0' is not a positive whole number"),
    ("agressie_totaal,,provincies,2023,47,,gepubliceerd,x,", r":3: item: empty"),
    ("agressie_totaal,Totaal,provincies,2023,47,,geschat,x,", r":3: status: 'geschat' is not one of"),
    ("agressie_totaal,Totaal,provincies,2023,47,,illustratief,,", r":3: bron: empty"),
    (GOOD, r":3: duplicate of line 2"),
])
def test_bad_cells_are_located(tmp_path, row, message):
    write(tmp_path / "t.csv", HEADER, GOOD, row)
    with pytest.raises(DataError, match=re.escape(str(tmp_path / "t.csv")) + message):
        load_records(tmp_path)


def test_missing_column_is_named(tmp_path):
    write(tmp_path / "t.csv", "indicator,item,bestuurslaag,jaar,status,bron", "a,b,c,2024,gepubliceerd,x")
    with pytest.raises(DataError, match=r"t.csv:1: missing column\(s\) waarde"):
        load_records(tmp_path)


def test_empty_file_and_wrong_encoding(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"")
    with pytest.raises(DataError, match=r"a.csv:1: file is empty"):
        load_records(tmp_path)
    (tmp_path / "a.csv").write_bytes((HEADER + "\n" + GOOD.replace("Totaal", "Privé") + "\n").encode("cp1252"))
    with pytest.raises(DataError, match=r"a.csv:2: not UTF-8 text .*cp1252"):
        load_records(tmp_path)
