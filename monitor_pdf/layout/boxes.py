"""The block kinds of a factsheet as boxes: each measures its height for a
width, and draws itself at a position. Sizes are in points."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from monitor_pdf import theme
from monitor_pdf.displaylist import DisplayList
from monitor_pdf.layout.fonts import font_name
from monitor_pdf.layout.styles import hex_colour, paragraph, plain, paragraph_style
from monitor_pdf.render.replay import draw_display_list
from monitor_pdf.render.tagging import NO_TAGS, Tagger

HUGE = 10_000.0
PAD = 3.2 * mm          # inner padding of tinted boxes


@dataclass
class Box:
    role: str                       # heading | paragraph | figure | list | callout
    illustrative: bool = False
    alt: str = ""                   # text alternative (figures)
    outline: str = ""               # section headline: its entry in the PDF outline
    tag: str = "P"                  # structure type of its main content (H2, P...)
    height: float = field(default=0.0, init=False)

    def wrap(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, canvas: Canvas, x: float, top: float, width: float, tags: Tagger = NO_TAGS) -> None:
        raise NotImplementedError


def height_at(paragraph: Paragraph, width: float) -> float:
    """The paragraph's height at `width`. Line breaking is most of a page's
    layout time, and measuring and drawing ask for the same width: break once."""
    if getattr(paragraph, "_wrapped_at", None) != width:
        paragraph._wrapped_height = paragraph.wrap(width, HUGE)[1]
        paragraph._wrapped_at = width
    return paragraph._wrapped_height


def _stack_height(parts: list[Paragraph], width: float, gap: float) -> float:
    heights = [height_at(p, width) for p in parts]
    return sum(heights) + gap * max(len(parts) - 1, 0)


def _draw_stack(canvas: Canvas, parts: list[Paragraph], x: float, top: float, width: float,
                gap: float, tags: Tagger = NO_TAGS, roles: list[str] | None = None,
                as_content: bool = False) -> float:
    """Draw paragraphs top-down; each is its own element (roles[i], default P),
    or, with as_content, content of the element being drawn (a Caption)."""
    y = top
    for index, p in enumerate(parts):
        h = height_at(p, width)
        mark = tags.content(canvas) if as_content else tags.tagged(canvas, roles[index] if roles else "P")
        with mark:
            p.drawOn(canvas, x, y - h)
        y -= h + gap
    return y + gap


@dataclass
class EmptyBox(Box):
    """A block with nothing to say for this data: it takes no space and draws nothing."""

    def wrap(self, width):
        self.height = 0.0
        return 0.0

    def draw(self, canvas, x, top, width, tags=NO_TAGS):
        pass


@dataclass
class TextBox(Box):
    """A headline or a paragraph."""
    paragraph: Paragraph | None = None

    def wrap(self, width):
        self.height = height_at(self.paragraph, width)
        return self.height

    def draw(self, canvas, x, top, width, tags=NO_TAGS):
        with tags.tagged(canvas, self.tag):
            self.paragraph.drawOn(canvas, x, top - height_at(self.paragraph, width))


@dataclass
class FigureBox(Box):
    """Caption, optional subtitle, the chart, optional note."""
    above: list[Paragraph] = field(default_factory=list)
    chart: DisplayList | None = None   # attached once its height is known (engine.fit_figures)
    below: list[Paragraph] = field(default_factory=list)
    chart_height: float = 0.0          # points
    gap: float = 1.6
    caption_height: float = 0.0   # at least this much above the chart (set by the engine
                                  # so charts side by side start on the same line)

    def heading_height(self, width) -> float:
        return _stack_height(self.above, width, self.gap)

    def wrap(self, width):
        top = max(self.heading_height(width), self.caption_height)
        bottom = _stack_height(self.below, width, self.gap) + self.gap if self.below else 0.0
        self.height = top + self.gap * 1.5 + self.chart_height + bottom
        return self.height

    def draw(self, canvas, x, top, width, tags=NO_TAGS):
        """Figure (with its text alternative) holding its Caption; notes after it."""
        y = top - max(self.heading_height(width), self.caption_height) - self.gap * 1.5
        with tags.element("Figure", alt=self.alt):
            with tags.element("Caption"):
                _draw_stack(canvas, self.above, x, top, width, self.gap, tags, as_content=True)
            with tags.content(canvas):
                draw_display_list(canvas, self.chart, x, y - self.chart_height)
        if self.below:
            _draw_stack(canvas, self.below, x, y - self.chart_height - self.gap, width, self.gap, tags)


@dataclass
class Top3Box(Box):
    """A tinted box with a title and numbered reasons."""
    title: Paragraph | None = None
    items: list[Paragraph] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)   # each item's rank; tied items share one

    badge = 2.5 * mm   # radius of the number circle
    gap = 1.8 * mm

    def _text_width(self, width):
        return width - 2 * PAD - 2 * self.badge - 2.2 * mm

    def wrap(self, width):
        inner = self._text_width(width)
        heights = [max(height_at(p, inner), 2 * self.badge) for p in self.items]
        self.height = (2 * PAD + height_at(self.title, width - 2 * PAD) + 1.2 * mm
                       + sum(heights) + self.gap * (len(heights) - 1))
        return self.height

    def draw(self, canvas, x, top, width, tags=NO_TAGS):
        """A heading and a list: L > LI > Lbl (the number) + LBody (the reason)."""
        with tags.artifact(canvas):
            _tint(canvas, x, top - self.height, width, self.height)
        th = height_at(self.title, width - 2 * PAD)
        with tags.tagged(canvas, "H3"):
            self.title.drawOn(canvas, x + PAD, top - PAD - th)
        y = top - PAD - th - 1.2 * mm
        inner = self._text_width(width)
        with tags.element("L"):
            for number, p in zip(self.numbers or range(1, len(self.items) + 1), self.items):
                h = height_at(p, inner)
                row = max(h, 2 * self.badge)
                cx, cy = x + PAD + self.badge, y - row / 2
                with tags.element("LI"):
                    with tags.artifact(canvas):
                        canvas.setFillColor(hex_colour(theme.current().colours.primary))
                        canvas.circle(cx, cy, self.badge, stroke=0, fill=1)
                    with tags.tagged(canvas, "Lbl"):
                        style = theme.current().type.list_number
                        canvas.setFillColor(hex_colour(style.color))
                        canvas.setFont(font_name(style.face), style.size)
                        canvas.drawCentredString(cx, cy - style.size * 0.35, str(number))
                    with tags.tagged(canvas, "LBody"):
                        p.drawOn(canvas, x + PAD + 2 * self.badge + 2.2 * mm, y - (row + h) / 2)
                y -= row + self.gap


@dataclass
class CalloutBox(Box):
    """band: a tinted strip with one bold sentence; box: tinted, with a title and
    text; number: a large number with its sentence beside it."""
    style: str = "box"
    number: str = ""
    parts: list[Paragraph] = field(default_factory=list)
    titled: bool = False             # parts[0] is a section headline
    gap: float = 2.0

    def _number_width(self):
        ts = theme.current().type.big_number
        return stringWidth(self.number, font_name(ts.face), ts.size) + 3 * mm if self.number else 0.0

    def wrap(self, width):
        inner = width - 2 * PAD - self._number_width()
        text = _stack_height(self.parts, inner, self.gap)
        number = theme.current().type.big_number.size if self.number else 0.0
        self.height = max(text, number) + 2 * PAD
        return self.height

    def draw(self, canvas, x, top, width, tags=NO_TAGS):
        """Title (H2) and text (P); a large number is read with its sentence, in one P."""
        with tags.artifact(canvas):
            _tint(canvas, x, top - self.height, width, self.height)
        inner_x, inner_w = x + PAD, width - 2 * PAD
        if self.number:
            ts = theme.current().type.big_number
            text = _stack_height(self.parts, inner_w - self._number_width(), self.gap)
            with tags.element("P"):
                with tags.content(canvas):
                    canvas.setFillColor(hex_colour(ts.color))
                    canvas.setFont(font_name(ts.face), ts.size)
                    canvas.drawString(inner_x, top - self.height / 2 - ts.size * 0.36, self.number)
                with tags.content(canvas):
                    _draw_stack(canvas, self.parts, inner_x + self._number_width(), top - (self.height - text) / 2,
                                inner_w - self._number_width(), self.gap)
            return
        text = _stack_height(self.parts, inner_w, self.gap)
        roles = ["H2" if (i == 0 and self.titled) else "P" for i in range(len(self.parts))]
        _draw_stack(canvas, self.parts, inner_x, top - (self.height - text) / 2, inner_w, self.gap, tags, roles)


def _tint(canvas: Canvas, x, y, w, h):
    canvas.setFillColor(hex_colour(theme.current().colours.tint))
    canvas.rect(x, y, w, h, stroke=0, fill=1)


def reason_paragraph(label: str, value_text: str) -> Paragraph:
    muted = theme.current().colours.muted_text
    return Paragraph(f"{plain(label)} <font color='{muted}' size='7'>({plain(value_text)})</font>",
                     paragraph_style("list_item"))


__all__ = ["Box", "EmptyBox", "TextBox", "FigureBox", "Top3Box", "CalloutBox", "paragraph", "reason_paragraph"]
