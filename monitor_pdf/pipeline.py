"""The one place that runs the stages in order:
data -> model -> wording -> charts -> layout -> render -> file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from monitor_pdf import cache, resources
from monitor_pdf.spec import PT_PER_MM, FactsheetSpec, load_overrides, load_spec


@dataclass(frozen=True)
class Factsheet:
    """A rendered factsheet, before it is written anywhere."""
    pdf: bytes
    laag: str
    jaar: int
    pages: list            # layout.engine.PageLayout, page by page
    illustrative: bool     # shows at least one illustrative value
    page_height_pt: float  # trim height: placements are measured from the trim box
    profile: str = "screen"

    def placements(self) -> list:
        return [p for page in self.pages for p in page.placements]


def load_dataset(data_dir: Path | None = None):
    """The tables of a folder. Each parsed table is cached by its path and bytes,
    so an unchanged table is read without pandas (import ~0.8 s) and a changed
    one is the only one parsed again."""
    from monitor_pdf.data.load import UNITS_FILE, load_records
    from monitor_pdf.model import Dataset

    folder = Path(data_dir) if data_dir else resources.datasets_dir()
    units = folder / UNITS_FILE
    return Dataset(load_records(folder, _cached_table), _cached_units(units) if units.is_file() else None)


def _table_key(path: Path) -> str | None:
    try:
        return cache.key_of(cache.code_version("data"), str(path.resolve()),
                            hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        return None


def _tables_cached(folder: Path) -> bool:
    """Whether every table of the folder is in the cache as it is now."""
    keys = [_table_key(p) for p in folder.glob("*.csv")]
    return all(k and cache.get("tables", k) is not None for k in keys)


def _cached_table(path: Path):
    """(records, problems) of one table; only a table without problems is cached."""
    key = _table_key(path)
    found = cache.get("tables", key) if key else None
    if found is None:
        from monitor_pdf.data.load import read_table_checked

        found = read_table_checked(path)
        if key and not found[1]:
            cache.put("tables", key, found)
    return found


def _cached_units(path: Path):
    key = _table_key(path)
    units = cache.get("units", key) if key else None
    if units is None:
        from monitor_pdf.data.load import load_units

        units = load_units(path.parent)
        if key:
            cache.put("units", key, units)
    return units


def draw_charts(spec: FactsheetSpec, model, use_cache: bool = True, helper=None) -> dict:
    """Each figure's display list; from the cache when its data, size, theme and
    the chart code are unchanged (then matplotlib is not even imported). The
    others are drawn here, or by `helper` (a ChartProcess) when there is one."""
    from monitor_pdf import theme

    charts, missing = {}, []
    for block in spec.figure_blocks():
        request = (block.chart, model.charts[block.id], spec.block_width(block.id) * PT_PER_MM,
                   block.height * PT_PER_MM, f"Figuur {block.number} ({block.id})", block.label_share)
        key = cache.key_of(cache.code_version("charts", "displaylist", "theme", "model", "wording"), theme.DEFAULT_THEME,
                           theme.PALETTE, request)
        cached = cache.get("charts", key) if use_cache else None
        if cached is None:
            missing.append((block.id, key, request))
        else:
            charts[block.id] = cached
    if missing and helper is not None:
        drawn = helper.draw([request for _, _, request in missing])
    elif missing:
        from monitor_pdf.charts.draw import ChartRequest, draw_charts

        drawn = draw_charts([ChartRequest(*request) for _, _, request in missing])
    if missing:
        for (block_id, key, _), display_list in zip(missing, drawn):
            charts[block_id] = display_list
            if use_cache:
                cache.put("charts", key, display_list)
    return charts


def check_factsheet(dataset, spec: FactsheetSpec, laag: str, jaar: int, data_dir: Path | None = None):
    """Run the stages that need no drawing (model, wording): the model if the data
    allows this factsheet, else the MonitorError that says why not."""
    from monitor_pdf.model import build_model
    from monitor_pdf.wording.texts import build_wording

    model = build_model(dataset, spec, laag, jaar, data_dir)
    build_wording(model, spec)
    return model


def render_factsheet(laag: str = "provincies", jaar: int | None = None,
                     data_dir: Path | None = None, spec: FactsheetSpec | None = None,
                     strict: bool = False, profile: str = "screen", use_cache: bool = True,
                     helper=None) -> Factsheet:
    """Run every stage for one factsheet. `strict` refuses (StrictError) when any
    value it would show, or that its sentences rest on, is illustrative."""
    from monitor_pdf.layout.build import check_printable, make_boxes
    from monitor_pdf.layout.engine import layout_pages
    from monitor_pdf.model import build_model
    from monitor_pdf.render.document import Metadata, render_pdf
    from monitor_pdf.render.profiles import get_profile
    from monitor_pdf.wording.texts import build_wording

    output_profile = get_profile(profile)
    spec = spec or load_spec()
    data_dir = Path(data_dir) if data_dir else resources.datasets_dir()
    dataset = load_dataset(data_dir)
    jaar = jaar if jaar is not None else max(dataset.jaren)
    used = dataset.track_usage()
    model = build_model(dataset, spec, laag, jaar, data_dir)
    wording = build_wording(model, spec, load_overrides(spec, data_dir, laag, jaar))
    if strict:
        _refuse_illustrative(used, laag, jaar)
    check_printable(spec, model, wording)
    charts = draw_charts(spec, model, use_cache, helper)
    pages = layout_pages(spec, make_boxes(spec, model, wording, charts))
    illustrative = any(p.illustrative for p in pages)
    header, meta = wording.header, wording.meta
    metadata = Metadata(
        title=f"{header['title']} – {header['subtitle']} – {model.unit.name}",
        author=meta.get("author", ""),
        subject=meta.get("subject", "") + (meta.get("illustrative", "") if illustrative else ""),
        keywords=("Monitor Integriteit en Veiligheid", "agressie", "intimidatie", "integriteit",
                  laag, str(jaar)),
    )
    pdf = render_pdf(spec, pages, header, wording.footer, metadata, output_profile)
    return Factsheet(pdf, laag, jaar, pages, illustrative, spec.grid.page_height * PT_PER_MM, profile)


def _refuse_illustrative(used: set, laag: str, jaar: int) -> None:
    from monitor_pdf.errors import StrictError
    from monitor_pdf.wording.numbers import format_pct

    shown = sorted((r for r in used if r.illustrative), key=lambda r: (r.file, r.line))
    if shown:
        raise StrictError(
            f"--strict: the factsheet {laag} {jaar} would show {len(shown)} illustrative "
            f"value{'s' if len(shown) > 1 else ''} (listed above); build without --strict to mark them",
            [f"{Path(r.file).name}:{r.line}: {r.indicator} '{r.item}' {r.laag} {r.jaar} = "
             f"{format_pct(r.waarde)} (illustratief)" for r in shown])


def build_factsheet(laag: str = "provincies", jaar: int | None = None, data_dir: Path | None = None,
                    output: Path | None = None, strict: bool = False, profile: str = "screen",
                    parallel_start: bool = False) -> tuple[Path, Factsheet]:
    """Render and write atomically. Nothing is written when any stage fails.
    `parallel_start` (for a one-shot process): when the tables are new, draw the
    charts in a helper process that imports matplotlib while the data is read."""
    from monitor_pdf.batch import output_name
    from monitor_pdf.render.output import write_atomic

    helper = None
    if parallel_start and not _tables_cached(Path(data_dir) if data_dir else resources.datasets_dir()):
        from monitor_pdf.chart_process import ChartProcess

        helper = ChartProcess.start()
    try:
        factsheet = render_factsheet(laag, jaar, data_dir, strict=strict, profile=profile, helper=helper)
    finally:
        if helper is not None:
            helper.close()
    path = Path(output) if output else Path(output_name(laag, factsheet.jaar, profile))
    write_atomic(path, factsheet.pdf)
    return path, factsheet
