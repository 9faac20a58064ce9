"""Geometry from the layout report: margins, overlaps, pages, and fit-or-fail."""

from __future__ import annotations

import dataclasses
from itertools import combinations

import pytest
from monitor_pdf.errors import LayoutError
from monitor_pdf.layout.boxes import FigureBox
from monitor_pdf.pipeline import render_factsheet
from monitor_pdf.spec import PT_PER_MM

from tests.conftest import block_box

EPS = 0.01


@pytest.fixture(scope="module")
def boxes(provincies, spec):
    """(block id, page, x, y-from-top, width, height) in mm."""
    return [(p.block_id, p.page, *p.box_mm(provincies.page_height_pt)) for p in provincies.placements()]


def test_two_pages_and_every_block_placed_once(provincies, spec):
    assert [page.number for page in provincies.pages] == [1, 2]
    placed = [p.block_id for p in provincies.placements()]
    assert sorted(placed) == sorted(b.id for b in spec.placed_blocks())
    assert len(placed) == len(set(placed))


def test_blocks_stay_inside_the_content_area(boxes, spec, provincies):
    g = spec.grid
    for block_id, page, x, y, w, h in boxes:
        header = spec.headers[provincies.pages[page - 1].header]
        assert x >= g.margin_left - EPS, block_id
        assert x + w <= g.page_width - g.margin_right + EPS, block_id
        assert y >= header.height + header.content_gap - EPS, block_id
        assert y + h <= g.page_height - g.content_bottom + EPS, block_id


def test_no_blocks_overlap(boxes):
    for a, b in combinations(boxes, 2):
        if a[1] != b[1]:
            continue
        _, _, ax, ay, aw, ah = a
        _, _, bx, by, bw, bh = b
        apart = ax + aw <= bx + EPS or bx + bw <= ax + EPS or ay + ah <= by + EPS or by + bh <= ay + EPS
        assert apart, f"{a[0]} overlaps {b[0]}"


def test_two_column_rows_line_up(boxes, spec):
    g = spec.grid
    lefts = {round(x, 2) for _, _, x, *_ in boxes}
    assert lefts == {g.margin_left, round(g.margin_left + g.column_width + g.gutter, 2)}
    by_id = {b[0]: b for b in boxes}
    assert by_id["fig8a"][3] == pytest.approx(by_id["fig8b"][3])     # side by side, same top
    assert by_id["fig1"][3] == pytest.approx(by_id["fig2"][3])


def test_charts_side_by_side_start_on_the_same_line(provincies, provincies_pdf):
    """Measured in the PDF: fig8a and fig8b have captions of different lengths,
    yet their legend swatches and their first bars sit at the same height."""
    def drawn(block_id):
        page, box = block_box(provincies, provincies_pdf, block_id)
        inside = page.within_bbox(box)
        caption = next(w for w in inside.extract_words() if w["text"] == "Figuur")
        swatches = [r for r in inside.rects if abs(r["width"] - r["height"]) < 0.2 and r["width"] < 8]
        bars = [r for r in inside.rects if r not in swatches]
        return caption["top"], min(r["top"] for r in swatches), min(r["top"] for r in bars)

    left, right = drawn("fig8a"), drawn("fig8b")
    assert left[1] > left[0] and left[2] > left[1]          # caption, then legend, then bars
    assert left == pytest.approx(right, abs=0.05)


def test_figure_heights_come_from_the_layout_file(provincies, spec):
    fig3 = next(p for p in provincies.placements() if p.block_id == "fig3")
    assert fig3.box.chart.height == pytest.approx(spec.blocks["fig3"].height * PT_PER_MM, abs=0.01)


def test_a_block_that_does_not_fit_stops_the_build_naming_it(spec):
    blocks = dict(spec.blocks)
    blocks["fig7"] = dataclasses.replace(blocks["fig7"], height=120.0, min_height=0.0)
    too_tall = dataclasses.replace(spec, blocks=blocks)
    with pytest.raises(LayoutError) as caught:
        render_factsheet("provincies", 2024, spec=too_tall)
    # the first block pushed below the content area: fig7 or one in a row under it
    rows = spec.pages[1].rows
    below = [b for row in rows[next(i for i, r in enumerate(rows) if any("fig7" in c for c in r.columns)):]
             for column in row.columns for b in column]
    assert caught.value.block_id in below
    assert "does not fit on page 2" in str(caught.value)


def _natural(block, factsheet, spec):
    """A bar chart's height with the theme's gaps (its slot unlimited)."""
    from monitor_pdf.charts.geometry import bar_layout
    from monitor_pdf.model import build_model
    from monitor_pdf.pipeline import load_dataset

    model = build_model(load_dataset(), spec, factsheet.laag, factsheet.jaar, None)
    return bar_layout(block.chart, model.charts[block.id], spec.block_width(block.id) * PT_PER_MM, 1e9,
                      block.label_share, spec.theme.chart, block.id).height / PT_PER_MM


def test_figures_give_up_height_down_to_their_minimum_when_a_page_is_full(spec):
    """fig7 10 mm taller than designed: page 2's figures make the room (fig7
    down to its min_height, bar charts by closing the gaps between their rows,
    never the bars); none goes below its minimum, page 1 keeps its own."""
    blocks = dict(spec.blocks)
    blocks["fig7"] = dataclasses.replace(blocks["fig7"], height=41.0, min_height=31.0)
    taller = dataclasses.replace(spec, blocks=blocks)
    factsheet = render_factsheet("provincies", 2024, spec=taller)
    heights = {p.block_id: p.box.chart_height / PT_PER_MM
               for p in factsheet.placements() if isinstance(p.box, FigureBox)}
    assert heights["fig7"] < 41.0 - 0.4                        # it gave up some height ...
    assert heights["fig7"] >= 31.0 - EPS                       # ... not below its minimum
    gap = spec.theme.chart
    for block_id in ("fig5", "fig6", "fig8a", "fig8b", "fig9"):
        block = spec.blocks[block_id]
        rows = len(next(p for p in factsheet.placements() if p.block_id == block_id).box.chart.texts())  # upper bound
        natural = _natural(block, factsheet, taller)
        assert heights[block_id] <= natural + EPS, block_id
        per_gap = (gap.group_gap if block.chart == "grouped_hbar" else gap.bar_gap) / PT_PER_MM
        assert heights[block_id] >= natural - rows * per_gap - EPS, block_id
    for block_id in ("fig2", "fig3"):                         # page 1 keeps its own
        assert heights[block_id] == pytest.approx(spec.blocks[block_id].height, abs=0.01)
    blocks["fig7"] = dataclasses.replace(blocks["fig7"], height=120.0, min_height=90.0)
    with pytest.raises(LayoutError, match="does not fit on page 2"):   # more than the minimums can give
        render_factsheet("provincies", 2024, spec=dataclasses.replace(spec, blocks=blocks))


def test_a_page_that_fits_keeps_every_figure_as_designed(provincies, spec):
    """Charts that fill their slot have layout.toml's height; bar charts the
    height their rows need with the theme's gaps (at most layout.toml's)."""
    from monitor_pdf.chartkinds import CHART_KINDS

    for p in provincies.placements():
        if isinstance(p.box, FigureBox):
            block = spec.blocks[p.block_id]
            height = p.box.chart_height / PT_PER_MM
            if CHART_KINDS[block.chart].by_content:
                assert height == pytest.approx(_natural(block, provincies, spec), abs=0.01), p.block_id
                assert height <= block.height + EPS, p.block_id
            else:
                assert height == pytest.approx(block.height, abs=0.01), p.block_id


def test_reordering_blocks_is_a_layout_file_change(spec):
    """Swap figure 1 and 2 in the spec: no code change, the order follows."""
    page1 = spec.pages[0]
    rows = list(page1.rows)
    rows[1] = dataclasses.replace(rows[1], columns=(("fig2",), ("fig1",)))
    swapped = dataclasses.replace(spec, pages=(dataclasses.replace(page1, rows=tuple(rows)), spec.pages[1]))
    factsheet = render_factsheet("provincies", 2024, spec=swapped)
    x = {p.block_id: p.x for p in factsheet.placements()}
    assert x["fig2"] < x["fig1"]


def test_chart_text_stays_inside_its_chart(provincies):
    """Measured as the page prints it: shaped (kerned, with ligatures) in the PDF's font."""
    from monitor_pdf.displaylist import TextOp
    from monitor_pdf.layout.shaped import text_width

    for placement in provincies.placements():
        chart = getattr(placement.box, "chart", None)
        if chart is None:
            continue
        for op in chart.ops:
            if not isinstance(op, TextOp):
                continue
            width = text_width(op.text, op.face, op.size)
            left = op.x - {"start": 0, "middle": width / 2, "end": width}[op.anchor]
            assert left >= -0.5 and left + width <= chart.width + 0.5, (placement.block_id, op.text)
            assert 0 <= op.y <= chart.height, (placement.block_id, op.text)


@pytest.mark.parametrize("laag", ["gemeenten", "provincies", "waterschappen"])
def test_every_figure_can_be_drawn_at_its_minimum_height(spec, laag):
    """The least height the engine may give a figure is a promise: the chart
    (labels, legend) is drawn at it. A min_height in layout.toml for charts that
    fill their slot, the gaps closed as far as allowed for bar charts."""
    from monitor_pdf import theme
    from monitor_pdf.layout.build import make_boxes
    from monitor_pdf.model import build_model
    from monitor_pdf.pipeline import draw_charts, load_dataset
    from monitor_pdf.wording.texts import build_wording

    theme.use(spec.theme)
    model = build_model(load_dataset(), spec, laag, 2024, None)
    boxes = make_boxes(spec, model, build_wording(model, spec, {}))
    smallest = {b.id: boxes[b.id].min_chart_height for b in spec.figure_blocks()
                if boxes[b.id].min_chart_height < boxes[b.id].chart_height - 0.01}
    assert {"fig6", "fig7", "fig8a", "fig9"} <= set(smallest)
    charts = draw_charts(spec, model, smallest, use_cache=False)
    for block_id, height in smallest.items():
        assert charts[block_id].height == pytest.approx(height, abs=0.05)


def _with_grid(spec, **changes):
    return dataclasses.replace(spec, grid=dataclasses.replace(spec.grid, **changes))


def _page2_rows(spec, rows):
    from monitor_pdf.spec import Row

    page2 = dataclasses.replace(spec.pages[1], rows=tuple(Row(tuple(tuple(c) for c in r)) for r in rows))
    return dataclasses.replace(spec, pages=(spec.pages[0], page2))


def test_a_full_page_closes_its_row_gaps_down_to_min_row_gap(spec):
    """Row gaps of 10 mm (the design has 2.5) do not fit, even with figures
    shrunk and rows flowing; allowed to close to 2.5 mm (min_row_gap) they do, and the
    gap above figure 7 is then at least min_row_gap, at most that plus the
    spread of leftover height (max_extra_row_gap)."""
    wide = _with_grid(spec, row_gap=10.0, min_row_gap=-1.0)
    with pytest.raises(LayoutError, match="does not fit on page"):
        render_factsheet("provincies", 2024, spec=wide)
    closing = _with_grid(spec, row_gap=10.0, min_row_gap=2.5)
    factsheet = render_factsheet("provincies", 2024, spec=closing)
    placed = {p.block_id: p for p in factsheet.placements()}
    above = min(placed[b].top - placed[b].height for b in ("fig6", "callout_gevolgen", "h2_belangen", "p_belangen"))
    gap = (above - placed["fig7"].top) / PT_PER_MM
    assert 2.5 - EPS <= gap <= 2.5 + spec.grid.max_extra_row_gap + EPS


def test_rows_that_do_not_fit_side_by_side_flow_as_two_columns(spec):
    """Two rows whose columns are unbalanced (tall figures left, then right):
    as designed they overflow page 2; flowing as two columns they fit, figure 8b
    under figure 9 in the left column, the texts and the callout on the right."""
    rows = [[["h2_melden", "p_melden"], ["fig5", "callout_tevreden"]],
            [["fig6"], ["callout_gevolgen", "h2_belangen", "p_belangen"]],
            [["fig7"]],
            [["fig8a"], ["h2_cultuur", "p_cultuur", "h2_dilemma", "p_dilemma"]],
            [["fig9", "fig8b"], ["callout_ondermijning"]]]
    unbalanced = _page2_rows(spec, rows)
    with pytest.raises(LayoutError):          # the same rows, not allowed to flow: every row stays whole
        render_factsheet("provincies", 2024, spec=_page2_rows(spec, rows[:3] + [[rows[3][0] + rows[4][0][:1]],
                                                                                  [rows[3][1]], [rows[4][0][1:]],
                                                                                  [rows[4][1]]]))
    factsheet = render_factsheet("provincies", 2024, spec=unbalanced)
    placed = {p.block_id: p for p in factsheet.placements()}
    assert placed["fig8b"].x == placed["fig9"].x == placed["fig8a"].x
    assert placed["fig8b"].top < placed["fig9"].top - placed["fig9"].height + EPS
    assert placed["callout_ondermijning"].x == placed["p_dilemma"].x > placed["fig8a"].x
    assert placed["callout_ondermijning"].top < placed["p_dilemma"].top - placed["p_dilemma"].height + EPS


def test_flowing_joins_runs_of_two_column_rows_the_last_run_first():
    from monitor_pdf.layout.engine import _flowing
    from monitor_pdf.spec import Row

    a, b, full, c, d = (Row((("a1",), ("a2",))), Row((("b1",), ("b2",))), Row((("f",),)),
                        Row((("c1",), ("c2",))), Row((("d1",), ("d2",))))
    ab, cd = Row((("a1", "b1"), ("a2", "b2"))), Row((("c1", "d1"), ("c2", "d2")))
    assert _flowing((a, b, full, c, d)) == [(a, b, full, cd), (ab, full, c, d), (ab, full, cd)]
    assert _flowing((a, full, c)) == []          # no run of two rows: nothing to join


def test_a_line_chart_takes_its_height_when_its_labels_need_no_room_above_its_scale(provincies, provincies_pdf):
    """Figure 7 (values up to 41% on a 0-50% scale): the 50% reference value
    stands just under the caption, not a label's height lower, so the plot has
    the figure's height to show the changes; and it keeps a clearance."""
    page, box = block_box(provincies, provincies_pdf, "fig7")
    words = page.within_bbox(box).extract_words()
    caption_bottom = max(w["bottom"] for w in words if w["top"] < box[1] + 12)    # the caption's line
    top_value = next(w for w in words if w["text"] == "50%")
    assert 2.0 <= top_value["top"] - caption_bottom <= 9.0      # 11.6 pt when a label's room was kept above
