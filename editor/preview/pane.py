"""`PreviewPane`: the live preview of the code editor (spec §9.2, §10).

The editor calls `set_html(html)` with the compiled email — preferably the
`marked_html` of `engine.preview.compile_for_preview`, whose `data-cs-src`
markers make inspect element and focus mode work (plain compiled HTML works
too, without them). Debouncing keystrokes is the editor's job; a render here
costs one `setHtml` (~30–40 ms) and keeps the scroll position.

Pipeline per render: Liquid with the sample data (errors → the "Errors
found" banner, and the email shown un-rendered, spec §3.6) → the preview
copy for the current mode (`engine.preview.preview_copy`) → `setHtml`, with
`prefers-color-scheme` emulated per page over DevTools. Without a DevTools
port (the environment was not prepared before the QApplication) dark mode
falls back to rewriting the copy's media rules, which paints the same.

Typing fast path: when only the HTML changed (same mode, page idle), the
live document is patched in place from the ApplicationWorld instead of a
new `setHtml` navigation: only the nodes that differ change (`web.patch_script`),
so no new document, no waiting for every image request to settle again,
scroll kept as is, and Chromium re-lays out and repaints only what changed
(bench/editor_latency.py). Mode changes, the first load, and a failed patch
take the full path.

Zoom (issue 10.9): "Fit", the default, scales a device wider than the pane
down to the pane's width, as Litmus and Email on Acid do; 50/75/100% are
fixed, 100% being true size (the stage scrolls then). Scaling uses the
page's zoom factor and a view of width × zoom, never a narrower CSS width, so
the email's media queries always see the device width. The combo shows the
current scale ("Fit (83%)").

Workspace images (`asset:NAME`) are served by the profile's scheme handler
from the pane's workspace (`widgets.preview.assets`); each preview copy
carries the handler's generation in those URLs so Chromium's image cache
never shows another workspace's picture.

Signals: `source_position_clicked(line, column)` (inspect element),
`rendered(ms)` after each load (and its colour-scheme emulation) is done.
"""
from __future__ import annotations

import json
import time

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QMouseEvent, QResizeEvent, QShortcut
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QFrame, QHBoxLayout, QLabel, QListWidget, QScrollArea, QSizePolicy, QSplitter, QStyle,
    QStyleOptionComboBox, QToolButton, QVBoxLayout, QWidget,
)

from editor.preview.sample_panel import SamplePanel
from editor.preview.web import PreviewPage, patch_script
from engine.preview import SCHEME_LABELS, SCHEMES, PreviewMode, email_size, personalize, preview_copy, strip_markers
from engine.preview import vision as vision_data
from engine.preview.modes import emulate_dark_media
from widgets.code_view import CodeView
from widgets.preview.assets import asset_handler, use_assets, versioned
from widgets.preview.devtools import DevToolsSession
from widgets.preview.environment import debugging_port

# (label, width or None for Responsive)
DEVICES: list[tuple[str, int | None]] = [
    ("Desktop", 700), ("Mobile", 320), ("Responsive", None), ("iPhone SE", 375), ("iPhone 15", 393),
    ("Pixel", 412), ("iPad", 768), ("Outlook desktop", 1024),
]
APP_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
# (label, zoom factor or None for Fit). Fit is the default: at 1280×800 the Desktop 700 width is wider
# than the pane beside the code editor, and QA tools (Litmus, Email on Acid) fit it the same way.
ZOOMS: list[tuple[str, float | None]] = [("Fit", None), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0)]
MIN_FIT = 0.25  # Chromium's zoom floor is 0.25

_PROBE_AT = """(function(x,y){var e=document.elementFromPoint(x,y);if(!e)return JSON.stringify(null);
var m=e.closest('[data-cs-src]');var a=e.closest('a[href]');
return JSON.stringify({src:m?m.getAttribute('data-cs-src'):null,href:a?a.href:null});})(%d,%d)"""

_OUTLINE = """(function(sel){var s=document.getElementById('cs-focus-style');if(!s){s=document.createElement('style');
s.id='cs-focus-style';s.textContent='[data-cs-focus]{outline:2px solid #2f80ed !important;outline-offset:-2px !important}';
(document.head||document.documentElement).appendChild(s);}
document.querySelectorAll('[data-cs-focus]').forEach(function(n){n.removeAttribute('data-cs-focus')});
var t=sel();if(!t)return JSON.stringify(null);t.setAttribute('data-cs-focus','');%s
return JSON.stringify(t.getAttribute('data-cs-src'));})(function(){%s})"""




def _scheme_label(scheme: str) -> str:
    return SCHEME_LABELS[scheme] + (" — emulation" if scheme.startswith("forced") else "")


class _EdgeHandle(QFrame):
    """A strip on the device frame's right or bottom border; dragging it resizes the viewport."""

    def __init__(self, frame: "_DeviceFrame", horizontal: bool):
        super().__init__(frame)
        self._frame, self._horizontal = frame, horizontal
        self.setCursor(Qt.CursorShape.SizeHorCursor if horizontal else Qt.CursorShape.SizeVerCursor)
        self.setStyleSheet("background: palette(mid);")
        self._origin: QPoint | None = None
        self._start = QSize()

    def mousePressEvent(self, e):  # noqa: N802
        self._origin, self._start = e.globalPosition().toPoint(), self._frame.viewport_size()

    def mouseMoveEvent(self, e):  # noqa: N802
        if self._origin is None:
            return
        d = (e.globalPosition().toPoint() - self._origin) / self._frame.scale  # screen px → CSS px
        w, h = self._start.width(), self._start.height()
        self._frame.set_viewport_size(QSize(w + d.x(), h) if self._horizontal else QSize(w, h + d.y()))

    def mouseReleaseEvent(self, e):  # noqa: N802
        self._origin = None


class _DeviceFrame(QWidget):
    """Holds the web view at the device's CSS size times the zoom; in Responsive mode the borders are draggable.

    `viewport_size()` is in CSS pixels (what the email's media queries see);
    on screen the view is that size times `scale`, and the page's zoom
    factor is the same `scale`, so the CSS viewport stays the device's.
    """

    resized = Signal(QSize)
    GRIP = 7

    def __init__(self, view: QWebEngineView):
        super().__init__()
        self.view = view
        view.setParent(self)
        self.right = _EdgeHandle(self, True)
        self.bottom = _EdgeHandle(self, False)
        self._size = QSize(700, 800)
        self.scale = 1.0
        self.set_resizable(False)

    def set_scale(self, scale: float) -> None:
        if abs(scale - self.scale) > 1e-4:
            self.scale = scale
            self._layout()

    def viewport_size(self) -> QSize:
        return QSize(self._size)

    def set_resizable(self, on: bool) -> None:
        self.right.setVisible(on)
        self.bottom.setVisible(on)
        self._layout()

    def set_viewport_size(self, size: QSize) -> None:
        size = QSize(max(200, min(size.width(), 2000)), max(200, min(size.height(), 4000)))
        if size == self._size:
            return
        self._size = size
        self._layout()
        self.resized.emit(QSize(size))

    def _layout(self) -> None:
        g = self.GRIP if self.right.isVisibleTo(self) else 0
        w, h = round(self._size.width() * self.scale), round(self._size.height() * self.scale)
        self.view.setGeometry(0, 0, w, h)
        self.right.setGeometry(w, 0, g, h + g)
        self.bottom.setGeometry(0, h, w, g)
        self.setFixedSize(w + g, h + g)


class PreviewPane(QWidget):
    source_position_clicked = Signal(int, int)
    rendered = Signal(float)

    def __init__(self, parent: QWidget | None = None, *, workspace=None):
        super().__init__(parent)
        self._html = ""
        self._mode = PreviewMode()
        self._device = "Desktop"
        self.liquid_problems: list = []
        self._snapshotter = None
        self._load_started = 0.0
        self._loading = False
        self._scheme_pending = False
        self._emulated = "light"
        self._scroll = QPoint(0, 0)
        self._loaded_mode: PreviewMode | None = None  # the mode of the document on screen (fast path)
        self._generation = 0  # a patch whose answer comes after a newer refresh is ignored
        self.last_render_ms = 0.0

        # -- the web view ------------------------------------------------------------
        self.view = QWebEngineView()
        self.page = PreviewPage(self.view)
        self.view.setPage(self.page)
        asset_handler(self.page.profile())  # `asset:` images from the workspace (widgets.preview.assets)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.page.loadFinished.connect(self._on_loaded)
        self.page.scrollPositionChanged.connect(lambda p: setattr(self, "_scroll", p.toPoint()))
        self.devtools = DevToolsSession(self.page, parent=self) if debugging_port() is not None else None
        if self.devtools is not None:
            self.devtools.failed.connect(self._devtools_failed)
        self.frame = _DeviceFrame(self.view)
        self.frame.resized.connect(lambda _s: self._update_size_hint())
        self.stage = QScrollArea()
        self.stage.setWidget(self.frame)
        self.stage.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.stage.setWidgetResizable(False)
        self.stage.viewport().installEventFilter(self)

        # -- toolbar ---------------------------------------------------------------------
        self.device_box = QComboBox()
        for label, width in DEVICES:
            self.device_box.addItem(f"{label} ({width})" if width else label, label)
        self.scheme_box = QComboBox()
        for s in SCHEMES:
            self.scheme_box.addItem(_scheme_label(s), s)
        self.vision_box = QComboBox()
        self.vision_box.addItem("Normal vision", None)
        for k in vision_data.KINDS:
            self.vision_box.addItem(vision_data.LABELS[k], k)
        self.images_button = QToolButton(text="Block images", checkable=True)
        self.styles_button = QToolButton(text="Block styles", checkable=True)
        self.inspect_button = QToolButton(text="Inspect", checkable=True, toolTip="Inspect element (Ctrl+Shift+C)")
        self.focus_button = QToolButton(text="Focus", checkable=True, toolTip="Focus mode (Ctrl+Shift+M)")
        self.source_button = QToolButton(text="Source", checkable=True, toolTip="The final HTML")
        self.shot_button = QToolButton(text="Screenshot", toolTip="Save the whole email as PNG")
        self.matrix_button = QToolButton(text="QA matrix", toolTip="Every device × colour scheme at once")
        self.size_label = QLabel()
        self.zoom_box = QComboBox(toolTip="Zoom: Fit scales the device width down to the pane (media queries "
                                          "still see the device width); 100% is true size")
        for label, factor in ZOOMS:
            self.zoom_box.addItem(label, factor)
        # Fit's label grows to "Fit (100%)" once the scale is known, wider than any label the box sized
        # itself for (and QComboBox's own hint leaves the style's text margins out): reserve that room
        option = QStyleOptionComboBox()
        self.zoom_box.initStyleOption(option)
        field = self.zoom_box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                                     QStyle.SubControl.SC_ComboBoxEditField, self.zoom_box)
        chrome = option.rect.width() - field.width()
        self.zoom_box.setMinimumWidth(self.zoom_box.fontMetrics().horizontalAdvance("Fit (100%)") + chrome + 4)
        self.zoom_box.setSizePolicy(QSizePolicy.Policy.Minimum, self.zoom_box.sizePolicy().verticalPolicy())
        # two rows, so the pane fits beside the code editor (~620 px instead of ~1060 in one row)
        bar = QVBoxLayout()
        bar.setContentsMargins(6, 4, 6, 2)
        bar.setSpacing(4)
        first, second = QHBoxLayout(), QHBoxLayout()
        for w in (self.device_box, self.zoom_box, self.scheme_box, self.vision_box):
            first.addWidget(w)
        first.addStretch(1)
        first.addWidget(self.size_label)
        for w in (self.images_button, self.styles_button, self.inspect_button, self.focus_button, self.source_button,
                  self.shot_button, self.matrix_button):
            second.addWidget(w)
        second.addStretch(1)
        bar.addLayout(first)
        bar.addLayout(second)

        self.sample = SamplePanel()
        if workspace is not None:
            self.set_workspace(workspace)

        # -- "Errors found" banner -----------------------------------------------------------
        self.banner = QToolButton(checkable=True)
        self.banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.banner.setStyleSheet("QToolButton{background:#b3261e;color:white;font-weight:bold;border:0;padding:4px;text-align:left}")
        self.error_list = QListWidget()
        self.error_list.setMaximumHeight(120)
        self.banner.toggled.connect(self.error_list.setVisible)
        self.banner.setVisible(False)
        self.error_list.setVisible(False)

        self.source_view = CodeView()
        self.source_view.setVisible(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.stage)
        split.addWidget(self.source_view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(bar)
        box.addWidget(self.sample)
        box.addWidget(self.banner)
        box.addWidget(self.error_list)
        box.addWidget(split, 1)

        # -- wiring ---------------------------------------------------------------------------
        self.device_box.currentIndexChanged.connect(lambda _i: self.set_device(self.device_box.currentData()))
        self.zoom_box.currentIndexChanged.connect(lambda _i: self._apply_zoom())
        self.scheme_box.currentIndexChanged.connect(lambda _i: self._set_mode(scheme=self.scheme_box.currentData()))
        self.vision_box.currentIndexChanged.connect(lambda _i: self._set_mode(vision=self.vision_box.currentData()))
        self.images_button.toggled.connect(lambda on: self._set_mode(block_images=on))
        self.styles_button.toggled.connect(lambda on: self._set_mode(block_styles=on))
        self.source_button.toggled.connect(self.source_view.setVisible)
        self.focus_button.toggled.connect(lambda on: on or self._clear_outline())
        self.shot_button.clicked.connect(self._save_screenshot_dialog)
        self.matrix_button.clicked.connect(self.open_qa_matrix)
        self.sample.data_changed.connect(self._refresh)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.inspect_button.toggle)
        QShortcut(QKeySequence("Ctrl+Shift+M"), self, self.focus_button.toggle)
        self.view.installEventFilter(self)
        self._proxy = None
        self._hook_proxy()
        self.set_device("Desktop")

    # -- public API ----------------------------------------------------------------------------
    @property
    def mode(self) -> PreviewMode:
        return self._mode

    @property
    def html(self) -> str:
        """The final HTML without inspect markers (what Source shows and Export ships)."""
        return strip_markers(self._html)

    def set_html(self, html: str) -> None:
        self._html = html
        clean = strip_markers(html)
        size = email_size(clean)
        warning = size.warning()
        self.size_label.setText(("⚠ " if warning else "") + size.label())
        self.size_label.setStyleSheet("color:#b3261e;font-weight:bold" if warning else "")
        self.size_label.setToolTip(warning or "Gmail clips emails over 102 KB")
        if self.source_view.toPlainText() != clean:
            self.source_view.setPlainText(clean)
        self._refresh(in_place=True)

    def set_workspace(self, workspace) -> None:
        self.sample.set_workspace(workspace)
        use_assets(getattr(workspace, "assets", None), self.page.profile())

    def set_device(self, name: str) -> None:
        widths = dict(DEVICES)
        if name not in widths:
            raise ValueError(f"unknown device {name!r}; expected one of {', '.join(widths)}")
        self._device = name
        i = self.device_box.findData(name)
        if self.device_box.currentIndex() != i:
            self.device_box.setCurrentIndex(i)
            return  # the signal comes back here
        width = widths[name] or self.frame.viewport_size().width()
        self.frame.set_resizable(widths[name] is None)
        height = self.frame.viewport_size().height()
        self.frame.set_viewport_size(QSize(width, height))
        self._apply_zoom()
        self._set_mode(width=width)

    @property
    def zoom(self) -> float:
        """The current scale of the preview (1.0 = true size)."""
        return self.frame.scale

    def set_zoom(self, factor: float | None) -> None:
        """None = Fit (the device width scaled down to the pane when wider); else a factor, 1.0 = 100%."""
        self.zoom_box.setCurrentIndex(max(0, self.zoom_box.findData(factor)))

    def _apply_zoom(self) -> None:
        """Scale with the page's zoom factor, never by changing the CSS width (media queries keep the device's)."""
        if not hasattr(self, "zoom_box"):
            return  # a resize event during construction
        css = self.frame.viewport_size()
        factor = self.zoom_box.currentData()
        grip = self.frame.GRIP if dict(DEVICES)[self._device] is None else 0
        if factor is None:  # Fit
            room = self.stage.viewport().width() - grip - 2
            factor = max(MIN_FIT, min(1.0, room / max(1, css.width())))
        self.frame.set_scale(factor)
        if abs(self.view.zoomFactor() - factor) > 1e-4:
            self.view.setZoomFactor(factor)
        if dict(DEVICES)[self._device]:  # a device fills the pane's height; Responsive keeps its dragged height
            height = max(300, round((self.stage.viewport().height() - 2) / factor))
            self.frame.set_viewport_size(QSize(css.width(), height))
        percent = f"{round(factor * 100)}%"
        self.zoom_box.setItemText(0, f"Fit ({percent})")
        self.zoom_box.setToolTip(f"Zoom {percent} of {css.width()} px — Fit scales the device width down to the "
                                 "pane (media queries still see the device width); 100% is true size")

    def set_viewport_size(self, width: int, height: int) -> None:
        """Responsive size, as if the borders were dragged."""
        self.set_device("Responsive")
        self.frame.set_viewport_size(QSize(width, height))

    def set_scheme(self, scheme: str) -> None:
        self.scheme_box.setCurrentIndex(self.scheme_box.findData(scheme))

    def set_vision(self, kind: str | None) -> None:
        self.vision_box.setCurrentIndex(self.vision_box.findData(kind))

    def set_block_images(self, on: bool) -> None:
        self.images_button.setChecked(on)

    def set_block_styles(self, on: bool) -> None:
        self.styles_button.setChecked(on)

    def screenshot(self) -> QImage:
        """The whole email (full height) at the current width and settings."""
        return self._snap().capture(self._personalized(), self._mode)

    def open_qa_matrix(self):
        from editor.preview.qa_matrix import QaMatrixDialog, render_matrix

        name = self._email_name()
        dialog = QaMatrixDialog(render_matrix(self._personalized(), None if self.devtools is not None else self._snap()), self,
                                title=f"QA matrix — {name}" if name else "QA matrix")
        dialog.show()
        return dialog

    def _email_name(self) -> str:
        """The name of the email this pane previews: its editor (an ancestor) holds the document.

        Duck-typed (`.doc.name`) so the pane needs no import of the editor window (issue 10.14: the
        exported QA sheet must say which email it shows)."""
        w = self.parentWidget()
        while w is not None:
            name = getattr(getattr(w, "doc", None), "name", None)
            if isinstance(name, str) and name:
                return name
            w = w.parentWidget()
        return ""

    def _css_point(self, pos: QPoint) -> QPoint:
        """View pixels → the page's CSS pixels: at zoom z a CSS pixel covers z view pixels (Fit < 100%)."""
        zoom = self.view.zoomFactor() or 1.0
        return QPoint(round(pos.x() / zoom), round(pos.y() / zoom))

    def inspect_at(self, pos: QPoint, callback=None) -> None:
        """Resolve the element at `pos` (view coordinates) and emit `source_position_clicked`."""
        def done(result):
            value = _decode(result)
            src = value.get("src") if isinstance(value, dict) else None
            if src:
                line, column = (int(x) for x in src.split(":"))
                self.source_position_clicked.emit(line, column)
            if callback:
                callback(src)

        pos = self._css_point(pos)
        self.page.runJavaScript(_PROBE_AT % (pos.x(), pos.y()), APP_WORLD, done)

    def focus_at(self, pos: QPoint, callback=None) -> None:
        """Outline the element under `pos` (focus mode)."""
        pos = self._css_point(pos)
        script = _OUTLINE % ("", f"var e=document.elementFromPoint({pos.x()},{pos.y()});"
                                 "return e?(e.closest('[data-cs-src]')||e):null;")
        self.page.runJavaScript(script, APP_WORLD, lambda r: callback and callback(_decode(r)))

    def highlight_source_line(self, line: int, callback=None) -> None:
        """Outline and scroll to the element written at or just before source `line` (cursor in the code)."""
        select = ("var best=null,bl=-1;document.querySelectorAll('[data-cs-src]').forEach(function(n){"
                  f"var l=parseInt(n.getAttribute('data-cs-src'));if(l<={int(line)}&&l>bl){{bl=l;best=n;}}}});return best;")
        script = _OUTLINE % ("t.scrollIntoView({block:'nearest'});", select)
        self.page.runJavaScript(script, APP_WORLD, lambda r: callback and callback(_decode(r)))

    def close_preview(self) -> None:
        """Release Chromium objects before the app quits (a page outliving its profile warns)."""
        if self._snapshotter is not None:
            self._snapshotter.close()
            self._snapshotter = None
        if self.devtools is not None:
            self.devtools.close()
        self.view.setPage(None)
        self.page.deleteLater()

    # -- rendering ---------------------------------------------------------------------------
    def _set_mode(self, **changes) -> None:
        mode = self._mode.with_(**changes)
        if mode != self._mode:
            self._mode = mode
            self._refresh()

    def _personalized(self) -> str:
        data = self.sample.data()
        html, problems = personalize(self._html, data)
        self.liquid_problems = list(self.sample.problems) + list(problems)
        return html

    def _refresh(self, in_place: bool = False) -> None:
        html = self._personalized()
        self._show_problems()
        mode = self._mode
        copy = versioned(preview_copy(html, mode), self.page.profile())
        if mode.emulated_media == "dark" and self.devtools is None:
            copy = emulate_dark_media(copy)
        self._generation += 1
        if in_place and not self._loading and not self._scheme_pending and self._loaded_mode == mode:
            self._patch(copy)
            return
        self._loaded_mode = mode
        self.page.blocker.block_images = mode.block_images
        self.page.blocker.block_styles = mode.block_styles
        if self.devtools is not None and mode.emulated_media != self._emulated:
            self._emulated = mode.emulated_media
            self._scheme_pending = True
            self.devtools.set_color_scheme(mode.emulated_media, lambda _r: self._scheme_done())
        self._keep_scroll = QPoint(self._scroll)
        self._load_started = time.perf_counter()
        self._loading = True
        self.page.load_html(copy)

    def _patch(self, copy: str) -> None:
        """The typing fast path (module docstring); falls back to a full load if the script fails."""
        self._load_started = time.perf_counter()
        self._loading = True
        generation = self._generation

        def done(ok):
            if generation != self._generation:
                return  # a newer refresh (full load or patch) owns the page now
            self._loading = False
            if ok is True:
                self._maybe_rendered()
            else:
                self._loaded_mode = None
                self._refresh()

        self.page.runJavaScript(patch_script(copy), APP_WORLD, done)

    def _scheme_done(self) -> None:
        self._scheme_pending = False
        self._maybe_rendered()

    def _devtools_failed(self, _reason: str) -> None:
        """No DevTools after all: rewrite media rules from now on."""
        self.devtools = None
        self._scheme_pending = False
        self._refresh()

    def _on_loaded(self, _ok: bool) -> None:
        if abs(self.view.zoomFactor() - self.frame.scale) > 1e-4:
            self.view.setZoomFactor(self.frame.scale)
        if self._keep_scroll != QPoint(0, 0):
            self.page.runJavaScript(f"window.scrollTo({self._keep_scroll.x()},{self._keep_scroll.y()})", APP_WORLD)
        self._loading = False
        self._hook_proxy()
        self._maybe_rendered()

    def _maybe_rendered(self) -> None:
        if self._loading or self._scheme_pending:
            return
        self.last_render_ms = (time.perf_counter() - self._load_started) * 1000
        self.rendered.emit(self.last_render_ms)

    def _show_problems(self) -> None:
        problems = self.liquid_problems
        self.banner.setVisible(bool(problems))
        if not problems:
            self.error_list.setVisible(False)
            self.banner.setChecked(False)
            return
        self.banner.setText(f"Errors found ({len(problems)}) — sample data not rendered; click for the list")
        self.error_list.clear()
        for p in problems:
            where = f"{p.file + ' ' if p.file else ''}line {p.line}, column {p.column}"
            self.error_list.addItem(f"{p.message}  ({where})")

    def _snap(self):
        if self._snapshotter is None:
            from editor.preview.snapshot import Snapshotter

            self._snapshotter = Snapshotter()
        return self._snapshotter

    def _save_screenshot_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save screenshot", "preview.png", "PNG image (*.png)")
        if path:
            self.screenshot().save(path, "PNG")

    # -- mouse: inspect, focus, Ctrl+click ---------------------------------------------------------
    def _hook_proxy(self) -> None:
        proxy = self.view.focusProxy()
        if proxy is not None and proxy is not self._proxy:
            proxy.installEventFilter(self)
            proxy.setMouseTracking(True)
            self._proxy = proxy

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # Type-check the event object, not only event.type(): PySide can hand back a cached wrapper of
        # another event class for a recycled address (seen as a QChildEvent said to be a mouse press).
        if obj is self.view and event.type() == QEvent.Type.ChildAdded:
            self._hook_proxy()
        if obj is self._proxy and isinstance(event, QMouseEvent):
            t = event.type()
            if t == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
                pos = event.position().toPoint()
                if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                    self._open_link_at(pos)
                    return True
                if self.inspect_button.isChecked():
                    self.inspect_at(pos)
                    return True
            elif t == QEvent.Type.MouseMove and self.focus_button.isChecked():
                self.focus_at(event.position().toPoint())
        if obj is self.stage.viewport() and isinstance(event, QResizeEvent):
            self._apply_zoom()
        return super().eventFilter(obj, event)

    def _open_link_at(self, pos: QPoint) -> None:
        def done(result):
            value = _decode(result)
            href = value.get("href") if isinstance(value, dict) else None
            url = QUrl(href or "")
            if url.scheme() in ("http", "https", "mailto"):
                QDesktopServices.openUrl(url)

        pos = self._css_point(pos)
        self.page.runJavaScript(_PROBE_AT % (pos.x(), pos.y()), APP_WORLD, done)

    def _clear_outline(self) -> None:
        self.page.runJavaScript("document.querySelectorAll('[data-cs-focus]').forEach(function(n){n.removeAttribute('data-cs-focus')})",
                                APP_WORLD)

    def _update_size_hint(self) -> None:
        width = self.frame.viewport_size().width()
        if width != self._mode.width:
            self._set_mode(width=width)


def _decode(raw):
    try:
        return json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return None
