"""A block of shaped text: spans of one style each, broken into lines by
layout/linebreak.py on shaped widths, drawn with the same shaping.

It takes the place of reportlab's Paragraph where the factsheet prints text,
and answers as one does: wrap(width, height) -> (width, height) and
drawOn(canvas, x, y). Text is text, never markup: "<", ">" and "&" print as
themselves. Line positions follow Paragraph's: the first baseline one font
size below the top, then one leading per line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata

from reportlab.lib.colors import HexColor

from monitor_pdf import cache as disk_cache
from monitor_pdf import theme
from monitor_pdf.layout.fonts import font_name
from monitor_pdf.layout.linebreak import Item, break_lines, line_width
from monitor_pdf.layout.shaped import glyph_string, show, text_width

_SPACE = re.compile(r"[ \t\r\n]+")     # where words end (a no-break space does not end one)
_NUMBER_END = re.compile(r"\d[%*)]*$")
_UNIT = re.compile(r"(procent|procentpunt(en)?|%)\W*$", re.IGNORECASE)
_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
_WORD_CORE = re.compile(r"^(\W*)([^\W\d_](?:[^\W\d_]|[-’'])*[^\W\d_])(\W*)$")
HYPHEN = "-"
SOFT_HYPHEN = "\u00ad"


def _utf16(text: str) -> str:
    """A PDF text string: UTF-16BE with its byte-order mark, in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"
DICTIONARY = ("nl_NL", 3, 3)     # pyphen: Dutch, at least three letters before and after a break


@dataclass(frozen=True)
class Span:
    """Text in one style."""
    text: str
    face: str        # "regular" | "bold"
    size: float
    colour: str      # "#rrggbb"


Piece = tuple[int, str]          # (span index, text): a stretch of one span's text
Overflow = tuple[float, str]     # points past the column, the line's text


class TextBlock:
    """Spans broken into lines at a width. `balanced` for headings (even lines),
    otherwise a paragraph (filled, hyphenated where ragged, no single last word).
    With `columns` = 2 the lines are broken at half the width (less the gap)
    and set in two columns side by side, the first one line longer if the
    lines are odd: a lead across the page at a measure one can read."""

    def __init__(self, spans: list[Span], leading: float, balanced: bool = False, align: int = 0,
                 columns: int = 1, column_gap: float = 0.0) -> None:
        self.spans = tuple(spans)
        self.leading = leading
        self.balanced = balanced
        self.align = align                   # 0 left, 1 centre, 2 right (reportlab's TA_*)
        self.columns = columns
        self.column_gap = column_gap         # points between columns
        self.width = 0.0
        self.height = 0.0
        self._lines: tuple[tuple[Item, ...], ...] = ()
        self._wrapped_at: float | None = None

    @property
    def text(self) -> str:
        return " ".join(_SPACE.split("".join(s.text for s in self.spans))).strip()

    def measure(self, width: float) -> float:
        """The width a line may take in a block `width` wide: the block's, or a column's."""
        return (width - self.column_gap * (self.columns - 1)) / self.columns

    def lines(self, width: float) -> tuple[tuple[Item, ...], ...]:
        """The lines of a block `width` wide. Breaking lines is most of a page's
        layout time, and the same texts are broken at the same widths again and
        again (each figure height tried, every rebuild): once per process."""
        if self._wrapped_at != width:
            self._lines = _lines(self.spans, self.measure(width), self.balanced, theme.current().faces)
            self._wrapped_at = width
        return self._lines

    def column_lines(self, width: float) -> list[tuple[tuple[Item, ...], ...]]:
        """The lines of each column, the first columns the longer."""
        lines = self.lines(width)
        per = -(-len(lines) // self.columns)
        return [lines[k * per:(k + 1) * per] for k in range(self.columns)]

    def line_texts(self, width: float) -> list[str]:
        return ["".join(text for _, text in _pieces(line)) for line in self.lines(width)]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.leading * max(len(column) for column in self.column_lines(available_width))
        return available_width, self.height

    def overflow(self, width: float) -> Overflow | None:
        """The line that runs furthest past `width` (a word no hyphenation can
        split), or None when every line fits."""
        lines = self.lines(width)
        widths = [line_width(line) - self.measure(width) for line in lines]
        if max(widths, default=0.0) <= 0.01:
            return None
        worst = widths.index(max(widths))
        return widths[worst], "".join(text for _, text in _pieces(lines[worst]))

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0, actual_text: bool = False) -> None:
        """Draw with the bottom-left corner at (x, y), as wrapped last. With
        `actual_text` (a tagged file), the run that ends in a hyphen added by
        hyphenation reads as its letters and a soft hyphen (U+00AD), as
        ISO 32000 14.8.2.2.3 asks, so the word is found whole by search and
        read whole by a screen reader."""
        if not self.lines(self.width):
            return
        top = y + self.height
        step = self.measure(self.width) + self.column_gap
        for index, lines in enumerate(self.column_lines(self.width)):
            if lines:
                self._draw_lines(canvas, lines, x + index * step, top, actual_text)

    def _draw_lines(self, canvas, lines: tuple[tuple[Item, ...], ...], x: float, top: float,
                    actual_text: bool) -> None:
        """Lines as one text object, the first baseline one font size under `top`."""
        measure = self.measure(self.width)
        size = max(self.spans[index].size for index, _ in _pieces(lines[0]))
        text = canvas.beginText(x, top - size)
        offset = 0.0
        current: tuple[str, float] | None = None
        colour = None
        for number, line in enumerate(lines):
            shift = (measure - line_width(line)) * (0.0, 0.5, 1.0)[self.align]
            if number:
                text.moveCursor(shift - offset, self.leading)
            elif shift:
                text.moveCursor(shift, 0)
            offset = shift
            runs = _runs(_pieces(line))
            for index, (span_index, run) in enumerate(runs):
                span = self.spans[span_index]
                if current != (span.face, span.size):
                    current = (span.face, span.size)
                    text.setFont(font_name(span.face), span.size, self.leading)
                if colour != span.colour:
                    colour = span.colour
                    text.setFillColor(HexColor(span.colour))
                added_hyphen = actual_text and line[-1].hyphen_end and index == len(runs) - 1
                if added_hyphen:
                    text._code.append(f"/Span <</ActualText {_utf16(run[:-1] + SOFT_HYPHEN)}>> BDC")
                show(text, glyph_string(run, span.face))
                if added_hyphen:
                    text._code.append("EMC")
        canvas.drawText(text)


@lru_cache(maxsize=4096)
def _lines(spans: tuple[Span, ...], width: float, balanced: bool,
           faces: tuple[tuple[str, theme.FontFace], ...]) -> tuple[tuple[Item, ...], ...]:
    """(`faces`, the theme's fonts, only keys the cache: widths are measured in them.)"""
    return tuple(tuple(line) for line in break_lines(_items(spans, faces), width, balanced))


def _pieces(line: Sequence[Item]) -> list[Piece]:
    """What a line prints: its items' pieces, with the space after each but the last."""
    pieces: list[Piece] = []
    for index, item in enumerate(line):
        word, space_span = item.payload
        pieces.extend(word)
        if index < len(line) - 1:
            pieces.append((space_span, " "))
    return pieces


def _runs(pieces: list[Piece]) -> list[Piece]:
    """Consecutive pieces of one span joined: each is drawn (and was measured) shaped as one."""
    runs: list[Piece] = []
    for span, text in pieces:
        if runs and runs[-1][0] == span:
            runs[-1] = (span, runs[-1][1] + text)
        else:
            runs.append((span, text))
    return runs


@lru_cache(maxsize=1024)
def _items(spans: tuple[Span, ...], faces: tuple[tuple[str, theme.FontFace], ...]) -> tuple[Item, ...]:
    """The words of the spans, those that must stay together joined, as line-breaking items."""
    joined: list[tuple[list[Piece], int, int]] = []          # (pieces, span of the space after, words)
    for pieces, space_span in _words(spans):
        if joined and _keep_together(joined[-1][0], pieces):
            before, between, count = joined.pop()
            joined.append(([*before, (between, " "), *pieces], space_span, count + 1))
        else:
            joined.append((pieces, space_span, 1))
    afters = [None, *(space_span for _, space_span, _ in joined[:-1])]
    return tuple(_item(spans, pieces, space_span, count, after)
                 for (pieces, space_span, count), after in zip(joined, afters))


def _words(spans: tuple[Span, ...]) -> list[tuple[list[Piece], int]]:
    """(pieces, span of the space after it) of every word."""
    words: list[tuple[list[Piece], int]] = []
    current: list[Piece] = []
    for index, span in enumerate(spans):
        parts = _SPACE.split(span.text)
        for number, part in enumerate(parts):
            if number and current:                   # a space ended the word
                words.append((current, index))
                current = []
            if part:
                current.append((index, part))
    if current:
        words.append((current, len(spans) - 1))
    return words


def _keep_together(previous: list[Piece], pieces: list[Piece]) -> bool:
    """No line break between the previous word and this one: a number and its
    unit ("60 procent", "5 procentpunt"), or a word and a dash or other
    punctuation standing alone after it."""
    before = "".join(text for _, text in previous)
    after = "".join(text for _, text in pieces)
    return bool((_NUMBER_END.search(before) and _UNIT.match(after)) or _PUNCTUATION_ONLY.match(after))


def _item(spans: tuple[Span, ...], pieces: list[Piece], space_span: int, words: int, after: int | None) -> Item:
    """An item of `pieces`; `after`: the span of the space before it (None first in the block)."""
    lead = _lead(spans, pieces[0], after)
    split = _splitter(spans, pieces[0], space_span, lead) if words == 1 and len(pieces) == 1 else None
    return Item(_run_width(spans, pieces), _space_after(spans, pieces[-1], space_span), lead,
                words, payload=(pieces, space_span), split=split)


def _run_width(spans: tuple[Span, ...], pieces: list[Piece]) -> float:
    return sum(_width(spans[span], text) for span, text in _runs(pieces))


def _space_after(spans: tuple[Span, ...], last: Piece, space_span: int) -> float:
    """The space after a word, with the word's last letter kerned to it when they share a run."""
    span, text = last
    if span != space_span:
        return _width(spans[space_span], " ")
    return _width(spans[span], text + " ") - _width(spans[span], text)


def _lead(spans: tuple[Span, ...], first: Piece, after: int | None) -> float:
    """What kerning with the space before it adds to a word (0 where they are not one run)."""
    span, text = first
    if after != span:
        return 0.0
    style = spans[span]
    return _width(style, " " + text) - _width(style, text) - _width(style, " ")


def _width(span: Span, text: str) -> float:
    return text_width(text, span.face, span.size)


def _splitter(spans: tuple[Span, ...], piece: Piece, space_span: int, lead: float):
    """Hyphenation of a one-piece word without digits, or None. The head keeps
    the word's `lead`; the tail begins a line. The dictionary is consulted only
    when a line asks for a split."""
    span_index, text = piece
    if not _core(text):
        return None
    span = spans[span_index]

    def split(room: float) -> tuple[Item, Item] | None:
        for head, tail in hyphenations(text):
            head_width = _width(span, head)
            if head_width <= room + 1e-6:
                tail_piece = (span_index, tail)
                head_item = Item(head_width, 0.0, lead, 1, hyphen_end=True, payload=([(span_index, head)], space_span))
                tail_item = Item(_width(span, tail), _space_after(spans, tail_piece, space_span), 0.0, 1,
                                 payload=([tail_piece], space_span),
                                 split=_splitter(spans, tail_piece, space_span, 0.0))
                return head_item, tail_item
        return None

    return split


def _core(word: str) -> tuple[str, str, str] | None:
    """(leading punctuation, the letters, trailing punctuation) of a word that
    may be hyphenated: letters only, six or more, not an abbreviation."""
    match = _WORD_CORE.match(word)
    if not match or len(match.group(2)) < 6 or match.group(2).isupper():
        return None
    lead, core, trail = match.groups()
    return lead, core, trail


@lru_cache(maxsize=4096)
def hyphenations(word: str) -> tuple[tuple[str, str], ...]:
    """Ways to break a word over two lines, longest head first: (head as printed,
    with its hyphen, tail). None (empty) for numbers, abbreviations and short words."""
    parts = _core(word)
    if not parts:
        return ()
    lead, core, trail = parts
    found: dict[int, tuple[str, str]] = {}
    for head, tail in _syllable_breaks(core):
        if not head.endswith(HYPHEN) and not tail.startswith(HYPHEN):
            found[len(head)] = (lead + head + HYPHEN, tail + trail)
    for index, char in enumerate(core[:-1]):
        if char == HYPHEN and index >= 2 and len(core) - index > 3:   # after a hyphen the word has
            found[index + 1] = (lead + core[:index + 1], core[index + 1:] + trail)
    return tuple(found[k] for k in sorted(found, reverse=True))


def _syllable_breaks(core: str) -> tuple[tuple[str, str], ...]:
    """pyphen's Dutch breaks of a word. Loading its dictionary takes longer than
    building a factsheet, and few words are ever hyphenated: each word's breaks
    are kept in the cache (cache.py), so a rebuild does not load it."""
    key = disk_cache.key_of("hyphenation", _pyphen_version(), DICTIONARY, core)
    found: tuple[tuple[str, str], ...] | None = disk_cache.get("hyphenation", key)
    if found is None:
        found = tuple(_dictionary().iterate(core))
        disk_cache.put("hyphenation", key, found)
    return found


@cache
def _pyphen_version() -> str:
    return metadata.version("pyphen")


@cache
def _dictionary():
    import pyphen

    language, left, right = DICTIONARY
    return pyphen.Pyphen(lang=language, left=left, right=right)
