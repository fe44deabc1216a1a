"""The package's layout holds: import layers, a folder per concern, module-level imports, a name per idea."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from pipeline import paths
from pipeline.extract.version import EXTRACTION_SOURCES

PACKAGE = paths.PACKAGE_DIR
TOP_LEVEL_FILES = {"__init__.py", "__main__.py", "records.py", "errors.py", "paths.py"}
# The CLI imports what each command runs inside the command: the cost is measured in its docstring.
LAZY_IMPORTS_ALLOWED = {PACKAGE / "cli" / "main.py"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_import_layers_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=paths.ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_package_top_level_holds_folders_and_the_shared_modules() -> None:
    files = {p.name for p in PACKAGE.iterdir() if p.is_file() and p.suffix == ".py"}
    assert files <= TOP_LEVEL_FILES, f"move to a folder: {sorted(files - TOP_LEVEL_FILES)}"


def test_every_folder_is_a_package() -> None:
    folders = [p for p in PACKAGE.iterdir() if p.is_dir() and any(p.glob("*.py"))]
    assert [f.name for f in folders if not (f / "__init__.py").exists()] == []


def test_project_imports_are_at_module_level() -> None:
    inside = []
    for path in _modules():
        if path in LAZY_IMPORTS_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.ImportFrom) and (sub.module or "").startswith("pipeline"):
                        inside.append(f"{path.relative_to(paths.ROOT)}:{sub.lineno}")
    assert inside == []


def test_one_name_one_meaning_across_modules() -> None:
    defined = defaultdict(list)
    for path in _modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name != "main":
                defined[node.name].append(str(path.relative_to(PACKAGE)))
    assert {name: where for name, where in defined.items() if len(where) > 1} == {}


def test_makefile_and_cache_agree_on_what_shapes_an_extraction() -> None:
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"^EXTRACTION_DIRS := (.*?)(?<!\\)\n", makefile, re.M | re.S)
    assert listed, "Makefile lost EXTRACTION_DIRS"
    dirs = {Path(p).name for p in listed.group(1).replace("\\\n", " ").split()}
    assert dirs == set(EXTRACTION_SOURCES)
