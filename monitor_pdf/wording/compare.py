"""The rules behind comparisons: when two percentages differ, and what follows
from that for groups, rankings and series. Numbers in, outcomes out; no words.

Whether two percentages differ is decided by a two-sided z-test on two
proportions (alpha 0.05) when both carry a sample size n, and otherwise by a
threshold: a difference under THRESHOLD_PP percentage points counts as equal.
The Comparer remembers which method it used, so the factsheet's source line
can say so (docs/wording.md). Values are compared as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import sqrt
from statistics import NormalDist

THRESHOLD_PP = 5.0   # without n: a smaller difference in percentage points is "gelijk"
ALPHA = 0.05         # with n: significance level of the two-sided z-test

THRESHOLD = "drempel"
TEST = "toets"


@dataclass(frozen=True)
class Measure:
    """A percentage (as printed) and, where known, the sample size it rests on."""
    value: float
    n: int | None = None


def _measure(x) -> Measure:
    return x if isinstance(x, Measure) else Measure(float(x))


def z_statistic(a: Measure, b: Measure) -> float:
    """Pooled two-proportion z statistic of a against b (both with n)."""
    assert a.n is not None and b.n is not None, "the z-test is only used when both measures have n"
    p1, p2 = a.value / 100, b.value / 100
    pooled = (p1 * a.n + p2 * b.n) / (a.n + b.n)
    se = sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n))
    if se == 0:
        return 0.0 if p1 == p2 else float("inf") * (1 if p1 > p2 else -1)
    return (p1 - p2) / se


class Comparer:
    def __init__(self, threshold_pp: float = THRESHOLD_PP, alpha: float = ALPHA):
        self.threshold_pp = threshold_pp
        self.critical_z = NormalDist().inv_cdf(1 - alpha / 2)
        self.methods: set[str] = set()

    def differ(self, a, b) -> bool:
        a, b = _measure(a), _measure(b)
        if a.n and b.n:
            self.methods.add(TEST)
            return abs(z_statistic(a, b)) >= self.critical_z
        self.methods.add(THRESHOLD)
        return abs(a.value - b.value) >= self.threshold_pp - 1e-9

    def compare(self, a, b) -> str:
        """'meer', 'minder' or 'gelijk': a against b."""
        a, b = _measure(a), _measure(b)
        if not self.differ(a, b):
            return "gelijk"
        return "meer" if a.value > b.value else "minder"

    def relations(self, values: dict[str, Measure]) -> list[tuple[list[str], list[str]]]:
        """Every difference between groups, pair by pair, as (higher, lower) statements.

        For each group, the groups below it that differ from it; groups with the
        same set below them are said together. 46/42/38 with a 5-point threshold
        gives [(['a'], ['c'])] (only the extremes differ); 46/47/22 gives
        [(['a', 'b'], ['c'])]; three groups that all differ give
        [(['a'], ['b', 'c']), (['b'], ['c'])]. Groups keep their given order."""
        order = list(values)
        below: dict[str, tuple[str, ...]] = {}
        for key in order:
            below[key] = tuple(k for k in order if values[k].value < values[key].value
                               and self.differ(values[key], values[k]))
        statements: dict[tuple[str, ...], list[str]] = {}
        for key in sorted(order, key=lambda k: -values[k].value):
            if below[key]:
                statements.setdefault(below[key], []).append(key)
        return [([k for k in order if k in higher], list(lower)) for lower, higher in statements.items()]

    def top_group(self, ranked: list[tuple[str, Measure]], prefer: int, largest: int) -> list[str] | None:
        """The items that stand out: the top `prefer` items (ties at the cut included)
        when every one of them differs from every item below; else the smallest such
        group up to `largest` items. None when no group stands out."""
        def clean(size: int) -> list[str] | None:
            if size > len(ranked):
                return None
            cut = ranked[size - 1][1].value
            group = [(k, m) for k, m in ranked if m.value >= cut]
            rest = [m for _, m in ranked if m.value < cut]
            if not rest or not all(self.differ(g, r) for _, g in group for r in rest):
                return None
            return [k for k, _ in group]

        preferred = clean(prefer)
        if preferred is not None and len(preferred) <= largest:
            return preferred
        for size in range(1, largest + 1):
            group = clean(size)
            if group is not None and len(group) <= largest:
                return group
        return None

    def shape(self, series: list[Measure]) -> str:
        """The shape of a series: 'gelijk' (no two editions differ), 'toegenomen'
        (some rise, never a fall between any two editions), 'afgenomen', 'piek'
        (rises to its highest point, then falls), 'dal' (the reverse), else
        'wisselend'. Every pair of editions counts, not only the ends."""
        pairs = [(i, j) for i in range(len(series)) for j in range(i + 1, len(series))]
        up = {(i, j) for i, j in pairs if series[j].value > series[i].value and self.differ(series[i], series[j])}
        down = {(i, j) for i, j in pairs if series[j].value < series[i].value and self.differ(series[i], series[j])}
        if not up and not down:
            return "gelijk"
        if not down:
            return "toegenomen"
        if not up:
            return "afgenomen"
        values = [m.value for m in series]
        for outcome, turn, rising, falling in (("piek", values.index(max(values)), up, down),
                                               ("dal", values.index(min(values)), down, up)):
            before = all(j > turn for i, j in falling)      # no counter-move up to the turn
            after = all(i < turn for i, j in rising)        # no move the first way after it
            if before and after and any(j <= turn for i, j in rising) and any(i >= turn for i, j in falling):
                return outcome
        return "wisselend"

    @property
    def method(self) -> str:
        """'drempel', 'toets' or 'beide': what decided the comparisons so far."""
        if self.methods == {TEST}:
            return TEST
        return "beide" if TEST in self.methods else THRESHOLD
