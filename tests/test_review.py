"""monitor-pdf diff: two builds compared by what their factsheets say.

Each scenario builds for real (bundled data, then a copy changed in one way)
and compares with the output written down here, from the data and the texts,
not from the diff code: a changed value, a reworded template, a new item, a
removed laag, an unchanged rebuild. Then the errors a user can run into, and
the comparison itself on records written by hand.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from monitor_pdf import review
from monitor_pdf.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def built(*args: str) -> None:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output, result.stderr)


@pytest.fixture(scope="module")
def old(tmp_path_factory) -> Path:
    """The bundled factsheets (every kind), as `monitor-pdf batch` builds them."""
    folder = tmp_path_factory.mktemp("old") / "old"
    built("batch", "-o", folder, "--jobs", "1")
    return folder


def build_new(folder: Path, data: Path) -> Path:
    """The agressie factsheets from `data`, and landelijk from its own bundled data, into one folder."""
    built("batch", "-o", folder, "--data", data, "--jobs", "1")
    built("build", "--factsheet", "landelijk", "-o", folder / "factsheet-landelijk-2024.pdf")
    return folder


def edit_row(table: Path, start: str, value: str) -> None:
    """Set the value of the one row that starts with `start` (indicator,item,laag,jaar,)."""
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [n for n, line in enumerate(lines) if line.startswith(start)]
    assert len(hits) == 1, hits
    rest = lines[hits[0]][len(start):].split(",", 1)[1]
    lines[hits[0]] = f"{start}{value},{rest}"
    table.write_text("".join(lines), encoding="utf-8")


# ------------------------------------------------------------ what it must show

CHANGED_VALUE = """\
factsheet-provincies-2024.pdf (agressie, provincies 2024)
  values
    Figuur 5 (fig5), Intern gemeld: 30%* → 33%*
  sentences
    p_melden
      - [-Drie op de tien maakten-] een officiële interne melding bij de daarvoor aangewezen persoon.*
      + {+Een derde maakte+} een officiële interne melding bij de daarvoor aangewezen persoon.*
  claims
    intern_gemeld (value; p_melden): band drie_op_de_tien → een_derde
1 factsheet changed (of 4 compared)
"""


@pytest.fixture(scope="module")
def changed_value(old, tmp_path_factory) -> Path:
    """Intern gemeld, provincies 2024: 30 -> 33 in a copy of the data."""
    root = tmp_path_factory.mktemp("changed")
    built("kinds", "copy", "agressie", root / "kind", "--data", root / "data")
    edit_row(root / "data" / "melden.csv", "besproken_gemeld,Intern gemeld,provincies,2024,", "33")
    return build_new(root / "new", root / "data")


def test_one_changed_value_names_the_factsheet_figure_values_and_every_sentence_it_changed(old, changed_value):
    result = run("diff", old, changed_value)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == CHANGED_VALUE


def test_exit_code_says_whether_anything_changed(old, changed_value):
    assert run("diff", "--exit-code", old, changed_value).exit_code == 1
    assert run("diff", "--exit-code", changed_value, changed_value).exit_code == 0
    assert run("diff", old, changed_value).exit_code == 0          # without --exit-code: 0 either way


def test_the_same_change_as_markdown(old, changed_value):
    result = run("diff", "--format", "markdown", old, changed_value)
    assert result.exit_code == 0
    assert result.stdout == (
        "### factsheet-provincies-2024.pdf (agressie, provincies 2024)\n"
        "\n"
        "| figure | item | old | new |\n"
        "|---|---|---|---|\n"
        "| Figuur 5 (fig5) | Intern gemeld | 30%\\* | 33%\\* |\n"
        "\n"
        "| text | old | new |\n"
        "|---|---|---|\n"
        "| p\\_melden | ~~Drie op de tien maakten~~ een officiële interne melding bij de daarvoor aangewezen "
        "persoon.\\* | **Een derde maakte** een officiële interne melding bij de daarvoor aangewezen persoon.\\* |\n"
        "\n"
        "| claim | rule | texts | change |\n"
        "|---|---|---|---|\n"
        "| intern\\_gemeld | value | p\\_melden | band drie\\_op\\_de\\_tien → een\\_derde |\n"
        "\n"
        "_1 factsheet changed (of 4 compared)_\n")


def test_the_same_change_as_json(old, changed_value):
    result = run("diff", "--format", "json", old, changed_value)
    data = json.loads(result.stdout)
    assert data["changed"] is True and data["compared"] == 4
    (sheet,) = data["factsheets"]
    assert (sheet["files"], sheet["kind"], sheet["laag"], sheet["jaar"], sheet["status"]) == (
        ["factsheet-provincies-2024.pdf"], "agressie", "provincies", 2024, "changed")
    assert [(v["block"], v["label"], v["item"], v["old"], v["new"], v["old_illustrative"], v["new_illustrative"])
            for v in sheet["values"]] == [("fig5", "Figuur 5", "Intern gemeld", "30%", "33%", True, True)]
    assert [(s["block"], s["old"], s["new"]) for s in sheet["sentences"]] == [(
        "p_melden", "Drie op de tien maakten een officiële interne melding bij de daarvoor aangewezen persoon.*",
        "Een derde maakte een officiële interne melding bij de daarvoor aangewezen persoon.*")]
    assert sheet["sentences"][0]["words"] == [
        ["-", "Drie op de tien maakten"], ["+", "Een derde maakte"],
        ["=", " een officiële interne melding bij de daarvoor aangewezen persoon.*"]]
    assert [(c["name"], c["differences"]) for c in sheet["claims"]] == [
        ("intern_gemeld", [{"what": "band", "old": "drie_op_de_tien", "new": "een_derde"}])]
    assert sheet["shown"] == []


def test_an_unchanged_rebuild_prints_nothing_and_exits_0(old, tmp_path):
    again = tmp_path / "again"
    built("batch", "-o", again, "--jobs", "1")
    result = run("diff", "--exit-code", old, again)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert run("diff", "--format", "markdown", old, again).stdout == ""
    for record in old.glob("*.json"):       # the records themselves are the same bytes
        assert (again / record.name).read_bytes() == record.read_bytes(), record.name


# ------------------------------------------------------------ the other changes


def test_a_reworded_template_shows_only_that_sentence(old, tmp_path):
    kind = tmp_path / "kind"
    built("kinds", "copy", "agressie", kind)
    texts = kind / "texts.toml"
    sentence = "{intern_gemeld.wie|maakte|maakten} een officiële interne melding bij de daarvoor aangewezen persoon."
    assert sentence in texts.read_text(encoding="utf-8")
    texts.write_text(texts.read_text(encoding="utf-8").replace(
        sentence, "{intern_gemeld.wie|deed|deden} een officiële melding bij de vertrouwenspersoon."), encoding="utf-8")
    new = tmp_path / "new.pdf"
    built("build", "--factsheet", kind, "-o", new)
    result = run("diff", "--exit-code", old / "factsheet-provincies-2024.pdf", new)
    assert result.exit_code == 1
    assert result.stdout == (
        "factsheet-provincies-2024.pdf → new.pdf (kind, provincies 2024)\n"
        "  sentences\n"
        "    p_melden\n"
        "      - Drie op de tien [-maakten-] een officiële [-interne-] melding bij de "
        "[-daarvoor aangewezen persoon-].*\n"
        "      + Drie op de tien {+deden+} een officiële melding bij de {+vertrouwenspersoon+}.*\n"
        "1 factsheet changed (of 1 compared)\n")


def test_a_new_item_is_listed_with_its_values(old, tmp_path, data_copy):
    with (data_copy / "integriteit.csv").open("a", encoding="utf-8") as table:
        for laag, value in (("gemeenten", 41), ("provincies", 52), ("waterschappen", 38)):
            table.write(f"stelling_cultuur,Integriteit komt aan bod bij het inwerken,{laag},2024,{value},,"
                        "illustratief,illustratief; test,test\n")
    new = tmp_path / "new.pdf"
    built("build", "--data", data_copy, "-o", new)
    result = run("diff", "--exit-code", old / "factsheet-provincies-2024.pdf", new)
    assert result.exit_code == 1
    assert result.stdout == (
        "factsheet-provincies-2024.pdf → new.pdf (agressie, provincies 2024)\n"
        "  values\n"
        "    Figuur 8 (fig8a): item 'Integriteit komt aan bod bij het inwerken' added: "
        "Gemeenten 41%*, Provincies 52%*, Waterschappen 38%*\n"
        "1 factsheet changed (of 1 compared)\n")


def test_a_removed_laag(old, tmp_path, data_copy):
    for table in data_copy.glob("*.csv"):
        lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
        table.write_text("".join(line for line in lines if ",waterschappen," not in line), encoding="utf-8")
    new = build_new(tmp_path / "new", data_copy)
    result = run("diff", "--exit-code", old, new)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    headings = [line for line in lines if not line.startswith(" ")]
    assert headings == ["factsheet-gemeenten-2024.pdf (agressie, gemeenten 2024)",
                        "factsheet-provincies-2024.pdf (agressie, provincies 2024)",
                        "factsheet-waterschappen-2024.pdf (agressie, waterschappen 2024): removed",
                        "2 factsheets changed, 1 removed (of 3 compared)"]
    provincies = result.stdout.split("factsheet-provincies-2024.pdf (agressie, provincies 2024)\n")[1]
    provincies = provincies.split("factsheet-waterschappen")[0]
    assert provincies == (
        "  values\n"
        "    Figuur 3 (fig3): item 'Waterschappen' removed: 2014 12%*, 2016 13%*, 2018 15%*, 2020 18%*, "
        "2022 26%*, 2024 22%*\n"
        "    Figuur 8 (fig8a): series 'Waterschappen' removed: In onze organisatie is er een open gesprekscultuur "
        "77%*, Mijn organisatie besteedt voldoende aandacht aan integriteit 79%*, In mijn organisatie wordt alleen "
        "aandacht aan integriteit besteed als er sprake is van een kwestie 22%*\n"
        "    Figuur 8 (fig8b): series 'Waterschappen' removed: Ik voel me vrij om een dilemma of kwestie met "
        "collega’s te bespreken 89%*, Ik vind dat er in mijn organisatie voldoende gelegenheid is om een dilemma "
        "of kwestie te bespreken 89%*, Op het moment dat ik te maken krijg met een morele kwestie ga ik op zoek "
        "naar advies 71%*\n"
        "    Figuur 9 (fig9): series 'Waterschappen' removed: Mijn organisatie besteedt voldoende aandacht aan "
        "(het herkennen van) corruptie in de organisatie 46%*, Mijn organisatie besteedt voldoende aandacht aan "
        "(het herkennen van) ondermijnende criminaliteit in de organisatie 61%*\n"
        "  sentences\n"
        "    callout_lagen\n"
        "      - Politieke ambtsdragers van gemeenten en provincies krijgen [-meer-] te maken met agressie "
        "[-dan ambtsdragers van waterschappen-].*\n"
        "      + Politieke ambtsdragers van gemeenten en provincies krijgen {+even vaak+} te maken met agressie.*\n"
        "    p_dilemma\n"
        "      - Er zijn geen verschillen tussen politieke ambtsdragers van gemeenten[-, provincies-] en "
        "[-waterschappen-].*\n"
        "      + Er zijn geen verschillen tussen politieke ambtsdragers van gemeenten en {+provincies+}.*\n"
        "    callout_ondermijning\n"
        "      - Er zijn geen verschillen tussen politieke ambtsdragers van gemeenten[-, provincies-] en "
        "[-waterschappen-].*\n"
        "      + Er zijn geen verschillen tussen politieke ambtsdragers van gemeenten en {+provincies+}.*\n"
        "  claims\n"
        "    agressie_lagen (units; callout_lagen): outcome verschil → gelijk; "
        "relations [[[gemeenten, provincies], [waterschappen]]] → []\n")


# ------------------------------------------------------------ errors


def one_line_error(result, *parts: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("monitor-pdf: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    for part in parts:
        assert part in result.stderr, result.stderr


def test_a_missing_folder(old, tmp_path):
    one_line_error(run("diff", tmp_path / "nowhere", old), "nowhere: no such folder or file")


def test_a_folder_without_records(old, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    one_line_error(run("diff", empty, old), "empty: no factsheet records")


def test_a_folder_built_before_records(old, tmp_path):
    before = tmp_path / "before"
    before.mkdir()
    for pdf in old.glob("*.pdf"):
        shutil.copy(pdf, before / pdf.name)
    shutil.copy(old / "manifest.json", before / "manifest.json")
    one_line_error(run("diff", before, old), "4 PDFs but no factsheet records", "from before records")
    one_line_error(run("diff", before / "factsheet-provincies-2024.pdf", old / "factsheet-provincies-2024.pdf"),
                   "no factsheet record beside it (factsheet-provincies-2024.json)")


def test_an_unreadable_record(old, tmp_path):
    cut = tmp_path / "cut"
    shutil.copytree(old, cut)
    record = cut / "factsheet-gemeenten-2024.json"
    record.write_bytes(record.read_bytes()[:500])
    one_line_error(run("diff", old, cut), "factsheet-gemeenten-2024.json: unreadable factsheet record")
    record.write_text(json.dumps({"format": "monitor-pdf factsheet record", "version": 99}), encoding="utf-8")
    one_line_error(run("diff", old, cut), "record version 99", "update monitor-pdf")


def test_a_folder_against_a_file(old):
    one_line_error(run("diff", old, old / "factsheet-provincies-2024.pdf"), "two folders or two factsheets")


def test_a_record_that_does_not_describe_its_pdf_is_warned_about(old, tmp_path):
    mixed = tmp_path / "mixed"
    shutil.copytree(old, mixed)
    shutil.copy(old / "factsheet-gemeenten-2024.pdf", mixed / "factsheet-provincies-2024.pdf")
    result = run("diff", old, mixed)
    assert result.exit_code == 0 and result.stdout == ""        # the records are the same
    assert result.stderr == (f"monitor-pdf: warning: {mixed / 'factsheet-provincies-2024.json'} does not describe "
                             "the factsheet-provincies-2024.pdf beside it (its sha256 differs); build it again\n")


# ------------------------------------------------------------ the comparison, on records written here


def record(values=(), texts=(), claims=(), laag="provincies", profile="screen") -> dict:
    return {"format": "monitor-pdf factsheet record", "version": 1,
            "factsheet": {"kind": "k", "laag": laag, "jaar": 2024, "profile": profile},
            "values": list(values), "texts": list(texts), "claims": list(claims)}


def value(block, item, shown, series="x", illustrative=False, **extra) -> dict:
    return {"block": block, "label": f"Figuur {block[-1]}", "item": item, "series": series, "value": shown,
            "illustrative": illustrative, **extra}


def test_a_value_that_becomes_published_loses_its_mark_and_a_gap_is_a_dash():
    old = record([value("f1", "a", "30%", illustrative=True), value("f1", "b", None)])
    new = record([value("f1", "a", "30%"), value("f1", "b", "12%")])
    report = review.compare({"s.pdf": old}, {"s.pdf": new})
    assert [review.value_line(c) for c in report.factsheets[0].values] == [
        "Figuur 1 (f1), a: 30%* → 30%", "Figuur 1 (f1), b: – → 12%"]


def test_a_list_says_when_an_item_moved_rank():
    old = record([value("t", "a", "50%", series="", rank=1), value("t", "b", "40%", series="", rank=2)])
    new = record([value("t", "a", "38%", series="", rank=2), value("t", "b", "40%", series="", rank=1)])
    diff = review.compare({"s.pdf": old}, {"s.pdf": new}).factsheets[0]
    assert [review.value_line(c) for c in diff.values] == ["Figuur t (t), a: 1. 50% → 2. 38%",
                                                           "Figuur t (t), b: 2. 40% → 1. 40%"]


def test_series_are_named_where_a_figure_has_several():
    old = record([value("f3", "2024", "40%", series="Gemeenten"), value("f3", "2024", "41%", series="Provincies")])
    new = record([value("f3", "2024", "40%", series="Gemeenten"), value("f3", "2024", "45%", series="Provincies")])
    (change,) = review.compare({"s.pdf": old}, {"s.pdf": new}).factsheets[0].values
    assert review.value_line(change) == "Figuur 3 (f3), 2024, Provincies: 41% → 45%"


def test_a_screen_and_a_print_file_with_the_same_changes_are_reported_once():
    def pair(shown):
        return {f"f{suffix}.pdf": record([value("f1", "a", shown)], profile=profile)
                for suffix, profile in (("", "screen"), ("-print", "print"))}
    report = review.compare(pair("30%"), pair("33%"))
    assert [d.files for d in report.factsheets] == [["f-print.pdf", "f.pdf"]]
    assert review.as_text(report).splitlines()[-1] == "2 factsheets changed (of 2 compared)"


def test_claims_added_removed_and_flipped():
    def claim(name, outcome, **decisions):
        return {"name": name, "rule": "units", "outcome": outcome, "blocks": ["b"], "decisions": decisions,
                "inputs": []}
    old = record(claims=[claim("lagen", "meer", relations=[["a", "b"]]), claim("weg", "gelijk")])
    new = record(claims=[claim("lagen", "gelijk", relations=[]), claim("nieuw", "piek")])
    diff = review.compare({"s.pdf": old}, {"s.pdf": new}).factsheets[0]
    assert [review.claim_line(c) for c in diff.claims] == [
        "lagen (units; b): outcome meer → gelijk; relations [[a, b]] → []",
        "nieuw (units; b): claim added (outcome piek)",
        "weg (units; b): claim removed (outcome gelijk)"]


def test_a_sentence_added_between_two_that_stay():
    old = record(texts=[{"block": "p", "field": "text", "sentences": ["Een.", "Drie."]}])
    new = record(texts=[{"block": "p", "field": "text", "sentences": ["Een.", "Twee.", "Drie."]}])
    (change,) = review.compare({"s.pdf": old}, {"s.pdf": new}).factsheets[0].sentences
    assert (change.old, change.new) == (None, "Twee.")
    assert review.sentence_sides(change) == (None, "{+Twee.+}")


def test_factsheets_added_and_removed_and_markdown_escapes_what_it_prints():
    report = review.compare({"a.pdf": record(laag="a_b")}, {"b.pdf": record(laag="c|d")})
    assert review.as_text(report) == ("a.pdf (k, a_b 2024): removed\nb.pdf (k, c|d 2024): added\n"
                                      "1 factsheet added, 1 removed (of 0 compared)\n")
    assert review.as_markdown(report).splitlines()[:2] == ["- a.pdf (k, a\\_b 2024): **removed**",
                                                           "- b.pdf (k, c\\|d 2024): **added**"]


def test_word_diff_parts_join_back_into_both_sentences():
    old, new = "In 2024 kreeg bijna de helft (47%) van alle", "In 2024 kreeg de helft (50%) van alle ambtsdragers"
    parts = review.word_diff(old, new)
    assert "".join(t for op, t in parts if op != "+") == old
    assert "".join(t for op, t in parts if op != "-") == new
    assert [p for p in parts if p[0] != "="] == [("-", "bijna "), ("-", "47"), ("+", "50"), ("+", " ambtsdragers")]

