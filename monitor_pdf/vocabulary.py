"""The vocabulary of claims a factsheet's texts can make (leaf module, standard library only).

A sentence in texts.toml does not read numbers itself: it names claims,
declared beside it as `[claim.NAME]` tables with a `rule` from this table and
the rule's parameters (which indicator, which item, ...). The wording stage
computes each claim from the data (its inputs, the rule, an outcome), then
realises it in words: a template chooses its variant by a claim's outcome
(`choose = "NAME"`, one text per outcome) and inserts its forms
(`{NAME.form}`). This table is what both sides agree on, so that loading
texts.toml can check every placeholder, every variant and every parameter
before any data is read (docs/wording.md documents each rule).
"""

from __future__ import annotations

from dataclasses import dataclass

# A variant with this key is used for every outcome that has no text of its own.
OTHERWISE = "anders"


@dataclass(frozen=True)
class Rule:
    required: tuple[str, ...]        # parameters a declaration must give
    optional: tuple[str, ...]        # parameters it may give
    outcomes: tuple[str, ...]        # what `choose` can be told
    forms: tuple[str, ...]           # what `{claim.form}` can insert
    item_forms: tuple[str, ...] = () # sentence forms (zinsdelen.csv) every item of the indicator needs
    doc: str = ""


RULES: dict[str, Rule] = {
    "value": Rule(
        ("indicator",), ("item", "group", "partitive", "edition"),
        ("nul", "deel", "alle"),
        ("pct", "procent", "getal", "wie", "deel", "groep", "kop", "helft", "helft_kop", "jaar"),
        doc="One value of this unit and year, said as a share ('bijna de helft', 'drie op de tien')."),
    "editions": Rule(
        ("indicator",), ("item", "count", "edition"),
        ("eerste", "vergeleken"),
        ("zin",),
        doc=("This year's value against the `count` previous editions "
             "('evenveel als in 2020 maar minder dan in 2022').")),
    "change": Rule(
        ("indicator",), ("item", "years", "minimum", "edition"),
        ("precies", "sinds", "geen"),
        ("zin", "sinds", "toen", "nu"),
        doc="This year's value against the edition `years` back (or the earliest at least `minimum` back)."),
    "top": Rule(
        ("indicator",), ("prefer", "max", "participle", "edition"),
        ("groep", "alle", "geen"),
        ("lijst", "namen", "met_deelwoord", "alle_lijst"),
        item_forms=("zinsdeel",),
        doc="The items that stand out above all others (`prefer` of them, else the smallest clean group up to `max`)."),
    "lowest": Rule(
        ("indicator",), ("edition",),
        ("weinig", "minder", "geen"),
        ("namen", "lijst"),
        item_forms=("zinsdeel",),
        doc="The lowest item(s): 'weinig' under 10%, 'minder' when below every other item."),
    "units": Rule(
        ("indicator", "first", "next"), ("item", "edition"),
        ("gelijk", "verschil", "geen"),
        ("zin", "alle"),
        doc="The units compared pair by pair; every difference said, none invented."),
    "units_per_item": Rule(
        ("indicator", "subject", "than"), ("together", "edition"),
        ("gelijk", "verschil", "geen"),
        ("zin", "alle"),
        item_forms=("vaker",),
        doc="The units compared pair by pair on every item of the indicator."),
    "trend": Rule(
        ("indicator", "item"), ("edition",),
        ("eerste", "gelijk", "toegenomen", "afgenomen", "piek", "dal", "wisselend"),
        ("zin", "kop", "naam", "start"),
        item_forms=("zinsdeel",),
        doc="The shape of the item's series over the editions its figure shows."),
    "against_past": Rule(
        ("indicator", "item"), ("edition",),
        ("eerste", "gelijk", "uitzondering", "trend"),
        ("naam", "eerder", "uitzonderingen", "verloop", "start"),
        item_forms=("zinsdeel",),
        doc="This year's value of the item against every earlier edition its figure shows."),
    "same_words": Rule(
        ("claims",), (),
        ("zelfde", "verschillend"),
        (),
        doc="Whether value claims get the same words, so one clause may cover them all."),
    "compare_items": Rule(
        ("indicator", "item", "than"), ("edition",),
        ("meer", "minder", "gelijk"),
        (),
        doc="One item against another, this unit and year."),
    "compare_unit": Rule(
        ("indicator", "items", "adjective"), ("edition",),
        ("meer", "minder", "gelijk", "gemengd", "geen"),
        ("ref", "per_item"),
        item_forms=("zinsdeel",),
        doc="Items of this unit against the first other unit it is compared with."),
}

# Claims every factsheet has without a declaration.
BUILTIN: dict[str, Rule] = {
    "eenheid": Rule((), (), ("laag", "naam"), (),
                    doc="Whether the unit is a common noun ('provincies') or a proper name ('Fryslân')."),
    "bronnen": Rule((), (), ("alle", "deels", "geen"), ("lijst", "auteur"),
                    doc="The sources of the published values the factsheet shows or rests on."),
    "methode": Rule((), (), ("drempel", "toets", "beide"), (),
                    doc="How the factsheet's comparisons were decided."),
}

# Placeholders without a claim: filled the same way in every template.
GLOBALS = ("jaar", "laag", "Laag", "laag_kop", "lagen_alle", "drempel")
GLOBAL_PREFIXES = ("figuur_",)    # {figuur_fig1} -> "Figuur 1"

# `edition = "latest"`: the claim is about the latest edition (up to the
# factsheet's year) that has the indicator, not necessarily the factsheet's year.
EDITIONS = ("latest",)

# Parameters that take a whole number, and those that take a list of names.
INTEGER_PARAMETERS = ("count", "years", "minimum", "prefer", "max")
LIST_PARAMETERS = ("claims", "items")
