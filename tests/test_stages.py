"""The pipeline is one-way and each library lives in its own stage (DESIGN.md, section 2).

Strict on purpose: every module must be named in a stage below (a new top-level
module fails until someone decides where it belongs), relative and
function-level imports count like any other, and no module may import another
that imports it back, however long the way round.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import monitor_pdf
import pytest

PACKAGE = Path(monitor_pdf.__file__).parent

# Left to right: a module may import its own stage and the stages to its left.
ORDER = ["leaf", "data", "model", "wording", "charts", "layout", "render", "pipeline", "cli"]

# Top-level modules, each named. "leaf" modules are shared by every stage and
# may use the standard library and other leaf modules only.
TOP_LEVEL = {
    "monitor_pdf": "leaf",
    "monitor_pdf.errors": "leaf",
    "monitor_pdf.resources": "leaf",
    "monitor_pdf.rounding": "leaf",
    "monitor_pdf.displaylist": "leaf",
    "monitor_pdf.vocabulary": "leaf",
    "monitor_pdf.textspec": "leaf",
    "monitor_pdf.kind": "leaf",
    "monitor_pdf.names": "leaf",
    "monitor_pdf.words": "leaf",
    "monitor_pdf.theme": "leaf",
    "monitor_pdf.chartkinds": "leaf",
    "monitor_pdf.cache": "leaf",
    "monitor_pdf.spec": "leaf",
    "monitor_pdf.processes": "leaf",
    "monitor_pdf.sidecar": "leaf",      # the record file beside each PDF: name, bytes, reading
    "monitor_pdf.review": "leaf",       # diff of two builds' records (reads JSON only)
    "monitor_pdf.model": "model",
    "monitor_pdf.pipeline": "pipeline",
    "monitor_pdf.batch": "pipeline",
    "monitor_pdf.validate": "pipeline",
    "monitor_pdf.watch": "pipeline",
    "monitor_pdf.chart_process": "pipeline",
    "monitor_pdf.contents": "pipeline",  # a factsheet's record, from its model and wording
    "monitor_pdf.cli": "cli",
    "monitor_pdf.__main__": "cli",
}
# Sub-packages: every module inside belongs to the package's stage.
SUBPACKAGES = {
    "monitor_pdf.data": "data",
    "monitor_pdf.wording": "wording",
    "monitor_pdf.charts": "charts",
    "monitor_pdf.layout": "layout",
    "monitor_pdf.render": "render",
}
# Third-party libraries and the stages allowed to import them. Layout measures
# with reportlab's font metrics and flowables; render paints with its canvas.
LIBRARY_STAGES = {
    "pandas": {"data"},
    "matplotlib": {"charts"},
    "reportlab": {"layout", "render"},
    "pikepdf": {"render"},
    "pypdfium2": {"render"},
    # Pillow's ImageCms (LittleCMS): the print file's colours through its ICC
    # profile (render/colour.py); pypdfium2 hands it the preview PNGs
    "PIL": {"render"},
    "click": {"cli"},
    # HarfBuzz shapes text where it is measured (chart labels in charts, lines
    # in layout); charts/shaping.py is the one module that calls it
    "uharfbuzz": {"charts"},
    # Dutch hyphenation, used by the line breaking in layout
    "pyphen": {"layout"},
}


class UnknownModule(Exception):
    pass


def stage(module: str) -> str:
    if module in TOP_LEVEL:
        return TOP_LEVEL[module]
    for package, name in SUBPACKAGES.items():
        if module == package or module.startswith(package + "."):
            return name
    raise UnknownModule(f"{module} is in no stage: add it to TOP_LEVEL or a sub-package in tests/test_stages.py")


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(p for p in parts if p != "__init__")] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module `name` imports, anywhere in the file, relative imports resolved.

    `from monitor_pdf.charts import canvas` imports the module
    monitor_pdf.charts.canvas (and the package monitor_pdf.charts).
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in known)
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    found = modules(package)
    known = set(found)
    return {name: imports(name, path, known) for name, path in found.items()}


def own(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Only the edges between the package's own modules."""
    return {name: {i for i in targets if i in graph} for name, targets in graph.items()}


def wall_problems(graph: dict[str, set[str]]) -> list[str]:
    problems = []
    for name, targets in sorted(graph.items()):
        here = ORDER.index(stage(name))
        for imported in sorted(targets):
            if imported.split(".")[0] == "monitor_pdf":
                there = stage(imported)
                if ORDER.index(there) > here:
                    problems.append(f"{name} ({stage(name)}) imports {imported} ({there}, a later stage)")
            library = imported.split(".")[0]
            if library in LIBRARY_STAGES and stage(name) not in LIBRARY_STAGES[library]:
                problems.append(f"{name} ({stage(name)}) imports {library}")
            elif stage(name) == "leaf" and library != "monitor_pdf" and library not in sys.stdlib_module_names:
                problems.append(f"{name} (leaf) imports {library}, which is not the standard library")
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


# --- the house itself -------------------------------------------------------

def test_every_module_is_named_in_a_stage():
    unknown = []
    for name in modules():
        try:
            stage(name)
        except UnknownModule as error:
            unknown.append(str(error))
    assert unknown == []
    assert len(modules()) > 50  # the walk found the package, not an empty folder


def test_stages_import_only_to_their_left_and_libraries_stay_in_their_stage():
    assert wall_problems(import_graph()) == []


def test_no_import_cycle_between_modules():
    assert cycles(own(import_graph())) == []


def test_layout_never_imports_render():
    graph = import_graph()
    layout_to_render = [(n, i) for n, t in graph.items() if stage(n) == "layout"
                        for i in t if i.startswith("monitor_pdf.render")]
    assert layout_to_render == []


# --- the checker can fail: a deliberately bad package -------------------------

def _write(root: Path, files: dict[str, str]) -> Path:
    package = root / "monitor_pdf"
    for relative, text in files.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_the_checker_finds_a_relative_import_across_a_wall(tmp_path):
    package = _write(tmp_path, {
        "__init__.py": "",
        "layout/__init__.py": "",
        "render/__init__.py": "",
        "render/paint.py": "",
        "layout/boxes.py": "def measure():\n    from ..render import paint  # inside a function, relative\n",
    })
    assert wall_problems(import_graph(package)) == [
        "monitor_pdf.layout.boxes (layout) imports monitor_pdf.render (render, a later stage)",
        "monitor_pdf.layout.boxes (layout) imports monitor_pdf.render.paint (render, a later stage)",
    ]


def test_the_checker_finds_a_library_outside_its_stage_and_a_third_party_leaf(tmp_path):
    package = _write(tmp_path, {
        "__init__.py": "",
        "model.py": "import matplotlib.pyplot\n",
        "rounding.py": "import numpy\nimport math\n",
    })
    assert wall_problems(import_graph(package)) == [
        "monitor_pdf.model (model) imports matplotlib",
        "monitor_pdf.rounding (leaf) imports numpy, which is not the standard library",
    ]


def test_the_checker_finds_a_cycle_within_one_stage(tmp_path):
    package = _write(tmp_path, {
        "__init__.py": "",
        "pipeline.py": "from monitor_pdf.batch import output_name\n",
        "batch.py": "from monitor_pdf import validate\n",
        "validate.py": "from . import pipeline\n",
    })
    graph = import_graph(package)
    assert wall_problems(graph) == []  # same stage: only the cycle test can see it
    assert cycles(own(graph)) == [["monitor_pdf.batch", "monitor_pdf.pipeline", "monitor_pdf.validate"]]


def test_an_unnamed_module_has_no_stage():
    with pytest.raises(UnknownModule, match=r"monitor_pdf.helpers is in no stage"):
        stage("monitor_pdf.helpers")
