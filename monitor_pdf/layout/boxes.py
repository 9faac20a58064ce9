"""The block kinds of a factsheet as boxes: what each holds and how tall it is
for a width. Layout measures and places them; render/paint.py paints them
(the way WeasyPrint keeps layout/ and draw/ apart). Sizes are in points."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import mm as _mm

from monitor_pdf import theme
from monitor_pdf.displaylist import DisplayList
from monitor_pdf.layout.shaped import text_width
from monitor_pdf.layout.styles import paragraph
from monitor_pdf.layout.textblock import Overflow, Span, TextBlock

mm: float = _mm         # points per millimetre (reportlab has no types)
HUGE = 10_000.0
PAD = 3.2 * mm          # inner padding of tinted boxes


@dataclass
class Box:
    illustrative: bool = False
    alt: str = ""                   # text alternative (figures)
    outline: str = ""               # section headline: its entry in the PDF outline
    tag: str = "P"                  # structure type of its main content (H2, P...)
    height: float = field(default=0.0, init=False)

    def wrap(self, width: float) -> float:
        raise NotImplementedError

    def overflow(self, width: float) -> Overflow | None:
        """A line of its text wider than its column at `width`, if any."""
        return None


def widest(parts: list[tuple[TextBlock | None, float]]) -> Overflow | None:
    """The worst overflow of text blocks, each at its own width."""
    found = [over for part, width in parts if part is not None and (over := part.overflow(width))]
    return max(found, default=None)


def height_at(paragraph: TextBlock | None, width: float) -> float:
    """The paragraph's height at `width` (a TextBlock breaks its lines once per width)."""
    assert paragraph is not None, "make_boxes gives every text box its paragraph"
    return paragraph.wrap(width, HUGE)[1]


def stack_height(parts: list[TextBlock], width: float, gap: float) -> float:
    heights = [height_at(p, width) for p in parts]
    return sum(heights) + gap * max(len(parts) - 1, 0)




@dataclass
class EmptyBox(Box):
    """A block with nothing to say for this data: it takes no space and draws nothing."""

    def wrap(self, width: float) -> float:
        self.height = 0.0
        return 0.0


@dataclass
class TextBox(Box):
    """A headline or a paragraph."""
    paragraph: TextBlock | None = None

    def wrap(self, width: float) -> float:
        self.height = height_at(self.paragraph, width)
        return self.height

    def overflow(self, width: float) -> Overflow | None:
        return widest([(self.paragraph, width)])


@dataclass
class FigureBox(Box):
    """Caption, optional subtitle, the chart, optional note; the clearances
    between them are the theme's ([chart] caption_gap, note_gap), the same for
    every figure."""
    above: list[TextBlock] = field(default_factory=list)
    chart: DisplayList | None = None   # attached once its height is known (engine.fit_figures)
    below: list[TextBlock] = field(default_factory=list)
    chart_height: float = 0.0          # points
    min_chart_height: float = 0.0      # points: the least the engine may give it when the page is full
    gap: float = 1.6                   # between the caption's paragraphs, and the note's
    caption_gap: float = 4.0           # caption to chart
    note_gap: float = 3.0              # chart to note
    caption_height: float = 0.0   # at least this much above the chart (set by the engine
                                  # so charts side by side start on the same line)

    def heading_height(self, width: float) -> float:
        return stack_height(self.above, width, self.gap)

    def wrap(self, width: float) -> float:
        top = max(self.heading_height(width), self.caption_height)
        bottom = stack_height(self.below, width, self.gap) + self.note_gap if self.below else 0.0
        self.height = top + self.caption_gap + self.chart_height + bottom
        return self.height

    def overflow(self, width: float) -> Overflow | None:
        return widest([(p, width) for p in self.above + self.below])


@dataclass
class Top3Box(Box):
    """A tinted box with a title and numbered reasons."""
    title: TextBlock | None = None
    items: list[TextBlock] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)   # each item's rank; tied items share one

    badge = 2.5 * mm   # radius of the number circle
    gap = 1.8 * mm

    def text_width(self, width: float) -> float:
        return width - 2 * PAD - 2 * self.badge - 2.2 * mm

    def wrap(self, width: float) -> float:
        inner = self.text_width(width)
        heights = [max(height_at(p, inner), 2 * self.badge) for p in self.items]
        self.height = (2 * PAD + height_at(self.title, width - 2 * PAD) + 1.2 * mm
                       + sum(heights) + self.gap * (len(heights) - 1))
        return self.height

    def overflow(self, width: float) -> Overflow | None:
        return widest([(self.title, width - 2 * PAD), *((p, self.text_width(width)) for p in self.items)])


MAX_MEASURE = 360.0   # points: a line of at most about 85 characters of 9-pt body text


@dataclass
class CalloutBox(Box):
    """band: a tinted strip with one bold sentence; box: tinted, with a title and
    text; number: a large number with its sentence beside it."""
    number: str = ""
    parts: list[TextBlock] = field(default_factory=list)
    titled: bool = False             # parts[0] is a section headline
    gap: float = 2.0

    def number_width(self) -> float:
        if not self.number:
            return 0.0
        ts = theme.current().type.big_number
        return text_width(self.number, ts.face, ts.size) + 3 * mm

    def measure(self, width: float) -> float:
        """The width its text is set in: the box's inside, at most MAX_MEASURE
        (a callout across the page keeps a line one can read)."""
        return min(width - 2 * PAD, MAX_MEASURE)

    def wrap(self, width: float) -> float:
        inner = self.measure(width) - self.number_width()
        text = stack_height(self.parts, inner, self.gap)
        number = theme.current().type.big_number.size if self.number else 0.0
        self.height = max(text, number) + 2 * PAD
        return self.height

    def overflow(self, width: float) -> Overflow | None:
        return widest([(p, self.measure(width) - self.number_width()) for p in self.parts])



def figure_box(boxes: dict[str, Box], block_id: str) -> FigureBox:
    """The box of a figure block (make_boxes gives every figure a FigureBox)."""
    box = boxes[block_id]
    assert isinstance(box, FigureBox), f"block '{block_id}' is a figure, its box a FigureBox"
    return box


def reason_paragraph(label: str, value_text: str) -> TextBlock:
    """A reason and, smaller and muted, its share: "Ik vond het ... (52%*)"."""
    style, value = theme.current().type.list_item, theme.current().type.list_value
    return TextBlock([Span(f"{label} ", style.face, style.size, style.color),
                      Span(f"({value_text})", value.face, value.size, value.color)],
                     style.leading)


__all__ = ["Box", "CalloutBox", "EmptyBox", "FigureBox", "TextBox", "Top3Box", "figure_box", "paragraph",
           "reason_paragraph"]
