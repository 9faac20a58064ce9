"""What an information designer measures in a factsheet PDF, read with
pdfplumber from the file alone (no layout data), so the same measures apply
to any build, before or after a change: type sizes, body line lengths, text
contrast against what is behind the text, the colours of the series in the
legends, and bar length per percent.

Colour maths from the WCAG 2.1 and CIE formulas, written out here rather than
taken from monitor_pdf.theme, so the test does not check the code with itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations, pairwise

ASTERISK = "*"
UNITS = ("Gemeenten", "Provincies", "Waterschappen")
VALUE = re.compile(r"^(\d+(?:,\d+)?)%\*?$")


# ---------------------------------------------------------------- colour

def hex_of(colour) -> str | None:
    """"#RRGGBB" of a pdfplumber RGB or grey colour (None for CMYK or none)."""
    if colour is None:
        return None
    values = tuple(colour) if isinstance(colour, (tuple, list)) else (colour,)
    if len(values) == 1:
        values = values * 3
    if len(values) != 3:
        return None
    return "#" + "".join(f"{round(float(v) * 255):02X}" for v in values)


def luminance(colour: str) -> float:
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


def lightness(colour: str) -> float:
    """CIE L* of an sRGB colour (D65)."""
    y = luminance(colour)
    return 116 * y ** (1 / 3) - 16 if y > (6 / 29) ** 3 else y * (29 / 3) ** 3


# ---------------------------------------------------------------- type

def sizes(pdf) -> dict[float, set[str]]:
    """Each font size printed (to 0.1 pt) and the characters printed at it."""
    found: dict[float, set[str]] = defaultdict(set)
    for page in pdf.pages:
        for char in page.chars:
            if char["text"].strip():
                found[round(char["size"], 1)].add(char["text"])
    return dict(found)


def smallest_size(pdf, allow=(ASTERISK,)) -> float:
    """The smallest size at which anything but the illustrative asterisk is printed."""
    return min(size for size, chars in sizes(pdf).items() if set(chars) - set(allow))


def text_lines(page, box=None, size=None):
    """Lines of text (in `box`, of `size`), split where a gap wider than 12 pt
    parts two columns: (text, x0, x1)."""
    area = page.within_bbox(box) if box else page
    rows: dict[int, list] = defaultdict(list)
    for char in area.chars:
        if size is None or abs(char["size"] - size) < 0.05:
            rows[round(char["bottom"])].append(char)
    lines = []
    for chars in rows.values():
        chars.sort(key=lambda c: c["x0"])
        run = [chars[0]]
        for before, char in pairwise(chars):
            if char["x0"] - before["x1"] > 12:
                lines.append(run)
                run = []
            run.append(char)
        lines.append(run)
    return [("".join(c["text"] for c in run).strip(), run[0]["x0"], run[-1]["x1"]) for run in lines]


def body_size(pdf) -> float:
    """The size most characters of 8 pt or more are printed at: the body
    text's (chart text, notes and footer are smaller and many)."""
    count: dict[float, int] = defaultdict(int)
    for page in pdf.pages:
        for char in page.chars:
            if char["size"] >= 7.95:
                count[round(char["size"], 1)] += 1
    return max(count, key=count.__getitem__)


def longest_body_line(pdf) -> tuple[int, str]:
    """(characters, text) of the longest line at the body size."""
    size = body_size(pdf)
    lines = [text for page in pdf.pages for text, _, _ in text_lines(page, size=size)]
    longest = max(lines, key=len)
    return len(longest), longest


# ---------------------------------------------------------------- what is behind the text

def _fills(page):
    """Filled shapes (rects and curves) as (x0, top, x1, bottom, colour)."""
    shapes = []
    for shape in page.rects + page.curves:
        colour = hex_of(shape.get("non_stroking_color")) if shape.get("fill") else None
        if colour:
            shapes.append((shape["x0"], shape["top"], shape["x1"], shape["bottom"], colour))
    return shapes


def background(char, shapes) -> str:
    """The colour behind a character: the smallest filled shape around its
    centre (a band, a box, a badge), else the white page."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    around = [s for s in shapes if s[0] <= x <= s[2] and s[1] <= y <= s[3]
              and (s[2] - s[0]) > char["width"] and (s[3] - s[1]) > char["size"] * 0.6]
    if not around:
        return "#FFFFFF"
    return min(around, key=lambda s: (s[2] - s[0]) * (s[3] - s[1]))[4]


def text_contrasts(pdf) -> dict[tuple[str, str], tuple[float, str]]:
    """(text colour, background) -> (contrast, an example character's context)."""
    found: dict[tuple[str, str], tuple[float, str]] = {}
    for page in pdf.pages:
        shapes = _fills(page)
        for char in page.chars:
            colour = hex_of(char["non_stroking_color"])
            if not char["text"].strip() or colour is None:
                continue
            behind = background(char, shapes)
            if (colour, behind) not in found:
                found[(colour, behind)] = (contrast(colour, behind), f"p{page.page_number} '{char['text']}'")
    return found


# ---------------------------------------------------------------- series and legends

def legends(pdf) -> list[dict[str, str]]:
    """Every legend that names units: {unit name: its swatch's colour}, per figure."""
    found = []
    for page in pdf.pages:
        squares = [r for r in page.rects if r.get("fill") and abs(r["width"] - r["height"]) < 0.3
                   and 3 < r["width"] < 12]
        rows: dict[tuple[int, bool], dict[str, str]] = defaultdict(dict)
        for word in page.extract_words():
            if word["text"] not in UNITS:
                continue
            left = [s for s in squares if 0 < word["x0"] - s["x1"] < 6
                    and abs((s["top"] + s["bottom"]) / 2 - (word["top"] + word["bottom"]) / 2) < 3]
            if left:       # legends side by side (one per column) are two legends
                rows[(round(word["top"]), word["x0"] > page.width / 2)][word["text"]] = \
                    hex_of(left[0]["non_stroking_color"]) or ""
        found.extend(legend for legend in rows.values() if len(legend) > 1)
    return found


def lightness_distances(colours) -> float:
    """The smallest L* distance between any two of the colours."""
    return min(abs(lightness(a) - lightness(b)) for a, b in combinations(set(colours), 2))


# ---------------------------------------------------------------- bars

def bars(page, with_top=False):
    """Horizontal bars with their value: (figure caption, x0, length, value).
    A bar is a filled rect wider than tall, not a swatch, with a value label
    just right of its end; its figure is the nearest "Figuur" caption above it
    in its column."""
    words = page.extract_words(keep_blank_chars=False)
    captions = [w for w in words if w["text"] == "Figuur"]
    found = []
    for rect in page.rects:
        if not rect.get("fill") or rect["height"] > 15 or rect["height"] < 3 or rect["width"] <= rect["height"]:
            continue
        centre = (rect["top"] + rect["bottom"]) / 2
        labels = [w for w in words if 0 < w["x0"] - rect["x1"] < 6 and VALUE.match(w["text"])
                  and abs((w["top"] + w["bottom"]) / 2 - centre) < 2.5]
        if not labels:
            continue
        value = float(VALUE.match(labels[0]["text"]).group(1).replace(",", "."))
        above = [c for c in captions if c["bottom"] < rect["top"] and c["x0"] <= rect["x0"]
                 and rect["x0"] - c["x0"] < 300]
        caption = max(above, key=lambda c: (c["bottom"], c["x0"])) if above else None
        name = _caption_number(words, caption) if caption else "?"
        found.append((name, round(rect["x0"], 2), rect["width"], value) + ((rect["top"],) if with_top else ()))
    return found


def _caption_number(words, caption) -> str:
    after = [w for w in words if abs(w["top"] - caption["top"]) < 1 and w["x0"] > caption["x1"]]
    first = min(after, key=lambda w: w["x0"])["text"] if after else "?"
    return f"Figuur {first.rstrip('.')} ({caption['x0']:.2f},{round(caption['top'])})"


def per_percent(pdf) -> dict[tuple[int, str], list[float]]:
    """Points of bar per percent, by (page, figure), over bars of at least 5%."""
    found: dict[tuple[int, str], list[float]] = defaultdict(list)
    for page in pdf.pages:
        for name, _x0, length, value in bars(page):
            if value >= 5:
                found[(page.page_number, name)].append(length / value)
    return dict(found)


def bar_starts(pdf) -> dict[tuple[int, str], set[float]]:
    found: dict[tuple[int, str], set[float]] = defaultdict(set)
    for page in pdf.pages:
        for name, x0, _length, _value in bars(page):
            found[(page.page_number, name)].add(x0)
    return dict(found)


def bar_indents(pdf) -> dict[tuple[int, str], set[float]]:
    """Where each figure's bars start, from the left edge of its caption (its column)."""
    found: dict[tuple[int, str], set[float]] = defaultdict(set)
    for (page, name), starts in bar_starts(pdf).items():
        column = float(name.rsplit("(", 1)[1].split(",")[0]) if "(" in name else 0.0
        found[(page, name)] |= {round(x - column, 1) for x in starts}
    return dict(found)


def values_top_to_bottom(page, caption: str) -> list[float]:
    """The values of one figure's bars (caption "Figuur N"), top to bottom."""
    return [value for _, value in sorted((top, value) for name, _, _, value, top in bars(page, with_top=True)
                                         if name.startswith(caption + " "))]
