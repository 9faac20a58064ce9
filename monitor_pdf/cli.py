"""The command line: a thin click adapter over pipeline.py.

Every MonitorError becomes one line on stderr and a non-zero exit code; users
never see a traceback (set MONITOR_PDF_DEBUG=1 to get one).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from monitor_pdf import __version__

if TYPE_CHECKING:
    from monitor_pdf.batch import Outcome

EXAMPLES = """
\b
Examples:
  monitor-pdf build                          # factsheet-provincies-2024.pdf from the bundled data
  monitor-pdf build --laag gemeenten -o gemeenten.pdf
  monitor-pdf build --data ./mijn-data --jaar 2024
  monitor-pdf list                           # what the data can build
  monitor-pdf batch -o dist --jobs 2         # every laag, latest year, with manifest.json
  monitor-pdf build --profile print          # CMYK, bleed and crop marks for the print shop
  monitor-pdf verify dist                    # the PDFs still match manifest.json
  monitor-pdf diff old-dist dist             # what changed in words and numbers between two builds
  monitor-pdf check dist/*.pdf               # PDF/X-4 (print) and PDF/A-2b (screen) checks, one line each
  monitor-pdf validate --data ./mijn-data    # every problem in the tables, nothing drawn
  monitor-pdf preview -o previews            # PNG pages for review
  monitor-pdf watch --preview                # rebuild on every edit, with the build time
  monitor-pdf structure factsheet-provincies-2024.pdf   # the tagged structure, in reading order
  monitor-pdf build --factsheet landelijk    # another kind: one page of national figures
  monitor-pdf kinds copy agressie ./mijn-factsheet   # a kind of your own to change
"""
PROFILE_CHOICE = click.Choice(["screen", "print"])
STRICT_OPTION = click.option("--strict", is_flag=True,
                             help="Refuse to build a factsheet that would show illustrative values; list them.")
DATA_OPTION = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                           metavar="DIR", help="Folder with the CSV tables. Default: the factsheet kind's own data.")
FACTSHEET_OPTION = click.option("--factsheet", default=None, metavar="NAME|DIR",
                                help="Factsheet kind: a bundled one (agressie, landelijk) or a folder of your own "
                                     "(kind.toml, layout.toml, texts.toml, theme.toml). Default: agressie.")
LAAG_OPTION = click.option("--laag", default=None, metavar="NAAM",
                           help="Unit as named in the data (gemeenten, provincies, ...). Default: the kind's.")
JAAR_OPTION = click.option("--jaar", type=int, default=None, metavar="JAAR",
                           help="Survey year. Default: the latest year in the data.")
PROFILE_OPTION = click.option("--profile", type=PROFILE_CHOICE, default="screen", show_default=True,
                              help="screen: sRGB, outline, PDF/A metadata. print: CMYK, 3 mm bleed, crop marks.")


def _build_options(function):
    """The options that say which factsheet: shared by build, preview and watch."""
    for option in reversed([
        FACTSHEET_OPTION,
        LAAG_OPTION,
        JAAR_OPTION,
        DATA_OPTION,
        PROFILE_OPTION,
    ]):
        function = option(function)
    return function


class _Cli(click.Group):
    """Turns a MonitorError into one line on stderr and its exit code, here rather
    than in main(), so click's CliRunner sees exactly what a user sees. So does a
    stop (SIGINT, SIGTERM): one line, exit 130 or 143 (_stopped)."""

    def invoke(self, ctx: click.Context):
        from monitor_pdf.errors import MonitorError
        from monitor_pdf.processes import Stopped, stop_on_signals
        from monitor_pdf.render.output import forget_written

        forget_written()
        try:
            with stop_on_signals():
                return super().invoke(ctx)
        except Stopped as stop:
            _stopped(stop)
            ctx.exit(stop.exit_code)
        except MonitorError as exc:
            for value in getattr(exc, "values", []):     # --strict lists what it refused
                click.echo(f"  {value}", err=True)
            click.echo(f"monitor-pdf: error: {_one_line(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except BrokenPipeError:   # output piped into `head`: stop quietly, like other tools
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except Exception as exc:  # a bug: still one line, and a way to get the details
            if os.environ.get("MONITOR_PDF_DEBUG"):
                raise
            click.echo(f"monitor-pdf: internal error: {type(exc).__name__}: {_one_line(str(exc))} "
                       "(run with MONITOR_PDF_DEBUG=1 for details)", err=True)
            ctx.exit(70)


@click.group(cls=_Cli, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="monitor-pdf")
def cli() -> None:
    """Typeset factsheets of the Monitor Integriteit en Veiligheid as two-page A4 PDFs."""


@cli.command(epilog=EXAMPLES)
@_build_options
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="PATH", help="PDF to write. Default: factsheet-<laag>-<jaar>.pdf here.")
@STRICT_OPTION
def build(factsheet: str | None, laag: str | None, jaar: int | None, data_dir: Path | None, output: Path | None,
          strict: bool, profile: str) -> None:
    """Build one factsheet and write it atomically."""
    from monitor_pdf.processes import Stopped
    from monitor_pdf.render.output import written

    started = time.perf_counter()
    try:
        from monitor_pdf.pipeline import build_factsheet  # in here: a stop while it loads is told as one

        path, made = build_factsheet(laag=laag, jaar=jaar, data_dir=data_dir, output=output, strict=strict,
                                     profile=profile, parallel_start=True, factsheet=factsheet)
    except Stopped as stop:
        if output is not None and not written():
            stop.detail = f"{output} not written" + (", the old one is kept" if output.exists() else "")
        raise
    note = "; shows illustrative values (marked *)" if made.illustrative else ""
    pages = len(made.pages)
    click.echo(f"wrote {path} ({pages} page{'s' if pages != 1 else ''}, {len(made.pdf) / 1024:.0f} KB, "
               f"{time.perf_counter() - started:.2f} s){note}")


@cli.command(epilog=EXAMPLES)
@_build_options
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
              show_default=True, metavar="DIR", help="Folder for the PNG files.")
@click.option("--dpi", type=click.FloatRange(30, 600), default=110, show_default=True)
def preview(factsheet: str | None, laag: str | None, jaar: int | None, data_dir: Path | None, profile: str,
            out_dir: Path, dpi: float) -> None:
    """Write PNG images of a factsheet's pages (factsheet-<laag>-<jaar>-1.png, ...)."""
    from monitor_pdf.names import output_name
    from monitor_pdf.pipeline import render_factsheet
    from monitor_pdf.render.preview import write_previews

    made = render_factsheet(laag, jaar, data_dir, profile=profile, factsheet=factsheet)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / Path(output_name(made.kind, made.laag, made.jaar, profile)).stem
    for path in write_previews(made.pdf, stem, dpi):
        click.echo(f"wrote {path}")


@cli.command(epilog=EXAMPLES)
@_build_options
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="PATH")
@click.option("--preview/--no-preview", "with_preview", default=False, help="Also write PNG pages after each build.")
def watch(factsheet: str | None, laag: str | None, jaar: int | None, data_dir: Path | None, profile: str,
          output: Path | None, with_preview: bool) -> None:
    """Rebuild (and re-preview) on every change to the data, layout or text files.

    Prints each build's time; a failed build prints its error and keeps watching.
    Stop with Ctrl-C."""
    from monitor_pdf.errors import MonitorError
    from monitor_pdf.pipeline import build_factsheet, open_factsheet
    from monitor_pdf.processes import Stopped
    from monitor_pdf.render.output import written
    from monitor_pdf.render.preview import write_previews
    from monitor_pdf.watch import watch as watch_files

    def rebuild(changed: list[Path]) -> None:
        started = time.perf_counter()
        try:
            path, made = build_factsheet(laag, jaar, data_dir, output, profile=profile, factsheet=factsheet)
            if with_preview:
                write_previews(made.pdf, path.with_suffix(""))
        except MonitorError as exc:
            click.echo(f"monitor-pdf: error: {_one_line(str(exc))}", err=True)
            return
        names = ", ".join(p.name for p in changed) if changed else "start"
        click.echo(f"rebuilt {path} in {time.perf_counter() - started:.2f} s ({names})")
        sys.stdout.flush()           # a log line per build, also when piped

    def start() -> None:
        rebuild([])
        click.echo("watching the data, layout and text files (Ctrl-C stops)")
        sys.stdout.flush()

    try:
        spec, folder = open_factsheet(factsheet, data_dir)
        watch_files(folder, rebuild, on_start=start, kind_dir=spec.kind.directory)
    except Stopped as stop:          # Ctrl-C or SIGTERM, between rebuilds or during one
        built = sorted({str(p) for p in written() if p.suffix == ".pdf"})
        stop.detail = f"{', '.join(built)} kept as last built" if built else "nothing written"
        raise


@cli.command("list", epilog=EXAMPLES)
@FACTSHEET_OPTION
@DATA_OPTION
@click.option("--all", "show_all", is_flag=True, help="Also list units and years that cannot be built, and why.")
def list_command(factsheet: str | None, data_dir: Path | None, show_all: bool) -> None:
    """List the factsheets the data can build (laag, jaar, illustrative values)."""
    from monitor_pdf.batch import availability

    rows = [a for a in availability(data_dir, factsheet) if a.buildable or show_all]
    width = max([len(a.laag) for a in rows] + [4])
    click.echo(f"{'laag':<{width}}  jaar  illustratief  status")
    for a in rows:
        status = "ok" if a.buildable else f"cannot build: {_one_line(a.reason)}"
        illustrative = ("ja" if a.illustrative else "nee") if a.buildable else "-"
        click.echo(f"{a.laag:<{width}}  {a.jaar}  {illustrative:<12}  {status}")
    if not rows:
        click.echo("(nothing can be built from this data; --all says why)")


@cli.command(epilog=EXAMPLES)
@click.option("--factsheet", "factsheets", multiple=True, metavar="NAME|DIR",
              help="Factsheet kind (repeatable). Default: every bundled kind, each from its own data "
                   "(with --data: the default kind).")
@DATA_OPTION
@click.option("--laag", "lagen", multiple=True, metavar="NAAM", help="Only this laag (repeatable). Default: all.")
@click.option("--jaar", "jaren", type=int, multiple=True, metavar="JAAR",
              help="Only this year (repeatable). Default: the latest year in the data.")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"),
              show_default=True, metavar="DIR", help="Folder for the PDFs and manifest.json.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes. Default: the CPUs this process may use.")
@STRICT_OPTION
@click.option("--profile", "profiles", type=PROFILE_CHOICE, multiple=True, metavar="screen|print",
              help="Output profile (repeatable; print files are named *-print.pdf). Default: screen.")
def batch(factsheets: tuple, data_dir: Path | None, lagen: tuple, jaren: tuple, out_dir: Path, jobs: int | None,
          strict: bool, profiles: tuple) -> None:
    """Build every factsheet the data allows, in parallel, with a manifest.

    A failure does not stop the others; the exit code is 1 when any failed."""
    from monitor_pdf import batch as batching
    from monitor_pdf.processes import usable_cpus

    targets = batching.plan(data_dir, lagen, jaren, profiles or ("screen",), factsheets)
    jobs = jobs or usable_cpus()
    started = time.perf_counter()
    outcomes = _run_with_progress(batching, targets, data_dir, out_dir, jobs, strict)
    elapsed = time.perf_counter() - started
    manifest = batching.write_manifest(out_dir, outcomes)
    failed = [o for o in outcomes if not o.ok]
    _summary(outcomes, elapsed, jobs, manifest)
    if failed:
        raise click.exceptions.Exit(1)


@cli.command(epilog=EXAMPLES)
@FACTSHEET_OPTION
@DATA_OPTION
@click.option("--laag", "lagen", multiple=True, metavar="NAAM", help="Check this laag (repeatable). Default: all.")
@click.option("--jaar", "jaren", type=int, multiple=True, metavar="JAAR",
              help="Check this year (repeatable). Default: the latest year in the data.")
def validate(factsheet: str | None, data_dir: Path | None, lagen: tuple, jaren: tuple) -> None:
    """Check the kind's files and the tables without drawing: every problem, as file:line: message."""
    from monitor_pdf.validate import validate as check

    problems, checked = check(data_dir, lagen, jaren, factsheet)
    for problem in problems:
        click.echo(_one_line(problem), err=True)
    if problems:
        click.echo(f"monitor-pdf: {len(problems)} problem{'s' if len(problems) > 1 else ''} found", err=True)
        raise click.exceptions.Exit(1)
    names = ", ".join(f"{laag} {jaar}" for laag, jaar in checked)
    click.echo(f"ok: the data can build {len(checked)} factsheet{'s' if len(checked) > 1 else ''} ({names})")


@cli.group(invoke_without_command=True, epilog=EXAMPLES)
@click.pass_context
def kinds(ctx: click.Context) -> None:
    """List the bundled factsheet kinds (a kind is a folder: kind.toml, layout.toml,
    texts.toml, theme.toml; `kinds copy` makes one of your own to change)."""
    if ctx.invoked_subcommand is None:
        from monitor_pdf import resources
        from monitor_pdf.kind import load_kind

        names = resources.bundled_kinds()
        width = max(len(n) for n in names + ["kind"])
        click.echo(f"{'kind':<{width}}  description")
        for name in names:
            click.echo(f"{name:<{width}}  {load_kind(resources.factsheet_dir(name)).description}")


@kinds.command("copy")
@click.argument("name", metavar="NAME")
@click.argument("target", type=click.Path(path_type=Path, file_okay=False), metavar="DIR")
@click.option("--data", "data_target", type=click.Path(path_type=Path, file_okay=False), default=None,
              metavar="DATA_DIR", help="Also copy the kind's bundled data (tables, sentence forms) into DATA_DIR.")
def copy_kind(name: str, target: Path, data_target: Path | None) -> None:
    """Copy a bundled kind into DIR, to change it and build with --factsheet DIR."""
    import shutil

    from monitor_pdf.errors import SpecError
    from monitor_pdf.kind import find_kind, load_kind

    source = find_kind(name)
    for folder in (target, data_target):
        if folder is not None and folder.exists():
            raise SpecError(f"{folder}: exists already; choose a new folder")
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    click.echo(f"copied {source.name} to {target}; build it with: monitor-pdf build --factsheet {target}")
    if data_target is not None:
        data_target.mkdir(parents=True)
        for table in sorted(load_kind(source).data.glob("*.csv")):
            shutil.copy2(table, data_target / table.name)
        click.echo(f"copied its data to {data_target}; use it with --data {data_target}")


@cli.command(epilog=EXAMPLES)
@click.argument("pdf", type=click.Path(path_type=Path, dir_okay=False, exists=True), metavar="PDF")
def structure(pdf: Path) -> None:
    """Print a tagged PDF's structure tree in reading order (roles, Alt texts, text)."""
    from monitor_pdf.render.pdfa import describe_structure

    for line in describe_structure(pdf.read_bytes()):
        click.echo(line)


@cli.command(epilog=EXAMPLES)
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False, exists=True), metavar="DIR")
def verify(out_dir: Path) -> None:
    """Check that the PDFs in DIR, and the records beside them, match its manifest.json (sizes and sha256)."""
    from monitor_pdf.batch import verify_manifest

    problems = verify_manifest(out_dir)
    for problem in problems:
        click.echo(f"monitor-pdf: {problem}", err=True)
    if problems:
        raise click.exceptions.Exit(1)
    click.echo(f"{out_dir}: every PDF and its record match manifest.json")


@cli.command("diff", epilog=EXAMPLES)
@click.argument("old", type=click.Path(path_type=Path), metavar="OLD")
@click.argument("new", type=click.Path(path_type=Path), metavar="NEW")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="text for a terminal, markdown for a pull request, json for a program.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when anything changed, 0 when nothing did (like git diff).")
def diff_command(old: Path, new: Path, output_format: str, exit_code: bool) -> None:
    """Compare two builds by what their factsheets say: OLD and NEW are two output
    folders, or two factsheets (PDFs, or the .json records beside them).

    Per factsheet: values that changed (figure, item, old -> new), items added or
    removed, sentences that changed (word by word), claims whose outcome or word
    choice changed; factsheets added or removed. Nothing is printed for what did
    not change."""
    from monitor_pdf import review

    report = review.compare_paths(old, new)
    for warning in report.warnings:
        click.echo(f"monitor-pdf: warning: {_one_line(warning)}", err=True)
    if output_format == "json":
        text = review.as_json(report)
    elif output_format == "markdown":
        text = review.as_markdown(report)
    else:
        text = review.as_text(report, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    click.echo(text, nl=False)
    if exit_code and report.changed:
        raise click.exceptions.Exit(1)


@cli.command(epilog=EXAMPLES)
@click.argument("pdfs", nargs=-1, required=True, metavar="FILE...",
                type=click.Path(path_type=Path, dir_okay=False, exists=True))
def check(pdfs: tuple[Path, ...]) -> None:
    """Check PDFs against the standard each claims: PDF/X-4 (print files) or
    PDF/A-2b (screen files), as far as reading the file can tell. One line per
    check, ok or FAIL; exit 1 when any check failed."""
    from monitor_pdf.render.preflight import check_pdf

    failed = 0
    for pdf in pdfs:
        report = check_pdf(pdf.read_bytes())
        click.echo(f"{pdf}: {report.standard}")
        for line in report.checks:
            click.echo(f"  {line.line()}")
        failed += bool(report.failed)
    if len(pdfs) > 1:
        click.echo(f"{len(pdfs) - failed} of {len(pdfs)} files passed")
    if failed:
        raise click.exceptions.Exit(1)


def _run_with_progress(batching, targets, data_dir, out_dir, jobs, strict):
    """A progress bar on a terminal; one line per factsheet in a log."""
    if sys.stderr.isatty():
        with click.progressbar(length=len(targets), label=f"building ({jobs} jobs)", file=sys.stderr,
                               item_show_func=lambda o: o and f"{o.laag} {o.jaar}") as bar:
            def advance(o: Outcome) -> None:
                bar.update(1, o)
                _report_failure(o)

            return batching.run_batch(targets, data_dir, out_dir, jobs, advance, strict)
    return batching.run_batch(targets, data_dir, out_dir, jobs, _report_line, strict)


def _report_line(o) -> None:
    if o.ok:
        click.echo(f"ok    {o.file}  {o.pages} page{'s' if o.pages != 1 else ''}  "
                   f"{o.bytes / 1024:.0f} KB  {o.seconds:.2f} s"
                   + ("  (illustrative values)" if o.illustrative else ""))
    else:
        _report_failure(o)


def _report_failure(o) -> None:
    if not o.ok:
        click.echo(f"FAIL  {o.factsheet} {o.laag} {o.jaar}: {_one_line(o.error)}", err=True)


def _summary(outcomes, elapsed: float, jobs: int, manifest: Path) -> None:
    built = [o for o in outcomes if o.ok]
    click.echo("")
    click.echo(f"{'laag':<16} {'jaar':>4}  {'profile':<7} {'result':<8} {'pages':>5} {'KB':>6}")
    for o in outcomes:
        result = "ok" if o.ok else "FAILED"
        click.echo(f"{o.laag:<16} {o.jaar:>4}  {o.profile:<7} {result:<8} {o.pages or '-':>5} "
                   f"{(f'{o.bytes / 1024:.0f}' if o.ok else '-'):>6}")
    rate = len(built) / elapsed if elapsed > 0 else 0.0
    click.echo(f"{len(built)} built, {len(outcomes) - len(built)} failed, {elapsed:.2f} s with {jobs} jobs "
               f"({rate:.2f} factsheets/s); manifest: {manifest}")


def main() -> None:
    from monitor_pdf.processes import Stopped, handle_stop_signals

    handle_stop_signals()       # SIGINT and SIGTERM: one path, for the whole process (processes.py)
    try:
        cli(prog_name="monitor-pdf")
    except Stopped as stop:     # one that came before or after a command ran
        _stopped(stop)
        sys.exit(stop.exit_code)


def _stopped(stop) -> None:
    """The one line a stopped command prints: which signal, and what it kept or wrote."""
    from monitor_pdf.render.output import written

    done = written()
    detail = stop.detail or (f"wrote {', '.join(str(p) for p in done)} before it stopped" if done
                             else "nothing written, the files there are kept")
    click.echo(f"monitor-pdf: stopped ({stop.name}); {detail}", err=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())
