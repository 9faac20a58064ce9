"""The pipeline is one-way and each library lives in its own stage (DESIGN.md, section 2)."""

from __future__ import annotations

import ast
from pathlib import Path

import monitor_pdf

PACKAGE = Path(monitor_pdf.__file__).parent

# Stage of every module, left to right. Leaf modules (stdlib only) may be used by all.
ORDER = ["leaf", "data", "model", "wording", "charts", "typeset", "pipeline", "cli"]
STAGE_OF_PREFIX = {
    "monitor_pdf.data": "data", "monitor_pdf.model": "model", "monitor_pdf.wording": "wording",
    "monitor_pdf.charts": "charts", "monitor_pdf.layout": "typeset", "monitor_pdf.render": "typeset",
    "monitor_pdf.pipeline": "pipeline", "monitor_pdf.batch": "pipeline", "monitor_pdf.validate": "pipeline", "monitor_pdf.watch": "pipeline", "monitor_pdf.chart_process": "pipeline", "monitor_pdf.cli": "cli", "monitor_pdf.__main__": "cli",
}
LIBRARY_STAGE = {"pandas": "data", "matplotlib": "charts", "reportlab": "typeset", "pikepdf": "typeset",
                 "pypdfium2": "typeset", "click": "cli"}


def stage(module: str) -> str:
    for prefix, name in STAGE_OF_PREFIX.items():
        if module == prefix or module.startswith(prefix + "."):
            return name
    return "leaf"


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(p for p in parts if p != "__init__")
        yield name, path


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_every_module_has_a_known_stage():
    names = [name for name, _ in modules()]
    assert "monitor_pdf.data.load" in names and "monitor_pdf.charts.recorder" in names
    for name in names:
        assert stage(name) in ORDER


def test_stages_import_only_to_their_left():
    problems = []
    for name, path in modules():
        own = ORDER.index(stage(name))
        for imported in imports(path):
            if imported.startswith("monitor_pdf"):
                if ORDER.index(stage(imported)) > own:
                    problems.append(f"{name} imports {imported} (a later stage)")
    assert problems == []


def test_each_library_only_in_its_own_stage():
    problems = []
    for name, path in modules():
        for imported in imports(path):
            library = imported.split(".")[0]
            if library in LIBRARY_STAGE and stage(name) != LIBRARY_STAGE[library]:
                problems.append(f"{name} imports {library}")
    assert problems == []


def test_leaf_modules_use_the_standard_library_only():
    for name, path in modules():
        if stage(name) == "leaf":
            for imported in imports(path):
                assert imported.split(".")[0] not in LIBRARY_STAGE, f"{name} imports {imported}"
