"""The layering of DESIGN.md §3, read from every file's imports."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "models": {"PySide6", "ui", "exporters", "importers", "docx", "openpyxl"},
    "importers": {"PySide6", "ui", "exporters", "models.ledger", "models.doc_data", "models.schema",
                  "models.demo", "sqlite_utils", "sqlite3"},
    "exporters": {"PySide6", "ui", "importers", "models.ledger", "models.doc_data", "models.schema",
                  "models.demo", "sqlite_utils", "sqlite3"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def breaks(name: str, forbidden: set[str]) -> bool:
    # models.ledger covers every part of the Ledger class (models/ledger_*.py)
    return any(name == f or name.startswith(f + ".") or (f == "models.ledger" and name.startswith(f))
               for f in forbidden)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_never_imports_what_it_must_not(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no modules"
    offenders = {f"{path.relative_to(ROOT)}: {name}"
                 for path in files for name in imported_modules(path)
                 if breaks(name, FORBIDDEN[package])}
    assert not offenders, "layering broken:\n" + "\n".join(sorted(offenders))


def test_the_check_itself_catches_a_qt_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport models.ledger\n", encoding="utf-8")
    names = imported_modules(bad)
    assert breaks("PySide6.QtWidgets", FORBIDDEN["models"])
    assert any(breaks(n, FORBIDDEN["exporters"]) for n in names)


def test_every_module_opens_with_a_docstring():
    missing = []
    for package in ("models", "importers", "exporters", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))):
                missing.append(str(path.relative_to(ROOT)))
    assert not missing, missing
