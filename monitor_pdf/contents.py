"""What a factsheet says, as data: the record written beside its PDF (sidecar.py).

Made from the same model and wording the page is made from, so it holds what
the page prints, not what the tables hold:

- values: every value a figure or a top-3 list shows, as printed ("47%",
  "12,3%": the chart's precision), with its illustrative mark, addressed by
  block, item and series (the chart's names, as its labels and legend say them);
- texts: every text of the page (headlines, paragraphs, captions, notes,
  callouts, list titles, header and footer), split into sentences;
- claims: each claim behind the sentences (wording/claims.py), its rule, its
  outcome, the decisions that chose its words (band, relations, group, ...; the
  numbers they were taken from left out, they are in `inputs`) and the blocks
  whose texts rest on it.

review.py compares two records; nothing here depends on the output profile, so a
screen file and a print file of the same input have records that differ only in
`factsheet.profile` and `factsheet.pdf_sha256`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, is_dataclass
from typing import Any

from monitor_pdf.model import ChartData, FactsheetModel
from monitor_pdf.sidecar import FORMAT, VERSION, FactsheetRecord, pdf_sha256
from monitor_pdf.spec import BlockSpec, FactsheetSpec
from monitor_pdf.wording.claims import Claim
from monitor_pdf.wording.numbers import format_pct
from monitor_pdf.wording.texts import Wording, list_label

# Text fields in the order a block prints them.
BLOCK_FIELDS = ("title", "text", "number", "caption", "subtitle", "note")
HEADER_FIELDS = ("title", "subtitle", "laag", "running_title", "running_laag")
# Detail keys of a claim that hold the numbers it was computed from, not a decision.
NUMBER_KEYS = frozenset({"value", "values", "now", "then", "a", "b", "ranked", "series"})
# A sentence ends at . ! or ? (and the illustrative mark after it) before a capital, digit or bracket.
SENTENCE_END = re.compile(r"[.!?]\*?(?=\s+[A-ZÀ-ÖØ-Þ0-9(‘“\"'])")


def describe(spec: FactsheetSpec, model: FactsheetModel, wording: Wording, illustrative: bool,
             pdf: bytes, profile: str) -> FactsheetRecord:
    """The record of one rendered factsheet."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "factsheet": {"kind": spec.kind.name, "laag": model.laag, "jaar": model.jaar, "profile": profile,
                      "illustrative": illustrative, "pdf_sha256": pdf_sha256(pdf)},
        "values": _values(spec, model, wording),
        "texts": _texts(spec, wording, illustrative),
        "claims": _claims(spec, wording),
    }


def sentences(text: str) -> list[str]:
    """A text as its sentences ("... (Figuur 1).* Ten opzichte ..." is two)."""
    found, start = [], 0
    for end in SENTENCE_END.finditer(text):
        found.append(text[start:end.end()].strip())
        start = end.end()
    found.append(text[start:].strip())
    return [s for s in found if s]


def _values(spec: FactsheetSpec, model: FactsheetModel, wording: Wording) -> list[dict[str, Any]]:
    label = spec.words.get("grammar", "figure")
    values: list[dict[str, Any]] = []
    for block in spec.placed_blocks():
        if block.kind == "figure":
            values += _chart_values(block, label.replace("{n}", block.number), model.charts[block.id])
        elif block.kind == "top3":
            title = wording.blocks[block.id].get("title", "")
            values += [{"block": block.id, "label": title, "item": list_label(r, spec.words), "series": "",
                        "rank": r.rank, "value": format_pct(r.value, r.decimals), "illustrative": r.illustrative}
                       for r in model.rankings[block.id]]
    return values


def _chart_values(block: BlockSpec, label: str, data: ChartData) -> list[dict[str, Any]]:
    """One entry per cell, category by category; a gap (no data) has value None."""
    return [{"block": block.id, "label": label, "item": data.name(category), "series": data.name(series),
             "value": None if cell is None else format_pct(cell.value, data.decimals),
             "illustrative": bool(cell and cell.illustrative)}
            for c, category in enumerate(data.categories)
            for series, row in zip(data.series, data.cells) for cell in (row[c],)]


def _texts(spec: FactsheetSpec, wording: Wording, illustrative: bool) -> list[dict[str, Any]]:
    """Every text as printed: header, the blocks in reading order, footer."""
    texts = [("header", name, wording.header.get(name, "")) for name in HEADER_FIELDS]
    for block in spec.placed_blocks():
        fields = wording.blocks[block.id]
        texts += [(block.id, name, fields.get(name, "")) for name in BLOCK_FIELDS]
    footer = ("source", "illustrative", "left") if illustrative else ("source", "left")
    texts += [("footer", name, wording.footer.get(name, "")) for name in footer]
    return [{"block": block_id, "field": name, "sentences": sentences(text)}
            for block_id, name, text in texts if text.strip()]


def _claims(spec: FactsheetSpec, wording: Wording) -> list[dict[str, Any]]:
    order = [b.id for b in spec.placed_blocks()]
    used_by: dict[str, list[str]] = {}
    for block_id in order:
        for name in sorted(wording.rests_on.get(block_id, ())):
            used_by.setdefault(name, []).append(block_id)
    return [_claim(claim, used_by.get(name, [])) for name, claim in wording.claims.items()]


def _claim(claim: Claim, blocks: list[str]) -> dict[str, Any]:
    return {
        "name": claim.name, "rule": claim.rule, "outcome": claim.outcome, "blocks": blocks,
        "decisions": {k: _plain(v) for k, v in sorted(claim.detail.items()) if k not in NUMBER_KEYS},
        "inputs": [{"indicator": i.indicator, "item": i.item, "laag": i.laag, "jaar": i.jaar, "value": i.value,
                    "illustrative": i.illustrative} for i in claim.inputs],
    }


def _plain(value: object) -> Any:
    """A claim's detail as JSON: tuples as lists, dataclasses as objects, numbers
    inside a decision (per_item values) left out like the claim's own."""
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))
                if str(k) not in NUMBER_KEYS}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
