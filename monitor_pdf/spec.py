"""The factsheet definition: page grid, blocks and their order (layout.toml), and
the text templates (texts.toml). Leaf module: standard library only.

The spec is data: moving a figure means editing layout.toml, not code. Loading
checks that the two files agree (every placed block is defined, every block has
its texts) so a typo fails here with its name, not halfway through a render.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from monitor_pdf import resources
from monitor_pdf.chartkinds import CHART_KINDS, SHAPES, SORTABLE
from monitor_pdf.errors import SpecError
from monitor_pdf.kind import Kind, load_kind
from monitor_pdf.textspec import TEXT_FIELDS, TextSpec, parse_texts, table_lines
from monitor_pdf.theme import DEFAULT_THEME, Theme, load_theme
from monitor_pdf.words import Words, load_words

BLOCK_KINDS = {"headline", "paragraph", "figure", "top3", "callout"}
CALLOUT_STYLES = {"band", "box", "number"}
SCALES = ("page", "figure")    # or a number: the value at the scale's end
ORDERS = ("data", "value")
PAGE_SIZES_MM = {"A4": (210.0, 297.0)}
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Grid:
    page_width: float
    page_height: float
    margin_left: float
    margin_right: float
    content_bottom: float
    gutter: float
    row_gap: float
    block_gap: float
    max_extra_row_gap: float
    footer_baseline: float
    footer_gap: float = 0.0     # kept free above content_bottom (the footer rule is 1 mm under it)
    min_row_gap: float = -1.0   # a full page may close its row gaps to this (mm); below 0: row_gap

    @property
    def tightest_row_gap(self) -> float:
        return self.row_gap if self.min_row_gap < 0 else min(self.row_gap, self.min_row_gap)

    @property
    def content_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def column_width(self) -> float:
        return (self.content_width - self.gutter) / 2


@dataclass(frozen=True)
class HeaderSpec:
    name: str
    height: float
    content_gap: float


@dataclass(frozen=True)
class BlockSpec:
    id: str
    kind: str
    level: int = 2                      # headline
    number: str = ""                    # figure: "Figuur N."
    chart: str = ""                     # figure: chart kind
    shape: str = ""                     # figure: how data becomes a chart
    data: tuple[str, ...] = ()          # figure, top3: indicator keys
    height: float = 0.0                 # figure: chart height in mm
    min_height: float = 0.0             # figure: may shrink to this when the page is full (0: fixed)
    highlight: tuple[str, ...] = ()     # figure (scale): items drawn highlighted
    label_share: float = 0.45           # figure (bars): share of width for labels
    years: int = 0                      # figure (trends): show at most this many latest years (0: all)
    edition: str = ""                   # figure, top3: "latest" = the latest edition that has the data
    style: str = ""                     # callout
    scale: str = "page"                 # figure: "page" (one scale with the page's charts of its axis, over
                                        # every unit in the data), "figure" (its own, over every unit), "fixed"
    scale_end: float = 0.0              # figure, scale "fixed": the value at the scale's end
    order: str = "data"                 # figure: "data" (the rows' order: the questionnaire's), "value" (high to low)
    columns: int = 1                    # paragraph: set in this many columns (a lead across the page)


@dataclass(frozen=True)
class Row:
    columns: tuple[tuple[str, ...], ...]   # one tuple = full width, two = two columns

    @property
    def full_width(self) -> bool:
        return len(self.columns) == 1


@dataclass(frozen=True)
class PageSpec:
    header: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class FactsheetSpec:
    grid: Grid
    headers: dict[str, HeaderSpec]
    pages: tuple[PageSpec, ...]
    blocks: dict[str, BlockSpec]
    text: TextSpec = field(repr=False)  # the checked texts.toml: templates and claims
    kind: Kind                          # kind.toml: its name, data, default unit, file names
    words: Words                        # language/nl.toml, amended by the kind's words.toml
    theme: Theme = DEFAULT_THEME        # theme.toml: colours, fonts, sizes

    @property
    def texts(self) -> dict:
        """texts.toml as parsed, before checking."""
        return self.text.raw

    def figure_blocks(self) -> list[BlockSpec]:
        return [b for b in self.placed_blocks() if b.kind == "figure"]

    def block_width(self, block_id: str) -> float:
        """Width in mm of the column the block is placed in."""
        for page in self.pages:
            for row in page.rows:
                if any(block_id in column for column in row.columns):
                    return self.grid.content_width if row.full_width else self.grid.column_width
        raise SpecError(f"layout.toml: block '{block_id}' is not placed on any page")

    def page_of(self, block_id: str) -> int:
        """The 1-based page a block is placed on."""
        for number, page in enumerate(self.pages, start=1):
            if any(block_id in column for row in page.rows for column in row.columns):
                return number
        raise SpecError(f"layout.toml: block '{block_id}' is not placed on any page")

    def placed_blocks(self) -> list[BlockSpec]:
        """Blocks in reading order: page by page, row by row, column by column."""
        return [self.blocks[block_id]
                for page in self.pages for row in page.rows
                for column in row.columns for block_id in column]


_LOADED: dict[tuple, FactsheetSpec] = {}


def load_spec(directory: Path | None = None) -> FactsheetSpec:
    """The checked layout and texts of a factsheet kind. A process keeps what it
    loaded while the files are unchanged (watch and batch build many times)."""
    directory = Path(directory or resources.factsheet_dir())
    key = (str(directory.resolve()), *(_signature(p) for p in sorted(directory.glob("*.toml"))))
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = _load_spec(directory)
    return _LOADED[key]


def _signature(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size
    except OSError:
        return 0, -1


def _load_spec(directory: Path) -> FactsheetSpec:
    try:
        return _parse_spec(directory)
    except SpecError as exc:
        raise SpecError(_locate(str(exc), directory / "layout.toml")) from None


def _locate(message: str, path: Path) -> str:
    """'layout.toml: block 'x': ...' as '<path>:<line>: block 'x': ...' (tomllib gives no lines)."""
    if not message.startswith("layout.toml: ") or not path.is_file():
        return message
    rest = message[len("layout.toml: "):]
    lines = table_lines(path.read_text(encoding="utf-8"))
    block = re.match(r"block '([^']+)'", rest)
    page = re.match(r"page (\d+)", rest)
    found = (lines.get(f"block.{block.group(1)}") if block else
             lines.get("page", [])[int(page.group(1)) - 1:int(page.group(1))] if page else
             lines.get("grid") if rest.startswith("[grid]") else None)
    return f"{path}:{found[0]}: {rest}" if found else f"{path}: {rest}"


def _parse_spec(directory: Path) -> FactsheetSpec:
    layout = _read_toml(directory / "layout.toml")
    texts_path = directory / "texts.toml"
    texts = _read_toml(texts_path)
    grid = _grid(layout.get("grid", {}))
    headers = {name: HeaderSpec(name, float(h["height"]), float(h["content_gap"]))
               for name, h in layout.get("header", {}).items()}
    blocks = {bid: _block(bid, raw) for bid, raw in layout.get("block", {}).items()}
    pages = tuple(_page(i + 1, raw, headers, blocks)
                  for i, raw in enumerate(layout.get("page", [])))
    if not pages:
        raise SpecError("layout.toml: no [[page]] defined")
    figure_ids = {b.id for b in blocks.values() if b.kind == "figure"}
    text = parse_texts(texts, texts_path.read_text(encoding="utf-8"), str(texts_path), figure_ids)
    theme = load_theme(directory / "theme.toml") if (directory / "theme.toml").is_file() else DEFAULT_THEME
    spec = FactsheetSpec(grid, headers, pages, blocks, text, load_kind(directory), load_words(directory), theme)
    _check_texts(spec)
    _check_shared_scales(spec)
    return spec


def override_path(data_dir: Path, laag: str, jaar: int) -> Path:
    return Path(data_dir) / "teksten" / f"{laag}-{jaar}.toml"


def load_overrides(spec: FactsheetSpec, data_dir: Path, laag: str, jaar: int) -> dict[str, dict[str, str]]:
    """The editor's word-for-word texts for one factsheet, if its file exists:
    `<data>/teksten/<laag>-<jaar>.toml`, one table per block id, e.g.
    `[p1] text = "..."`. They replace the generated texts as they are."""
    path = override_path(data_dir, laag, jaar)
    if not path.is_file():
        return {}
    raw = _read_toml(path)
    known = {b.id for b in spec.placed_blocks()} | {"header", "footer"}
    for block_id, fields in raw.items():
        if block_id not in known or not isinstance(fields, dict):
            raise SpecError(f"{path}: [{block_id}] is not a block of the factsheet "
                            f"(blocks: {', '.join(sorted(known))})")
        for name, text in fields.items():
            allowed = set(spec.texts.get(block_id, {})) if block_id in ("header", "footer") else TEXT_FIELDS
            if name not in allowed:
                raise SpecError(f"{path}: [{block_id}] {name}: not a text field "
                                f"(one of {', '.join(sorted(allowed))})")
            if not isinstance(text, str) or not text.strip():
                raise SpecError(f"{path}: [{block_id}] {name}: must be non-empty text")
    return raw


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise SpecError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path}: {exc}") from None


def _grid(raw: dict) -> Grid:
    page = raw.get("page", "A4")
    if page not in PAGE_SIZES_MM:
        raise SpecError(f"layout.toml: [grid] page '{page}' is not one of {sorted(PAGE_SIZES_MM)}")
    width, height = PAGE_SIZES_MM[page]
    keys = ("margin_left", "margin_right", "content_bottom", "gutter", "row_gap",
            "block_gap", "max_extra_row_gap", "footer_baseline")
    missing = [k for k in keys if k not in raw]
    if missing:
        raise SpecError(f"layout.toml: [grid] lacks {', '.join(missing)}")
    return Grid(width, height, **{k: float(raw[k]) for k in keys}, footer_gap=float(raw.get("footer_gap", 0.0)),
                min_row_gap=float(raw.get("min_row_gap", -1.0)))


def _block(block_id: str, raw: dict) -> BlockSpec:
    kind = raw.get("kind")
    if kind not in BLOCK_KINDS:
        raise SpecError(f"layout.toml: block '{block_id}': kind '{kind}' is not one of {sorted(BLOCK_KINDS)}")
    data = raw.get("data", ())
    block = BlockSpec(
        id=block_id, kind=kind, level=int(raw.get("level", 2)),
        number=str(raw.get("number", "")), chart=raw.get("chart", ""),
        shape=raw.get("shape", ""),
        data=(data,) if isinstance(data, str) else tuple(data),
        height=float(raw.get("height", 0.0)),
        min_height=float(raw.get("min_height", 0.0)),
        highlight=tuple(str(h) for h in raw.get("highlight", ())),
        label_share=float(raw.get("label_share", 0.45)),
        years=int(raw.get("years", 0)),
        edition=str(raw.get("edition", "")),
        style=raw.get("style", ""),
        **_scale(raw.get("scale", "page")),
        order=str(raw.get("order", "data")),
        columns=int(raw.get("columns", 1)),
    )
    problem = _block_problem(block)
    if problem:
        raise SpecError(f"layout.toml: block '{block_id}': {problem}")
    return block


def _scale(raw: object) -> dict:
    """scale = "page" | "figure" | a number (the value at the scale's end)."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        return {"scale": repr(raw)}
    if isinstance(raw, str):
        return {"scale": raw}
    return {"scale": "fixed", "scale_end": float(raw)}


def _block_problem(b: BlockSpec) -> str | None:
    if b.kind != "figure" and (b.scale != "page" or b.order != "data"):
        return "scale and order are settings of a figure"
    if b.kind != "paragraph" and b.columns != 1:
        return "columns is a setting of a paragraph"
    if b.columns not in (1, 2):
        return f"columns = {b.columns}: a paragraph is set in 1 or 2 columns"
    if b.kind == "figure":
        if b.scale not in (*SCALES, "fixed") or (b.scale == "fixed" and b.scale_end <= 0):
            setting = b.scale if b.scale != "fixed" else f"{b.scale_end:g}"
            return f"scale {setting} is not \"page\", \"figure\" or a positive number"
        if b.order not in ORDERS:
            return f"order '{b.order}' is not one of {list(ORDERS)}"
        if b.order == "value" and b.shape not in SORTABLE:
            return f"order = \"value\" sorts items; shape '{b.shape}' keeps its order"
        if b.chart not in CHART_KINDS:
            return f"chart '{b.chart}' is not one of {sorted(CHART_KINDS)}"
        if b.shape not in SHAPES:
            return f"shape '{b.shape}' is not one of {sorted(SHAPES)}"
        if b.shape not in CHART_KINDS[b.chart].shapes:
            return f"chart '{b.chart}' draws shape {' or '.join(CHART_KINDS[b.chart].shapes)}, not '{b.shape}'"
        if not b.data or b.height <= 0 or not b.number:
            return "a figure needs number, data and a positive height"
        if b.min_height and not 0 < b.min_height <= b.height:
            return "min_height must be positive and at most height"
    if b.edition not in ("", "latest"):
        return f"edition '{b.edition}' is not 'latest'"
    if b.kind == "top3" and len(b.data) != 1:
        return "a top3 block needs exactly one data indicator"
    if b.kind == "callout" and b.style not in CALLOUT_STYLES:
        return f"style '{b.style}' is not one of {sorted(CALLOUT_STYLES)}"
    return None


def _check_shared_scales(spec: FactsheetSpec) -> None:
    """Horizontal bars that share a page's scale start at one place and are as
    long for one value: the same column width and label_share."""
    for number in range(1, len(spec.pages) + 1):
        shared = [b for b in spec.figure_blocks() if b.scale == "page" and spec.page_of(b.id) == number
                  and CHART_KINDS[b.chart].axis == "horizontal"]
        for block in shared[1:]:
            first = shared[0]
            if (spec.block_width(block.id), block.label_share) != (spec.block_width(first.id), first.label_share):
                raise SpecError(
                    f"layout.toml: block '{block.id}': it shares page {number}'s scale with '{first.id}', so its "
                    f"bars must start where theirs do: give both the same column width and label_share "
                    f"({block.label_share:g} and {first.label_share:g}), or set scale = \"figure\"")


def _page(number: int, raw: dict, headers: dict, blocks: dict) -> PageSpec:
    header = raw.get("header", "")
    if header not in headers:
        raise SpecError(f"layout.toml: page {number}: header '{header}' is not defined")
    rows = []
    for row in raw.get("rows", []):
        columns = (tuple(row["full"]),) if "full" in row else tuple(tuple(c) for c in row.get("cols", []))
        if len(columns) not in (1, 2):
            raise SpecError(f"layout.toml: page {number}: a row has one full-width column or two columns")
        for block_id in (b for col in columns for b in col):
            if block_id not in blocks:
                raise SpecError(f"layout.toml: page {number}: block '{block_id}' is placed but not defined")
        rows.append(Row(columns))
    return PageSpec(header, tuple(rows))


_REQUIRED_TEXTS = {
    "headline": ("text",), "paragraph": ("text",), "figure": ("caption",),
    "top3": ("title",), "callout": ("text",),
}


def _check_texts(spec: FactsheetSpec) -> None:
    placed = [b.id for b in spec.placed_blocks()]
    duplicates = {b for b in placed if placed.count(b) > 1}
    if duplicates:
        raise SpecError(f"layout.toml: blocks placed twice: {', '.join(sorted(duplicates))}")
    for block in spec.placed_blocks():
        entry = spec.text.fields.get(block.id, {})
        for key in _REQUIRED_TEXTS[block.kind]:
            if key not in entry and not (key == "text" and block.id in spec.text.sentences):
                raise SpecError(f"texts.toml: block '{block.id}' has no '{key}'")
    for key in ("header", "footer"):
        if key not in spec.texts:
            raise SpecError(f"texts.toml: no [{key}] table")
