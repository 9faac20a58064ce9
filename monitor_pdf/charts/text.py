"""Chart text measured without matplotlib: widths shaped as the page draws
them (charts/shaping.py), and labels wrapped into a column.

The chart stage draws with these (through style.py, for the current style's
faces) and the layout measures a bar chart's height with them before any
chart is drawn (charts/geometry.py), so both agree by construction.
"""

from __future__ import annotations

from functools import cache

from monitor_pdf import resources, theme
from monitor_pdf.charts import shaping

Faces = tuple[tuple[str, theme.FontFace], ...]


def text_width(text: str, face: str, size: float, faces: Faces) -> float:
    """Advance width in points of `text` as the page draws it: shaped (kerned,
    with ligatures) in the file of the face ("regular", "bold") of `faces`."""
    return shaping.width(face_file(faces, face), text, size)


@cache
def face_file(faces: Faces, face: str) -> str:
    """The path of a face's font file."""
    return str(resources.fonts_dir() / dict(faces)[face].file)


def wrap(text: str, width: float, face: str, size: float, faces: Faces) -> list[str]:
    """Word wrap to `width` points, balanced: as many lines as filling them one
    by one needs, the breaks chosen so the lines are as even as they can be and
    the last has two words where it can (a right-aligned label reads as one
    block, not a long line and a stray word). A single word wider than the
    width stays on its own line; the caller checks the result still fits."""
    return list(_wrap(text, width, face, size, faces))


@cache
def _wrap(text: str, width: float, face: str, size: float, faces: Faces) -> tuple[str, ...]:
    words = text.split()
    greedy = _fill(words, width, face, size, faces)
    if len(greedy) < 2:
        return tuple(greedy) or ("",)
    return tuple(_balanced(words, len(greedy), width, face, size, faces, last_words=2) or
                 _balanced(words, len(greedy), width, face, size, faces, last_words=1) or greedy)


def _fill(words: list[str], width: float, face: str, size: float, faces: Faces) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, face, size, faces) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _balanced(words: list[str], count: int, width: float, face: str, size: float, faces: Faces,
              last_words: int) -> list[str] | None:
    """`words` in `count` lines that fit, with the least sum of squared gaps."""
    best: dict[tuple[int, int], tuple[float, list[str]] | None] = {}

    def solve(start: int, left: int) -> tuple[float, list[str]] | None:
        if (start, left) not in best:
            found = None
            ends = [len(words)] if left == 1 else range(len(words) - left + 1, start, -1)
            for end in ends:
                line = " ".join(words[start:end])
                used = text_width(line, face, size, faces)
                if (used > width and end - start > 1) or (left == 1 and end - start < last_words):
                    continue
                rest = solve(end, left - 1) if left > 1 else (0.0, [])
                if rest is not None and (found is None or (width - used) ** 2 + rest[0] < found[0] - 1e-9):
                    found = ((width - used) ** 2 + rest[0], [line, *rest[1]])
            best[(start, left)] = found
        return best[(start, left)]

    solution = solve(0, count)
    return solution[1] if solution else None
