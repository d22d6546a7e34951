"""`CodeEditor`: Monaco in a Qt WebEngine view, with a synchronous Python API.

Monaco is the editor component the spec expects (its default shortcuts are
§7.5's); our page (`resources/code_editor/`) adds the Design Studio
language, themes, autocomplete, Emmet and the §7.5 keys Monaco lacks.

Decisions:
- `text()` is synchronous: the page sends the whole text on every change and
  Python keeps it (an email is a few tens of KB; a copy per keystroke costs
  far less than a round trip per read).
- `set_text` loads a document: it replaces the text, resets undo, and does
  not emit `text_changed` (the text already equals `text()`), so hosts can
  treat `text_changed` as "the user edited".
- Every call made before Monaco has loaded is queued and replayed in order;
  only the last `set_text`/`set_markers`/`set_language` of the queue is kept.
- Keys the host window owns (Ctrl+Shift+D preview, Ctrl+Shift+B sidebar,
  Alt+W close, Ctrl+Shift+C inspect, Ctrl+Shift+M focus mode, Ctrl+S) are
  caught inside the page, because Chromium consumes them, and come out as
  `shortcut_triggered(name)`. Ctrl+, opens the preferences dialog itself.
- Page console errors are logged and kept in `console_errors` for tests.
"""
from __future__ import annotations

import logging
import time
from typing import Any, Callable, Iterable, Mapping

from PySide6.QtCore import QSettings, QTimer, QUrl, QUrlQuery, Signal
from PySide6.QtGui import QColor
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine.problems import Problem

from .assets import PAGE, monaco_vs_dir
from .bridge import EditorBridge
from .completion_data import default_completion_data, normalize_components
from .preferences import EditorPreferences, PreferencesDialog, preferences_notifier

log = logging.getLogger(__name__)

LANGUAGES = ("design-studio-html", "liquid-text", "css", "json", "javascript")
THEMES = {"light": QColor("#ffffff"), "dark": QColor("#17181c")}
PAUSE_MS = 300


class _EditorPage(QWebEnginePage):
    def __init__(self, owner: "CodeEditor"):
        super().__init__(owner)
        self._owner = owner

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802 - Qt override
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            self._owner.console_errors.append(f"{source}:{line}: {message}")
            log.warning("code editor page: %s (%s:%s)", message, source, line)
        else:
            log.debug("code editor page: %s", message)

    def acceptNavigationRequest(self, url, navigation_type, is_main_frame):  # noqa: N802 - Qt override
        # The editor page never navigates (a dropped file or link would replace the editor).
        return url.isLocalFile() and url.path() == QUrl.fromLocalFile(str(PAGE)).path()


class CodeEditor(QWidget):
    """The Design Studio code editor widget. See the module docstring for the contract."""

    ready = Signal()
    text_changed = Signal(str)  # every user (or undo/redo) change
    edit_paused = Signal(str)  # PAUSE_MS after the last change
    undo_available = Signal(bool)
    redo_available = Signal(bool)
    cursor_moved = Signal(int, int)  # line, column (1-based)
    shortcut_triggered = Signal(str)  # preferences, toggle-sidebar, close-editor, toggle-preview, …
    context_action_triggered = Signal(str)  # an id given to add_context_action

    def __init__(self, parent: QWidget | None = None, *, language: str = "design-studio-html",
                 theme: str = "light", settings: QSettings | None = None):
        super().__init__(parent)
        self._started = time.perf_counter()
        self.load_ms: float | None = None
        self.console_errors: list[str] = []
        self._text = ""
        self._language = language
        self._theme = theme
        self._read_only = False
        self._state: dict[str, Any] = {"canUndo": False, "canRedo": False, "line": 1, "column": 1, "focused": False}
        self._completion = default_completion_data()
        self._markers: list[Problem] = []
        self.settings = settings if settings is not None else QSettings()

        self.view = QWebEngineView(self)
        self.page = _EditorPage(self)
        self.view.setPage(self.page)
        web = self.page.settings()
        web.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        web.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanAccessClipboard, True)
        web.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanPaste, True)
        self.page.setBackgroundColor(THEMES.get(theme, THEMES["light"]))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)

        self.bridge = EditorBridge(self)
        self.bridge.known_tags = lambda: set(self._completion["components"]) | set(self._completion["custom"])
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", self.bridge)
        self.page.setWebChannel(self.channel)
        self.bridge.page_ready.connect(self._on_ready)
        self.bridge.content_changed.connect(self._on_content)
        self.bridge.state_changed.connect(self._on_state)
        self.bridge.shortcut_pressed.connect(self._on_shortcut)
        self.bridge.context_action.connect(self.context_action_triggered)

        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(lambda: self.edit_paused.emit(self._text))

        self.set_language(language)
        self.set_theme(theme)
        self._send_completion()
        self._apply_preferences(EditorPreferences.load(self.settings))
        preferences_notifier().changed.connect(self._apply_preferences)

        url = QUrl.fromLocalFile(str(PAGE))
        query = QUrlQuery()
        query.addQueryItem("vs", QUrl.fromLocalFile(str(monaco_vs_dir())).toString())
        url.setQuery(query)
        self.view.setUrl(url)

    # ---- state ----
    def is_ready(self) -> bool:
        return self.bridge.ready

    def text(self) -> str:
        return self._text

    def language(self) -> str:
        return self._language

    def theme(self) -> str:
        return self._theme

    def is_read_only(self) -> bool:
        return self._read_only

    def can_undo(self) -> bool:
        return bool(self._state["canUndo"])

    def can_redo(self) -> bool:
        return bool(self._state["canRedo"])

    def cursor_position(self) -> tuple[int, int]:
        return self._state["line"], self._state["column"]

    def has_editor_focus(self) -> bool:
        return bool(self._state["focused"])

    def markers(self) -> list[Problem]:
        return list(self._markers)

    # ---- commands ----
    def set_text(self, text: str) -> None:
        """Load `text` (undo history starts again; no `text_changed`)."""
        self._text = text
        self.bridge.send_latest("setText", text=text)

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown editor language {language!r}; expected one of {', '.join(LANGUAGES)}")
        self._language = language
        self.bridge.send_latest("setLanguage", language=language)

    def set_theme(self, theme: str) -> None:
        """'light' or 'dark', following the app theme."""
        if theme not in THEMES:
            raise ValueError(f"unknown editor theme {theme!r}; expected 'light' or 'dark'")
        self._theme = theme
        self.page.setBackgroundColor(THEMES[theme])
        self.bridge.send_latest("setTheme", theme=theme)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = bool(read_only)
        self.bridge.send_latest("setReadOnly", readOnly=self._read_only)

    def set_options(self, *, font_size: int | None = None, tab_size: int | None = None,
                    word_wrap: bool | None = None, minimap: bool | None = None,
                    line_numbers: bool | None = None, mso_highlight: bool | None = None) -> None:
        """Override display options for this editor only (preferences apply to all editors)."""
        names = {"fontSize": font_size, "tabSize": tab_size, "wordWrap": word_wrap, "minimap": minimap,
                 "lineNumbers": line_numbers, "msoHighlight": mso_highlight}
        self.bridge.send("setOptions", **{k: v for k, v in names.items() if v is not None})

    def go_to(self, line: int, column: int = 1) -> None:
        """Put the cursor at a 1-based position (clamped to the text), scroll to it and focus the editor."""
        self.view.setFocus()
        self.bridge.send_latest("goTo", line=int(line), column=int(column))

    def set_markers(self, problems: Iterable[Problem]) -> None:
        """Squiggles, gutter dots and overview-ruler marks for these problems (replaces the previous set)."""
        self._markers = list(problems)
        data = [{"message": p.message, "line": p.line, "column": p.column,
                 "severity": getattr(p.severity, "value", str(p.severity)), "rule": p.rule} for p in self._markers]
        self.bridge.send_latest("setMarkers", problems=data)

    def set_custom_components(self, components: Mapping[str, Any]) -> None:
        """Workspace components for autocomplete: `{tag: {"props": {name: {"type", "values"}}}}` or prop lists."""
        self._completion["custom"] = normalize_components(components)
        self._send_completion()

    def set_liquid_variables(self, variables: Mapping[str, Any]) -> None:
        """Sample data (e.g. `{"customer": {...}, "event": {...}}`) completed inside `{{ }}`."""
        self._completion["liquid"] = dict(self._completion["liquid"], variables=dict(variables))
        self._send_completion()

    def insert_text(self, text: str) -> None:
        """Insert `text` at the cursor (replacing the selection) as one undo step; the cursor ends after it.

        Goes through Monaco's edit API, so Ctrl+Z undoes the whole insertion at
        once and `text_changed` follows as for typing.
        """
        self.view.setFocus()
        self.bridge.send("insertText", text=text)

    def replace_range(self, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
        """Replace the text between two 1-based (line, column) positions as one undo step."""
        self.view.setFocus()
        self.bridge.send("replaceRange", startLine=int(start[0]), startColumn=int(start[1]),
                         endLine=int(end[0]), endColumn=int(end[1]), text=text)

    def add_context_action(self, action_id: str, label: str, *, order: float = 0) -> None:
        """An entry in the editor's own right-click menu; choosing it emits `context_action_triggered(action_id)`.

        The menu is Monaco's (inside the page), so the host adds to it here
        instead of with a QMenu. `trigger(action_id)` runs it from code.
        """
        self.bridge.send("addContextAction", id=action_id, label=label, order=order)

    def format_document(self) -> None:
        self.bridge.send("format")

    def undo(self) -> None:
        self.bridge.send("undo")

    def redo(self) -> None:
        self.bridge.send("redo")

    def trigger(self, action_id: str, args: Any = None) -> None:
        """Run any Monaco action or command by id (e.g. 'editor.action.startFindReplaceAction')."""
        self.bridge.send("action", id=action_id, args=args)

    def focus_editor(self) -> None:
        self.view.setFocus()
        self.bridge.send("focus")

    def run_js(self, script: str, callback: Callable[[Any], None] | None = None) -> None:
        """Evaluate JavaScript in the editor page (Monaco is `monaco`, the editor `DS.editor`)."""
        if callback is None:
            self.page.runJavaScript(script)
        else:
            self.page.runJavaScript(script, 0, callback)

    def open_preferences(self) -> PreferencesDialog:
        """Show the preferences dialog (non-blocking); its changes apply live to every editor."""
        dialog = PreferencesDialog(self.settings, self)
        dialog.setModal(True)
        dialog.show()
        return dialog

    # ---- page events ----
    def _send_completion(self) -> None:
        self.bridge.send_latest("setCompletionData", data=self._completion)

    def _apply_preferences(self, prefs: EditorPreferences) -> None:
        self.bridge.send("setOptions", **prefs.to_options())

    def _on_ready(self) -> None:
        self.load_ms = (time.perf_counter() - self._started) * 1000
        log.debug("code editor ready in %.0f ms", self.load_ms)
        self.ready.emit()

    def _on_content(self, text: str, _version: int) -> None:
        if text == self._text:
            return  # the echo of set_text
        self._text = text
        self.text_changed.emit(text)
        self._pause.start()

    def _on_state(self, state: dict) -> None:
        old = self._state
        self._state = {**old, **state}
        if old["canUndo"] != self._state["canUndo"]:
            self.undo_available.emit(self.can_undo())
        if old["canRedo"] != self._state["canRedo"]:
            self.redo_available.emit(self.can_redo())
        if (old["line"], old["column"]) != (self._state["line"], self._state["column"]):
            self.cursor_moved.emit(self._state["line"], self._state["column"])

    def _on_shortcut(self, name: str) -> None:
        if name == "preferences":
            self.open_preferences()
        self.shortcut_triggered.emit(name)
