"""Comparisons in words: over years, between bestuurslagen, between statements.

Whether two percentages differ is decided by a two-sided z-test on two
proportions (alpha 0.05) when both carry a sample size n, and otherwise by a
threshold: a difference under THRESHOLD_PP percentage points counts as equal.
The Comparer remembers which method it used, so the factsheet's source line
can say so (docs/wording.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import sqrt
from statistics import NormalDist

from monitor_pdf.wording.phrases import join

THRESHOLD_PP = 5.0   # without n: a smaller difference in percentage points is "gelijk"
ALPHA = 0.05         # with n: significance level of the two-sided z-test

THRESHOLD = "drempel"
TEST = "toets"


@dataclass(frozen=True)
class Measure:
    """A percentage and, where known, the sample size it rests on."""
    value: float
    n: int | None = None


def _measure(x) -> Measure:
    return x if isinstance(x, Measure) else Measure(float(x))


def z_statistic(a: Measure, b: Measure) -> float:
    """Pooled two-proportion z statistic of a against b (both with n)."""
    p1, p2 = a.value / 100, b.value / 100
    pooled = (p1 * a.n + p2 * b.n) / (a.n + b.n)
    se = sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n))
    if se == 0:
        return 0.0 if p1 == p2 else float("inf") * (1 if p1 > p2 else -1)
    return (p1 - p2) / se


_VERSUS = {"gelijk": "evenveel als in", "meer": "meer dan in", "minder": "minder dan in"}
_RATIO_WORDS = ((3.1, "meer dan verdrievoudigd"), (2.9, "verdrievoudigd"), (2.6, "bijna verdrievoudigd"),
                (2.1, "meer dan verdubbeld"), (1.9, "verdubbeld"), (1.7, "bijna verdubbeld"),
                (1.0, "toegenomen"), (0.65, "afgenomen"), (0.55, "bijna gehalveerd"),
                (0.45, "gehalveerd"), (0.0, "meer dan gehalveerd"))


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
        return abs(a.value - b.value) >= self.threshold_pp

    def compare(self, a, b) -> str:
        """'meer', 'minder' or 'gelijk': a against b."""
        a, b = _measure(a), _measure(b)
        if not self.differ(a, b):
            return "gelijk"
        return "meer" if a.value > b.value else "minder"

    def versus_years(self, value, earlier: list[tuple[int, object]]) -> str:
        """'evenveel als in 2020 maar minder dan in 2022' (earlier: oldest first)."""
        if not earlier:
            return "de eerste meting"
        relations = [(self.compare(value, v), year) for year, v in earlier]
        if len({r for r, _ in relations}) == 1:
            return f"{_VERSUS[relations[0][0]]} {join([str(y) for _, y in relations])}"
        return " maar ".join(f"{_VERSUS[r]} {y}" for r, y in relations)

    def change_since(self, now, then) -> str:
        """How a percentage changed over a longer period: 'bijna verdubbeld', 'afgenomen'..."""
        now, then = _measure(now), _measure(then)
        if self.compare(now, then) == "gelijk":
            return "gelijk gebleven"
        if then.value <= 0:
            return "toegenomen"
        ratio = now.value / then.value
        return next(words for lower, words in _RATIO_WORDS if ratio >= lower)

    def trend(self, first, last) -> str:
        return {"gelijk": "gelijk gebleven", "meer": "toegenomen",
                "minder": "afgenomen"}[self.compare(last, first)]

    def series_against_past(self, series: list[tuple[int, object]]) -> str:
        """The last value against every earlier one: 'is gelijk aan voorgaande jaren
        (met uitzondering van 2020)', or the overall trend when most years differ."""
        *earlier, (_, last) = series
        exceptions = [year for year, v in earlier if self.differ(last, v)]
        if not exceptions:
            return "is gelijk aan voorgaande jaren"
        if len(exceptions) * 2 <= len(earlier):
            return f"is gelijk aan voorgaande jaren (met uitzondering van {join([str(y) for y in exceptions])})"
        return "is " + self.trend(earlier[0][1], last)

    def split_groups(self, values: dict[str, object]) -> tuple[list[str], list[str]] | None:
        """Split (bestuurslagen) into a high and a low group at the largest gap
        between neighbours, or None when the two sides of that gap do not differ."""
        measures = {k: _measure(v) for k, v in values.items()}
        ordered = sorted(measures, key=lambda k: -measures[k].value)
        if len(ordered) < 2:
            return None
        gap_at = max(range(len(ordered) - 1),
                     key=lambda i: measures[ordered[i]].value - measures[ordered[i + 1]].value)
        if not self.differ(measures[ordered[gap_at]], measures[ordered[gap_at + 1]]):
            return None
        high = set(ordered[:gap_at + 1])
        return [k for k in values if k in high], [k for k in values if k not in high]

    @property
    def method(self) -> str:
        """'drempel', 'toets' or 'beide': what decided the comparisons so far."""
        if self.methods == {TEST}:
            return TEST
        return "beide" if TEST in self.methods else THRESHOLD
