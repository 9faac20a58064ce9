"""Place boxes on the page grid of the spec: rows top to bottom, columns side by side.

What does not fit stops the build with a LayoutError naming the block: text is
never clipped, shrunk or pushed onto an extra page. Leftover height is spread
over the row gaps (up to a limit) so pages end on the same line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from reportlab.lib.units import mm

from monitor_pdf.chartkinds import CHART_KINDS
from monitor_pdf.errors import LayoutError
from monitor_pdf.layout.boxes import Box, FigureBox, figure_box
from monitor_pdf.spec import FactsheetSpec, PageSpec, Row


@dataclass(frozen=True)
class Placement:
    """Where a block went. Points, PDF coordinates (origin bottom-left)."""
    block_id: str
    page: int          # 1-based
    x: float
    top: float
    width: float
    height: float
    box: Box

    def box_mm(self, page_height: float) -> tuple[float, float, float, float]:
        """(x, y, width, height) in mm, y measured down from the page's top edge."""
        return (self.x / mm, (page_height - self.top) / mm, self.width / mm, self.height / mm)


@dataclass(frozen=True)
class PageLayout:
    number: int
    header: str
    placements: tuple[Placement, ...]

    @property
    def illustrative(self) -> bool:
        return any(p.box.illustrative for p in self.placements)


SHRINK_STEP = 0.5 * mm
# A chart that fills its slot (a line chart) counts this share of its room to
# give: a full page closes the gaps between bars first, and flattens a line
# chart only when they are mostly closed.
FILLED_SLACK = 0.4

Cell = tuple[str, float, float, float, float]   # block id, x, offset from the row's top, width, height
Column = tuple[float, list[str]]                # height, block ids


@dataclass(frozen=True)
class Fit:
    """What fit_figures decided: each figure's chart height (points), and the rows
    of each page (1-based) that had to flow (_flowing); other pages keep theirs."""
    heights: dict[str, float]
    rows: dict[int, tuple[Row, ...]]
    row_gaps: dict[int, float]          # mm, for pages whose row gaps had to close (grid.min_row_gap)


def fit_figures(spec: FactsheetSpec, boxes: dict[str, Box]) -> Fit:
    """The chart height (points) of every figure. Where a page's blocks are taller
    than its content area (longer sentences for other data), figures that may
    shrink (FigureBox.min_chart_height) give up height, half a millimetre at a
    time, in the row where that helps most. A bar chart may give up the gaps
    between its rows (charts/geometry.py: SQUEEZE), never its bars or scale; a
    chart that fills its slot, down to its min_height. When that is not enough,
    runs of two-column rows flow as two columns (_flowing): a column's blocks
    then follow each other, whatever the other column holds, which gives up
    the side-by-side alignment of figures in those rows but not their scale.
    What still does not fit is left for layout_pages to report. A page that fits
    keeps every figure and row as designed."""
    flowing: dict[int, tuple[Row, ...]] = {}
    gaps: dict[int, float] = {}
    g = spec.grid
    for number, page in enumerate(spec.pages, start=1):
        designed = {b: figure_box(boxes, b).chart_height for row in page.rows for column in row.columns
                    for b in column if spec.blocks[b].kind == "figure"}
        # designed rows first, with closer row gaps before flowing columns (which is the more visible change)
        tries = [(rows, gap) for rows in (page.rows, *_flowing(page.rows))
                 for gap in dict.fromkeys((g.row_gap, g.tightest_row_gap))]
        for rows, gap in [*tries, (page.rows, g.row_gap)]:
            for block_id, height in designed.items():
                figure_box(boxes, block_id).chart_height = height
            if _shrink_to_fit(spec, page, rows, gap, boxes) <= 0.01:
                break
        # else: nothing fits; the last try is the designed page, as small as it goes, for layout_pages to report
        if rows != page.rows:
            flowing[number] = rows
        if gap != g.row_gap:
            gaps[number] = gap
    return Fit({b.id: figure_box(boxes, b.id).chart_height for b in spec.figure_blocks()}, flowing, gaps)


def _shrink_to_fit(spec: FactsheetSpec, page: PageSpec, page_rows: tuple[Row, ...], row_gap: float,
                   boxes: dict[str, Box]) -> float:
    """Shrink the page's figures until its rows, `row_gap` mm apart, fit or none
    can give more; the height (points) still over."""
    g = spec.grid
    header = spec.headers[page.header]
    room = (g.page_height - header.height - header.content_gap - g.content_bottom - g.footer_gap) * mm
    while True:
        rows = [_columns(spec, row, boxes) for row in page_rows]
        over = sum(max(h for h, _ in columns) for columns in rows) + row_gap * mm * (len(rows) - 1) - room
        figures = _best_to_shrink(spec, rows, boxes) if over > 0.01 else None
        if not figures:
            return float(over)          # reportlab's mm is untyped
        for block_id in figures:
            box = figure_box(boxes, block_id)
            box.chart_height = max(box.min_chart_height, box.chart_height - SHRINK_STEP)


def _flowing(rows: tuple[Row, ...]) -> list[tuple[Row, ...]]:
    """The page's rows with runs of consecutive two-column rows joined into one
    row of two columns: the last run first, then each earlier one, then all."""
    runs: list[list[int]] = []
    for index, row in enumerate(rows):
        if len(row.columns) == 2 and runs and runs[-1][-1] == index - 1 and len(rows[index - 1].columns) == 2:
            runs[-1].append(index)
        elif len(row.columns) == 2:
            runs.append([index])
    runs = [run for run in runs if len(run) > 1]
    choices = [[run] for run in reversed(runs)] + ([runs] if len(runs) > 1 else [])
    found = []
    for joined in choices:
        first = {run[0]: run for run in joined}
        inside = {i for run in joined for i in run}
        result: list[Row] = []
        for index, row in enumerate(rows):
            if index in first:
                result.append(Row(tuple(tuple(b for i in first[index] for b in rows[i].columns[c])
                                        for c in range(2))))
            elif index not in inside:
                result.append(row)
        found.append(tuple(result))
    return found


def _columns(spec: FactsheetSpec, row: Row, boxes: dict[str, Box]) -> list[Column]:
    """(height, block ids) of each column of a row."""
    _, cells = _stack_row(spec, row, boxes)
    found: list[Column] = []
    for column in row.columns:
        placed = [(offset + h) for block_id, _, offset, _, h in cells if block_id in column]
        found.append((max(placed, default=0.0), list(column)))
    return found


def _best_to_shrink(spec: FactsheetSpec, rows: list[list[Column]], boxes: dict[str, Box]) -> list[str] | None:
    """In the row with the most room to give (FILLED_SLACK weighs it), one shrinkable figure in each of its
    tallest columns (all must shrink for the row to get lower); None if no row can."""
    best, best_slack = None, 0.0
    for columns in rows:
        tallest = max(h for h, _ in columns)
        chosen: list[str] = []
        slack_of: dict[str, float] = {}
        for height, block_ids in columns:
            if height < tallest - 0.01:
                continue
            slack = {b: (figure_box(boxes, b).chart_height - figure_box(boxes, b).min_chart_height)
                     * (1.0 if CHART_KINDS[spec.blocks[b].chart].by_content else FILLED_SLACK)
                     for b in block_ids if spec.blocks[b].kind == "figure"}
            slack = {b: s for b, s in slack.items() if s > 0.01}
            if not slack:
                chosen = []           # this tallest column cannot shrink, so the row cannot
                break
            chosen.append(max(slack, key=slack.__getitem__))
            slack_of.update(slack)
        room = min((slack_of[b] for b in chosen), default=0.0) if chosen else 0.0
        if chosen and room > best_slack:
            best, best_slack = chosen, room
    return best


def layout_pages(spec: FactsheetSpec, boxes: dict[str, Box], fit: Fit | None = None) -> list[PageLayout]:
    """Place every page's blocks, with the rows and row gaps fit_figures chose."""
    rows, gaps = (fit.rows, fit.row_gaps) if fit else ({}, {})
    return [_layout_page(spec, page, number, boxes, rows.get(number, page.rows), gaps.get(number, spec.grid.row_gap))
            for number, page in enumerate(spec.pages, start=1)]


def _layout_page(spec: FactsheetSpec, page: PageSpec, number: int, boxes: dict[str, Box],
                 page_rows: tuple[Row, ...], row_gap: float) -> PageLayout:
    g = spec.grid
    header = spec.headers[page.header]
    top = (g.page_height - header.height - header.content_gap) * mm
    bottom = (g.content_bottom + g.footer_gap) * mm
    rows = [_stack_row(spec, row, boxes) for row in page_rows]
    used = sum(height for height, _ in rows) + row_gap * mm * (len(rows) - 1)
    leftover = (top - bottom) - used
    if leftover < -0.01:          # fit_figures' tolerance: less is rounding, not a block that sticks out
        _raise_overflow(rows, top, row_gap * mm, bottom, number)
    extra = max(0.0, min(g.max_extra_row_gap * mm, leftover / (len(rows) - 1))) if len(rows) > 1 else 0.0
    placements: list[Placement] = []
    y = top
    for height, cells in rows:
        placements.extend(Placement(bid, number, x, y - offset, w, h, boxes[bid])
                          for bid, x, offset, w, h in cells)
        y -= height + row_gap * mm + extra
    return PageLayout(number, page.header, tuple(placements))


def _stack_row(spec: FactsheetSpec, row: Row, boxes: dict[str, Box]) -> tuple[float, list[Cell]]:
    """Heights of the row and, per block, (id, x, offset from row top, width, height)."""
    g = spec.grid
    width = (g.content_width if row.full_width else g.column_width) * mm
    _align_side_by_side_charts(row, boxes, width)
    cells: list[Cell] = []
    row_height = 0.0
    for index, column in enumerate(row.columns):
        x = (g.margin_left + index * (g.column_width + g.gutter)) * mm
        offset = 0.0
        for block_id in column:
            height = boxes[block_id].wrap(width)
            _refuse_overflow(block_id, boxes[block_id], width)
            if offset and height:             # a gap between blocks; an empty block takes none
                offset += g.block_gap * mm
            cells.append((block_id, x, offset, width, height))
            offset += height
        row_height = max(row_height, offset)
    return row_height, cells


def _refuse_overflow(block_id: str, box: Box, width: float) -> None:
    """A word wider than its column that hyphenation cannot split (a number, a
    name, an address) would print past the column: stop, naming it."""
    over = box.overflow(width)
    if over:
        raise LayoutError(block_id, f"'{over[1]}' runs {over[0] / mm:.1f} mm past its column; "
                                    "shorten the word or the text")


def _align_side_by_side_charts(row: Row, boxes: dict[str, Box], width: float) -> None:
    """Figures that open the columns of one row get equal caption space, so
    their charts (and legends) start on the same line."""
    firsts = [boxes[column[0]] for column in row.columns if column]
    figures = [b for b in firsts if isinstance(b, FigureBox)]
    if len(firsts) > 1 and len(figures) == len(firsts):
        tallest = max(b.heading_height(width) for b in figures)
        for b in figures:
            b.caption_height = tallest


def _raise_overflow(rows: list[tuple[float, list[Cell]]], top: float, row_gap: float, bottom: float,
                    page_number: int) -> NoReturn:
    y = top
    for height, cells in rows:
        for block_id, _, offset, _, h in cells:
            if y - offset - h < bottom - 0.01:
                over = (bottom - (y - offset - h)) / mm
                raise LayoutError(block_id, f"does not fit on page {page_number}: "
                                            f"{over:.1f} mm below the content area; shorten the "
                                            "text or move blocks in layout.toml")
        y -= height + row_gap
    raise LayoutError("page", f"page {page_number} overflows")  # pragma: no cover
