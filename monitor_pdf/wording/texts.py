"""The wording stage's output: every text of one factsheet, filled in, with the
claims behind it (content, then words, then grammar: claims.py, realise.py,
grammar.py; templates.py puts them into the texts of texts.toml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from monitor_pdf.data.records import Record
from monitor_pdf.model import Cell, ChartData, FactsheetModel, RankedItem
from monitor_pdf.spec import FactsheetSpec
from monitor_pdf.wording.claims import Claim
from monitor_pdf.wording.grammar import Phrase, capitalize, join, number_word, source_name, unit_in_headline
from monitor_pdf.wording.numbers import ILLUSTRATIVE_MARK, format_number, format_pct
from monitor_pdf.wording.realise import Context, realise
from monitor_pdf.wording.rules import compute_claims
from monitor_pdf.wording.templates import Filled, Filler
from monitor_pdf.words import Words

# Fields whose text is a statement: marked when it rests on an illustrative value.
STATEMENT_FIELDS = ("text", "title")
_SENTENCE_END = re.compile(r"(?<=\.)(\s+)(?=[A-ZÉ])")


@dataclass(frozen=True)
class Wording:
    blocks: dict[str, dict[str, str]]     # block id -> field -> text
    header: dict[str, str]
    footer: dict[str, str]
    meta: dict[str, str]                  # document metadata: author, subject
    alt: dict[str, str]                   # figure block id -> text alternative
    claims: dict[str, Claim] = field(default_factory=dict)
    rests_on: dict[str, frozenset[str]] = field(default_factory=dict)   # block id -> claims its texts use

    @property
    def records(self) -> frozenset[Record]:
        """Every value a sentence on the page rests on."""
        return frozenset(i.record for names in self.rests_on.values() for n in names
                         for i in self.claims[n].inputs)

    def illustrative_block(self, block_id: str) -> bool:
        return any(self.claims[n].illustrative for n in self.rests_on.get(block_id, ()))


def build_wording(model: FactsheetModel, spec: FactsheetSpec,
                  overrides: dict[str, dict[str, str]] | None = None) -> Wording:
    """All texts of one factsheet; `overrides` (spec.load_overrides) replace
    generated texts word for word (what the generated text rested on still counts)."""
    claims = compute_claims(model, spec.text, spec.words)
    globals_ = _globals(model, spec)
    context = Context(model, globals_, spec.words)
    forms = {name: realise(claim, spec.text.claims.get(name), context) for name, claim in claims.items()}
    filler = Filler(spec.text, claims, forms, globals_)
    blocks, rests_on = {}, {}
    for block in spec.placed_blocks():
        blocks[block.id], rests_on[block.id] = _block_texts(filler, spec, block.id)
    for block_id, fields in (overrides or {}).items():
        if block_id in blocks:
            blocks[block_id].update(fields)
    shown = model.shown | {i.record for names in rests_on.values() for n in names for i in claims[n].inputs}
    claims["bronnen"], forms["bronnen"] = _sources(shown, spec.words)
    claims["methode"] = _method([claims[n] for names in rests_on.values() for n in names])
    fixed = {}
    for table in ("header", "footer", "meta"):
        fixed[table] = {k: filler.fill(t).text for k, t in spec.text.fields.get(table, {}).items()}
        fixed[table].update((overrides or {}).get(table, {}))
    alt = {b.id: alt_text(b.chart, model.charts[b.id], spec.words) for b in spec.figure_blocks()}
    return Wording(blocks, fixed["header"], fixed["footer"], fixed["meta"], alt, claims, rests_on)


def _block_texts(filler: Filler, spec: FactsheetSpec, block_id: str) -> tuple[dict[str, str], frozenset[str]]:
    fields: dict[str, str] = {}
    used: set[str] = set()
    for name, template in spec.text.fields.get(block_id, {}).items():
        filled = filler.fill(template)
        fields[name] = _marked(filled, filler) if name in STATEMENT_FIELDS else filled.text
        used |= filled.claims
    if block_id in spec.text.sentences:
        sentences = [filler.fill(t) for t in spec.text.sentences[block_id]]
        fields["text"] = " ".join(_marked(s, filler) for s in sentences if s.text)
        used |= {n for s in sentences if s.text for n in s.claims}
    return fields, frozenset(used)


def _marked(filled: Filled, filler: Filler) -> str:
    """A statement resting on an illustrative value ends in the illustrative mark;
    a form that is itself several sentences marks each of them."""
    if filled.text and any(filler.claims[n].illustrative for n in filled.claims):
        return _SENTENCE_END.sub(ILLUSTRATIVE_MARK + r"\1", filled.text) + ILLUSTRATIVE_MARK
    return filled.text


def _globals(model: FactsheetModel, spec: FactsheetSpec) -> dict[str, str]:
    from monitor_pdf.wording.compare import THRESHOLD_PP

    units, words = model.dataset.units, spec.words
    values = {"laag": model.unit.in_sentence, "Laag": model.unit.name, "jaar": str(model.jaar),
              "laag_kop": unit_in_headline(model.unit.in_sentence, words),
              "lagen_alle": join([units[k].in_sentence for k in model.lagen], words.get("grammar", "and")),
              "drempel": format_number(THRESHOLD_PP)}
    label = words.get("grammar", "figure")
    values.update({f"figuur_{b.id}": label.replace("{n}", b.number) for b in spec.figure_blocks()})
    return values


def _sources(records: Iterable[Record], words: Words) -> tuple[Claim, dict[str, Phrase]]:
    """The sources ('bron') of the published values shown or rested on: the source of
    most values first, then in table order."""
    ordered = sorted(records, key=lambda r: (r.file, r.line))
    published = [source_name(r.bron) for r in ordered if not r.illustrative]
    names = sorted(dict.fromkeys(published), key=lambda name: -published.count(name))
    illustrative = any(r.illustrative for r in ordered)
    outcome = "geen" if not names else "deels" if illustrative else "alle"
    listed = "; ".join(names)
    return (Claim("bronnen", "bronnen", outcome, (), {"sources": names}),
            {"lijst": Phrase(listed), "auteur": Phrase(listed or words.get("sources", "none"))})


def _method(used: list[Claim]) -> Claim:
    methods = set().union(*(c.methods for c in used)) if used else set()
    outcome = "toets" if methods == {"toets"} else "beide" if "toets" in methods else "drempel"
    return Claim("methode", "methode", outcome, (), {"methods": sorted(methods)})


def illustrative_records(model: FactsheetModel, wording: Wording) -> list[Record]:
    """The one meaning of 'illustrative' for a factsheet: every illustrative value it
    prints (charts, lists, callout numbers) or that one of its sentences rests on.
    `list`, --strict, the footer notice and the manifest all use this."""
    found = {r for r in model.shown | wording.records if r.illustrative}
    return sorted(found, key=lambda r: (r.file, r.line))


def list_label(item: RankedItem, words: Words) -> str:
    """A line of a top-3 list: the item's label, or for a group tied at one place
    how many share it ('Vier antwoorden even vaak genoemd')."""
    if item.tied > 1:
        return capitalize(words.get("lists", "tied").replace("{n}", number_word(item.tied, words)))
    return item.label


def alt_text(chart_kind: str, data: ChartData, words: Words) -> str:
    """A chart in words, with its numbers: 'Staafdiagram. Verbale agressie: 46%, ...'.
    Illustrative values are said to be so: once for the chart when all are, else each."""
    present, alt = data.present(), words["alt"]
    every = bool(present) and all(c.illustrative for c in present)

    def value(cell: Cell | None) -> str:
        if cell is None:
            missing: str = alt["missing"]
            return missing
        return format_pct(cell.value, data.decimals) + (f" {alt['illustrative']}" if cell.illustrative and not every
                                                        else "")

    parts = []
    for s, series in enumerate(data.series):
        listed = join([f"{data.name(cat)}: {value(c)}" for cat, c in zip(data.categories, data.cells[s])],
                      words.get("grammar", "and"))
        parts.append(listed if len(data.series) == 1 else f"{data.name(series)}: {listed}")
    note = f" {alt['all_illustrative']}" if every else ""
    return f"{alt['charts'][chart_kind]}. " + "; ".join(parts) + "." + note
