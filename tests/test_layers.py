"""The layers only import downwards: read from every import statement, lazy ones included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "coachkit"


def imports(module: Path) -> set[str]:
    """Every module ``module`` imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def offences(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    modules = sorted((PACKAGE / folder).rglob("*.py"))
    return [
        f"{module.relative_to(PACKAGE.parent)} imports {name}"
        for module in modules
        for name in sorted(imports(module))
        if name.startswith(forbidden)
    ]


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("engagement", ("coachkit.writers", "coachkit.report", "coachkit.cli", "click")),
        ("notes", ("coachkit.engagement",)),
    ],
)
def test_a_layer_imports_nothing_above_it(folder: str, forbidden: tuple[str, ...]) -> None:
    assert offences(folder, forbidden) == []


def test_only_the_command_line_imports_click() -> None:
    outside = [
        f"{module.relative_to(PACKAGE.parent)}"
        for module in sorted(PACKAGE.rglob("*.py"))
        if "cli" not in module.relative_to(PACKAGE).parts[:1]
        and any(name == "click" or name.startswith("click.") for name in imports(module))
    ]
    assert outside == []


def test_the_check_sees_a_lazy_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from coachkit.writers.sessions import x\n", encoding="utf-8")
    assert "coachkit.writers.sessions" in imports(module)
