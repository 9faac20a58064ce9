"""The values and decisions the templates of the agressie factsheet need.

Every number and every judgement ("evenveel als", "bijna verdubbeld",
"geen verschillen") is computed here from the model, so a factsheet for another
bestuurslaag or year says what its own numbers say.
"""

from __future__ import annotations

from collections.abc import Mapping

from monitor_pdf.errors import SpecError
from monitor_pdf.model import Dataset, FactsheetModel
from monitor_pdf.spec import FactsheetSpec
from monitor_pdf.wording import phrases as ph
from monitor_pdf.wording.compare import Comparer, Measure
from monitor_pdf.wording.numbers import format_number, format_pct, format_procent, format_value
from monitor_pdf.wording.phrases import Phrase

Values = dict[str, "str | Phrase"]


class _Facts:
    """Shorthand access to the values of one laag and year, and the comparer."""

    def __init__(self, model: FactsheetModel, comparer: Comparer):
        self.ds: Dataset = model.dataset
        self.laag, self.jaar = model.laag, model.jaar
        self.trend_years = model.trend_years
        self.cmp = comparer

    def measure(self, indicator: str, item: str | None = None, laag: str | None = None,
                jaar: int | None = None) -> Measure:
        record = self.ds.require(indicator, laag or self.laag, jaar or self.jaar, item, "the text")
        return Measure(record.waarde, record.n)

    def value(self, indicator: str, item: str | None = None, laag: str | None = None) -> float:
        return self.measure(indicator, item, laag).value

    def items(self, indicator: str, laag: str | None = None) -> list[tuple[str, Measure]]:
        rows = self.ds.rows(indicator, laag or self.laag, self.jaar)
        if not rows:
            self.measure(indicator, laag=laag)  # raises the DataError naming what is missing
        return [(r.item, Measure(r.waarde, r.n)) for r in rows]

    def names(self, units) -> str:
        """Units as named in a sentence, joined: 'gemeenten, provincies en waterschappen'."""
        return ph.join([self.ds.units[u].in_sentence for u in units])

    def ranked(self, indicator: str) -> list[tuple[str, Measure]]:
        """Items from high to low; ties keep their row order."""
        return sorted(self.items(indicator), key=lambda im: -im[1].value)

    def series(self, indicator: str, item: str | None = None) -> list[tuple[int, Measure]]:
        """The values over the years its trend figure shows (all years when no figure shows it)."""
        years = self.trend_years.get(indicator) or self.ds.years(indicator, self.laag, self.jaar)
        return [(y, self.measure(indicator, item, jaar=y)) for y in years]


def build_values(model: FactsheetModel, spec: FactsheetSpec) -> tuple[Values, dict[str, str]]:
    """All placeholder values and variant decisions for one factsheet."""
    comparer = Comparer()
    f = _Facts(model, comparer)
    item_names = spec.texts.get("items", {})
    values: Values = {
        "laag": model.unit.in_sentence, "Laag": model.unit.name, "jaar": str(model.jaar),
        "lagen_alle": f.names(model.lagen),
        "drempel": format_number(comparer.threshold_pp),
    }
    values.update({f"figuur_{b.id}": f"Figuur {b.number}" for b in spec.figure_blocks()})
    cases: dict[str, str] = {}
    for section in (_agressie, _wijze, _melden, _gevolgen, _belangen, _cultuur, _ondermijning):
        section(f, values, cases, item_names)
    cases["methode"] = comparer.method      # after every comparison has been made
    return values, cases


def _name(item_names: Mapping, indicator: str, item: str) -> Phrase:
    """How an item is named in a sentence (texts.toml [items.*]); else its label."""
    entry = item_names.get(indicator, {}).get(item)
    if entry is None:
        return Phrase(ph.lower_first(item))
    if "tekst" not in entry:
        raise SpecError(f"texts.toml: [items.{indicator}] '{item}' has no tekst")
    return Phrase(entry["tekst"], bool(entry.get("meervoud", False)))


def _agressie(f: _Facts, values: Values, cases: dict, names: Mapping) -> None:
    total = f.measure("agressie_totaal")
    series = f.series("agressie_totaal")
    earlier = [(y, m) for y, m in series if y < f.jaar][-2:]
    ten_years_ago = f.measure("agressie_totaal", jaar=f.jaar - 10)
    forms = f.ranked("agressie_vorm")
    lowest_name, lowest = forms[-1]
    values.update({
        "totaal_kop": ph.headline_quantifier(total.value), "totaal_frase": ph.quantifier(total.value),
        "totaal_pct": format_pct(total.value),
        "totaal_vs_eerder": f.cmp.versus_years(total, earlier),
        "totaal_vs_tien_jaar": f.cmp.change_since(total, ten_years_ago),
        "vormen_top": ", ".join(f"{_name(names, 'agressie_vorm', i)} ({format_pct(m.value)})"
                                for i, m in forms[:2]),
        "vorm_laagste": _name(names, "agressie_vorm", lowest_name),
        "vorm_laagste_oordeel": "komt weinig voor" if lowest.value < 10 else "komt minder vaak voor",
    })
    severe = f.value("ernstig_incident")
    values.update({"ernstig_frase": ph.quantifier(severe), "ernstig_pct": format_pct(severe)})
    per_laag = {lg: f.measure("agressie_totaal", laag=lg) for lg in f.ds.peers(f.laag)}
    _lagen_split(f, per_laag, "agressie_lagen", values, cases)


def _lagen_split(f: _Facts, per_laag: dict[str, Measure], key: str, values: Values, cases: dict) -> None:
    groups = f.cmp.split_groups(per_laag)
    cases[key] = "geen_verschil" if groups is None else "verschil"
    if groups:
        values[f"{key}_hoog"], values[f"{key}_laag"] = f.names(groups[0]), f.names(groups[1])


def _lagen_statements(f: _Facts, indicator: str, key: str, values: Values, cases: dict) -> None:
    """'geen verschillen' unless the lagen differ on the statement with the largest spread."""
    table = {lg: dict(f.items(indicator, laag=lg)) for lg in f.ds.peers(f.laag)}
    items = [i for i, _ in f.items(indicator)]

    def spread(item: str) -> float:
        values_of_item = [t[item].value for t in table.values()]
        return max(values_of_item) - min(values_of_item)

    widest = max(items, key=spread)
    _lagen_split(f, {lg: table[lg][widest] for lg in table}, key, values, cases)


def _wijze(f: _Facts, values: Values, cases: dict, names: Mapping) -> None:
    top_item, _ = f.ranked("wijze_geuit")[0]
    values["wijze_top"] = ph.lower_first(top_item)
    values["wijze_top_naam"] = _name(names, "wijze_geuit", top_item)


def _melden(f: _Facts, values: Values, cases: dict, names: Mapping) -> None:
    (_, discussed), (_, internal), (_, external) = f.items("besproken_gemeld")[:3]
    satisfied = f.ds.require("tevreden_afhandeling", f.laag, f.jaar)
    values.update({
        "besproken_kop": ph.half_headline(discussed.value),
        "besproken_vs_helft": ph.half_comparison(discussed.value),
        "intern_gemeld_frase": ph.quantifier(internal.value),
        "extern_gemeld_frase": ph.quantifier(external.value),
        # shown on its own as a large number, so it carries the illustrative mark
        "tevreden_pct": format_value(satisfied.waarde, satisfied.illustrative),
    })


def _gevolgen(f: _Facts, values: Values, cases: dict, names: Mapping) -> None:
    total = f.value("gevolgen_totaal")
    top: list[str] = []
    for item, _ in f.ranked("gevolg"):
        name = _name(names, "gevolg", item).text
        if name not in top:
            top.append(name)
    values.update({"gevolgen_frase": ph.quantifier(total), "gevolgen_procent": format_procent(total),
                   "gevolgen_top": ph.join(top[:2])})


def _belangen(f: _Facts, values: Values, cases: dict, names: Mapping) -> None:
    (first_item, _), (second_item, _) = f.items("vermoeden_niet_integer")[:2]
    first = f.series("vermoeden_niet_integer", first_item)
    second = f.series("vermoeden_niet_integer", second_item)
    values.update({
        "belangen_start": str(first[0][0]),
        "verstrengeling_naam": _name(names, "vermoeden_niet_integer", first_item),
        "verstrengeling_trend": f.cmp.trend(first[0][1], first[-1][1]),
        "meestemmen_naam": _name(names, "vermoeden_niet_integer", second_item),
        "meestemmen_reeks": f.cmp.series_against_past(second),
    })


def _cultuur(f: _Facts, values: Values, cases: dict, names: Mapping) -> None:
    (open_item, open_m), (attention_item, attention_m), (_, only_issue) = f.items("stelling_cultuur")[:3]
    reference = next((lg for lg in f.ds.peers(f.laag) if lg != f.laag), f.laag)  # the first other peer
    # A claim about both statements holds for the lower of the two.
    own = min(open_m, attention_m, key=lambda m: m.value)
    other = min(f.measure("stelling_cultuur", open_item, laag=reference),
                f.measure("stelling_cultuur", attention_item, laag=reference), key=lambda m: m.value)
    cases["cultuur_vs_ref"] = f.cmp.compare(own, other)
    values.update({"cultuur_ref": f.names([reference]), "cultuur_frase": ph.quantifier(own.value),
                   "kwestie_frase": ph.quantifier(only_issue.value)})
    (_, free), *_ = f.items("stelling_dilemma")
    values.update({"dilemma_kop": ph.headline_quantifier(free.value),
                   "dilemma_frase": ph.quantifier(free.value)})
    _lagen_statements(f, "stelling_dilemma", "dilemma_lagen", values, cases)


def _ondermijning(f: _Facts, values: Values, cases: dict, names: Mapping) -> None:
    (_, corruption), (_, undermining) = f.items("stelling_ondermijning")[:2]
    cases["ondermijning_vs_corruptie"] = f.cmp.compare(undermining, corruption)
    _lagen_statements(f, "stelling_ondermijning", "ondermijning_lagen", values, cases)
