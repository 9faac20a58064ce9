"""Where the value labels of a line chart go: clear of each other, of the
points and of the chart's edges and axis.

Pure geometry in points (no matplotlib). Each year is a column of points,
ranked by height: the highest point gets its label above, the lowest below (so
two equal values, whose points coincide, get one label each side), every other
point above if that place is free, else below. A label with neither place free
goes to the nearest free place, which stacks it beyond its neighbours' labels.
Free means inside the band (above the axis, under the top edge, between the
side edges) and clear of every label placed before, in this column or an
earlier one (columns are close when there are many years), and of every point
marker. Labels are measured (text width, the font's ascent and descent), not
guessed. Finally a column's places are handed out again in the order of its
points, so a stack of labels reads in the order of the values.

The lines themselves are a softer obstacle: a label a line would cross (the
second of two equal values under a peak) moves to a free place no line
crosses if there is one at most one stacked label further away.
"""

from __future__ import annotations

from dataclasses import dataclass

GAP = 4.0     # from a point to the near edge of its label (the marker's radius is 1.7)
PAD = 0.6     # kept free between a label and anything else


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def hits(self, other: Box, pad: float = PAD) -> bool:
        return (self.x0 < other.x1 + pad and other.x0 < self.x1 + pad
                and self.y0 < other.y1 + pad and other.y0 < self.y1 + pad)


@dataclass(frozen=True)
class Point:
    key: object      # returned with its label's box
    x: float
    y: float
    width: float     # of its label


@dataclass(frozen=True)
class Band:
    """The room labels may use, and the height of a label's box."""
    left: float
    right: float
    floor: float
    ceiling: float
    label_height: float
    marker: float    # radius of a point's marker


class LabelsDoNotFit(Exception):
    def __init__(self, column: int):
        super().__init__(f"the labels of column {column} do not fit")
        self.column = column


def place_labels(columns: list[list[Point]], band: Band, lines=()) -> dict[object, Box]:
    """The box of each point's label (by the point's key); raises LabelsDoNotFit
    naming the first column whose labels find no free place. `lines` are the
    segments ((x0, y0), (x1, y1)) of the chart's lines, avoided where possible."""
    r = band.marker
    taken = [Box(p.x - r, p.y - r, p.x + r, p.y + r) for column in columns for p in column]
    placed: dict[object, Box] = {}
    for j, column in enumerate(columns):
        found: dict[object, Box] = {}
        for point, sides in _by_priority(column):
            box = _choose(point, sides, taken + list(found.values()), band, lines)
            if box is None:
                raise LabelsDoNotFit(j)
            found[point.key] = box
        found = _in_point_order(column, found, taken, band)
        taken += found.values()
        placed.update(found)
    return placed


def _by_priority(column: list[Point]) -> list[tuple[Point, tuple[str, str]]]:
    """The column's points in the order they choose a place, each with its sides
    in order of preference: the highest (above), the lowest (below), then the
    others from the top down. Equal heights keep series order, so the first
    series of two equal ones is the one labelled above."""
    ranked = sorted(column, key=lambda p: -p.y)
    if len(ranked) < 2:
        return [(p, ("above", "below")) for p in ranked]
    middle = [(p, ("above", "below")) for p in ranked[1:-1]]
    return [(ranked[0], ("above", "below")), (ranked[-1], ("below", "above")), *middle]


def _in_point_order(column: list[Point], found: dict[object, Box], taken: list[Box], band: Band) -> dict[object, Box]:
    """The same places, handed out again from the top down in the order of the
    points, so labels stacked on one side read in the order of their values
    (3%, 2% above a cluster; 1%, 0% below it). Kept as found if a label, now of
    another width, would hit something."""
    points = sorted(column, key=lambda p: -p.y)
    places = sorted((b.y0 for b in found.values()), reverse=True)
    again = {p.key: _box_at(p, y0, band) for p, y0 in zip(points, places)}
    boxes = list(again.values())
    clear = all(_is_free(b, taken, band) and not any(b.hits(o) for o in boxes[i + 1:])
                for i, b in enumerate(boxes))
    return again if clear else found


def _box_at(point: Point, y0: float, band: Band) -> Box:
    """A label's box with its bottom at y0, centred on the point but kept
    inside the side edges (the first and last year may sit near them)."""
    x0 = min(max(point.x - point.width / 2, band.left), band.right - point.width)
    return Box(x0, y0, x0 + point.width, y0 + band.label_height)


def _is_free(box: Box, taken: list[Box], band: Band) -> bool:
    return (band.floor <= box.y0 and box.y1 <= band.ceiling
            and not any(box.hits(other) for other in taken))


def _choose(point: Point, sides, taken: list[Box], band: Band, lines) -> Box | None:
    """The first free place in order of preference that no line crosses, if
    one is near (at most one label further than the nearest free place); else
    the first free place; None if there is none."""
    at_sides = [b for b in (_side_box(point, side, band) for side in sides) if _is_free(b, taken, band)]
    clean = next((b for b in at_sides if not crossed(b, lines)), None)
    if clean is not None:          # the usual case: the search below is not needed
        return clean
    options = at_sides + _stacked_places(point, taken, band)
    if not options:
        return None
    near = _distance(options[0], point) + band.label_height + PAD + 0.5
    near_and_clean = (b for b in options if _distance(b, point) <= near and not crossed(b, lines))
    return next(near_and_clean, options[0])


def _side_box(point: Point, side: str, band: Band) -> Box:
    y0 = point.y + GAP if side == "above" else point.y - GAP - band.label_height
    return _box_at(point, y0, band)


def _stacked_places(point: Point, taken: list[Box], band: Band) -> list[Box]:
    """Free places touching an obstacle or an edge of the band (a nearest free
    place always touches one) and at least GAP from the point, nearest first,
    above before below."""
    h, probe = band.label_height, _box_at(point, point.y, band)
    nearby = [b for b in taken if b.x0 < probe.x1 + PAD and probe.x0 < b.x1 + PAD]
    starts = [band.floor, band.ceiling - h, *(b.y1 + PAD + 1e-6 for b in nearby),
              *(b.y0 - PAD - h - 1e-6 for b in nearby)]
    free = [b for b in (_box_at(point, y0, band) for y0 in starts)
            if _is_free(b, taken, band) and _distance(b, point) >= GAP - 1e-6]
    return sorted(free, key=lambda b: (_distance(b, point), b.y0 < point.y))


def _distance(box: Box, point: Point) -> float:
    """From the point to the near edge of a box wholly above or below it."""
    return max(box.y0 - point.y, point.y - box.y1)


def crossed(box: Box, lines) -> bool:
    """Whether any of the line segments passes through the box."""
    return any(_segment_hits(box, a, b) for a, b in lines)


def _segment_hits(box: Box, a, b) -> bool:
    """Whether the segment a-b passes through the box (Liang-Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - box.x0), (dx, box.x1 - a[0]), (-dy, a[1] - box.y0), (dy, box.y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    return t0 < t1
