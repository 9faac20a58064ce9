"""Model stage: the numbers of one factsheet, as plain data (no prose, no geometry).

`Dataset` indexes the records; `build_model` selects what one factsheet (one
laag and year) shows, per block of the layout, and fails with a DataError that
names the figure when something the layout needs is not in the data.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from monitor_pdf.chartkinds import CHART_KINDS
from monitor_pdf.data.records import Record, SentenceForm, UnitRecord
from monitor_pdf.errors import DataError
from monitor_pdf.rounding import decimals_needed, round_half_away
from monitor_pdf.spec import BlockSpec, FactsheetSpec


@dataclass(frozen=True)
class Cell:
    value: float
    illustrative: bool


@dataclass(frozen=True)
class ChartData:
    """A table of values: one row per series, one column per category. A cell
    is None where the data has no value (a unit that joined the monitor later):
    the chart shows a gap there."""
    categories: tuple[str, ...]
    series: tuple[str, ...]
    cells: tuple[tuple[Cell | None, ...], ...]   # cells[series][category]
    highlight: tuple[str, ...] = ()          # highlighted categories or series
    names: tuple[tuple[str, str], ...] = ()  # display names of unit keys ("provincies" -> "Provincies")
    decimals: int = 0                        # one precision for every value the chart prints
    series_are_years: bool = False           # series are editions (coloured light to dark), not units
    domain: float = 0.0                      # the value at the scale's end, the same in every factsheet
                                             # of the data (0: the largest value shown)
    slots: tuple[int, ...] = ()              # per series, the unit's place in the data: its colour
    sorted_by_value: bool = False            # the items are sorted high to low, not in the data's order

    def name(self, key: str) -> str:
        return dict(self.names).get(key, key)

    def values(self, series: int = 0) -> list[float]:
        return [c.value for c in self.cells[series] if c is not None]

    def present(self) -> list[Cell]:
        return [c for row in self.cells for c in row if c is not None]

    @property
    def any_illustrative(self) -> bool:
        return any(c.illustrative for c in self.present())


@dataclass(frozen=True)
class RankedItem:
    rank: int            # shared by tied items
    label: str
    value: float
    illustrative: bool
    decimals: int = 0    # one precision for the whole list
    tied: int = 1        # >1: this line stands for so many items tied at this rank


@dataclass(frozen=True)
class Unit:
    """A bestuurslaag, or any other unit the data has values for (a provincie, Nederland)."""
    key: str
    name: str            # "Provincies", "Fryslân": headers, legends
    in_sentence: str     # "provincies", "Fryslân": inside running text
    compare_with: tuple[str, ...] = ()   # the units its factsheet compares it with; () = all
    gets_factsheet: bool = True


class Dataset:
    """All records, indexed by (indicator, laag, jaar); items keep their row order.

    The units (bestuurslagen) are whatever the data holds, in data order. An
    optional units table names them and says which units each is compared
    with (a provincie with Nederland); without one, every unit is compared
    with every other one. `forms` are the sentence forms of items
    (zinsdelen.csv), by (indicator, item)."""

    def __init__(self, records: list[Record], units: list[UnitRecord] | None = None,
                 forms: list[SentenceForm] | None = None):
        self.records = records
        self.forms = {(f.indicator, f.item): f for f in forms or ()}
        self._index: dict[tuple[str, str, int], list[Record]] = defaultdict(list)
        for record in records:
            self._index[(record.indicator, record.laag, record.jaar)].append(record)
        self.lagen = tuple(dict.fromkeys(r.laag for r in records))
        self.jaren = tuple(sorted({r.jaar for r in records}))
        self.units = _units(self.lagen, units)

    @property
    def factsheet_units(self) -> tuple[str, ...]:
        """The units that get a factsheet of their own (eenheden.csv), in data order."""
        return tuple(k for k in self.lagen if self.units[k].gets_factsheet)

    @property
    def latest_year(self) -> int:
        """The year built when none is asked for."""
        return self.jaren[-1]

    def peers(self, laag: str) -> tuple[str, ...]:
        """The units a factsheet for `laag` compares (itself included), in data order."""
        others = self.units[laag].compare_with
        return tuple(k for k in self.lagen if k == laag or not others or k in others)

    def rows(self, indicator: str, laag: str, jaar: int) -> list[Record]:
        return self._index.get((indicator, laag, jaar), [])

    def years(self, indicator: str, laag: str, up_to: int) -> list[int]:
        return sorted({r.jaar for r in self.records
                       if r.indicator == indicator and r.laag == laag and r.jaar <= up_to})

    def record(self, indicator: str, laag: str, jaar: int, item: str | None = None) -> Record | None:
        rows = self.rows(indicator, laag, jaar)
        if item is None:
            return rows[0] if len(rows) == 1 else None
        return next((r for r in rows if r.item == item), None)

    def require(self, indicator: str, laag: str, jaar: int, item: str | None = None,
                purpose: str = "") -> Record:
        found = self.record(indicator, laag, jaar, item)
        if found is None:
            what = f"{indicator}" + (f" '{item}'" if item else "")
            raise DataError(f"no value for {what}, {laag} {jaar}" + (f" (needed for {purpose})" if purpose else ""))
        return found


@dataclass(frozen=True)
class FactsheetModel:
    laag: str
    jaar: int
    lagen: tuple[str, ...]                 # the units this factsheet compares (its peers)
    dataset: Dataset
    charts: dict[str, ChartData]           # figure block id -> data
    trend_years: dict[str, tuple[int, ...]]  # indicator -> years its trend figure shows
    rankings: dict[str, list[RankedItem]]  # top3 block id -> the top 3 (ties included)
    data_dir: Path
    decimals: dict[str, int]               # indicator -> decimals it is printed with
    shown: frozenset[Record]               # every record a chart or list prints

    @property
    def unit(self) -> Unit:
        return self.dataset.units[self.laag]

    def printed(self, indicator: str, value: float) -> float:
        """The value as this factsheet prints it (rounded half away from zero)."""
        return round_half_away(value, self.decimals.get(indicator, 0))


def _units(keys: tuple[str, ...], table: list[UnitRecord] | None) -> dict[str, Unit]:
    if table is None:
        return {k: Unit(k, k[:1].upper() + k[1:], k) for k in keys}
    units = {u.key: Unit(u.key, u.naam, u.in_zin, u.vergelijk, u.factsheet) for u in table}
    for record in table:
        if record.key not in keys:
            raise DataError(f"unit '{record.key}' has no values in the tables", file=record.file,
                            line=record.line, column="bestuurslaag")
        unknown = [k for k in record.vergelijk if k not in units]
        if unknown:
            raise DataError(f"compares with unknown unit(s) {', '.join(unknown)}", file=record.file,
                            line=record.line, column="vergelijk")
    missing = [k for k in keys if k not in units]
    if missing:
        raise DataError(f"bestuurslaag {', '.join(missing)} is in the tables but not in this units table",
                        file=table[0].file if table else None)
    return units


def build_model(dataset: Dataset, spec: FactsheetSpec, laag: str, jaar: int, data_dir: Path) -> FactsheetModel:
    if laag not in dataset.lagen:
        raise DataError(f"bestuurslaag '{laag}' is not in the data (there: {', '.join(dataset.lagen)})",
                        file=str(data_dir))
    if jaar not in dataset.jaren:
        raise DataError(f"jaar {jaar} is not in the data (there: {', '.join(map(str, dataset.jaren))})",
                        file=str(data_dir))
    shown: set[Record] = set()
    domains = scale_domains(dataset, spec)
    charts = {b.id: replace(_chart_data(dataset, b, laag, jaar, shown), domain=domains[b.id])
              for b in spec.figure_blocks()}
    rankings = {b.id: rank_items(dataset, b.data[0], laag, edition_of(dataset, b, laag, jaar), 3, shown)
                for b in spec.placed_blocks() if b.kind == "top3"}
    trend_years = {b.data[0]: tuple(shown_years(dataset, b, laag, jaar)) for b in spec.figure_blocks()
                   if b.shape in ("lagen_jaren", "jaren_items", "jaren", "items_jaren")}
    return FactsheetModel(laag, jaar, dataset.peers(laag), dataset, charts, trend_years, rankings, data_dir,
                          _decimals(dataset, spec, charts, laag, jaar), frozenset(shown))


def _decimals(dataset: Dataset, spec: FactsheetSpec, charts: dict[str, ChartData], laag: str,
              jaar: int) -> dict[str, int]:
    """Per indicator, the decimals it is printed with: those of the chart that shows
    it (one precision per chart), else what its own values of this year need."""
    found: dict[str, int] = {}
    for block in spec.figure_blocks():
        for indicator in block.data:
            found[indicator] = max(found.get(indicator, 0), charts[block.id].decimals)
    for indicator in {r.indicator for r in dataset.records} - set(found):
        found[indicator] = decimals_needed(r.waarde for lg in dataset.peers(laag)
                                           for r in dataset.rows(indicator, lg, jaar))
    return found


def nice_ceiling(value: float) -> float:
    """The scale's end for a largest value: rounded up to one significant digit
    (47 -> 50, 59 -> 60, 91 -> 100, 13 -> 20, 3 -> 3), at least 1."""
    if value <= 1:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return float(math.ceil(round(value / magnitude, 9)) * magnitude)


def scale_domains(dataset: Dataset, spec: FactsheetSpec) -> dict[str, float]:
    """The value at each figure's scale end, from the data of every unit and
    year (so every factsheet of the data draws a value at one length): the
    largest value of its indicators, rounded up (nice_ceiling). Figures with
    scale = "page" share the largest end among the page's figures of their
    axis (layout.toml); a number sets the end."""
    largest: dict[str, float] = defaultdict(float)
    for record in dataset.records:
        largest[record.indicator] = max(largest[record.indicator], record.waarde)
    own = {b.id: b.scale_end if b.scale == "fixed" else nice_ceiling(max(largest[i] for i in b.data))
           for b in spec.figure_blocks()}
    group: dict[tuple[int, str], float] = defaultdict(float)
    for b in spec.figure_blocks():
        if b.scale == "page":
            key = (spec.page_of(b.id), CHART_KINDS[b.chart].axis)
            group[key] = max(group[key], own[b.id])
    return {b.id: group[(spec.page_of(b.id), CHART_KINDS[b.chart].axis)] if b.scale == "page" else own[b.id]
            for b in spec.figure_blocks()}


def block_problems(dataset: Dataset, spec: FactsheetSpec, laag: str, jaar: int) -> list[DataError]:
    """Every block whose data is missing, each as its own problem (for validate)."""
    problems = []
    for block in spec.placed_blocks():
        try:
            if block.kind == "figure":
                _chart_data(dataset, block, laag, jaar, set())
            elif block.kind == "top3":
                rank_items(dataset, block.data[0], laag, edition_of(dataset, block, laag, jaar), 3, set())
        except DataError as exc:
            problems.append(exc)
    return problems


def rank_items(dataset: Dataset, indicator: str, laag: str, jaar: int, count: int,
               shown: set[Record], longest: int | None = None) -> list[RankedItem]:
    """The items ranked `count` or higher, by value as printed. Ties share a rank
    (competition ranking: 48, 48, 30 are ranked 1, 1, 3), and items tied with the
    last place are shown too, so a list never picks one of equals by row order.
    When ties would make the list longer than `longest` (default count + 1) lines,
    the tied group is one line that says how many items share that place."""
    rows = dataset.rows(indicator, laag, jaar)
    if len(rows) < count:
        raise DataError(f"{indicator}: {len(rows)} items for {laag} {jaar}; the top {count} needs {count}")
    decimals = decimals_needed(r.waarde for r in rows)
    value = {id(r): round_half_away(r.waarde, decimals) for r in rows}
    ranked = sorted(rows, key=lambda r: -value[id(r)])
    rank = {id(r): 1 + sum(1 for o in ranked if value[id(o)] > value[id(r)]) for r in ranked}
    listed = [r for r in ranked if rank[id(r)] <= count]
    shown.update(listed)
    items = [RankedItem(rank[id(r)], r.item, r.waarde, r.illustrative, decimals) for r in listed]
    if len(items) > (longest or count + 1):
        last = items[-1].rank
        tied = [i for i in items if i.rank == last]
        items = [i for i in items if i.rank < last] + [
            RankedItem(last, "", tied[0].value, any(i.illustrative for i in tied), decimals, len(tied))]
    return items


def edition_of(ds: Dataset, block: BlockSpec, laag: str, jaar: int) -> int:
    """The year a block shows: the factsheet's, or with edition = "latest" the
    latest year up to it that has the block's data (a question not asked every edition)."""
    if block.edition != "latest":
        return jaar
    years = [y for indicator in block.data for y in ds.years(indicator, laag, jaar)]
    return max(years, default=jaar)


def _chart_data(ds: Dataset, block: BlockSpec, laag: str, jaar: int, shown: set[Record]) -> ChartData:
    data = _table(ds, block, laag, jaar, shown)
    if not data.series_are_years and block.shape != "jaren_items":
        data = replace(data, slots=tuple(ds.lagen.index(s) for s in data.series))
    return sorted_by_value(data) if block.order == "value" else data


def sorted_by_value(data: ChartData) -> ChartData:
    """The items from high to low by the highlighted series' value (the
    factsheet's own unit, or this edition), else the first series', as
    printed: values that print equal keep the data's order, missing ones last."""
    series = next((k for k, s in enumerate(data.series) if s in data.highlight), 0)
    row = data.cells[series]

    def key(i: int) -> tuple[bool, float, int]:
        cell = row[i]
        return cell is None, -round_half_away(cell.value, data.decimals) if cell else 0.0, i

    order = sorted(range(len(data.categories)), key=key)
    return replace(data, categories=tuple(data.categories[i] for i in order),
                   cells=tuple(tuple(cells[i] for i in order) for cells in data.cells), sorted_by_value=True)


def _table(ds: Dataset, block: BlockSpec, laag: str, jaar: int, shown: set[Record]) -> ChartData:
    purpose = f"Figuur {block.number} ({block.id})"
    jaar = edition_of(ds, block, laag, jaar)
    peers = ds.peers(laag)
    names = tuple((k, ds.units[k].name) for k in peers)
    if block.shape == "items":
        rows = [r for ind in block.data for r in ds.rows(ind, laag, jaar)]
        if not rows:
            raise DataError(f"no data for {purpose}: {', '.join(block.data)}, {laag} {jaar}")
        shown.update(rows)
        return _with_decimals(ChartData(tuple(r.item for r in rows), (laag,),
                                        (tuple(Cell(r.waarde, r.illustrative) for r in rows),), block.highlight))
    indicator = block.data[0]
    if block.shape == "items_lagen":
        items = _items(ds, indicator, laag, jaar, purpose)
        cells = tuple(tuple(_cell(ds, indicator, lg, jaar, item, shown) for item in items) for lg in peers)
        return _with_decimals(ChartData(items, peers, cells, (laag,), names))
    years = shown_years(ds, block, laag, jaar)
    if block.shape == "lagen_jaren":
        cells = tuple(tuple(_cell(ds, indicator, lg, year, None, shown) for lg in peers) for year in years)
        return _with_decimals(ChartData(peers, tuple(map(str, years)), cells, (laag,), names, series_are_years=True))
    if block.shape == "jaren":             # the latest edition shown is the highlighted one
        row = tuple(_cell(ds, indicator, laag, year, None, shown) for year in years)
        return _with_decimals(ChartData(tuple(map(str, years)), (laag,), (row,), tuple(map(str, years[-1:])), names))
    if block.shape == "items_jaren":     # every item of the years shown: one missing this year is a gap
        items = tuple(dict.fromkeys(r.item for year in years for r in ds.rows(indicator, laag, year)))
        if not items:
            raise DataError(f"no data for {purpose}: {indicator}, {laag}")
        cells = tuple(tuple(_cell(ds, indicator, laag, year, item, shown) for item in items) for year in years)
        return _with_decimals(ChartData(items, tuple(map(str, years)), cells, (str(jaar),), series_are_years=True))
    # jaren_items: one line per item over the years
    items = _items(ds, indicator, laag, jaar, purpose)
    cells = tuple(tuple(_cell(ds, indicator, laag, year, item, shown) for year in years) for item in items)
    return _with_decimals(ChartData(tuple(map(str, years)), items, cells))


def _with_decimals(data: ChartData) -> ChartData:
    return replace(data, decimals=decimals_needed(c.value for c in data.present()))


def shown_years(ds: Dataset, block: BlockSpec, laag: str, jaar: int) -> list[int]:
    """The years a trend figure shows: up to `jaar`, at most the block's `years`
    latest. A figure of units over the years (lagen_jaren) shows every year any
    of its units has, so a unit that joined later shows a gap, not an error."""
    units = ds.peers(laag) if block.shape == "lagen_jaren" else (laag,)
    years = sorted({y for unit in units for y in ds.years(block.data[0], unit, jaar)})
    return years[-block.years:] if block.years else years


def _items(ds: Dataset, indicator: str, laag: str, jaar: int, purpose: str) -> tuple[str, ...]:
    items = tuple(r.item for r in ds.rows(indicator, laag, jaar))
    if not items:
        raise DataError(f"no data for {purpose}: {indicator}, {laag} {jaar}")
    return items


def _cell(ds: Dataset, indicator: str, laag: str, jaar: int, item: str | None,
          shown: set[Record]) -> Cell | None:
    """The value, or None (a gap in the chart) where the data has none."""
    record = ds.record(indicator, laag, jaar, item)
    if record is None:
        return None
    shown.add(record)
    return Cell(record.waarde, record.illustrative)
