"""Batch export: every laag, parallel workers, manifest, reproducible bytes, failures isolated."""

from __future__ import annotations

import hashlib
import json
import re
from io import BytesIO

import pdfplumber
import pytest
from click.testing import CliRunner
from monitor_pdf.batch import plan, verify_manifest
from monitor_pdf.cli import cli
from monitor_pdf.errors import DataError
from monitor_pdf.kind import load_kind
from monitor_pdf.names import output_name, slug
from monitor_pdf.resources import factsheet_dir

from tests.conftest import normalise

KIND = load_kind(factsheet_dir())
LAGEN = ("gemeenten", "provincies", "waterschappen")


@pytest.fixture(scope="module")
def batch_twice(tmp_path_factory):
    """The default batch run twice, with 2 and with 1 worker processes."""
    first, second = tmp_path_factory.mktemp("one"), tmp_path_factory.mktemp("two")
    runs = [CliRunner().invoke(cli, ["batch", "-o", str(first), "--jobs", "2"]),
            CliRunner().invoke(cli, ["batch", "-o", str(second), "--jobs", "1"])]
    return runs, first, second


def test_batch_builds_every_bundled_kind_with_a_matching_manifest(batch_twice):
    """Every kind from its own data: the three lagen of agressie, and landelijk."""
    import tomllib

    (run, _), out, _ = batch_twice
    assert run.exit_code == 0, run.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [(e["factsheet"], e["laag"]) for e in manifest["factsheets"]] == [
        ("agressie", "gemeenten"), ("agressie", "provincies"), ("agressie", "waterschappen"),
        ("landelijk", "decentraal")]
    assert manifest["failed"] == []
    for entry in manifest["factsheets"]:
        data = (out / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
        layout = tomllib.loads((factsheet_dir(entry["factsheet"]) / "layout.toml").read_text(encoding="utf-8"))
        assert entry["pages"] == len(layout["page"]) and entry["jaar"] == 2024     # as its layout declares
        assert entry["illustrative"] is (entry["factsheet"] == "agressie")      # landelijk: published values only
    assert verify_manifest(out) == []
    assert "4 built, 0 failed" in run.output and "factsheets/s" in run.output


def test_each_pdf_names_its_own_laag(batch_twice):
    _, out, _ = batch_twice
    for laag in LAGEN:
        with pdfplumber.open(out / f"factsheet-{laag}-2024.pdf") as pdf:
            assert len(pdf.pages) == 2
            first_page = normalise(pdf.pages[0].extract_text())
            assert f"politieke ambtsdragers {laag} kreeg te maken met agressie" in first_page
            assert laag.capitalize() in first_page.split(" Helft")[0]


def test_same_hashes_across_runs_and_worker_counts(batch_twice, provincies):
    _, one, two = batch_twice
    assert (one / "manifest.json").read_bytes() == (two / "manifest.json").read_bytes()
    # and the same bytes as a single in-process build
    assert (one / "factsheet-provincies-2024.pdf").read_bytes() == provincies.pdf


def test_a_factsheet_that_cannot_be_written_fails_alone(tmp_path):
    (tmp_path / "factsheet-gemeenten-2024.pdf").mkdir()          # a folder where the file should go
    run = CliRunner().invoke(cli, ["batch", "-o", str(tmp_path), "--jobs", "2"])
    assert run.exit_code == 1
    assert "FAIL  agressie gemeenten 2024:" in run.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [e["laag"] for e in manifest["factsheets"]] == ["provincies", "waterschappen", "decentraal"]
    assert [f["laag"] for f in manifest["failed"]] == ["gemeenten"]
    assert (tmp_path / "factsheet-provincies-2024.pdf").stat().st_size > 10_000


def test_a_factsheet_with_broken_data_fails_alone(tmp_path, data_copy):
    table = data_copy / "melden.csv"
    kept = [line for line in table.read_text(encoding="utf-8").splitlines(keepends=True)
            if not (line.startswith("besproken_gemeld,") and ",waterschappen,2024," in line)]
    table.write_text("".join(kept), encoding="utf-8")
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["batch", "--data", str(data_copy), "-o", str(out), "--jobs", "1"])
    assert run.exit_code == 1
    assert "FAIL  agressie waterschappen 2024: no data for Figuur 5 (fig5): besproken_gemeld" in run.stderr
    assert sorted(p.name for p in out.glob("*.pdf")) == ["factsheet-gemeenten-2024.pdf",
                                                          "factsheet-provincies-2024.pdf"]
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


def test_output_names_cannot_leave_the_output_folder():
    assert output_name(KIND, "../../etc/passwd", 2024) == "factsheet-etc-passwd-2024.pdf"
    assert output_name(KIND, "Fryslân", 2024) == "factsheet-fryslan-2024.pdf"
    assert slug("Noord-Holland") == "noord-holland"
    with pytest.raises(DataError, match="no usable file name"):
        output_name(KIND, "../", 2024)


def test_plan_defaults_and_narrowing():
    assert [(t.laag, t.jaar) for t in plan(None)] == [(lg, 2024) for lg in LAGEN] + [("decentraal", 2024)]
    assert [t.laag for t in plan(None, factsheets=("agressie",))] == list(LAGEN)
    assert [(t.laag, t.jaar) for t in plan(None, ("waterschappen",), (2024,))] == [("waterschappen", 2024)]
    with pytest.raises(DataError, match="bestuurslaag nergens is not in the data"):
        plan(None, ("nergens",))


def test_list_says_what_can_be_built():
    run = CliRunner().invoke(cli, ["list"])
    assert run.exit_code == 0
    lines = run.output.splitlines()
    assert lines[0].split() == ["laag", "jaar", "illustratief", "status"]
    assert [line.split() for line in lines[1:]] == [[lg, "2024", "ja", "ok"] for lg in LAGEN]
    everything = CliRunner().invoke(cli, ["list", "--all"]).output
    assert "provincies     2022  -             cannot build: no data for Figuur" in everything


def test_units_are_data(tmp_path):
    """Twelve provincies, each compared with Nederland: they build like bestuurslagen."""
    from bench.units_dataset import generate
    from monitor_pdf.pipeline import render_factsheet

    generate(tmp_path, first=2024, last=2024)
    assert [t.laag for t in plan(tmp_path)][:3] == ["Groningen", "Fryslân", "Drenthe"]   # not Nederland
    factsheet = render_factsheet("Fryslân", 2024, tmp_path)
    fig9 = next(p for p in factsheet.placements() if p.block_id == "fig9").box
    legend = [t for t in fig9.chart.texts() if t in ("Fryslân", "Nederland", "Groningen")]
    assert legend == ["Fryslân", "Nederland"]                    # compared with Nederland only
    with pdfplumber.open(BytesIO(factsheet.pdf)) as pdf:
        text = normalise(pdf.pages[0].extract_text())
    # a name keeps 'van'
    assert re.search(r"politieke ambtsdragers van Fryslân (kreeg|kregen) te maken met agressie", text)
    assert output_name(KIND, "Fryslân", 2024) == "factsheet-fryslan-2024.pdf"


def test_bytes_do_not_depend_on_the_clock(provincies, monkeypatch):
    """Next week gives the same bytes; SOURCE_DATE_EPOCH chooses the date written."""
    import time

    import pikepdf
    from monitor_pdf.pipeline import render_factsheet

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 7 * 24 * 3600)
    assert render_factsheet("provincies", 2024).pdf == provincies.pdf
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733961600")          # 2024-12-12
    dated = render_factsheet("provincies", 2024).pdf
    assert dated == render_factsheet("provincies", 2024).pdf
    with pikepdf.open(BytesIO(dated)) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20241212")


def test_workers_started_without_fork_build_the_same_bytes(batch_twice, tmp_path):
    """Where there is no fork (Windows), batch spawns its workers: they import
    everything themselves and must still write the same files."""
    from monitor_pdf.batch import run_batch

    _, forked, _ = batch_twice
    targets = plan(None, ("provincies", "waterschappen"), (), ("screen",), ("agressie",))
    outcomes = run_batch(targets, None, tmp_path, jobs=2, method="spawn")
    assert [o.error for o in outcomes] == [None, None]
    for laag in ("provincies", "waterschappen"):
        name = f"factsheet-{laag}-2024.pdf"
        assert (tmp_path / name).read_bytes() == (forked / name).read_bytes()


def test_workers_follow_the_cpus_this_process_may_use(monkeypatch):
    """`taskset -c 0` or a container's CPU quota: the default --jobs follows it."""
    import os

    from monitor_pdf import processes

    monkeypatch.delattr(os, "process_cpu_count", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert processes.usable_cpus() == 1
