"""The architecture's layers, enforced by reading every import (the AST, lazy imports inside functions included).

engine/ is the headless core: no Qt, no app/, editor/ or widgets/. widgets/
are reusable Qt widgets: no editor/ or app/. editor/ is the email editor:
no app/. An import that runs back up once crept in unnoticed (widgets →
editor.emmet, editor → app.files.references); this keeps it from happening again.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BANNED = {
    "engine": {"PySide6", "shiboken6", "app", "editor", "widgets"},
    "widgets": {"app", "editor"},
    "editor": {"app"},
}


def imported_modules(tree: ast.AST):
    """(line, module) for every import, plus `importlib.import_module("x")` / `__import__("x")` with a literal."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__"):
                yield node.lineno, node.args[0].value


def violations(package: str) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, module in imported_modules(tree):
            if module.split(".")[0] in BANNED[package]:
                found.append(f"{path.relative_to(ROOT)}:{line}: imports {module}")
    return found


@pytest.mark.parametrize("package", sorted(BANNED))
def test_no_import_runs_back_up_a_layer(package):
    assert violations(package) == []


def test_the_scan_sees_lazy_and_dynamic_imports(tmp_path):
    tree = ast.parse("def f():\n    from editor.emmet import expand\n    import importlib\n"
                     "    importlib.import_module('app.cli')\n")
    assert [m for _, m in imported_modules(tree)] == ["editor.emmet", "importlib", "app.cli"]
