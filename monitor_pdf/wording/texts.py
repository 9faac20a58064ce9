"""The wording stage's output: every text of one factsheet, filled in."""

from __future__ import annotations

from dataclasses import dataclass

from monitor_pdf.model import ChartData, FactsheetModel
from monitor_pdf.spec import TEXT_FIELDS, FactsheetSpec
from monitor_pdf.wording.context import build_values
from monitor_pdf.wording.numbers import format_pct
from monitor_pdf.wording.phrases import join
from monitor_pdf.wording.templates import Templates

_CHART_NAMES = {
    "hbar": "Staafdiagram", "scale": "Staafdiagram over de schaal 1 tot 7",
    "grouped_vbar": "Gegroepeerd staafdiagram", "grouped_hbar": "Gegroepeerd staafdiagram",
    "line": "Lijndiagram",
}


@dataclass(frozen=True)
class Wording:
    blocks: dict[str, dict[str, str]]     # block id -> field -> text
    header: dict[str, str]
    footer: dict[str, str]
    meta: dict[str, str]                  # document metadata: author, subject
    alt: dict[str, str]                   # figure block id -> text alternative


def build_wording(model: FactsheetModel, spec: FactsheetSpec,
                  overrides: dict[str, dict[str, str]] | None = None) -> Wording:
    """All texts of one factsheet; `overrides` (spec.load_overrides) replace
    generated texts word for word."""
    values, cases = build_values(model, spec)
    templates = Templates(spec.texts, values, cases)
    blocks = {}
    for block in spec.placed_blocks():
        fields = {name: templates.field(block.id, name) for name in TEXT_FIELDS}
        blocks[block.id] = {k: v for k, v in fields.items() if v is not None}
    header = {k: templates.field("header", k) for k in spec.texts["header"]}
    footer = {k: templates.field("footer", k) for k in spec.texts["footer"]}
    for block_id, fields in (overrides or {}).items():
        target = {"header": header, "footer": footer}.get(block_id, blocks.get(block_id))
        target.update(fields)
    meta = {k: templates.field("meta", k) for k in spec.texts.get("meta", {})}
    alt = {b.id: alt_text(b.chart, model.charts[b.id]) for b in spec.figure_blocks()}
    return Wording(blocks, header, footer, meta, alt)


def alt_text(chart_kind: str, data: ChartData) -> str:
    """A chart in words, with its numbers: 'Staafdiagram. Verbale agressie: 46%, ...'.
    Illustrative values are said to be so: once for the chart when all are, else each."""
    every = all(c.illustrative for row in data.cells for c in row)

    def value(cell) -> str:
        return format_pct(cell.value) + (" (illustratief)" if cell.illustrative and not every else "")

    parts = []
    for s, series in enumerate(data.series):
        listed = join([f"{data.name(cat)}: {value(c)}" for cat, c in zip(data.categories, data.cells[s])])
        parts.append(listed if len(data.series) == 1 else f"{data.name(series)}: {listed}")
    note = " Alle waarden zijn illustratief, niet gepubliceerd." if every else ""
    return f"{_CHART_NAMES[chart_kind]}. " + "; ".join(parts) + "." + note
