"""Words: each claim's outcome and details become the forms templates insert
({claim.form}), as Phrases that know their grammatical number.

Words are chosen from outcomes and bands, never from a raw value, so the
same outcome always reads the same way. The words themselves come from the
language file (language/nl.toml, amended by the kind's words.toml); grammar
(agreement, partitives, lists, word order) from grammar.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor_pdf.model import FactsheetModel
from monitor_pdf.textspec import ClaimSpec
from monitor_pdf.wording.bands import bands_for
from monitor_pdf.wording.claims import Claim
from monitor_pdf.wording.grammar import (
    Phrase,
    capitalize,
    join,
    join_phrases,
    number_word,
    partitive,
    with_participle,
    years_ago,
)
from monitor_pdf.wording.numbers import format_pct, format_procent, format_value
from monitor_pdf.words import Words

# More differences between units than this are summed up, not listed one by one.
MAX_DIFFERENCES = 2


@dataclass(frozen=True)
class Context:
    """What realisation needs besides the claim: the model (names, forms, decimals),
    the words, and the global placeholder values (for a claim's own small templates)."""
    model: FactsheetModel
    globals: dict[str, str]
    words: Words

    def fill(self, pattern: str, **values: str) -> str:
        for key, text in {**self.globals, **values}.items():
            pattern = pattern.replace("{" + key + "}", text)
        return pattern

    def join(self, items: list[str]) -> str:
        return join(items, self.words.get("grammar", "and"))

    def name(self, unit: str) -> str:
        return self.model.dataset.units[unit].in_sentence

    def names(self, units) -> str:
        return self.join([self.name(u) for u in units])

    def form(self, indicator: str, item: str):
        return self.model.dataset.forms[(indicator, item)]

    def pct(self, indicator: str, value: float) -> str:
        return format_pct(value, self.model.decimals.get(indicator, 0))


def realise(claim: Claim, spec: ClaimSpec | None, ctx: Context) -> dict[str, Phrase]:
    """The forms of one claim (vocabulary.RULES[rule].forms)."""
    realiser = _REALISERS.get(claim.rule)
    if realiser is None:
        return {}
    assert spec is not None, f"claim '{claim.name}' has forms, so it is declared ([claim.{claim.name}])"
    return realiser(claim, spec, ctx)


def _value(claim: Claim, spec: ClaimSpec, ctx: Context) -> dict[str, Phrase]:
    found = claim.inputs[0]
    decimals = ctx.model.decimals.get(found.indicator, 0)
    bands = bands_for(ctx.words)
    share, half = bands.band(found.value), bands.half(found.value)
    group = ctx.fill(spec.get("group", "{laag}"))
    article = spec.get("partitive", ctx.words.get("grammar", "partitive"))
    pct = format_pct(found.value, decimals)
    return {
        "pct": Phrase(pct), "procent": Phrase(format_procent(found.value, decimals)),
        "getal": Phrase(format_value(found.value, found.illustrative, decimals)),
        "wie": Phrase(share.wie, share.wie_plural), "kop": Phrase(share.kop, share.kop_plural),
        "deel": partitive(share, group, pct, article), "groep": partitive(share, group, None, article),
        "helft": Phrase(half.wie, half.wie_plural), "helft_kop": Phrase(half.kop, half.kop_plural),
        "jaar": Phrase(str(found.jaar)),
    }


def _editions(claim: Claim, spec: ClaimSpec, ctx: Context) -> dict[str, Phrase]:
    """'evenveel als in 2020 maar minder dan in 2022': runs of the same relation together."""
    runs: list[tuple[str, list[str]]] = []
    for year, relation in claim.detail["relations"]:
        if runs and runs[-1][0] == relation:
            runs[-1][1].append(str(year))
        else:
            runs.append((relation, [str(year)]))
    parts = [f"{ctx.words.get('editions', relation)} {ctx.join(years)}" for relation, years in runs]
    if len(parts) > 1:
        parts = [", ".join(parts[:-1]), parts[-1]]
    return {"zin": Phrase(f" {ctx.words.get('grammar', 'but')} ".join(parts))}


def _change(claim: Claim, spec: ClaimSpec, ctx: Context) -> dict[str, Phrase]:
    if claim.outcome == "geen":
        return {"zin": Phrase(""), "sinds": Phrase(""), "toen": Phrase(""), "nu": Phrase("")}
    d, words = claim.detail, ctx.words["change"]
    if d["relation"] == "gelijk":
        said = words["same"]
    elif d["then"] == 0 or d["now"] == 0:
        said = words["up"] if d["relation"] == "meer" else words["down"]
    else:
        said = next(w for lower, w in words["ratios"] if d["now"] / d["then"] >= lower)
    since = years_ago(d["years"], ctx.words) if claim.outcome == "precies" else str(d["then_year"])
    now, then = claim.inputs
    return {"zin": Phrase(said), "sinds": Phrase(since),
            "toen": Phrase(ctx.pct(then.indicator, then.value)), "nu": Phrase(ctx.pct(now.indicator, now.value))}


def _named(claim: Claim, ctx: Context, items: list[str]) -> list[tuple[str, Phrase, str]]:
    """(item, its sentence form, its value as printed) in the given order; items
    that read the same ('het gebruik van sociale media' twice) are named once."""
    indicator = claim.inputs[0].indicator
    values = {i.item: i.value for i in claim.inputs}
    seen, named = set(), []
    for item in items:
        form = ctx.form(indicator, item)
        if form.zinsdeel not in seen:
            seen.add(form.zinsdeel)
            named.append((item, Phrase(form.zinsdeel, form.meervoud), ctx.pct(indicator, values[item])))
    return named


def _listed(named, ctx: Context) -> Phrase:
    return Phrase(ctx.join([f"{p.text} ({pct})" for _, p, pct in named]), len(named) > 1)


def _top(claim: Claim, spec: ClaimSpec, ctx: Context) -> dict[str, Phrase]:
    indicator = claim.inputs[0].indicator
    ranked = [item for item, _ in claim.detail["ranked"]]
    group = _named(claim, ctx, [i for i in ranked if i in claim.detail["group"]])
    participle = spec.get("participle", "")
    adverbials = [ctx.form(indicator, item).bijwoord for item, _, _ in group]
    return {
        "lijst": _listed(group, ctx),
        "namen": join_phrases([p for _, p, _ in group], ctx.words.get("grammar", "and")) if group else Phrase(""),
        "met_deelwoord": Phrase(with_participle(participle, adverbials, ctx.words) if participle and group else ""),
        "alle_lijst": Phrase(_listed(_named(claim, ctx, ranked), ctx).text, True),
    }


def _lowest(claim: Claim, spec: ClaimSpec, ctx: Context) -> dict[str, Phrase]:
    bottom = _named(claim, ctx, claim.detail["items"])
    return {"namen": join_phrases([p for _, p, _ in bottom], ctx.words.get("grammar", "and")),
            "lijst": _listed(bottom, ctx)}


def _units(claim: Claim, spec: ClaimSpec, ctx: Context) -> dict[str, Phrase]:
    """'Politieke ambtsdragers van A krijgen meer ... dan ambtsdragers van B en C, en
    ambtsdragers van B meer dan die van C': the first and next patterns of the claim."""
    clauses = [ctx.fill(spec.get("first" if index == 0 else "next"), boven=ctx.names(high), onder=ctx.names(low))
               for index, (high, low) in enumerate(claim.detail["relations"])]
    joiner = f", {ctx.words.get('grammar', 'and')} "
    return {"zin": Phrase(joiner.join(clauses), True), "alle": Phrase(ctx.names(claim.detail["values"]), True)}


def _units_per_item(claim: Claim, spec: ClaimSpec, ctx: Context) -> dict[str, Phrase]:
    """One sentence per difference: 'Politieke ambtsdragers van A voelen zich vaker
    vrij om dilemma’s te bespreken dan die van B.' When every item shows the same
    differences and the claim has a `together` predicate, one sentence says it for all;
    more differences than MAX_DIFFERENCES are summed up."""
    indicator = claim.inputs[0].indicator if claim.inputs else ""
    entries = claim.detail["items"]
    units = list(dict.fromkeys(u for entry in entries.values() for u in entry["values"]))
    relations = [entry["relations"] for entry in entries.values()]
    if spec.get("together") and len(entries) > 1 and relations[0] and all(r == relations[0] for r in relations):
        said = {None: spec.get("together")}
        pairs = [(None, high, low) for high, low in relations[0]]
    else:
        said = {item: ctx.form(indicator, item).vaker for item in entries}
        pairs = [(item, high, low) for item, entry in entries.items() for high, low in entry["relations"]]
    alle = Phrase(ctx.names(units), True)
    if len(pairs) > MAX_DIFFERENCES:
        return {"zin": Phrase(_summary(entries, units, spec, ctx), True), "alle": alle}
    sentences = []
    for item, high, low in pairs:
        than = ctx.fill(spec.get("than"), onder=ctx.names(low))
        predicate = said[item]
        text = predicate.replace("{dan}", than) if "{dan}" in predicate else f"{predicate} {than}"
        sentences.append(capitalize(ctx.fill(spec.get("subject"), boven=ctx.names(high))) + f" {text}.")
    return {"zin": Phrase(" ".join(sentences), True), "alle": alle}


def _summary(entries: dict, units: list[str], spec: ClaimSpec, ctx: Context) -> str:
    """'Politieke ambtsdragers van A, B en C verschillen op twee van de drie stellingen.'"""
    words = ctx.words["units_per_item"]
    differing = sum(1 for entry in entries.values() if entry["relations"])
    count = lambda n: number_word(n, ctx.words)      # noqa: E731
    if differing == len(entries) == 2:
        where = words["both"]
    elif differing == len(entries):
        where = words["all"].replace("{n}", count(differing))
    else:
        where = words["some"].replace("{n}", count(differing)).replace("{m}", count(len(entries)))
    subject = capitalize(ctx.fill(spec.get("subject"), boven=ctx.names(units)))
    return words["summary"].replace("{units}", subject).replace("{where}", where)


def _trend(claim: Claim, spec: ClaimSpec, ctx: Context) -> dict[str, Phrase]:
    first = claim.inputs[0]
    form = ctx.form(first.indicator, first.item)
    return {"zin": Phrase(ctx.words.get("trend", claim.outcome)),
            "kop": Phrase(ctx.words.get("trend_headline", claim.outcome)),
            "naam": Phrase(form.zinsdeel, form.meervoud), "start": Phrase(str(first.jaar))}


def _against_past(claim: Claim, spec: ClaimSpec, ctx: Context) -> dict[str, Phrase]:
    """The forms its texts choose among by outcome: eerder ('in voorgaande jaren'),
    uitzonderingen ('2020'), verloop (the shape of the series), start, naam."""
    series, last = claim.detail["series"], claim.inputs[-1]
    form = ctx.form(last.indicator, last.item)
    words = ctx.words["against_past"]
    earlier = words["earlier"] if len(series) > 2 else words["earlier_one"].replace("{jaar}", str(series[0][0]))
    shape = claim.detail.get("shape") or ("eerste" if claim.outcome == "eerste" else "gelijk")
    return {"naam": Phrase(form.zinsdeel, form.meervoud), "eerder": Phrase(earlier),
            "uitzonderingen": Phrase(ctx.join([str(y) for y in claim.detail["exceptions"]])),
            "verloop": Phrase(ctx.words.get("trend", shape)), "start": Phrase(str(series[0][0]))}


def _compare_unit(claim: Claim, spec: ClaimSpec, ctx: Context) -> dict[str, Phrase]:
    """'meer tevreden over de gesprekscultuur en even tevreden over de aandacht voor integriteit'."""
    ref = claim.detail.get("ref")
    indicator = spec.get("indicator")
    groups = []
    for outcome in ("meer", "gelijk", "minder"):
        items = [i for i, o in claim.detail["per_item"].items() if o == outcome]
        if items:
            names = ctx.join([ctx.form(indicator, i).zinsdeel for i in items])
            groups.append(f"{ctx.words.get('compare_unit', outcome)} {spec.get('adjective')} {names}")
    return {"ref": Phrase(ctx.name(ref) if ref else ""), "per_item": Phrase(ctx.join(groups))}


_REALISERS = {"value": _value, "editions": _editions, "change": _change, "top": _top, "lowest": _lowest,
              "units": _units, "units_per_item": _units_per_item, "trend": _trend,
              "against_past": _against_past, "compare_unit": _compare_unit}
