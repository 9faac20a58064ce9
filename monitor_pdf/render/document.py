"""Draw the placed pages onto a reportlab canvas and return the PDF bytes.

Deterministic: reportlab's invariant mode fixes the document id and dates
(SOURCE_DATE_EPOCH, when set, gives the date), so the same input gives the
same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from monitor_pdf import __version__, theme
from monitor_pdf.errors import LayoutError
from monitor_pdf.layout.boxes import HUGE
from monitor_pdf.layout.engine import PageLayout, Placement
from monitor_pdf.layout.fonts import font_name, register_fonts
from monitor_pdf.layout.shaped import draw_string, text_width
from monitor_pdf.layout.styles import hex_colour, paragraph
from monitor_pdf.render.colour import PrintCanvas
from monitor_pdf.render.paint import paint
from monitor_pdf.render.profiles import PROFILES, REGISTRATION, Profile, as_cmyk
from monitor_pdf.render.tagging import Tagger
from monitor_pdf.spec import FactsheetSpec


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str = "nl-NL"


def render_pdf(spec: FactsheetSpec, pages: list[PageLayout], header: dict[str, str],
               footer: dict[str, str], meta: Metadata, profile: Profile = PROFILES["screen"]) -> bytes:
    register_fonts()
    g = spec.grid
    trim_w, trim_h, off, bleed = g.page_width * mm, g.page_height * mm, profile.offset_mm * mm, profile.bleed_mm * mm
    buffer = BytesIO()
    # print: pure-K text and rules overprint (render/colour.py); the screen file's canvas is reportlab's own
    make_canvas = PrintCanvas if profile.pdfx else Canvas
    canvas = make_canvas(buffer, pagesize=(trim_w + 2 * off, trim_h + 2 * off), invariant=1, pageCompression=1,
                         initialFontName=font_name("regular"), lang=meta.lang,
                         enforceColorSpace=as_cmyk if profile.cmyk else None,
                         trimBox=(off, off, off + trim_w, off + trim_h),
                         bleedBox=(off - bleed, off - bleed, off + trim_w + bleed, off + trim_h + bleed))
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator(f"monitor-pdf {__version__}")
    canvas.setProducer(f"monitor-pdf {__version__} (reportlab)")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    tags = Tagger(enabled=profile.tagged)
    for page in pages:
        tags.new_page()
        canvas.translate(off, off)       # from here on: points from the trim box's corner
        _header(canvas, spec, page.header, header, bleed, tags)
        for placement in page.placements:
            if profile.outline and placement.box.outline:
                _bookmark(canvas, placement)
            paint(placement.box, canvas, placement.x, placement.top, placement.width, tags)
        _footer(canvas, spec, page, footer, tags)
        if profile.slug_mm:
            _crop_marks(canvas, trim_w, trim_h, bleed, off)
        canvas.showPage()
    if profile.outline:
        canvas.showOutline()
    canvas.save()
    if profile.pdfa:
        from monitor_pdf.render.pdfa import make_pdfa

        return make_pdfa(buffer.getvalue(), tags.root if profile.tagged else None)
    if profile.pdfx:
        from monitor_pdf.render.pdfx import make_pdfx

        return make_pdfx(buffer.getvalue())
    return buffer.getvalue()


def _bookmark(canvas: Canvas, placement: Placement) -> None:
    key = f"{placement.block_id}"
    canvas.bookmarkPage(key, fit="XYZ", left=placement.x, top=placement.top)
    canvas.addOutlineEntry(placement.box.outline, key, level=0)


def _crop_marks(canvas: Canvas, trim_w: float, trim_h: float, bleed: float, off: float) -> None:
    # (print profile only, which is not tagged)
    """Lines on the trim edges' extensions, in the slug: from just outside the
    bleed to the media edge, so they are cut away with it."""
    start, end = bleed + 1 * mm, off
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(0.25)
    for x in (0, trim_w):
        for y0, y1 in ((-start, -end), (trim_h + start, trim_h + end)):
            canvas.line(x, y0, x, y1)
    for y in (0, trim_h):
        for x0, x1 in ((-start, -end), (trim_w + start, trim_w + end)):
            canvas.line(x0, y, x1, y)
    canvas.restoreState()


def _text(canvas: Canvas, style: theme.TextStyle, x: float, y: float, text: str, right: bool = False) -> None:
    canvas.setFillColor(hex_colour(style.color))
    draw_string(canvas, x, y, text, style.face, style.size, anchor="end" if right else "start")   # shaped


def _fits_side_by_side(block: str, pairs: list[tuple[theme.TextStyle, str]], width: float) -> None:
    """A left and a right text on one line must not run into each other."""
    needed = sum(text_width(text, style.face, style.size) for style, text in pairs) + 8 * mm
    if needed > width:
        raise LayoutError(block, f"'{pairs[0][1]}' and '{pairs[1][1]}' do not fit on one line "
                                 f"({(needed - width) / mm:.1f} mm too long); use a shorter name")


def _header(canvas: Canvas, spec: FactsheetSpec, name: str, texts: dict[str, str], bleed: float,
            tags: Tagger) -> None:
    """The band runs to the page edges (top, left, right), and into the bleed.
    The cover's title, subtitle and laag are the document's H1; a running
    header is an artifact."""
    g, t = spec.grid, theme.current().type
    height = spec.headers[name].height * mm
    page_w, page_h = g.page_width * mm, g.page_height * mm
    with tags.artifact(canvas):
        canvas.setFillColor(hex_colour(theme.current().colours.primary))
        canvas.rect(-bleed, page_h - height, page_w + 2 * bleed, height + bleed, stroke=0, fill=1)
    left, right = g.margin_left * mm, page_w - g.margin_right * mm
    pairs = ([(t.title, texts["title"]), (t.laag, texts["laag"])] if name == "cover"
             else [(t.running_title, texts["running_title"]), (t.running_laag, texts["running_laag"])])
    _fits_side_by_side("header", pairs, right - left)
    if name == "cover":
        middle = page_h - height / 2
        with tags.element("H1"):
            with tags.content(canvas):
                _text(canvas, t.title, left, middle + 2.5, texts["title"])
            with tags.content(canvas):
                _text(canvas, t.subtitle, left, middle - t.subtitle.leading + 1, texts["subtitle"])
            with tags.content(canvas):
                _text(canvas, t.laag, right, middle - t.laag.size * 0.35, texts["laag"], right=True)
    else:
        baseline = page_h - height / 2 - t.running_title.size * 0.35
        with tags.artifact(canvas, "Pagination"):
            _text(canvas, t.running_title, left, baseline, texts["running_title"])
            _text(canvas, t.running_laag, right, baseline, texts["running_laag"], right=True)


def _footer(canvas: Canvas, spec: FactsheetSpec, page: PageLayout, texts: dict[str, str], tags: Tagger) -> None:
    """From the bottom up: running line with the page number, source line, and
    (when the page shows an illustrative value) the notice that says so. The
    notice and the source are read (P); the running line is an artifact."""
    g, t = spec.grid, theme.current().type
    left, width = g.margin_left * mm, g.content_width * mm
    baseline = g.footer_baseline * mm
    _fits_side_by_side("footer", [(t.footer, texts["left"]), (t.footer, str(page.number))], width)
    parts = [paragraph(texts["source"], "footer")]
    if page.illustrative:
        parts.insert(0, paragraph(texts["illustrative"], "warning"))
    y = baseline + t.footer.leading * 0.9
    placed: list[tuple[Paragraph, float]] = []
    for part in reversed(parts):                  # positions bottom-up ...
        _, h = part.wrap(width, HUGE)
        placed.insert(0, (part, y))
        y += h + 0.6 * mm
    limit = g.content_bottom * mm - 1.5 * mm
    if y > limit:
        raise LayoutError("footer", f"needs {(y - limit) / mm:.1f} mm more than the space below "
                                    "the content; shorten the source line or raise content_bottom")
    for part, at in placed:                       # ... drawn in reading order
        with tags.tagged(canvas, "P"):
            part.drawOn(canvas, left, at)
    with tags.artifact(canvas, "Pagination"):
        _text(canvas, t.footer, left, baseline, texts["left"])
        _text(canvas, t.footer, left + width, baseline, str(page.number), right=True)
        canvas.setStrokeColor(hex_colour(theme.current().colours.rule))
        canvas.setLineWidth(0.4)
        canvas.line(left, limit + 0.5 * mm, left + width, limit + 0.5 * mm)
