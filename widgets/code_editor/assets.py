"""Where the editor page and Monaco live on disk. No Qt import: the CLI and tests use it too.

Monaco comes only from the `monaco-qt` package (MIT, Monaco 0.33 under
`monaco/monaco-editor/min/vs`); our page, languages and data live in
`resources/code_editor/`. Both are found at run time, never copied.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PAGE_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "code_editor"
PAGE = PAGE_DIR / "editor.html"


class MonacoMissing(RuntimeError):
    """The monaco-qt package (and so Monaco's files) is not installed."""


@lru_cache(maxsize=1)
def monaco_vs_dir() -> Path:
    """The `min/vs` directory of the Monaco build bundled with monaco-qt."""
    try:
        from importlib.resources import files

        root = Path(str(files("monaco")))
    except (ImportError, ModuleNotFoundError, TypeError) as exc:  # pragma: no cover - install problem
        raise MonacoMissing("the code editor needs the 'monaco-qt' package (pip install monaco-qt)") from exc
    vs = root / "monaco-editor" / "min" / "vs"
    if not (vs / "loader.js").is_file():  # pragma: no cover - install problem
        raise MonacoMissing(f"Monaco's files are missing from {vs}; reinstall monaco-qt")
    return vs


@lru_cache(maxsize=1)
def mso_properties() -> list[dict]:
    """The common Outlook `mso-*` CSS properties offered after typing `mso` (data, not code)."""
    return json.loads((PAGE_DIR / "mso-properties.json").read_text(encoding="utf-8"))
