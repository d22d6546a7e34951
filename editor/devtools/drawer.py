"""`DevToolsDrawer`: the developer tools under the preview (design-studio.md §10).

Tabs: Problems, Source, Links, Images, Accessibility, Client support, Spam,
each title carrying its count. A caret collapses the drawer to its tab bar
(clicking a tab opens it again), as Design Studio's drawer does.

When things run (the editor never waits for any of them):
- every build → `show_build(inp)`: Source shows the new final HTML, Spam
  notes whether its score still matches. No parsing, no checks.
- every pause in typing → `refresh(inp)`: the cheap checks (§10.1 problems,
  accessibility, client support, size, and the URL sets with their offline
  findings) in the checks process (`Runner.run_isolated`: pure Python that,
  in a thread, held the GUI thread's GIL for 70–150 ms and made the next
  keystroke wait); the answer of the newest pause wins, older ones are
  dropped (`Runner` generations).
- Links, Images, Spam → only on **Check** / **Run**, or the first time
  their tab is opened; in the background; the tab says **Out of sync**
  when its input changed since (URL set, final HTML).

`jump(line, column)`: a finding with a source line was clicked; the window
moves the HTML editor there.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QStackedWidget, QTabBar, QToolButton, QVBoxLayout, QWidget

from editor.devtools import model
from editor.devtools.network_tab import ImagesTab, LinksTab
from editor.devtools.problems_panel import ProblemsPanel
from editor.devtools.report_tabs import AccessibilityTab, ClientSupportTab
from editor.devtools.runner import Runner
from editor.devtools.source_tab import SourceTab
from editor.devtools.spam_tab import SpamTab

TABS = ("problems", "source", "links", "images", "accessibility", "client_support", "spam")
NETWORK_TIMEOUT = 8.0
ASSETS_TTL = 5.0  # seconds a snapshot of the email's workspace images is reused for (see `_asset_snapshot`)
STYLE = """
#devtoolsDrawer { border-top: 1px solid palette(mid); }
#devtoolsHeader { background: palette(window); border-bottom: 1px solid palette(mid); }
#devtoolsHeader QTabBar::tab { padding: 4px 7px; }
#devtoolsState { border-bottom: 1px solid palette(midlight); }
"""


class DevToolsDrawer(QWidget):
    jump = Signal(int, int)
    collapsed_changed = Signal(bool)

    def __init__(self, problems: ProblemsPanel | None = None, *, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("devtoolsDrawer")
        self.setStyleSheet(STYLE)
        self.runner = Runner(self)
        self.runner.finished.connect(self._finished)
        self.input: model.ChecksInput | None = None
        self.report: model.CheapReport | None = None
        self._parsed: tuple | None = None  # (input, its `engine.checks.Build`) for the network checks
        self._failed = False  # the last cheap run failed: the next answer is shown in full
        self._assets: tuple | None = None  # (names, handler generation, read at, snapshot)
        self._link_checker = None
        self._expanded_height = 320
        self.component = False

        self.problems = problems or ProblemsPanel()
        self.source = SourceTab()
        self.links = LinksTab(settings)
        self.images = ImagesTab(settings)
        self.accessibility = AccessibilityTab()
        self.client_support = ClientSupportTab()
        self.spam = SpamTab()
        self.pages = {"problems": self.problems, "source": self.source, "links": self.links, "images": self.images,
                      "accessibility": self.accessibility, "client_support": self.client_support, "spam": self.spam}

        self.tab_bar = QTabBar()
        self.tab_bar.setObjectName("devtoolsTabs")
        self.tab_bar.setDrawBase(False)
        self.tab_bar.setExpanding(False)
        self.tab_bar.setUsesScrollButtons(True)
        self.stack = QStackedWidget()
        for name in TABS:
            self.tab_bar.addTab("")
            self.stack.addWidget(self.pages[name])
            self.pages[name].counts_changed.connect(self._update_titles)
            if hasattr(self.pages[name], "jump"):
                self.pages[name].jump.connect(self.jump)
        self.caret = QToolButton(text="▾", autoRaise=True, toolTip="Collapse the developer tools")
        self.caret.setObjectName("devtoolsCaret")
        self.caret.clicked.connect(lambda: self.set_collapsed(not self.collapsed))
        self.header = QWidget()
        self.header.setObjectName("devtoolsHeader")
        row = QHBoxLayout(self.header)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(2)
        row.addWidget(self.tab_bar, 1)
        row.addWidget(self.caret)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.header)
        box.addWidget(self.stack, 1)

        self.tab_bar.currentChanged.connect(self._tab_changed)
        self.tab_bar.tabBarClicked.connect(lambda _i: self.collapsed and self.set_collapsed(False))
        self.links.check_requested.connect(self.check_links)
        self.images.check_requested.connect(self.check_images)
        self.spam.run_requested.connect(self.run_spam)
        self._update_titles()

    # ---- public ----------------------------------------------------------------------
    @property
    def collapsed(self) -> bool:
        return not self.stack.isVisibleTo(self)

    def current(self) -> str:
        return TABS[self.tab_bar.currentIndex()]

    def show_tab(self, name: str) -> None:
        self.set_collapsed(False)
        self.tab_bar.setCurrentIndex(TABS.index(name))

    def set_collapsed(self, on: bool) -> None:
        if on == self.collapsed:
            return
        splitter = self.parent() if isinstance(self.parent(), QSplitter) else None
        if on:
            self._expanded_height = max(self.height(), 160)
            self.stack.setVisible(False)
            self.setMaximumHeight(self.header.sizeHint().height() + 2)
        else:
            self.stack.setVisible(True)
            self.setMaximumHeight(16777215)
            if splitter is not None:
                sizes = splitter.sizes()
                index = splitter.indexOf(self)
                total = sum(sizes)
                sizes[index] = min(self._expanded_height, total - 200)
                others = [i for i in range(len(sizes)) if i != index]
                for i in others:
                    sizes[i] = (total - sizes[index]) // max(1, len(others))
                splitter.setSizes(sizes)
        self.caret.setText("▴" if on else "▾")
        self.caret.setToolTip("Expand the developer tools" if on else "Collapse the developer tools")
        self.collapsed_changed.emit(on)
        if not on:
            self._tab_changed(self.tab_bar.currentIndex())

    def set_component(self, on: bool) -> None:
        """A component previews as a fragment: Problems and Source only."""
        self.component = on
        for name in ("links", "images", "accessibility", "client_support", "spam"):
            self.tab_bar.setTabVisible(TABS.index(name), not on)

    def show_build(self, inp: model.ChecksInput) -> None:
        """Every build: the final HTML for Source; Spam's sync state. Cheap."""
        if inp.assets is None:  # `asset:` images: the checks read the images the preview shows
            from dataclasses import replace

            from widgets.preview.assets import asset_handler

            inp = replace(inp, assets=asset_handler().source)
        self.input = inp
        self.source.set_html(inp.html)
        self.spam.set_html(inp.html)

    def refresh(self, inp: model.ChecksInput) -> None:
        """On the pause: the cheap checks in the background."""
        from dataclasses import replace

        self.show_build(inp)
        self._parsed = None
        shipped = replace(self.input, assets=self._asset_snapshot())
        self.runner.run_isolated("cheap", model.isolated_report, shipped)

    def check_links(self, offline: bool | None = None) -> None:
        from engine.checks import UrlChecker, start_link_checks

        b = self._network_build()
        if b is None:
            return
        offline = self.links.offline.isChecked() if offline is None else offline
        self._close_link_checker()
        self.links.started()
        if offline:
            self.runner.run("links", lambda: model.check_links_now(b, offline=True))
        else:
            self._link_checker = UrlChecker(timeout=NETWORK_TIMEOUT)
            self.runner.watch("links", start_link_checks(b, self._link_checker))

    def check_images(self, offline: bool | None = None) -> None:
        b = self._network_build()
        if b is None:
            return
        offline = self.images.offline.isChecked() if offline is None else offline
        self.images.started()
        assets = self.input.assets if self.input is not None else None
        self.runner.run("images", lambda: model.check_images_now(b, offline=offline, timeout=NETWORK_TIMEOUT,
                                                                 assets=assets))

    def run_spam(self) -> None:
        b = self._network_build()
        if b is None:
            return
        subject = self.input.subject if self.input is not None else ""
        self.spam.started()
        self.runner.run("spam", lambda: model.check_spam_now(b, subject=subject))

    def close(self) -> bool:  # noqa: D401 - also releases the worker threads
        self._close_link_checker()
        self.runner.close()
        return super().close()

    # ---- results ------------------------------------------------------------------------
    def _finished(self, kind: str, _generation: int, result) -> None:
        if kind == "cheap":
            if isinstance(result, Exception):
                from engine.problems import Problem

                self.problems.set_extra([Problem(f"The checks failed on this input: {type(result).__name__}: {result}",
                                                 rule="devtools/internal")])
                self._failed = True
                return
            previous, self.report = self.report, result
            # Most pauses change no finding: leave such tabs alone (their rebuild is GUI-thread time a
            # keystroke arriving now would wait for).
            for name, show in (("problems", self.problems.set_extra),
                               ("accessibility", self.accessibility.set_findings),
                               ("client_support", self.client_support.set_findings),
                               ("links", self.links.set_current), ("images", self.images.set_current)):
                if previous is None or getattr(previous, name) != getattr(result, name) or self._failed:
                    show(getattr(result, name))
            self._failed = False
        elif kind == "links":
            self._close_link_checker()
            self.links.finished(result)
        elif kind == "images":
            self.images.finished(result)
        elif kind == "spam":
            self.spam.finished(result)

    def _network_build(self):
        if self.report is not None and self.report.build is not None:
            return self.report.build
        if self.input is None:
            return None
        # the checks process keeps its tree: parse once here, on demand (a few ms), until the next input
        if self._parsed is None or self._parsed[0] is not self.input:
            self._parsed = (self.input, model.checks_build(self.input))
        return self._parsed[1]

    def _asset_snapshot(self) -> model.AssetSnapshot:
        """The workspace images of the input, re-read when the email's image list or the workspace changes,
        or after `ASSETS_TTL` seconds (an image replaced meanwhile); a few ms of database reads saved per pause."""
        import time

        from engine.assets import asset_names

        from widgets.preview.assets import asset_handler

        names = tuple(asset_names(self.input.html))
        generation = asset_handler().generation
        now = time.monotonic()
        cached = self._assets
        if cached is None or cached[:2] != (names, generation) or now - cached[2] > ASSETS_TTL:
            self._assets = cached = (names, generation, now, model.snapshot_assets(self.input.html, self.input.assets))
        return cached[3]

    def _close_link_checker(self) -> None:
        if self._link_checker is not None:
            self._link_checker.close()
            self._link_checker = None

    # ---- view -----------------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        if index < 0:
            return
        self.stack.setCurrentIndex(index)
        name = TABS[index]
        if self.collapsed or self.report is None:
            return
        # First visit: run the on-demand check once, as Design Studio does when the tool opens.
        if name == "links" and self.links.checked_urls is None and not self.runner.is_running("links"):
            self.check_links()
        elif name == "images" and self.images.checked_urls is None and not self.runner.is_running("images"):
            self.check_images()
        elif name == "spam" and self.spam.result is None and not self.runner.is_running("spam"):
            self.run_spam()

    def _update_titles(self) -> None:
        p = self.problems
        count = p.errors + p.warnings
        titles = {
            "problems": f"Problems {count}",
            "source": self.source.title(),
            "links": self.links.title(),
            "images": self.images.title(),
            "accessibility": self.accessibility.title(),
            "client_support": self.client_support.title(),
            "spam": self.spam.title(),
        }
        for i, name in enumerate(TABS):
            self.tab_bar.setTabText(i, titles[name])
        normal = QColor()  # invalid: the tab bar's own text colour, so a theme switch re-colours it
        alarm = QColor("#c5221f")
        self.tab_bar.setTabToolTip(TABS.index("problems"), f"{p.errors} errors, {p.warnings} warnings")
        self.tab_bar.setTabTextColor(TABS.index("problems"), alarm if p.errors else normal)
        for name in ("links", "images"):
            tab = self.pages[name]
            self.tab_bar.setTabToolTip(TABS.index(name), tab.tooltip())
            self.tab_bar.setTabTextColor(TABS.index(name), alarm if tab.broken() else normal)
        self.tab_bar.setTabTextColor(TABS.index("source"), alarm if self.source.size.warning() else normal)
