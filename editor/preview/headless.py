"""Shared by `shot` and `matrix`: read the inputs, compile, personalise, start Qt headless.

Every failure becomes `FILE:LINE:COL: message` lines and exit status 2,
never a traceback (team rule). Qt is started here, by the command itself:
offscreen platform, no sandbox when running as root (Chromium refuses to
start otherwise), DevTools on a loopback port for the dark emulation.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from engine.problems import Problem, ProblemError, Severity


class CommandError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def report(problems: list[Problem]) -> bool:
    failed = False
    for p in problems:
        print(p.format() if p.severity == Severity.ERROR else f"{p.format()} [{p.severity.value}]", file=sys.stderr)
        failed = failed or p.severity == Severity.ERROR
    return failed


def _read_json_object(path: str, what: str) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError([Problem(f"cannot read {what}: {getattr(exc, 'strerror', None) or exc}", file=path)])
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError([Problem(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno, file=path)])
    if not isinstance(value, dict):
        raise CommandError([Problem(f"{what} must be a JSON object", 1, 1, file=path)])
    return value


def load_components(path: str | None):
    """The `--components DIR` folder as a component library (None without the option), or CommandError."""
    if not path:
        return None
    from engine.components import ComponentLibrary

    if not Path(path).is_dir():
        raise CommandError([Problem("not a folder of components", file=path)])
    try:
        return ComponentLibrary.from_folder(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError([Problem(f"cannot read components: {getattr(exc, 'strerror', None) or exc}", file=path)])


def build_html(email: str, styles_path: str | None, data_path: str | None, components_path: str | None = None) -> str:
    """The personalised final HTML of `email` (custom components from `components_path`), or CommandError."""
    from engine.compiler import compile_email
    from engine.preview import personalize
    from engine.styles import GlobalStyles

    try:
        source = Path(email).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError([Problem(f"cannot read email: {getattr(exc, 'strerror', None) or exc}", file=email)])
    styles = None
    if styles_path:
        try:
            styles = GlobalStyles.load(styles_path)
        except ProblemError as exc:
            raise CommandError([p.located(styles_path) for p in exc.problems])
        errors = [p.located(styles_path) for p in styles.problems if p.severity == Severity.ERROR]
        if errors:
            raise CommandError(errors)
    data = _read_json_object(data_path, "sample data") if data_path else None
    components = load_components(components_path)
    try:
        result = compile_email(source, styles=styles, filename=email, components=components)
    except ProblemError as exc:
        raise CommandError([p.located(email) for p in exc.problems])
    except Exception as exc:  # noqa: BLE001 - a compiler bug still must not print a traceback
        raise CommandError([Problem(f"internal compiler error: {type(exc).__name__}: {exc}", file=email)])
    problems = [p.located(email) for p in result.problems]
    if not result.html or any(p.severity == Severity.ERROR for p in problems):
        raise CommandError(problems or [Problem("the email compiled to nothing", file=email)])
    report(problems)  # warnings only
    html, liquid_problems = personalize(result.html, data)
    if liquid_problems:
        # Liquid positions refer to the compiled HTML, as in the `render` command.
        raise CommandError([p.located(f"{email} (compiled)") for p in liquid_problems])
    return html


def start_qt():
    """A QApplication ready for offscreen WebEngine captures."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    os.environ.setdefault("QT_LOGGING_RULES", "qt.webenginecontext.debug=false;qt.qpa.*=false")
    from widgets.preview.environment import enable_remote_debugging

    enable_remote_debugging()
    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401  (must precede the QApplication)
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["campaign-studio"])


def save_png(image, out: str) -> None:
    folder = Path(out).resolve().parent
    if not folder.is_dir():
        raise CommandError([Problem("cannot write: folder does not exist", file=out)])
    if not image.save(out, "PNG"):
        raise CommandError([Problem("cannot write the PNG", file=out)])
