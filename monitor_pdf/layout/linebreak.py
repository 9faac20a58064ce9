"""Line breaking as a designer breaks lines, on measured (shaped) widths.

The text arrives as items: a word, or words that must stay on one line
("60 procent", "47% –"), each with its width, the width of the space after it
and what it adds after a space (kerning with the space: "r " and " v" are
closer in Lato). Two ways to break:

- Headings (`balanced=True`): as many lines as filling them one by one needs,
  but the breaks chosen so the lines are as even as they can be (the least
  sum of squared gaps at the line ends, the last line counted too) and, where
  any break allows it, not ending on a single word. "Minderheid ambtsdragers
  provincies besprak / incident" becomes "Minderheid ambtsdragers /
  provincies besprak incident".
- Paragraphs: filled line by line. A word that does not fit on a line that
  would be left more than a quarter empty is hyphenated (Dutch, pyphen) to
  fill it, unless it is the paragraph's last word, and so is a word wider than
  the whole column. If the paragraph
  then ends on a single word, its last lines (two, then up to four) are broken
  again so the last has two words or more, every other line stays at least 70%
  full and the gaps are as even as they can be. Where no such break exists
  (a two-line paragraph whose first line would become too short, a last word
  that is all a line can hold) the single word stays: that is the rule the
  tests hold the bundled factsheets to.

A hyphenated head must end its line; numbers are never hyphenated (the caller
gives them no `split`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

EPS = 1e-6
RAGGED = 0.25          # hyphenate rather than leave more than this share of a line empty
MIN_FILL = 0.70        # a line given up to save the last line from a single word stays this full
MAX_REFLOW = 4         # lines broken again at the end of a paragraph


@dataclass(frozen=True)
class Item:
    """What may not be broken: a word or words kept together, in points."""
    width: float
    space: float = 0.0            # the space after it, should the line go on
    lead: float = 0.0             # added when it follows a space on a line (kerning with the space)
    words: int = 1                # words it counts as (a last line of one word is avoided)
    hyphen_end: bool = False      # a hyphenated head: its line ends after it
    payload: Any = None           # the caller's: what to draw
    # hyphenation: the longest head (with its hyphen) that fits a room of so
    # many points, and the tail; None where the word cannot be split so
    split: Callable[[float], tuple[Item, Item] | None] | None = field(default=None, compare=False, repr=False)


def break_lines(items: Sequence[Item], width: float, balanced: bool = False) -> list[list[Item]]:
    """The items in lines no wider than `width` (an item wider than the column,
    with no way to split it, gets a line of its own and overflows: the caller
    reports it)."""
    if not items:
        return []
    if balanced:
        lines = _fill(items, width, hyphenate_ragged=False)
        return _balance(lines, width) if len(lines) > 1 else lines
    return _no_single_last_word(_fill(items, width, hyphenate_ragged=True), width)


def line_width(line: Sequence[Item]) -> float:
    return (sum(item.width for item in line) + sum(item.space for item in line[:-1])
            + sum(item.lead for item in line[1:]))


def words(line: Sequence[Item]) -> int:
    return sum(item.words for item in line)


def _fill(items: Sequence[Item], width: float, hyphenate_ragged: bool) -> list[list[Item]]:
    """Greedy: as many items on each line as fit, hyphenating as the module says."""
    lines: list[list[Item]] = []
    line: list[Item] = []
    used = 0.0
    queue = list(items)
    index = 0
    while index < len(queue):
        item = queue[index]
        if not line:
            parts = item.split(width) if item.width > width + EPS and item.split else None
            if parts:                                  # wider than any line: split it
                lines.append([parts[0]])
                queue[index] = parts[1]
                continue
            line, used = [item], item.width
            index += 1
            continue
        needed = used + line[-1].space + item.lead + item.width
        if needed <= width + EPS and not line[-1].hyphen_end:
            line.append(item)
            used = needed
            index += 1
            continue
        room = width - used - line[-1].space - item.lead
        last = index == len(queue) - 1             # its tail would be a last line of one word
        parts = (item.split(room) if hyphenate_ragged and item.split and not line[-1].hyphen_end
                 and not last and width - used > RAGGED * width else None)
        if parts:
            line.append(parts[0])
            queue[index] = parts[1]
        lines.append(line)
        line, used = [], 0.0
    if line:
        lines.append(line)
    return lines


def _balance(lines: list[list[Item]], width: float) -> list[list[Item]]:
    """The same number of lines, as even as possible, the last of two words or more if it can be."""
    items = [item for line in lines for item in line]
    for last_words in (2, 1):
        best = _best_breaks(items, width, len(lines), min_fill=0.0, last_words=last_words, count_last=True)
        if best:
            return best
    return lines


def _no_single_last_word(lines: list[list[Item]], width: float) -> list[list[Item]]:
    if len(lines) < 2 or words(lines[-1]) >= 2:
        return lines
    for count in range(2, min(len(lines), MAX_REFLOW) + 1):
        items = [item for line in lines[-count:] for item in line]
        best = _best_breaks(items, width, count, min_fill=MIN_FILL * width, last_words=2, count_last=False)
        if best:
            return lines[:-count] + best
    return lines


def _best_breaks(items: Sequence[Item], width: float, count: int, min_fill: float, last_words: int,
                 count_last: bool) -> list[list[Item]] | None:
    """`items` in exactly `count` lines that fit, every line but the last at least
    `min_fill` wide, the last of at least `last_words` words, with the least sum
    of squared gaps at the line ends (the last line's gap only if count_last);
    None if there is no such break. On a tie the earlier lines are the longer."""
    n = len(items)
    best: dict[tuple[int, int], tuple[float, tuple[int, ...]] | None] = {}

    def solve(start: int, lines_left: int) -> tuple[float, tuple[int, ...]] | None:
        key = (start, lines_left)
        if key in best:
            return best[key]
        found: tuple[float, tuple[int, ...]] | None = None
        if lines_left == 1:
            line = items[start:]
            if line and _fits(line, width) and words(line) >= last_words:
                found = ((width - line_width(line)) ** 2 if count_last else 0.0, (n,))
        else:
            for end in range(n - lines_left + 1, start, -1):     # longest first line first
                line = items[start:end]
                if not _fits(line, width) or line_width(line) < min_fill - EPS:
                    continue
                rest = solve(end, lines_left - 1)
                if rest is not None:
                    cost = (width - line_width(line)) ** 2 + rest[0]
                    if found is None or cost < found[0] - EPS:
                        found = (cost, (end, *rest[1]))
        best[key] = found
        return found

    solution = solve(0, count)
    if solution is None:
        return None
    bounds = (0, *solution[1])
    return [list(items[a:b]) for a, b in pairwise(bounds)]


def _fits(line: Sequence[Item], width: float) -> bool:
    """No wider than the column (one item alone always fits: it has nowhere
    else to go), and a hyphenated head only at the end."""
    return (len(line) == 1 or line_width(line) <= width + EPS) and not any(i.hyphen_end for i in line[:-1])
