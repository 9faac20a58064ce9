"""What the code imports is what pyproject.toml declares (a package installed by
hand is not there on the next machine), and every runtime dependency is bounded."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOCAL = {"monitor_pdf", "tests", "bench"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def declared(*extras: str) -> set[str]:
    names = {_name(r) for r in PROJECT["dependencies"]}
    for extra in extras:
        names |= {_name(r) for r in PROJECT["optional-dependencies"][extra]}
    return names


def third_party_imports(folder: Path) -> dict[str, str]:
    """Top-level module -> the first file importing it, for modules outside the stdlib."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def undeclared(folder: Path, allowed: set[str]) -> list[str]:
    distributions = packages_distributions()
    problems = []
    for module, where in third_party_imports(folder).items():
        names = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        if not names & allowed:
            problems.append(f"{where} imports {module} ({', '.join(sorted(names))}), not declared")
    return problems


def test_the_package_imports_only_its_runtime_dependencies():
    assert undeclared(ROOT / "monitor_pdf", declared()) == []


def test_tests_and_benchmarks_import_only_declared_packages():
    assert undeclared(ROOT / "tests", declared("test")) == []
    assert undeclared(ROOT / "bench", declared("test", "bench")) == []


def test_every_runtime_dependency_has_a_lower_and_an_upper_bound():
    for requirement in PROJECT["dependencies"]:
        assert ">=" in requirement and "<" in requirement.replace("<=", ""), requirement


def test_preview_has_pillow_and_the_tests_have_numpy():
    """pypdfium2 hands pages to Pillow (to_pil) without importing it itself."""
    assert "pillow" in declared()
    assert "numpy" in declared("test")
