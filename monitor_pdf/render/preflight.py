"""`monitor-pdf check`: a PDF against PDF/X-4 (a print file) or PDF/A-2b (a
screen file), as far as the rules can be checked by reading the file, one
line per check in plain words.

Which standard a file is checked against is what it claims: GTS_PDFXVersion or
a GTS_PDFX output intent makes it a PDF/X-4 candidate, pdfaid or a GTS_PDFA1
output intent a PDF/A-2b one; a file that claims neither fails. Not checked
here (a commercial preflight does): the ICC profile beyond its header, glyph
widths against the embedded font programs, annotation appearance details,
optional content configurations, and everything about images beyond their
colour space (the factsheets have none).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

TAC_LIMIT = 300   # % total area coverage a print file may ask for


@dataclass(frozen=True)
class Check:
    ok: bool
    what: str      # "output intent"
    detail: str    # "FOGRA39 (embedded CMYK profile, 4 channels)"

    def line(self) -> str:
        return f"{'ok' if self.ok else 'FAIL':<4}  {self.what}: {self.detail}"


@dataclass
class Report:
    standard: str                    # "PDF/X-4 (print file)", ...
    checks: list[Check] = field(default_factory=list)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def add(self, ok: bool, what: str, detail: str) -> None:
        self.checks.append(Check(ok, what, detail))


def check_pdf(data: bytes) -> Report:
    """Every check of the standard the file claims (see the module docstring)."""
    try:
        pdf = pikepdf.open(BytesIO(data))
    except pikepdf.PasswordError:
        report = Report("unknown")
        report.add(False, "encryption", "the file is encrypted (PDF/X and PDF/A forbid encryption)")
        return report
    except pikepdf.PdfError as exc:
        report = Report("unknown")
        report.add(False, "file", f"not a readable PDF ({str(exc).rpartition(': ')[2] or 'qpdf cannot open it'})")
        return report
    with pdf:
        xmp = _xmp(pdf)
        intents = [i for i in pdf.Root.get("/OutputIntents", []) if isinstance(i, Dictionary)]
        kinds = {str(i.get("/S", "")) for i in intents}
        is_x = ("/GTS_PDFXVersion" in pdf.docinfo or "pdfxid:GTS_PDFXVersion" in xmp or "/GTS_PDFX" in kinds)
        is_a = "pdfaid:part" in xmp or "/GTS_PDFA1" in kinds
        if is_x:
            report = Report("PDF/X-4 (print file)")
            _check_pdfx(pdf, xmp, intents, report)
        elif is_a:
            report = Report("PDF/A-2b (screen file)")
            _check_pdfa(pdf, xmp, intents, report)
        else:
            report = Report("no standard claimed")
            report.add(False, "identification", "claims neither PDF/X (GTS_PDFXVersion, a GTS_PDFX output intent) "
                                                "nor PDF/A (pdfaid in XMP, a GTS_PDFA1 output intent)")
        return report


# --- the two standards ----------------------------------------------------------

def _check_pdfx(pdf: pikepdf.Pdf, xmp: dict[str, str], intents: list[Dictionary], report: Report) -> None:
    version = float(pdf.pdf_version)
    report.add(version <= 1.6, "PDF version", f"{pdf.pdf_version} (PDF/X-4 is PDF 1.6 at most)")
    report.add(not pdf.is_encrypted, "encryption", "none" if not pdf.is_encrypted else "encrypted (forbidden)")
    info_id, xmp_id = _text(pdf.docinfo.get("/GTS_PDFXVersion")), xmp.get("pdfxid:GTS_PDFXVersion", "")
    report.add(info_id == xmp_id == "PDF/X-4", "identification",
               f"GTS_PDFXVersion {info_id or '(missing)'} in the document information, "
               f"pdfxid:GTS_PDFXVersion {xmp_id or '(missing)'} in XMP (both must say PDF/X-4)")
    _output_intent(intents, "/GTS_PDFX", {"CMYK": 4, "GRAY": 1, "RGB": 3}, report)
    _document_info(pdf, report, need_trapped=True)
    _xmp_metadata(pdf, xmp, report, pdfx=True)
    _document_id(pdf, report)
    _page_boxes(pdf, report)
    _fonts(pdf, report)
    paint = _paint(pdf)
    rgb = paint.rgb
    spots = f"; separations: {', '.join(sorted(paint.spots))}" if paint.spots else ""
    report.add(not rgb, "colour", f"DeviceCMYK, no device RGB{spots}" if not rgb else
               f"device RGB with a CMYK output intent: {', '.join(sorted(rgb))}")
    report.add(paint.max_tac <= TAC_LIMIT, "ink coverage",
               f"at most {paint.max_tac:.0f}% in any colour the file sets (limit {TAC_LIMIT}%)")
    white = paint.white_overprint
    report.add(not white, "overprint",
               f"{paint.overprinting} paint operations overprint ({paint.overprinting_black} in black ink alone); "
               "no white object overprints"
               if not white else f"{white} white (no ink) object(s) set to overprint: they vanish on press")
    _transparency(paint, report, rgb_forbidden=True)
    report.add(not paint.forbidden, "forbidden features",
               "no PostScript, transfer functions, halftones or OPI" if not paint.forbidden
               else ", ".join(sorted(paint.forbidden)))
    _actions(pdf, report, x=True)


def _check_pdfa(pdf: pikepdf.Pdf, xmp: dict[str, str], intents: list[Dictionary], report: Report) -> None:
    version = float(pdf.pdf_version)
    report.add(version <= 1.7, "PDF version", f"{pdf.pdf_version} (PDF/A-2 is PDF 1.7 at most)")
    report.add(not pdf.is_encrypted, "encryption", "none" if not pdf.is_encrypted else "encrypted (forbidden)")
    part, conformance = xmp.get("pdfaid:part", ""), xmp.get("pdfaid:conformance", "")
    report.add(part == "2" and conformance.upper() == "B", "identification",
               f"pdfaid:part {part or '(missing)'}, pdfaid:conformance {conformance or '(missing)'} in XMP "
               "(PDF/A-2b: 2 and B)")
    _output_intent(intents, "/GTS_PDFA1", {"RGB": 3, "CMYK": 4, "GRAY": 1}, report)
    _document_info(pdf, report, need_trapped=False)
    _xmp_metadata(pdf, xmp, report, pdfx=False)
    _document_id(pdf, report)
    _fonts(pdf, report)
    paint = _paint(pdf)
    space = _intent_space(intents)
    wrong = {"RGB": paint.cmyk, "CMYK": paint.rgb, "GRAY": paint.rgb | paint.cmyk}.get(space, set())
    report.add(not wrong, "colour",
               f"device colours match the {space or '(missing)'} output intent" if not wrong
               else f"device colours the {space or '(missing)'} output intent does not cover: "
                    f"{', '.join(sorted(wrong))}")
    _transparency(paint, report, rgb_forbidden=False)
    _actions(pdf, report, x=False)
    tagged = "/StructTreeRoot" in pdf.Root and bool(_sub(pdf.Root, "/MarkInfo").get("/Marked", False))
    ua = xmp.get("pdfuaid:part", "")
    report.add(not ua or tagged, "tagged",
               ("structure tree, MarkInfo /Marked true" if tagged else "not tagged")
               + (f"; claims PDF/UA-{ua}" if ua else ""))


# --- checks shared by both --------------------------------------------------------

def _output_intent(intents: list[Dictionary], subtype: str, channels: dict[str, int], report: Report) -> None:
    mine = [i for i in intents if str(i.get("/S", "")) == subtype]
    if len(mine) != 1:
        report.add(False, "output intent", f"{len(mine)} {subtype[1:]} output intents (exactly one needed)")
        return
    intent = mine[0]
    name = _text(intent.get("/OutputConditionIdentifier"))
    profile = intent.get("/DestOutputProfile")
    if not name:
        report.add(False, "output intent", "no OutputConditionIdentifier")
        return
    if not isinstance(profile, pikepdf.Stream):
        report.add(False, "output intent", f"{name}, but no embedded profile (DestOutputProfile)")
        return
    header = profile.read_bytes()[:128]
    space = header[16:20].decode("latin-1").strip().upper()
    device_class = header[12:16].decode("latin-1")
    n = int(profile.get("/N", 0))
    problems = []
    if len(header) < 128 or header[36:40] != b"acsp":
        problems.append("the embedded profile is not an ICC profile")
    elif space not in channels:
        problems.append(f"a {space} profile")
    elif n != channels[space]:
        problems.append(f"/N {n} for a {space} profile of {channels[space]} channels")
    if subtype == "/GTS_PDFX" and device_class != "prtr":
        problems.append(f"device class '{device_class}', not an output (prtr) profile")
    detail = f"{name} (embedded {space} profile, {n} channels)"
    report.add(not problems, "output intent", detail if not problems else f"{detail}: {'; '.join(problems)}")


def _intent_space(intents: list[Dictionary]) -> str:
    for intent in intents:
        profile = intent.get("/DestOutputProfile")
        if isinstance(profile, pikepdf.Stream):
            return profile.read_bytes()[16:20].decode("latin-1").strip().upper()
    return ""


def _document_info(pdf: pikepdf.Pdf, report: Report, need_trapped: bool) -> None:
    info = pdf.docinfo
    missing = [k[1:] for k in ("/Title", "/CreationDate", "/ModDate") if not _text(info.get(k))]
    trapped = str(info.get("/Trapped", ""))
    if need_trapped and trapped not in ("/True", "/False"):
        missing.append("Trapped (/True or /False)")
    report.add(not missing, "document information",
               "Title, CreationDate, ModDate" + (f", Trapped {trapped}" if need_trapped else "")
               if not missing else f"missing {', '.join(missing)}")


def _xmp_metadata(pdf: pikepdf.Pdf, xmp: dict[str, str], report: Report, pdfx: bool) -> None:
    if not xmp:
        report.add(False, "XMP metadata", "none (the document catalog has no Metadata stream)")
        return
    info = pdf.docinfo
    needed = ["dc:title", "xmp:CreateDate", "xmp:ModifyDate", "pdf:Producer"]
    if pdfx:
        needed += ["xmp:MetadataDate", "pdf:Trapped", "xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass"]
    problems = [f"no {key}" for key in needed if not xmp.get(key)]
    pairs = {"/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description",
             "/Keywords": "pdf:Keywords", "/Producer": "pdf:Producer", "/Creator": "xmp:CreatorTool"}
    for key, name in pairs.items():
        if key in info and name in xmp and _text(info[key]) != xmp[name]:
            problems.append(f"{name} differs from the document information's {key[1:]}")
    for key, name in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        if key in info and xmp.get(name) and _date(_text(info[key])) != _date(xmp[name]):
            problems.append(f"{name} differs from the document information's {key[1:]}")
    if pdfx and xmp.get("pdf:Trapped") and xmp["pdf:Trapped"] != str(info.get("/Trapped", ""))[1:]:
        problems.append("pdf:Trapped differs from the document information's Trapped")
    shown = "dc:title, dates, pdf:Producer" + (", pdf:Trapped, xmpMM:DocumentID/VersionID/RenditionClass"
                                               if pdfx else "")
    report.add(not problems, "XMP metadata", f"{shown}, matching the document information" if not problems
               else "; ".join(problems))


def _document_id(pdf: pikepdf.Pdf, report: Report) -> None:
    ids = pdf.trailer.get("/ID")
    ok = isinstance(ids, pikepdf.Array) and len(ids) == 2 and all(len(bytes(i)) > 0 for i in ids)
    report.add(ok, "document ID", "in the trailer" if ok else "missing from the trailer")


def _page_boxes(pdf: pikepdf.Pdf, report: Report) -> None:
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        obj = page.obj
        media = _box(obj, "/MediaBox") or _box(Dictionary(MediaBox=page.mediabox), "/MediaBox")   # inherited
        trim = _box(obj, "/TrimBox") or _box(obj, "/ArtBox")
        bleed = _box(obj, "/BleedBox") or _box(obj, "/CropBox") or media
        if media is None or trim is None:
            problems.append(f"page {number} has no {'MediaBox' if media is None else 'TrimBox'}")
        elif bleed is None or not (_inside(trim, bleed) and _inside(bleed, media)):
            problems.append(f"page {number}: TrimBox inside BleedBox inside MediaBox does not hold")
    pages = len(pdf.pages)
    report.add(not problems, "page boxes", f"TrimBox inside BleedBox inside MediaBox on {pages} "
                                           f"page{'s' if pages != 1 else ''}" if not problems else "; ".join(problems))


def _fonts(pdf: pikepdf.Pdf, report: Report) -> None:
    fonts: dict[tuple[int, int], str] = {}
    for resources in _all_resources(pdf):
        for font in _sub(resources, "/Font").values():
            if isinstance(font, Dictionary):
                fonts[font.objgen] = _embedded(font)
    missing = sorted({name for name in fonts.values() if name})
    report.add(not missing, "fonts", f"all {len(fonts)} embedded" if not missing
               else f"not embedded: {', '.join(missing)}")


def _embedded(font: Dictionary) -> str:
    """'' when the font's program is in the file, else its name."""
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type3":
        return ""
    target = font.DescendantFonts[0] if subtype == "/Type0" else font
    descriptor = target.get("/FontDescriptor")
    if isinstance(descriptor, Dictionary) and any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                                              "/FontFile3")):
        return ""
    return str(font.get("/BaseFont", "(unnamed)"))[1:]


def _transparency(paint: _Paint, report: Report, rgb_forbidden: bool) -> None:
    if rgb_forbidden and paint.rgb_group:
        report.add(False, "transparency", "a transparency group blends in DeviceRGB")
    elif paint.transparency:
        report.add(True, "transparency", f"used ({', '.join(sorted(paint.transparency))}); allowed")
    else:
        report.add(True, "transparency", "none")


FORBIDDEN_ACTIONS = {"/JavaScript", "/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide",
                     "/Rendition", "/Trans", "/GoTo3DView", "/SetOCGState"}


def _actions(pdf: pikepdf.Pdf, report: Report, x: bool) -> None:
    problems: set[str] = set()
    root = pdf.Root
    if "/JavaScript" in _sub(root, "/Names"):
        problems.add("document JavaScript")
    for holder in [root] + [page.obj for page in pdf.pages]:
        if "/AA" in holder:
            problems.add("additional actions (AA)")
    actions = [root.get("/OpenAction")]
    for page_number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", []):
            actions.append(annot.get("/A"))
            if x and str(annot.get("/Subtype", "")) not in ("/TrapNet", "/PrinterMark", "/Link") \
                    and _overlaps_trim(annot, page.obj):
                problems.add(f"a {str(annot.get('/Subtype', ''))[1:]} annotation inside the trim box "
                             f"(page {page_number})")
    outlines = root.get("/Outlines")
    stack = [outlines.get("/First")] if isinstance(outlines, Dictionary) else []
    seen: set[tuple[int, int]] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, Dictionary) and item.objgen not in seen:
            seen.add(item.objgen)
            actions.append(item.get("/A"))
            stack += [item.get("/First"), item.get("/Next")]
    for action in actions:
        if isinstance(action, Dictionary) and str(action.get("/S", "")) in FORBIDDEN_ACTIONS:
            problems.add(f"{str(action.S)[1:]} action")
    report.add(not problems, "interactive", "no JavaScript, forbidden actions or annotations on the page"
               if not problems else ", ".join(sorted(problems)))


def _overlaps_trim(annot: Any, page: Dictionary) -> bool:
    rect, trim = _box(annot, "/Rect"), _box(page, "/TrimBox") or _box(page, "/MediaBox")
    if rect is None or trim is None:
        return True
    return rect[0] < trim[2] and rect[2] > trim[0] and rect[1] < trim[3] and rect[3] > trim[1]


# --- the content, painted -----------------------------------------------------------

PAINT_FILL = {"f", "F", "f*", "B", "B*", "b", "b*", "sh"}
PAINT_STROKE = {"S", "s", "B", "B*", "b", "b*"}
SHOW_TEXT = {"Tj", "TJ", "'", '"'}


@dataclass
class _Paint:
    rgb: set[str] = field(default_factory=set)           # what uses device RGB
    cmyk: set[str] = field(default_factory=set)          # what uses device CMYK
    spots: set[str] = field(default_factory=set)         # Separation colorants ("All": registration marks)
    max_tac: float = 0.0
    overprinting: int = 0                                # paint operations that overprint
    overprinting_black: int = 0                          # ... of them in black ink alone
    white_overprint: int = 0
    transparency: set[str] = field(default_factory=set)
    rgb_group: bool = False
    forbidden: set[str] = field(default_factory=set)


@dataclass
class _State:
    fill_space: str = "/DeviceGray"
    stroke_space: str = "/DeviceGray"
    fill: tuple[float, ...] = (0.0,)
    stroke: tuple[float, ...] = (0.0,)
    op: bool = False
    OP: bool = False
    OPM: int = 0

    def copy(self) -> _State:
        return _State(self.fill_space, self.stroke_space, self.fill, self.stroke, self.op, self.OP, self.OPM)


def _paint(pdf: pikepdf.Pdf) -> _Paint:
    found = _Paint()
    for page in pdf.pages:
        group = page.obj.get("/Group")
        if isinstance(group, Dictionary):
            found.transparency.add("page group")
            if str(group.get("/CS", "")) == "/DeviceRGB":
                found.rgb_group = True
        _walk(page.obj, _sub(page.obj, "/Resources"), found, _State(), set())
    return found


def _walk(holder: Any, resources: Dictionary, found: _Paint, state: _State, seen: set[tuple[int, int]]) -> None:
    stack: list[_State] = []
    for instruction in pikepdf.parse_content_stream(holder):
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            stack.append(state.copy())
        elif op == "Q" and stack:
            state = stack.pop()
        elif op in ("rg", "RG"):
            found.rgb.add(f"'{op}' operator")
            _set_colour(state, op == "rg", "/DeviceRGB", operands)
        elif op in ("k", "K"):
            found.cmyk.add(f"'{op}' operator")
            _set_colour(state, op == "k", "/DeviceCMYK", operands)
        elif op in ("g", "G"):
            _set_colour(state, op == "g", "/DeviceGray", operands)
        elif op in ("cs", "CS"):
            space = _colour_space(operands[0], resources)
            named = _sub(resources, "/ColorSpace").get(str(operands[0]))
            if isinstance(named, pikepdf.Array) and len(named) > 1 and str(named[0]) == "/Separation":
                found.spots.add(str(named[1])[1:])
            if space == "/DeviceRGB":
                found.rgb.add("DeviceRGB colour space")
            elif space == "/DeviceCMYK":
                found.cmyk.add("DeviceCMYK colour space")
            if op == "cs":
                state.fill_space = space
            else:
                state.stroke_space = space
        elif op in ("sc", "scn", "SC", "SCN"):
            values = tuple(float(v) for v in operands if not isinstance(v, Name))   # scn: a pattern's name
            if op in ("sc", "scn"):
                state.fill = values
            else:
                state.stroke = values
            space = state.fill_space if op in ("sc", "scn") else state.stroke_space
            if space == "/DeviceCMYK" and len(values) == 4:
                found.max_tac = max(found.max_tac, sum(values) * 100)
        elif op == "gs":
            _ext_gstate(_sub(resources, "/ExtGState").get(str(operands[0])), state, found)
        elif op == "Do":
            _xobject(_sub(resources, "/XObject").get(str(operands[0])), found, state, seen)
        elif op == "INLINE IMAGE":
            space = str(operands[0].obj.get("/CS", operands[0].obj.get("/ColorSpace", "")))
            if space in ("/RGB", "/DeviceRGB"):
                found.rgb.add("RGB inline image")
            elif space in ("/CMYK", "/DeviceCMYK"):
                found.cmyk.add("CMYK inline image")
        if op in SHOW_TEXT or op in PAINT_FILL:
            _painted(state.fill_space, state.fill, state.op, state.OPM, found)
        if op in PAINT_STROKE:
            _painted(state.stroke_space, state.stroke, state.OP, state.OPM, found)


def _set_colour(state: _State, fill: bool, space: str, operands: Any) -> None:
    values = tuple(float(v) for v in operands)
    if fill:
        state.fill_space, state.fill = space, values
    else:
        state.stroke_space, state.stroke = space, values


def _painted(space: str, colour: tuple[float, ...], overprint: bool, mode: int, found: _Paint) -> None:
    if space == "/DeviceCMYK" and len(colour) == 4:
        found.max_tac = max(found.max_tac, sum(colour) * 100)
        if overprint:
            found.overprinting += 1
            found.overprinting_black += colour[3] > 0 and not any(colour[:3])
            if mode == 1 and not any(colour):
                found.white_overprint += 1


def _colour_space(name: Any, resources: Dictionary) -> str:
    if str(name) in ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern"):
        return str(name)
    space = _sub(resources, "/ColorSpace").get(str(name))
    if isinstance(space, pikepdf.Array) and len(space) > 1:
        kind = str(space[0])
        if kind == "/ICCBased":
            return {1: "/ICCGray", 3: "/ICCRGB", 4: "/ICCCMYK"}.get(int(space[1].get("/N", 0)), "/ICCBased")
        if kind == "/Indexed":
            return _colour_space(space[1], resources)
        return kind
    return str(space) if space is not None else str(name)


def _ext_gstate(gstate: Any, state: _State, found: _Paint) -> None:
    if not isinstance(gstate, Dictionary):
        return
    if "/OP" in gstate:
        state.OP = bool(gstate.OP)
        state.op = bool(gstate.OP)        # an absent /op takes /OP's value
    if "/op" in gstate:
        state.op = bool(gstate.op)
    if "/OPM" in gstate:
        state.OPM = int(gstate.OPM)
    for key in ("/CA", "/ca"):
        if key in gstate and float(gstate[key]) < 1:
            found.transparency.add("constant alpha")
    if str(gstate.get("/BM", "/Normal")) not in ("/Normal", "/Compatible"):
        found.transparency.add("blend mode")
    if str(gstate.get("/SMask", "/None")) != "/None":
        found.transparency.add("soft mask")
    if ("/TR" in gstate and str(gstate.TR) != "/Identity") or ("/TR2" in gstate and str(gstate.TR2) != "/Default"):
        found.forbidden.add("transfer function")
    if "/HT" in gstate and str(gstate.HT) != "/Default":
        found.forbidden.add("halftone")


def _xobject(xobject: Any, found: _Paint, state: _State, seen: set[tuple[int, int]]) -> None:
    if not isinstance(xobject, pikepdf.Stream) or xobject.objgen in seen:
        return
    subtype = str(xobject.get("/Subtype", ""))
    if subtype == "/PS" or "/OPI" in xobject:
        found.forbidden.add("PostScript XObject" if subtype == "/PS" else "OPI reference")
    if subtype == "/Image":
        space = str(xobject.get("/ColorSpace", ""))
        if space == "/DeviceRGB":
            found.rgb.add("RGB image")
        elif space == "/DeviceCMYK":
            found.cmyk.add("CMYK image")
        if "/SMask" in xobject:
            found.transparency.add("image soft mask")
    elif subtype == "/Form":
        group = xobject.get("/Group")
        if isinstance(group, Dictionary):
            found.transparency.add("transparency group")
            if str(group.get("/CS", "")) == "/DeviceRGB":
                found.rgb_group = True
        _walk(xobject, _sub(xobject, "/Resources"), found, state.copy(), seen | {xobject.objgen})


def _all_resources(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    """The resources of every page and of every form XObject they use."""
    seen: set[tuple[int, int]] = set()
    todo = [page.obj.get("/Resources") for page in pdf.pages]
    while todo:
        resources = todo.pop()
        if not isinstance(resources, Dictionary):
            continue
        yield resources
        for xobject in _sub(resources, "/XObject").values():
            if isinstance(xobject, pikepdf.Stream) and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                todo.append(xobject.get("/Resources"))


# --- small readers ----------------------------------------------------------------

def _xmp(pdf: pikepdf.Pdf) -> dict[str, str]:
    if "/Metadata" not in pdf.Root:
        return {}
    meta = pdf.open_metadata()
    found: dict[str, str] = {}
    for key in ("dc:title", "dc:creator", "dc:description", "pdf:Keywords", "pdf:Producer", "pdf:Trapped",
                "xmp:CreatorTool", "xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate", "xmpMM:DocumentID",
                "xmpMM:VersionID", "xmpMM:RenditionClass", "pdfxid:GTS_PDFXVersion", "pdfaid:part",
                "pdfaid:conformance", "pdfuaid:part"):
        try:
            value = meta.get(key)
        except (KeyError, ValueError):
            value = None
        if value:
            found[key] = "; ".join(value) if isinstance(value, list) else str(value)
    return found


def _sub(holder: Any, key: str) -> Dictionary:
    """holder[key] when it is a dictionary, else an empty one."""
    value = holder.get(key)
    return value if isinstance(value, Dictionary) else Dictionary()


def _text(value: Any) -> str:
    return str(value) if value is not None else ""


def _date(text: str) -> datetime | None:
    try:
        if text.startswith("D:"):
            from pikepdf.models.metadata import decode_pdf_date

            return decode_pdf_date(text)
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _box(obj: Dictionary, key: str) -> tuple[float, float, float, float] | None:
    value = obj.get(key)
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    slack = 0.01
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)
