"""The claim rules of vocabulary.RULES: each reads its values (by indicator and
item, through Facts) and returns (outcome, inputs, detail). No words here.

Every rule looks at all the values its statement covers: differences between
three or more units are decided pair by pair, ties are outcomes of their own,
a trend describes the whole series, not only its ends.
"""

from __future__ import annotations

from monitor_pdf.errors import DataError, DataProblems
from monitor_pdf.model import FactsheetModel
from monitor_pdf.textspec import TextSpec
from monitor_pdf.wording.claims import Claim, Facts, Input, value_detail
from monitor_pdf.wording.grammar import is_proper_name
from monitor_pdf.words import Words


def value(f: Facts, claims) -> tuple:
    found = f.value(f.spec.get("item"))
    outcome = "nul" if found.value == 0 else "alle" if found.value == 100 else "deel"
    return outcome, [found], value_detail(found.value, f.words)


def editions(f: Facts, claims) -> tuple:
    item, count = f.spec.get("item"), f.spec.get("count", 2)
    now = f.value(item)
    years = [y for y in f.ds.years(f.spec.get("indicator"), f.laag, f.jaar) if y < f.jaar]
    earlier = [e for e in (f.value(item, jaar=y, required=False) for y in years) if e is not None][-count:]
    relations = [(e.jaar, f.cmp.compare(now.measure, e.measure)) for e in earlier]
    return ("vergeleken" if earlier else "eerste"), [now, *earlier], {"value": now.value, "relations": relations}


def change(f: Facts, claims) -> tuple:
    """Against the edition `years` back; without one, the edition nearest to it
    that is at least `minimum` years back; without that, nothing is said."""
    item, back, minimum = f.spec.get("item"), f.spec.get("years", 10), f.spec.get("minimum", 6)
    now = f.value(item)
    earlier = [e for e in (f.value(item, jaar=y, required=False)
                           for y in f.ds.years(f.spec.get("indicator"), f.laag, f.jaar) if f.jaar - y >= minimum)
               if e is not None]
    if not earlier:
        return "geen", [], {}
    then = min(earlier, key=lambda e: (abs(f.jaar - back - e.jaar), e.jaar))
    detail = {"now": now.value, "then": then.value, "then_year": then.jaar, "years": f.jaar - then.jaar,
              "relation": f.cmp.compare(now.measure, then.measure)}
    return ("precies" if then.jaar == f.jaar - back else "sinds"), [now, then], detail


def top(f: Facts, claims) -> tuple:
    items = f.items()
    _require_forms(f, items, ("zinsdeel", "bijwoord") if f.spec.get("participle") else ("zinsdeel",))
    ranked = sorted(items, key=lambda i: -i.value)
    group = f.cmp.top_group([(i.item, i.measure) for i in ranked], f.spec.get("prefer", 1), f.spec.get("max", 3))
    if group is not None:
        outcome = "groep"
    else:
        alike = all(not f.cmp.differ(a.measure, b.measure) for a in items for b in items)
        outcome = "alle" if alike else "geen"
    return outcome, items, {"ranked": [(i.item, i.value) for i in ranked], "group": group or []}


def lowest(f: Facts, claims) -> tuple:
    items = f.items()
    _require_forms(f, items, ("zinsdeel",))
    low = min(i.value for i in items)
    bottom = [i for i in items if i.value == low]
    others = [i for i in items if i.value > low]
    if not others:
        outcome = "geen"
    elif low < 10:
        outcome = "weinig"
    elif all(f.cmp.differ(b.measure, o.measure) for b in bottom for o in others):
        outcome = "minder"
    else:
        outcome = "geen"
    return outcome, items, {"items": [i.item for i in bottom], "value": low}


def units(f: Facts, claims) -> tuple:
    found = _per_unit(f, f.spec.get("item"), required=True)
    if len(found) < 2:
        return "geen", [], {"values": {}, "relations": []}
    relations = f.cmp.relations({lg: i.measure for lg, i in found.items()})
    return ("verschil" if relations else "gelijk"), list(found.values()), {
        "values": {lg: i.value for lg, i in found.items()}, "relations": relations}


def units_per_item(f: Facts, claims) -> tuple:
    items = f.items()
    _require_forms(f, items, ("vaker",))
    per_item: dict[str, dict[str, object]] = {}
    inputs: list[Input] = []
    for item in items:
        found = _per_unit(f, item.item, required=False)
        if len(found) >= 2:
            per_item[item.item] = {"values": {lg: i.value for lg, i in found.items()},
                                   "relations": f.cmp.relations({lg: i.measure for lg, i in found.items()})}
            inputs += found.values()
    if not per_item:
        return "geen", [], {"items": {}}
    differs = any(entry["relations"] for entry in per_item.values())
    return ("verschil" if differs else "gelijk"), inputs, {"items": per_item}


def trend(f: Facts, claims) -> tuple:
    series = f.series(f.spec.get("item"))
    _require_forms(f, series[-1:], ("zinsdeel",))
    outcome = "eerste" if len(series) == 1 else f.cmp.shape([i.measure for i in series])
    return outcome, series, {"series": [(i.jaar, i.value) for i in series]}


def against_past(f: Facts, claims) -> tuple:
    """This year against each earlier edition: equal to all, equal but for a few
    (at most half), or else the series is described by its shape."""
    series = f.series(f.spec.get("item"))
    _require_forms(f, series[-1:], ("zinsdeel",))
    detail: dict[str, object] = {"series": [(i.jaar, i.value) for i in series], "exceptions": [], "shape": ""}
    if len(series) == 1:
        return "eerste", series, detail
    *earlier, last = series
    exceptions = [e.jaar for e in earlier if f.cmp.differ(last.measure, e.measure)]
    detail["exceptions"] = exceptions
    if not exceptions:
        return "gelijk", series, detail
    if len(earlier) >= 2 and len(exceptions) * 2 <= len(earlier):
        return "uitzondering", series, detail
    detail["shape"] = f.cmp.shape([i.measure for i in series])
    return "trend", series, detail


def same_words(f: Facts, claims: dict[str, Claim]) -> tuple:
    names = f.spec.get("claims")
    words = [claims[n].detail["band"] for n in names]
    inputs = [i for n in names for i in claims[n].inputs]
    return ("zelfde" if len(set(words)) == 1 else "verschillend"), inputs, {"bands": words}


def compare_items(f: Facts, claims) -> tuple:
    a, b = f.value(f.spec.get("item")), f.value(f.spec.get("than"))
    return f.cmp.compare(a.measure, b.measure), [a, b], {"a": a.value, "b": b.value}


def compare_unit(f: Facts, claims) -> tuple:
    """Each item against the first other unit this unit is compared with."""
    items = [f.value(item) for item in f.spec.get("items")]
    _require_forms(f, items, ("zinsdeel",))
    ref = next((lg for lg in f.model.lagen if lg != f.laag), None)
    theirs = [f.value(i.item, laag=ref, required=False) if ref else None for i in items]
    pairs = [(mine, other) for mine, other in zip(items, theirs) if other is not None]
    if not pairs:
        return "geen", [], {"ref": ref, "per_item": {}}
    per_item = {mine.item: f.cmp.compare(mine.measure, other.measure) for mine, other in pairs}
    outcomes = set(per_item.values())
    return (outcomes.pop() if len(outcomes) == 1 else "gemengd"), [i for p in pairs for i in p], {
        "ref": ref, "per_item": per_item}


def _per_unit(f: Facts, item: str | None, required: bool) -> dict[str, Input]:
    """This year's value of every unit the factsheet compares (its own required)."""
    found = {}
    for laag in f.model.lagen:
        got = f.value(item, laag=laag, required=required and laag == f.laag)
        if got is not None:
            found[laag] = got
    return found


def _require_forms(f: Facts, items: list[Input], forms: tuple[str, ...]) -> None:
    """Items a sentence names need their sentence forms (zinsdelen.csv): a label is
    never pasted into a sentence as it is. One error per item, at its data row."""
    problems = []
    for item in items:
        form = f.ds.forms.get((item.indicator, item.item))
        lacking = [name for name in forms if form is None or not form.has(name)]
        if lacking:
            problems.append(DataError(
                f"'{item.item}' ({item.indicator}) has no {' or '.join(lacking)} in zinsdelen.csv; claim "
                f"'{f.spec.name}' ({f.needed_by}, {f.spec.where}) names it in a sentence",
                file=item.record.file, line=item.record.line, column="item"))
    if problems:
        raise DataProblems(problems)


RULES = {"value": value, "editions": editions, "change": change, "top": top, "lowest": lowest,
         "units": units, "units_per_item": units_per_item, "trend": trend, "against_past": against_past,
         "same_words": same_words, "compare_items": compare_items, "compare_unit": compare_unit}


def compute_claims(model: FactsheetModel, text: TextSpec, words: Words) -> dict[str, Claim]:
    """Every declared claim, plus 'eenheid'; all problems at once (DataProblems)."""
    claims: dict[str, Claim] = {}
    problems: list[DataError] = []
    ordered = sorted(text.claims.values(), key=lambda c: c.rule == "same_words")   # they read other claims
    for spec in ordered:
        if any(name not in claims for name in spec.get("claims", ())):
            continue                      # rests on a claim that failed: that one is reported
        try:
            facts = Facts(model, spec, text.users(spec.name), words)
            outcome, inputs, detail = RULES[spec.rule](facts, claims)
        except DataProblems as exc:
            problems.extend(exc.problems)
            continue
        except DataError as exc:
            problems.append(exc)
            continue
        claims[spec.name] = Claim(spec.name, spec.rule, outcome, tuple(inputs), detail,
                                  frozenset(facts.cmp.methods))
    if problems:
        raise DataProblems(problems)
    proper = is_proper_name(model.unit.in_sentence, words)
    claims["eenheid"] = Claim("eenheid", "eenheid", "naam" if proper else "laag", ())
    return claims
