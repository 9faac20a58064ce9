"""Rewrite the visual test's reference pages on purpose (make visual-refresh):

    python -m tests.visual.refresh            # render, write what changed, list it
    python -m tests.visual.refresh --dry-run  # only list what would change

Renders every page of every bundled factsheet in both profiles exactly as
tests/test_visual.py does (tests/visual/pages.py), writes a reference only when
its pixels changed (an unchanged page keeps its bytes), removes references of
pages that are no longer rendered, and prints each change. Review the diff
images in build/visual-diff/ (written by a failing test) before refreshing.
"""

from __future__ import annotations

import argparse
import os
import sys

from tests.visual.pages import CASES, REFERENCE_DIR, REPO, compare, load_png, render_pages, save_png


def refresh(dry_run: bool = False) -> list[str]:
    """Lines describing every reference that changed, was added or removed."""
    report: list[str] = []
    expected: set[str] = set()
    for case in CASES:
        for number, page in enumerate(render_pages(case), start=1):
            name = case.name(number)
            expected.add(name)
            path = REFERENCE_DIR / name
            if not path.exists():
                report.append(f"new        {name} ({page.width} x {page.height} px)")
            else:
                result = compare(load_png(path), page)
                if result.size is None and result.changed == 0:
                    continue
                report.append(f"changed    {name}: {result.describe()}")
            if not dry_run:
                save_png(page, path)
    for stale in sorted(REFERENCE_DIR.glob("*.png")):
        if stale.name not in expected:
            report.append(f"removed    {stale.name} (no such page is rendered)")
            if not dry_run:
                stale.unlink()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.visual.refresh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="list what would change, write nothing")
    args = parser.parse_args(argv)
    os.environ["MONITOR_PDF_CACHE"] = "off"    # nothing read from, or left in, the user's cache
    report = refresh(args.dry_run)
    where = REFERENCE_DIR.relative_to(REPO)
    for line in report:
        print(line)
    total = sum(p.stat().st_size for p in REFERENCE_DIR.glob("*.png"))
    count = len(list(REFERENCE_DIR.glob("*.png")))
    verb = "would change" if args.dry_run else "changed"
    print(f"{len(report) or 'no'} reference(s) {verb}; {where}: {count} pages, {total / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
