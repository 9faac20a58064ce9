"""Recompute every claim of a factsheet from the raw tables, independently of the
code under test (tests only).

Reads the CSV files with the csv module and texts.toml / layout.toml with
tomllib, and applies the rules as docs/wording.md states them: a difference
counts from 5 percentage points, or by a two-sided z-test (p < 0,05) where
both values have n; groups are compared pair by pair; a trend looks at every
pair of editions. Values must be whole numbers here (the datasets these
checks run on are made so), so a value as printed is the value in the table.
`check(wording, data_dir, laag, jaar)` returns a list of problems.
"""

from __future__ import annotations

import csv
import math
import tomllib
from pathlib import Path

from monitor_pdf import resources

FACTSHEET = resources.factsheet_dir()      # the default kind; check() takes another
Z_CRITICAL = 1.959963984540054      # two-sided, alpha 0.05

# The words for whole percentages, as docs/wording.md lists them.
WORDS = [(0, 0, "vrijwel niemand"), (1, 7, "een klein deel"), (8, 8, "bijna één op de tien"),
         (9, 10, "één op de tien"), (11, 11, "ruim één op de tien"), (12, 13, "één op de acht"),
         (14, 15, "één op de zeven"), (16, 17, "één op de zes"), (18, 18, "ruim één op de zes"),
         (19, 21, "één op de vijf"), (22, 22, "ruim één op de vijf"), (23, 23, "bijna een kwart"),
         (24, 26, "een kwart"), (27, 27, "ruim een kwart"), (28, 28, "bijna drie op de tien"),
         (29, 31, "drie op de tien"), (32, 34, "een derde"), (35, 36, "ruim een derde"),
         (37, 38, "bijna vier op de tien"), (39, 41, "vier op de tien"), (42, 44, "ruim vier op de tien"),
         (45, 48, "bijna de helft"), (49, 51, "de helft"), (52, 54, "ruim de helft"),
         (55, 58, "bijna zes op de tien"), (59, 61, "zes op de tien"), (62, 63, "ruim zes op de tien"),
         (64, 65, "bijna twee derde"), (66, 68, "twee derde"), (69, 71, "zeven op de tien"),
         (72, 72, "ruim zeven op de tien"), (73, 73, "bijna drie kwart"), (74, 76, "drie kwart"),
         (77, 77, "ruim drie kwart"), (78, 78, "bijna acht op de tien"), (79, 81, "acht op de tien"),
         (82, 84, "ruim acht op de tien"), (85, 88, "bijna negen op de tien"), (89, 89, "negen op de tien"),
         (90, 97, "de overgrote meerderheid"), (98, 99, "vrijwel iedereen"), (100, 100, "iedereen")]


def words_for(value: float) -> str:
    return next(w for lo, hi, w in WORDS if lo <= value <= hi)


class Tables:
    """The raw rows of a data folder: (indicator, item, laag, jaar) -> (value, n, status)."""

    def __init__(self, folder: Path):
        self.rows: dict[tuple, tuple] = {}
        self.order: list[tuple] = []          # keys in file and row order
        for path in sorted(Path(folder).glob("*.csv")):
            if path.name in ("eenheden.csv", "zinsdelen.csv"):
                continue
            with path.open(encoding="utf-8-sig", newline="") as fh:
                for row in csv.DictReader(fh):
                    key = (row["indicator"], row["item"], row["bestuurslaag"], int(row["jaar"]))
                    self.rows[key] = (float(row["waarde"]), int(row["n"]) if row.get("n") else None, row["status"])
                    self.order.append(key)
        self.lagen = list(dict.fromkeys(k[2] for k in self.order))

    def items(self, indicator: str, laag: str, jaar: int) -> list[str]:
        return [k[1] for k in self.order if k[0] == indicator and k[2] == laag and k[3] == jaar]

    def get(self, indicator, item, laag, jaar):
        if item is None:
            items = self.items(indicator, laag, jaar)
            item = items[0] if len(items) == 1 else None
        return self.rows.get((indicator, item, laag, jaar))

    def years(self, indicator: str, laag: str, item: str | None, up_to: int) -> list[int]:
        return sorted({k[3] for k in self.order if k[0] == indicator and k[2] == laag and k[3] <= up_to
                       and (item is None or k[1] == item)})


def differ(a: tuple, b: tuple) -> bool:
    (va, na), (vb, nb) = a[:2], b[:2]
    if na and nb:
        p1, p2 = va / 100, vb / 100
        pooled = (p1 * na + p2 * nb) / (na + nb)
        se = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
        return (abs(p1 - p2) / se >= Z_CRITICAL) if se else p1 != p2
    return abs(va - vb) >= 5


def relation(a: tuple, b: tuple) -> str:
    return "gelijk" if not differ(a, b) else ("meer" if a[0] > b[0] else "minder")


def shape(series: list[tuple]) -> str:
    n = len(series)
    ups = {(i, j) for i in range(n) for j in range(i + 1, n)
           if series[j][0] > series[i][0] and differ(series[i], series[j])}
    downs = {(i, j) for i in range(n) for j in range(i + 1, n)
             if series[j][0] < series[i][0] and differ(series[i], series[j])}
    if not ups and not downs:
        return "gelijk"
    if not downs:
        return "toegenomen"
    if not ups:
        return "afgenomen"
    for name, first, then in (("piek", ups, downs), ("dal", downs, ups)):
        for t in range(n):
            if (not any(j <= t for i, j in then) and not any(i >= t for i, j in first)
                    and any(j <= t for i, j in first) and any(i >= t for i, j in then)):
                return name
    return "wisselend"


def differing_pairs(values: dict[str, tuple]) -> set[tuple[str, str]]:
    return {(h, lo) for h in values for lo in values if values[h][0] > values[lo][0] and differ(values[h], values[lo])}


def expanded(relations) -> set[tuple[str, str]]:
    return {(h, lo) for high, low in relations for h in high for lo in low}


def standing_out(ranked: list[tuple[str, tuple]], prefer: int, largest: int) -> list[str] | None:
    def group_at(size):
        if size > len(ranked):
            return None
        cut = ranked[size - 1][1][0]
        inside = [(k, v) for k, v in ranked if v[0] >= cut]
        outside = [v for _, v in ranked if v[0] < cut]
        if outside and all(differ(v, o) for _, v in inside for o in outside):
            return [k for k, _ in inside]
        return None

    preferred = group_at(prefer)
    if preferred and len(preferred) <= largest:
        return preferred
    for size in range(1, largest + 1):
        found = group_at(size)
        if found and len(found) <= largest:
            return found
    return None


def shown_years(tables: Tables, indicator: str, laag: str, jaar: int, kind: Path = FACTSHEET) -> list[int]:
    layout = tomllib.loads((kind / "layout.toml").read_text(encoding="utf-8"))
    figure = next((b for b in layout["block"].values() if b.get("shape") == "jaren_items"
                   and indicator in ([b["data"]] if isinstance(b["data"], str) else b["data"])), None)
    years = tables.years(indicator, laag, None, jaar)
    return years[-figure["years"]:] if figure and figure.get("years") else years


def check(wording, data_dir: Path, laag: str, jaar: int, kind: Path = FACTSHEET) -> list[str]:
    """Every claim of the wording, recomputed from the raw tables."""
    tables = Tables(data_dir)
    declared = tomllib.loads((Path(kind) / "texts.toml").read_text(encoding="utf-8"))["claim"]
    problems = []
    for name, spec in declared.items():
        claim = wording.claims[name]
        year = jaar
        if spec.get("edition") == "latest":       # the latest edition of the indicator, up to the factsheet's year
            year = max(tables.years(spec["indicator"], laag, None, jaar))
        for i in claim.inputs:
            raw = tables.rows.get((i.indicator, i.item, i.laag, i.jaar))
            if raw is None or raw[0] != i.value:
                problems.append(f"{name}: input {i.indicator}/{i.item}/{i.laag}/{i.jaar} = {i.value} is not in "
                                f"the table as such ({raw})")
        expected = _expected(name, spec, claim, tables, laag, year, wording, Path(kind))
        if expected is not None and expected != claim.outcome:
            problems.append(f"{name} ({spec['rule']}): outcome {claim.outcome!r}, recomputed {expected!r}")
    return problems


def _expected(name, spec, claim, t: Tables, laag, jaar, wording, kind):
    ind, item = spec.get("indicator"), spec.get("item")
    rule = spec["rule"]
    if rule == "value":
        v = t.get(ind, item, laag, jaar)[0]
        return "nul" if v == 0 else "alle" if v == 100 else "deel"
    if rule == "editions":
        now = t.get(ind, item, laag, jaar)
        years = [y for y in t.years(ind, laag, item, jaar) if y < jaar][-spec.get("count", 2):]
        relations = [(y, relation(now, t.get(ind, item, laag, y))) for y in years]
        assert list(map(tuple, claim.detail["relations"])) == relations, (name, claim.detail, relations)
        return "vergeleken" if years else "eerste"
    if rule == "change":
        back, minimum = spec.get("years", 10), spec.get("minimum", 6)
        candidates = [y for y in t.years(ind, laag, item, jaar) if jaar - y >= minimum]
        if not candidates:
            return "geen"
        then = min(candidates, key=lambda y: (abs(jaar - back - y), y))
        assert claim.detail["then_year"] == then and claim.detail["relation"] == relation(
            t.get(ind, item, laag, jaar), t.get(ind, item, laag, then)), (name, claim.detail)
        return "precies" if then == jaar - back else "sinds"
    if rule in ("top", "lowest"):
        values = {i: t.get(ind, i, laag, jaar) for i in t.items(ind, laag, jaar)}
        if rule == "lowest":
            low = min(v[0] for v in values.values())
            bottom = [k for k, v in values.items() if v[0] == low]
            others = [v for k, v in values.items() if v[0] > low]
            assert sorted(claim.detail["items"]) == sorted(bottom), (name, claim.detail)
            if not others:
                return "geen"
            if low < 10:
                return "weinig"
            return "minder" if all(differ(values[b], o) for b in bottom for o in others) else "geen"
        ranked = sorted(values.items(), key=lambda kv: -kv[1][0])
        group = standing_out(ranked, spec.get("prefer", 1), spec.get("max", 3))
        if group is not None:
            assert sorted(claim.detail["group"]) == sorted(group), (name, claim.detail, group)
            return "groep"
        alike = all(not differ(a, b) for a in values.values() for b in values.values())
        return "alle" if alike else "geen"
    if rule in ("units", "units_per_item"):
        peers = list(t.lagen)
        items = [item] if rule == "units" else t.items(ind, laag, jaar)
        differs, compared = False, False
        for it in items:
            values = {lg: t.get(ind, it, lg, jaar) for lg in peers if t.get(ind, it, lg, jaar)}
            if len(values) < 2:
                continue
            compared = True
            pairs = differing_pairs(values)
            said = claim.detail["relations"] if rule == "units" else claim.detail["items"][it]["relations"]
            assert expanded(said) == pairs, (name, it, said, pairs)
            differs |= bool(pairs)
        return "geen" if not compared else "verschil" if differs else "gelijk"
    if rule in ("trend", "against_past"):
        years = [y for y in shown_years(t, ind, laag, jaar, kind) if t.get(ind, item, laag, y)]
        series = [t.get(ind, item, laag, y) for y in years]
        if len(series) == 1:
            return "eerste"
        if rule == "trend":
            return shape(series)
        exceptions = [y for y, v in zip(years[:-1], series[:-1]) if differ(series[-1], v)]
        assert claim.detail["exceptions"] == exceptions, (name, claim.detail, exceptions)
        if not exceptions:
            return "gelijk"
        if len(series) - 1 >= 2 and 2 * len(exceptions) <= len(series) - 1:
            return "uitzondering"
        assert claim.detail["shape"] == shape(series), (name, claim.detail)
        return "trend"
    if rule == "same_words":
        words = [words_for(wording.claims[c].inputs[0].value) for c in spec["claims"]]
        return "zelfde" if len(set(words)) == 1 else "verschillend"
    if rule == "compare_items":
        return relation(t.get(ind, item, laag, jaar), t.get(ind, spec["than"], laag, jaar))
    if rule == "compare_unit":
        ref = next((lg for lg in t.lagen if lg != laag), None)
        outcomes = {relation(t.get(ind, it, laag, jaar), t.get(ind, it, ref, jaar))
                    for it in spec["items"] if ref and t.get(ind, it, ref, jaar)}
        return "geen" if not outcomes else outcomes.pop() if len(outcomes) == 1 else "gemengd"
    return None
