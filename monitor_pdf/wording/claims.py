"""Content: what each sentence asserts, computed from the data before any word is chosen.

A claim has a name (its `[claim.NAME]` in texts.toml), the rule it follows
(vocabulary.py), the values it rests on (`inputs`, each addressed by
indicator, item, unit and year, never by row position), an outcome
("meer", "gelijk", "piek", ...) and the details a test needs to recompute it.
Values are taken as printed (rounded as the chart beside them rounds them).
A claim that needs a value the data does not have stops the build with a
DataError naming the texts.toml line and the blocks that need it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, overload

from monitor_pdf.data.records import Record
from monitor_pdf.errors import DataError
from monitor_pdf.model import FactsheetModel
from monitor_pdf.textspec import ClaimSpec
from monitor_pdf.wording.bands import bands_for
from monitor_pdf.wording.compare import Comparer, Measure
from monitor_pdf.words import Words


@dataclass(frozen=True)
class Input:
    """One value a claim rests on, as printed."""
    indicator: str
    item: str
    laag: str
    jaar: int
    value: float
    n: int | None
    record: Record = field(repr=False, compare=False)

    @property
    def illustrative(self) -> bool:
        return self.record.illustrative

    @property
    def measure(self) -> Measure:
        return Measure(self.value, self.n)


@dataclass(frozen=True)
class Claim:
    name: str
    rule: str
    outcome: str
    inputs: tuple[Input, ...]
    detail: dict = field(default_factory=dict, compare=False)
    methods: frozenset[str] = frozenset()

    @property
    def illustrative(self) -> bool:
        return any(i.illustrative for i in self.inputs)


class Facts:
    """The data of one factsheet, as a claim reads it; every miss is a located error."""

    def __init__(self, model: FactsheetModel, spec: ClaimSpec, users: list[str], words: Words):
        self.model, self.ds, self.spec, self.words = model, model.dataset, spec, words
        self.laag, self.jaar = model.laag, model.jaar
        self.needed_by = f"needed by {', '.join(users)}" if users else "declared here"
        self.cmp = Comparer()
        if spec.get("edition") == "latest":       # the latest edition that has the indicator
            years = self.ds.years(spec.get("indicator"), self.laag, model.jaar)
            if not years:
                raise self.fail(f"no edition of {spec.get('indicator')} for {self.laag} up to {model.jaar}")
            self.jaar = years[-1]

    def fail(self, message: str) -> DataError:
        return DataError(f"claim '{self.spec.name}' ({self.needed_by}): {message}",
                         file=self.spec.path, line=self.spec.line)

    @overload
    def value(self, item: str | None, laag: str | None = None, jaar: int | None = None,
              required: Literal[True] = True) -> Input: ...

    @overload
    def value(self, item: str | None, laag: str | None = None, jaar: int | None = None,
              required: bool = True) -> Input | None: ...

    def value(self, item: str | None, laag: str | None = None, jaar: int | None = None,
              required: bool = True) -> Input | None:
        """The value of an item (None: the only one) of the claim's indicator; a
        missing value is an error, or None when not `required`."""
        indicator = self.spec.get("indicator")
        laag, jaar = laag or self.laag, jaar or self.jaar
        rows = self.ds.rows(indicator, laag, jaar)
        if item is None and len(rows) > 1:
            raise self.fail(f"{indicator} has {len(rows)} items for {laag} {jaar}; name one with item = \"...\"")
        found = rows[0] if item is None and rows else next((r for r in rows if r.item == item), None)
        if found is None:
            if not required:
                return None
            self.check_item_exists(indicator, item)
            what = indicator + (f" '{item}'" if item else "")
            raise self.fail(f"no value for {what}, {laag} {jaar} in the data ({self.where_indicator(indicator)})")
        return Input(indicator, found.item, laag, jaar, self.model.printed(indicator, found.waarde), found.n, found)

    def items(self, laag: str | None = None) -> list[Input]:
        indicator = self.spec.get("indicator")
        rows = self.ds.rows(indicator, laag or self.laag, self.jaar)
        if not rows and (laag or self.laag) == self.laag:
            raise self.fail(f"no values for {indicator}, {self.laag} {self.jaar} in the data")
        return [Input(indicator, r.item, r.laag, r.jaar, self.model.printed(indicator, r.waarde), r.n, r)
                for r in rows]

    def series(self, item: str) -> list[Input]:
        """The item's values over the years its trend figure shows (else all years), up to this year."""
        indicator = self.spec.get("indicator")
        years = self.model.trend_years.get(indicator) or self.ds.years(indicator, self.laag, self.jaar)
        found = [self.value(item, jaar=y, required=(y == self.jaar)) for y in years if y <= self.jaar]
        if not years or years[-1] != self.jaar:
            self.value(item)             # raises: this year's value is missing
        return [i for i in found if i is not None]

    def check_item_exists(self, indicator: str, item: str | None) -> None:
        if item is None:
            return
        known = list(dict.fromkeys(r.item for r in self.ds.records if r.indicator == indicator))
        if known and item not in known:
            raise self.fail(f"{indicator} has no item '{item}' anywhere in the data "
                            f"(its items: {', '.join(known)})")

    def where_indicator(self, indicator: str) -> str:
        files = sorted({r.file for r in self.ds.records if r.indicator == indicator})
        return ", ".join(files) if files else f"no table has indicator {indicator}"


def value_detail(value: float, words: Words) -> dict:
    bands = bands_for(words)
    return {"value": value, "band": bands.band(value).key, "half": bands.half(value).key}
