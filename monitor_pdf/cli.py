"""The command line: a thin click adapter over pipeline.py.

Every MonitorError becomes one line on stderr and a non-zero exit code; users
never see a traceback (set MONITOR_PDF_DEBUG=1 to get one).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from monitor_pdf import __version__

EXAMPLES = """
\b
Examples:
  monitor-pdf build                          # factsheet-provincies-2024.pdf from the bundled data
  monitor-pdf build --laag gemeenten -o gemeenten.pdf
  monitor-pdf build --data ./mijn-data --jaar 2024
"""


class _Cli(click.Group):
    """Turns a MonitorError into one line on stderr and its exit code, here rather
    than in main(), so click's CliRunner sees exactly what a user sees."""

    def invoke(self, ctx: click.Context):
        from monitor_pdf.errors import MonitorError

        try:
            return super().invoke(ctx)
        except MonitorError as exc:
            click.echo(f"monitor-pdf: error: {_one_line(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
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
@click.option("--laag", default="provincies", show_default=True, metavar="NAAM",
              help="Bestuurslaag as named in the data: gemeenten, provincies, waterschappen.")
@click.option("--jaar", type=int, default=None, metavar="JAAR",
              help="Survey year. Default: the latest year in the data.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="Folder with the CSV tables. Default: the bundled datasets/.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="PATH", help="PDF to write. Default: factsheet-<laag>-<jaar>.pdf here.")
def build(laag: str, jaar: int | None, data_dir: Path | None, output: Path | None) -> None:
    """Build one factsheet (two A4 pages) and write it atomically."""
    from monitor_pdf.pipeline import build_factsheet

    started = time.perf_counter()
    path, factsheet = build_factsheet(laag=laag, jaar=jaar, data_dir=data_dir, output=output)
    note = "; shows illustrative values (marked *)" if factsheet.illustrative else ""
    click.echo(f"wrote {path} ({len(factsheet.pages)} pages, {len(factsheet.pdf) / 1024:.0f} KB, "
               f"{time.perf_counter() - started:.2f} s){note}")


def main() -> None:
    cli(prog_name="monitor-pdf")


def _one_line(text: str) -> str:
    return " ".join(text.split())
