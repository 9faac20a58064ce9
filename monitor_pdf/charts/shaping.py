"""Text shaping with HarfBuzz: which glyphs a text prints as, and where.

Kerning and ligatures make a shaped text narrower than the sum of its
characters' advance widths: Lato kerns pairs such as "Te", "Vo" and "AV" and
joins "fi", "fl", "ff", "ti", "tt", "ft" into one glyph each. Every width the
layout uses must be the width of what is drawn, so the charts stage (label
widths), the layout (line breaking, callout numbers) and the render stage
(drawing) all shape through `shape` here. This module knows a font only as a
file, so it belongs to no drawing library: matplotlib and reportlab both stay
in their own stages.

A text is shaped whole, as HarfBuzz shapes a line: Lato kerns across a
space too (a space before "v" or "w", an "r" before a space), so the layout,
which measures words, adds those pairs where words meet on a line
(layout/textblock.py), and tests compare its widths with the lines shaped
whole. Each shaped text is cached: labels and words recur across charts,
blocks and factsheets.

The language is set (Dutch), never guessed: HarfBuzz would otherwise take it
from the process's locale, and a Turkish or Romanian locale selects other
glyphs in Lato (its `locl` feature) -- the same input must print the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import uharfbuzz as hb

LANGUAGE = "nl"
# HarfBuzz's default features for Latin (kern, liga, calt, ccmp, locl, mark,
# mkmk, rlig) apply; discretionary ligatures (dlig) stay off, as a typesetter
# leaves them.
FEATURES: dict[str, bool] = {}


class Glyph(NamedTuple):        # a tuple: texts have many glyphs, and a tuple is made fastest
    gid: int        # glyph id in the font
    text: str       # the characters it prints: several for a ligature, "" for a
                    # second glyph of the same character
    advance: int    # font units
    dx: int = 0     # offset from the pen position, font units
    dy: int = 0


@dataclass(frozen=True)
class Shaped:
    """A shaped text: its glyphs in drawing order and their advances."""
    text: str
    glyphs: tuple[Glyph, ...]
    units_per_em: int

    @property
    def advance(self) -> int:
        return sum(g.advance for g in self.glyphs)

    def width(self, size: float) -> float:
        """Points at `size`: how far the pen moves over the whole text."""
        return self.advance * size / self.units_per_em


def shape(font_file: str, text: str) -> Shaped:
    """`text` shaped in the font of `font_file` (a path)."""
    return _shape(font_file, text)


def width(font_file: str, text: str, size: float) -> float:
    """The advance width of `text` in points, as it is drawn (kerned, with ligatures)."""
    return _advance(font_file, text) * size / units_per_em(font_file)


@lru_cache(maxsize=8192)
def _shape(font_file: str, text: str) -> Shaped:
    infos, positions = _harfbuzz(font_file, text)
    starts = [info.cluster for info in infos]
    ends = [len(text)] * len(starts)          # where each glyph's cluster ends: the next cluster's start
    for index in range(len(starts) - 2, -1, -1):
        ends[index] = ends[index + 1] if starts[index + 1] == starts[index] else starts[index + 1]
    glyphs = tuple(
        Glyph(info.codepoint, text[start:end] if index == 0 or starts[index - 1] != start else "",
              position.x_advance, position.x_offset, position.y_offset)
        for index, (info, position, start, end) in enumerate(zip(infos, positions, starts, ends)))
    return Shaped(text, glyphs, units_per_em(font_file))


@lru_cache(maxsize=32768)
def _advance(font_file: str, text: str) -> int:
    """The advance of `text`, without building its glyphs (most measuring asks only this)."""
    return sum(position.x_advance for position in _harfbuzz(font_file, text)[1])


def _harfbuzz(font_file: str, text: str) -> tuple[list, list]:
    """HarfBuzz's glyph infos and positions for `text`."""
    buffer = hb.Buffer()
    # a cluster per character where the font allows: a base letter and a
    # combining accent are two glyphs, each printing its own character
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.language = LANGUAGE
    buffer.guess_segment_properties()     # script and direction, from the text itself
    hb.shape(_font(font_file), buffer, FEATURES)
    return buffer.glyph_infos, buffer.glyph_positions


@cache
def _font(font_file: str) -> hb.Font:
    return hb.Font(hb.Face(hb.Blob.from_file_path(font_file)))   # scale: font units


@cache
def units_per_em(font_file: str) -> int:
    upem: int = _font(font_file).face.upem
    return upem
