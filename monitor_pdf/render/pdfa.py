"""Finish the screen PDF: PDF/A-2b shape (sRGB OutputIntent with an embedded ICC
profile, XMP metadata matching the document information) and the tagged
structure (StructTreeRoot, ParentTree, MarkInfo, PDF/UA identification).

reportlab writes none of these, so the finished PDF is opened once more with
pikepdf (qpdf) and saved with a deterministic file id: the same input still
gives the same bytes.
"""

from __future__ import annotations

from importlib import resources as importlib_resources
from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from monitor_pdf.render.tagging import MarkedContent, StructNode

SRGB = "sRGB IEC61966-2.1"


def _icc_profile() -> bytes:
    return importlib_resources.files("monitor_pdf").joinpath("icc/sRGB.icc").read_bytes()


def make_pdfa(pdf_bytes: bytes, structure: StructNode | None = None) -> bytes:
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        _output_intent(pdf)
        if structure is not None:
            _structure_tree(pdf, structure)
        # reportlab writes /Trapped /False, which XMP (and so PDF/A) would need
        # as pdf:Trapped; a screen file says nothing about trapping instead.
        if "/Trapped" in pdf.docinfo:
            del pdf.docinfo["/Trapped"]
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp.load_from_docinfo(pdf.docinfo)
            xmp["pdfaid:part"] = "2"
            xmp["pdfaid:conformance"] = "B"
            if structure is not None:
                xmp["pdfuaid:part"] = "1"
            xmp["dc:language"] = [str(pdf.Root.get("/Lang", "nl-NL"))]
        out = BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _output_intent(pdf: pikepdf.Pdf) -> None:
    icc = pikepdf.Stream(pdf, _icc_profile())
    icc["/N"] = 3
    intent = Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=String(SRGB),
                        Info=String(SRGB), RegistryName=String("http://www.color.org"), DestOutputProfile=icc)
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])


def _structure_tree(pdf: pikepdf.Pdf, root: StructNode) -> None:
    """Write the recorded elements as the document's structure tree."""
    pages = [page.obj for page in pdf.pages]
    tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    by_page: dict[int, dict[int, pikepdf.Object]] = {i: {} for i in range(len(pages))}

    def element(node: StructNode, parent) -> pikepdf.Object:
        elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent))
        if node.alt:
            elem.Alt = String(node.alt)
        kids = Array()
        for kid in node.kids:
            if isinstance(kid, MarkedContent):
                kids.append(Dictionary(Type=Name.MCR, Pg=pages[kid.page], MCID=kid.mcid))
                by_page[kid.page][kid.mcid] = elem
                if "/Pg" not in elem:
                    elem.Pg = pages[kid.page]
            else:
                kids.append(element(kid, elem))
        elem.K = kids
        return elem

    tree_root.K = Array([element(root, tree_root)])
    nums = Array()
    for index, page in enumerate(pages):
        page.StructParents = index
        page.Tabs = Name.S
        marked = by_page[index]
        nums.append(index)
        nums.append(pdf.make_indirect(Array([marked[m] for m in range(len(marked))])))
    tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    tree_root.ParentTreeNextKey = len(pages)
    pdf.Root.StructTreeRoot = tree_root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def describe_structure(pdf_bytes: bytes) -> list[str]:
    """The structure tree in reading order, one line per element, indented:
    role, text alternative, and the text of its marked content."""
    from monitor_pdf.render.marked_text import marked_texts

    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return ["(not tagged)"]
        texts = marked_texts(pdf)
        lines: list[str] = []

        def walk(elem, depth: int) -> None:
            role = str(elem.S)[1:]
            own = " ".join(texts.get((kid.Pg.objgen, int(kid.MCID)), "")
                           for kid in elem.K if isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR)
            alt = f' [Alt: {elem.Alt}]' if "/Alt" in elem else ""
            shown = f" {own.strip()}" if own.strip() and "/Alt" not in elem else ""
            lines.append(f"{'  ' * depth}{role}{alt}{shown}")
            for kid in elem.K:
                if isinstance(kid, Dictionary) and kid.get("/Type") == Name.StructElem:
                    walk(kid, depth + 1)

        for top in pdf.Root.StructTreeRoot.K:
            walk(top, 0)
        return lines
