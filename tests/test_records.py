"""The record beside each PDF: what the factsheet says (values as printed, every
sentence, the claims behind them), written by build and batch, listed and
hashed by the manifest, checked by verify. Expectations are read off the
bundled tables (datasets/melden.csv) and the page itself, not from the code.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from monitor_pdf.batch import verify_manifest
from monitor_pdf.cli import cli
from monitor_pdf.sidecar import encode, sidecar_path

from tests.conftest import block_box, normalise


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def values_of(record: dict, block: str) -> list[tuple]:
    return [(v["item"], v["series"], v["value"], v["illustrative"]) for v in record["values"] if v["block"] == block]


def test_the_record_holds_each_value_as_the_figure_prints_it(provincies):
    record = provincies.record
    # datasets/melden.csv, besproken_gemeld, provincies 2024: 44, 30, 14, all illustrative
    assert values_of(record, "fig5") == [("Intern besproken", "provincies", "44%", True),
                                         ("Intern gemeld", "provincies", "30%", True),
                                         ("Extern gemeld", "provincies", "14%", True)]
    # a figure of units by year: its item is the unit, its series the year
    fig3 = {(item, series): shown for item, series, shown, _ in values_of(record, "fig3")}
    assert fig3[("Provincies", "2024")] == "47%" and fig3[("Provincies", "2014")] == "25%"
    assert len(fig3) == 3 * 6                          # three lagen, the latest six editions
    # a top-3 list: label, rank and value (reden_niet_melden: 52, 41, 27)
    assert [(v["rank"], v["item"], v["value"]) for v in record["values"] if v["block"] == "top3_niet_melden"] == [
        (1, "Ik vond het daar niet erg genoeg voor", "52%"),
        (2, "Dergelijke incidenten horen bij mijn functie", "41%"),
        (3, "Heeft geen zin, er wordt toch niets mee gedaan", "27%")]
    assert {v["label"] for v in record["values"] if v["block"] == "fig8b"} == {"Figuur 8"}


def test_every_value_in_the_record_is_printed_on_the_page(provincies, provincies_pdf):
    def words(block_id: str) -> set[str]:        # read inside the block's box: labels of other blocks stay out
        page, box = block_box(provincies, provincies_pdf, block_id)
        return {w["text"].strip("()") for w in page.within_bbox(box).extract_words()}

    shown = [(v["block"], v["value"] + ("*" if v["illustrative"] else "")) for v in provincies.record["values"]
             if v["value"]]
    assert len(shown) == 89
    assert [(block, v) for block, v in shown if v not in words(block)] == []


def test_the_record_holds_every_sentence_as_printed(provincies, provincies_text):
    texts = {(t["block"], t["field"]): t["sentences"] for t in provincies.record["texts"]}
    assert texts[("p_melden", "text")] == [
        ("Van de politieke ambtsdragers van provincies die te maken kregen met agressie, besprak minder dan de "
         "helft het incident met iemand in de organisatie.*"),
        "Drie op de tien maakten een officiële interne melding bij de daarvoor aangewezen persoon.*",
        "Eén op de zeven heeft het extern gemeld, onder andere bij de politie en/of de eigen politieke partij.*"]
    assert texts[("h1", "text")] == ["Helft politieke ambtsdragers provincies kreeg te maken met agressie"]
    assert texts[("callout_tevreden", "number")] == ["81%*"]
    assert texts[("footer", "illustrative")] == ["* Illustratieve waarde, niet gepubliceerd.",
                                                 "Een zin met * steunt op illustratieve waarden."]
    def letters(text: str) -> str:                   # line breaks and hyphenation aside
        return re.sub(r"-\s+|\s+", "", text)

    page = letters(provincies_text)
    paragraphs = [(block, s) for (block, field), sentences in texts.items() if field == "text"
                  and block.startswith(("h1", "h2_", "p")) for s in sentences]
    # h1 1, p1 6, the five h2 5, p_wijze 1, p_melden 3, p_belangen 2, p_cultuur 3, p_dilemma 2
    assert len(paragraphs) == 23
    for block, sentence in paragraphs:
        assert letters(sentence) in page, (block, sentence)


def test_the_record_holds_the_claims_behind_the_sentences(provincies):
    claims = {c["name"]: c for c in provincies.record["claims"]}
    assert claims["intern_gemeld"] == {
        "name": "intern_gemeld", "rule": "value", "outcome": "deel", "blocks": ["p_melden"],
        "decisions": {"band": "drie_op_de_tien", "half": "minder_dan_de_helft"},
        "inputs": [{"indicator": "besproken_gemeld", "item": "Intern gemeld", "laag": "provincies", "jaar": 2024,
                    "value": 30.0, "illustrative": True}]}
    # 47, 46 and 22 (agressie.csv): gemeenten and provincies above waterschappen, 5 points or more
    assert claims["agressie_lagen"]["outcome"] == "verschil"
    assert claims["agressie_lagen"]["decisions"] == {"relations": [[["gemeenten", "provincies"], ["waterschappen"]]]}
    assert claims["methode"]["decisions"] == {"methods": ["drempel"]}


def test_build_writes_the_record_beside_the_pdf_and_it_names_the_pdf(tmp_path):
    out = tmp_path / "gemeenten.pdf"
    assert run("build", "--laag", "gemeenten", "-o", out).exit_code == 0
    record = json.loads(sidecar_path(out).read_text(encoding="utf-8"))
    assert sidecar_path(out) == tmp_path / "gemeenten.json"
    assert record["format"] == "monitor-pdf factsheet record" and record["version"] == 1
    assert record["factsheet"] == {"kind": "agressie", "laag": "gemeenten", "jaar": 2024, "profile": "screen",
                                   "illustrative": True,
                                   "pdf_sha256": hashlib.sha256(out.read_bytes()).hexdigest()}


def test_the_print_file_has_its_own_record_saying_the_same(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("build").exit_code == 0 and run("build", "--profile", "print").exit_code == 0
    screen = json.loads(Path("factsheet-provincies-2024.json").read_text(encoding="utf-8"))
    printed = json.loads(Path("factsheet-provincies-2024-print.json").read_text(encoding="utf-8"))
    assert printed["factsheet"]["profile"] == "print"
    assert printed["factsheet"]["pdf_sha256"] == hashlib.sha256(
        Path("factsheet-provincies-2024-print.pdf").read_bytes()).hexdigest()
    for record in (screen, printed):
        del record["factsheet"]["profile"], record["factsheet"]["pdf_sha256"]
    assert screen == printed


def test_same_input_same_record_bytes_and_no_dates_in_it(tmp_path, monkeypatch):
    records = []
    for epoch in ("1733961600", "1733961600", "1000000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        out = tmp_path / f"{len(records)}.pdf"
        assert run("build", "-o", out).exit_code == 0
        records.append(sidecar_path(out).read_bytes())
    assert records[0] == records[1]
    assert encode(json.loads(records[0])) == records[0]        # sorted keys: the canonical form
    # another date changes the PDF's bytes, so only the sha256 the record names for it
    first, other = json.loads(records[0]), json.loads(records[2])
    assert first["factsheet"].pop("pdf_sha256") != other["factsheet"].pop("pdf_sha256")
    assert first == other


def test_a_failed_build_keeps_the_old_pdf_and_record(tmp_path, data_copy):
    out = tmp_path / "f.pdf"
    out.write_bytes(b"previous")
    sidecar_path(out).write_bytes(b"previous record")
    bad = data_copy / "melden.csv"
    bad.write_text(bad.read_text(encoding="utf-8").replace("Intern gemeld,provincies,2024,30,",
                                                           "Intern gemeld,provincies,2024,3x0,"), encoding="utf-8")
    result = run("build", "--data", data_copy, "-o", out)
    assert result.exit_code == 1 and "'3x0' is not a number" in result.stderr
    assert out.read_bytes() == b"previous" and sidecar_path(out).read_bytes() == b"previous record"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "f.json", "f.pdf"]


def test_the_screen_file_stays_pdf_a_without_attachments(tmp_path):
    out = tmp_path / "f.pdf"
    assert run("build", "-o", out).exit_code == 0
    with pikepdf.open(out) as pdf:
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        assert "/AF" not in pdf.Root
    result = run("check", out)
    assert result.exit_code == 0, result.stdout
    assert normalise(result.stdout).startswith(f"{out}: PDF/A-2b")


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "dist"
    result = CliRunner().invoke(cli, ["batch", "-o", str(out), "--jobs", "1", "--factsheet", "agressie",
                                      "--laag", "provincies", "--laag", "gemeenten"])
    assert result.exit_code == 0, result.output
    return out


def test_the_manifest_lists_and_hashes_each_record(batch_out):
    manifest = json.loads((batch_out / "manifest.json").read_text(encoding="utf-8"))
    assert [(e["file"], e["record"]) for e in manifest["factsheets"]] == [
        ("factsheet-provincies-2024.pdf", "factsheet-provincies-2024.json"),
        ("factsheet-gemeenten-2024.pdf", "factsheet-gemeenten-2024.json")]
    for entry in manifest["factsheets"]:
        data = (batch_out / entry["record"]).read_bytes()
        assert (entry["record_bytes"], entry["record_sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
        assert json.loads(data)["factsheet"]["pdf_sha256"] == entry["sha256"]
    assert verify_manifest(batch_out) == []


def test_verify_finds_a_changed_a_swapped_a_missing_and_an_unlisted_record(batch_out, tmp_path):
    import shutil

    def problems_after(change) -> list[str]:
        folder = tmp_path / f"v{len(list(tmp_path.iterdir()))}"
        shutil.copytree(batch_out, folder)
        change(folder)
        return verify_manifest(folder)

    def edit(folder):
        path = folder / "factsheet-gemeenten-2024.json"
        path.write_text(path.read_text(encoding="utf-8").replace('"47%"', '"48%"'), encoding="utf-8")

    def swap(folder):        # a record and manifest entry that agree, but the record is of another PDF
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        record = folder / "factsheet-gemeenten-2024.json"
        data = json.loads(record.read_text(encoding="utf-8"))
        data["factsheet"]["pdf_sha256"] = "0" * 64
        record.write_bytes(encode(data))
        entry = manifest["factsheets"][1]
        entry["record_bytes"], entry["record_sha256"] = len(record.read_bytes()), hashlib.sha256(
            record.read_bytes()).hexdigest()
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    assert problems_after(edit) == ["factsheet-gemeenten-2024.json: size or sha256 differs from the manifest"]
    assert problems_after(swap) == [("factsheet-gemeenten-2024.json: describes another PDF than "
                                     "factsheet-gemeenten-2024.pdf (its pdf_sha256 differs)")]
    assert problems_after(lambda f: (f / "factsheet-provincies-2024.json").unlink()) == [
        "factsheet-provincies-2024.json: listed but missing"]
    assert problems_after(lambda f: shutil.copy(f / "factsheet-provincies-2024.json", f / "extra.json")) == [
        "extra.json: factsheet record not in the manifest"]
    assert problems_after(lambda f: (f / "notes.json").write_text("{}", encoding="utf-8")) == []
