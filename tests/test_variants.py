"""The corpus of realistic data variants (tests/variants.toml): each factsheet says
what its own figures support, in grammatical Dutch, or the build stops with a
one-line message naming the file, line and block."""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from monitor_pdf import resources
from monitor_pdf.cli import cli
from monitor_pdf.model import build_model
from monitor_pdf.pipeline import load_dataset, render_factsheet
from monitor_pdf.wording.texts import build_wording

from tests import claimcheck, dutch
from tests.conftest import block_text

VARIANTS = tomllib.loads((Path(__file__).parent / "variants.toml").read_text(encoding="utf-8"))["variant"]
EDITED = ["illustratief", "illustratief; gewijzigd in een testvariant"]


def _matches(row: dict, edit: dict) -> bool:
    return all(str(edit[key]) == row[column] for key, column in
               (("indicator", "indicator"), ("item", "item"), ("laag", "bestuurslaag"), ("jaar", "jaar"))
               if key in edit)


def _edit(rows: list[dict], edit: dict) -> list[dict]:
    op = edit["op"]
    hit = [r for r in rows if _matches(r, edit)]
    if op == "set":
        for r in hit:
            r["waarde"], (r["status"], r["bron"]) = str(edit["waarde"]), EDITED
    elif op == "values":
        for r, value in zip(hit, edit["items"], strict=True):
            r["waarde"], (r["status"], r["bron"]) = str(value), EDITED
    elif op == "delete":
        return [r for r in rows if r not in hit]
    elif op == "reverse":
        order = iter(reversed(hit))
        return [next(order) if r in hit else r for r in rows]
    elif op == "n":
        for r in hit:
            r["n"] = str(edit["n"])
    elif op == "rename":
        for r in hit:
            r["item"] = edit["to"]
    elif op == "copy_year":
        have = {(r["indicator"], r["item"], r["bestuurslaag"], r["jaar"]) for r in rows}
        for r in list(rows):
            key = (r["indicator"], r["item"], r["bestuurslaag"], str(edit["to"]))
            if r["jaar"] == str(edit["from"]) and r["indicator"] not in edit.get("except", ()) and key not in have:
                rows.append({**r, "jaar": str(edit["to"]), "status": EDITED[0], "bron": EDITED[1]})
    elif op == "copy_laag":
        rows += [dict(r, bestuurslaag=edit["to"], waarde=str(min(100.0, float(r["waarde"]) + edit.get("plus", 0))),
                      status=EDITED[0], bron=EDITED[1]) for r in rows if r["bestuurslaag"] == edit["from"]]
    elif op == "add":
        indicator, item, laag, jaar, waarde = edit["row"].split(",")
        rows.append({"indicator": indicator, "item": item, "bestuurslaag": laag, "jaar": jaar, "waarde": waarde,
                     "n": "", "status": EDITED[0], "bron": EDITED[1], "toelichting": ""})
    return rows


def apply(variant: dict, folder: Path) -> None:
    """The variant's edits on the value tables in `folder` (each row stays in its file)."""
    tables = {p: list(csv.DictReader(p.open(encoding="utf-8", newline=""))) for p in folder.glob("*.csv")
              if p.name not in ("zinsdelen.csv", "eenheden.csv")}
    rows = [dict(r, _file=p.name) for p, table in sorted(tables.items()) for r in table]
    for edit in variant.get("edits", []):
        if edit["op"] == "units":
            (folder / "eenheden.csv").write_text(edit["csv"], encoding="utf-8")
        elif edit["op"] == "add":
            rows = _edit(rows, edit)
            rows[-1]["_file"] = "agressie.csv"
        else:
            rows = _edit(rows, edit)
    for path in tables:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(next(iter(tables.values()))[0].keys()), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(r for r in rows if r["_file"] == path.name)
        path.write_text(buffer.getvalue(), encoding="utf-8")


def _text(wording, key: str) -> str:
    block, _, field = key.partition(".")
    if block == "footer":
        return wording.footer[field]
    return wording.blocks[block].get(field or "text", "")


@pytest.fixture()
def variant_data(tmp_path):
    target = tmp_path / "data"
    target.mkdir()
    for csv_file in resources.datasets_dir().glob("*.csv"):
        (target / csv_file.name).write_bytes(csv_file.read_bytes())
    return target


@pytest.mark.parametrize("variant", VARIANTS, ids=[v["name"] for v in VARIANTS])
def test_variant(variant, variant_data, spec, tmp_path):
    apply(variant, variant_data)
    laag = variant.get("laag", "provincies")
    jaar = variant.get("jaar", 2024)
    if "error" in variant:
        out = tmp_path / "f.pdf"
        result = CliRunner().invoke(cli, ["build", "--data", str(variant_data), "--laag", laag, "--jaar", str(jaar),
                                          "-o", str(out)])
        assert result.exit_code == 1 and not out.exists(), result.output
        assert result.stderr.count("\n") == 1, result.stderr
        assert __import__("re").search(variant["error"], result.stderr), result.stderr
        return
    dataset = load_dataset(variant_data)
    wording = build_wording(build_model(dataset, spec, laag, jaar, variant_data), spec)
    for key, expected in variant.get("contains", {}).items():
        for text in expected:
            assert text in _text(wording, key), f"{key}: {text!r} not in {_text(wording, key)!r}"
    for key, unexpected in variant.get("absent", {}).items():
        for text in unexpected:
            assert text not in _text(wording, key), f"{key}: {text!r} in {_text(wording, key)!r}"
    for key, expected in variant.get("alt", {}).items():
        for text in expected:
            assert text in wording.alt[key], wording.alt[key]
    assert_grammatical(wording, spec)
    if variant.get("claimcheck", True):
        assert claimcheck.check(wording, variant_data, laag, jaar) == []
    factsheet = render_factsheet(laag, jaar, variant_data)       # it builds: two pages, nothing overflows
    assert len(factsheet.pages) == 2
    if "printed" in variant:
        with pdfplumber.open(io.BytesIO(factsheet.pdf)) as pdf:
            for block, expected in variant["printed"].items():
                for text in expected:
                    assert text in block_text(factsheet, pdf, block), block_text(factsheet, pdf, block)


def assert_grammatical(wording, spec) -> None:
    """Every statement of the factsheet passes the independent grammar check."""
    found = {}
    for block_id, fields in wording.blocks.items():
        kind = spec.blocks[block_id].kind
        for name, value in fields.items():
            field, text = name, value
            if field == "text" and "number" in fields:             # "81%* was (zeer) tevreden ..."
                text, field = f"{fields['number']} {text}", "title"
            if field in ("text", "title") and text:
                problems = dutch.problems(text, headline=(kind == "headline" or field == "title"))
                if problems:
                    found[f"{block_id}.{field}"] = (text, problems)
    assert found == {}
