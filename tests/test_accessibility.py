"""The screen PDF is tagged: structure tree in reading order, marked content,
text alternatives from the data; the print PDF is not affected."""

from __future__ import annotations

from io import BytesIO

import pikepdf
import pytest
from monitor_pdf.pipeline import render_factsheet
from monitor_pdf.render.marked_text import marked_texts, unmarked_painting
from monitor_pdf.render.pdfa import describe_structure

from tests.test_pdf_output import HEADLINES_AS_PRINTED


@pytest.fixture(scope="module")
def tree(provincies):
    """[(depth, role, alt, text)] in reading order."""
    lines = describe_structure(provincies.pdf)
    out = []
    for line in lines:
        depth = (len(line) - len(line.lstrip(" "))) // 2
        role, _, rest = line.strip().partition(" ")
        alt = rest[len("[Alt: "):rest.index("]")] if rest.startswith("[Alt: ") else ""
        out.append((depth, role, alt, "" if alt else rest))
    return out


def test_catalog_says_tagged(provincies):
    with pikepdf.open(BytesIO(provincies.pdf)) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert str(pdf.Root.Lang) == "nl-NL"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert pdf.open_metadata()["pdfuaid:part"] == "1"
        for index, page in enumerate(pdf.pages):
            assert int(page.obj.StructParents) == index
            assert page.obj.Tabs == pikepdf.Name.S


def test_no_page_content_outside_marked_content(provincies):
    with pikepdf.open(BytesIO(provincies.pdf)) as pdf:
        assert unmarked_painting(pdf) == []


def test_parent_tree_maps_every_mcid_to_its_element(provincies):
    with pikepdf.open(BytesIO(provincies.pdf)) as pdf:
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        texts = marked_texts(pdf)
        for index, page in enumerate(pdf.pages):
            elements = nums[nums.index(index) + 1]
            mcids = sorted(m for (objgen, m) in texts if objgen == page.objgen)
            assert len(elements) >= len(mcids) and mcids == list(range(len(mcids)))
            for mcid, element in enumerate(elements):
                kids = [k for k in element.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR"]
                assert any(int(k.MCID) == mcid and k.Pg.objgen == page.objgen for k in kids)


def test_reading_order_title_headlines_paragraphs(tree):
    assert tree[0][:2] == (0, "Document")
    h1 = [t for t in tree if t[1] == "H1"]
    assert [t[3] for t in h1] == [
        "Monitor Integriteit en Veiligheid 2024 Factsheet – Deel agressie en intimidatie Provincies"]
    h2 = [t[3] for t in tree if t[1] == "H2"]
    assert h2 == HEADLINES_AS_PRINTED            # every section headline, in the order of the factsheet
    first_paragraph = next(t[3] for t in tree if t[1] == "P")
    assert first_paragraph.startswith("In 2024 kreeg bijna de helft (47%)")
    assert all(t[3] for t in tree if t[1] in ("H1", "H2", "H3", "P", "Caption", "Lbl", "LBody"))   # none empty


def test_every_figure_has_its_numbers_as_alt_and_a_caption(tree):
    figures = [i for i, t in enumerate(tree) if t[1] == "Figure"]
    assert len(figures) == 10
    captions = []
    for i in figures:
        assert tree[i][2].startswith(("Staafdiagram", "Gegroepeerd staafdiagram", "Lijndiagram"))
        assert "%" in tree[i][2]
        depth, role, _, text = tree[i + 1]
        assert (depth, role) == (tree[i][0] + 1, "Caption")
        captions.append(text.split(".")[0])
    assert captions == [f"Figuur {n}" for n in ("1", "2", "3", "4", "5", "6", "7", "8", "8", "9")]
    fig1 = tree[figures[0]][2]
    assert "Verbale agressie: 46%" in fig1 and "Fysieke agressie: 3% (illustratief)" in fig1


def test_top3_lists_are_lists(tree):
    lists = [i for i, t in enumerate(tree) if t[1] == "L"]
    assert len(lists) == 2
    for i in lists:
        assert tree[i - 1][1] == "H3" and tree[i - 1][3].startswith("Top 3 redenen")
        items = tree[i + 1: i + 10]
        assert [t[1] for t in items] == ["LI", "Lbl", "LBody"] * 3
        assert [t[3] for t in items if t[1] == "Lbl"] == ["1", "2", "3"]
    assert tree[lists[0] + 3][3].startswith("Ik vond het daar niet erg genoeg voor")


def test_text_in_structure_order_reads_as_the_factsheet(tree):
    text = " ".join(t[3] for t in tree if t[3])
    order = ["Helft politieke ambtsdragers", "In 2024 kreeg bijna de helft", "Figuur 1.", "Figuur 2.",
             "Politieke ambtsdragers van gemeenten en provincies krijgen meer", "Figuur 3.",
             "Meeste agressie wordt geuit", "Figuur 4.", "Top 3 redenen om niet", "Top 3 redenen om geen",
             "Minderheid ambtsdragers", "Figuur 5.", "81%* was (zeer) tevreden", "Figuur 6.",   # as the original
             "Zes op de tien ervaren", "Belangenverstrengeling toegenomen", "Figuur 7.",
             "Politieke ambtsdragers provincies meer tevreden", "Bijna alle politieke ambtsdragers",
             "Figuur 8. Stellingen over de organisatiecultuur", "Figuur 8. Stellingen over het bespreken",
             "Figuur 9.", "Meer politieke ambtsdragers tevreden over aandacht"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_decoration_is_artifact_not_content(provincies):
    with pikepdf.open(BytesIO(provincies.pdf)) as pdf:
        page = pdf.pages[1]
        artifacts = [operands for operands, op in pikepdf.parse_content_stream(page)
                     if str(op) == "BDC" and str(operands[0]) == "/Artifact"]
        assert len(artifacts) > 5                          # band, tints, running header and footer
    texts = " ".join(t for t in marked_texts(pikepdf.open(BytesIO(provincies.pdf))).values())
    assert "Factsheet Provincies" not in texts             # the running header is not read


def test_print_profile_is_not_tagged():
    printed = render_factsheet("provincies", 2024, profile="print").pdf
    with pikepdf.open(BytesIO(printed)) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
        ops = {str(op) for page in pdf.pages for _, op in pikepdf.parse_content_stream(page)}
        assert "BDC" not in ops and "EMC" not in ops


def test_pdfua_checker_finds_nothing(provincies, tmp_path):
    """pdfua (PyPI) checks a machine-checkable subset of PDF/UA-1 (16 of 106 rules)."""
    import subprocess
    import sys

    path = tmp_path / "f.pdf"
    path.write_bytes(provincies.pdf)
    done = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert "result: PASS (no findings)" in done.stdout
