"""The Links and Images tabs: every unique URL once, checked over the network only when asked.

Why on demand: a check is dozens of HTTP requests; running them on every
pause would hammer the sender's servers and a slow host would keep the
panel busy forever. So (§10: "In Sync" / "Refresh"):
- after each build the tab lists the email's *current* URLs at once, from the
  cheap report (no network): a URL checked before shows its last result, a
  new one "not checked";
- the state strip compares the URL set of the last check with the current
  one: **In Sync** when they are equal, **Out of sync — re-check** when a URL
  was added, removed or edited (what the results say no longer covers the
  email), **Not checked** before the first check;
- **Check** (or opening the tab for the first time) runs the check in the
  background — `start_link_checks`' Future for links, a worker for images —
  and the editor never waits. A run whose answer arrives after a newer run
  started is dropped (`Runner`).
- **Offline**: the check reports every URL "not checked (offline)" without a
  request, as the command line's `--offline` does. The choice is remembered.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QHeaderView, QVBoxLayout, QWidget

from editor.devtools.findings import GREY, OK_COLOR, FindingTree, StateStrip, dot, severity_dot
from engine.problems import Problem, Severity

OFFLINE_KEY = "devtools/offline"


class _NetworkTab(QWidget):
    """Shared state machine of Links and Images."""

    counts_changed = Signal()
    jump = Signal(int, int)
    check_requested = Signal(bool)  # offline

    noun = "link"
    headers: list[str] = []

    def __init__(self, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.current: list[Problem] = []  # offline findings for the email as it is now
        self.results: dict[str, Problem] = {}  # url -> finding of the last check
        self.checked_urls: tuple[str, ...] | None = None  # URL set the last check covered
        self.running = False
        self.error = ""
        self.strip = StateStrip("Check")
        self.offline = QCheckBox("Offline")
        self.offline.setToolTip("Do not make requests: every URL is reported as not checked")
        self.offline.setChecked(bool(settings is not None and settings.value(OFFLINE_KEY, "false") in (True, "true")))
        self.offline.toggled.connect(self._offline_toggled)
        self.strip.add_widget(self.offline)
        self.strip.button.clicked.connect(self.request_check)
        self.tree = FindingTree(self.headers)
        self.tree.jump.connect(self.jump)
        self.tree.itemDoubleClicked.connect(self._open)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.strip)
        box.addWidget(self.tree, 1)
        self._render()

    # ---- state --------------------------------------------------------------------
    def urls(self) -> tuple[str, ...]:
        return tuple(p.extra["url"] for p in self._url_findings(self.current))

    @property
    def in_sync(self) -> bool:
        return self.checked_urls is not None and self.checked_urls == self.urls() and not self.running

    def state(self) -> str:
        if self.running:
            return "checking"
        if self.checked_urls is None:
            return "not-checked"
        return "in-sync" if self.checked_urls == self.urls() else "out-of-sync"

    def title(self) -> str:
        return f"{self.label} {len(self.urls())}"

    def broken(self) -> int:
        return sum(1 for p in self.rows() if p.severity is Severity.ERROR)

    def tooltip(self) -> str:
        return f"{len(self.urls())} unique {self.noun}s, {self.broken()} broken — {self.strip.badge.text()}"

    def rows(self) -> list[Problem]:
        """What each current URL shows: the last check's finding, or the offline one ("not checked")."""
        return [self.results.get(p.extra["url"], p) for p in self._url_findings(self.current)]

    def checked(self, p: Problem) -> bool:
        """Whether `p` is the answer of a check (online or offline), not the listing before any."""
        return self.results.get(p.extra.get("url")) is p

    # ---- input ----------------------------------------------------------------------
    def set_current(self, findings: list[Problem]) -> None:
        self.current = list(findings)
        self._render()

    def request_check(self) -> None:
        self.check_requested.emit(self.offline.isChecked())

    def started(self) -> None:
        self.running = True
        self.error = ""
        self.pending_urls = self.urls()
        self._render()

    def finished(self, findings: list[Problem] | Exception) -> None:
        self.running = False
        if isinstance(findings, Exception):
            self.error = f"The check failed: {type(findings).__name__}: {findings}"
        else:
            self.results = {p.extra["url"]: p for p in self._url_findings(findings)}
            self.checked_urls = getattr(self, "pending_urls", self.urls())
        self._render()

    def cancelled(self) -> None:
        self.running = False
        self._render()

    def _offline_toggled(self, on: bool) -> None:
        if self.settings is not None:
            self.settings.setValue(OFFLINE_KEY, "true" if on else "false")

    def _url_findings(self, findings: list[Problem]) -> list[Problem]:
        return [p for p in findings if "url" in p.extra and p.rule != "images/alt"]

    # ---- view -------------------------------------------------------------------------
    def _render(self) -> None:
        n = len(self.urls())
        state = self.state()
        plural = f"{n} unique {self.noun}{'s' * (n != 1)}"
        if self.error:
            self.strip.set_state("Failed", self.error, "bad")
        elif state == "checking":
            self.strip.set_state("Checking…", f"Checking {plural} in the background — keep editing", "busy")
        elif state == "not-checked":
            self.strip.set_state("Not checked", f"{plural} — press Check to test them over the network", "neutral")
        elif state == "in-sync":
            bad = sum(1 for p in self.rows() if p.severity is Severity.ERROR)
            self.strip.set_state("In Sync", f"{plural}; the results match the code"
                                 + (f" — {bad} broken" if bad else ""), "ok")
        else:
            self.strip.set_state("Out of sync", f"the {self.noun}s changed since the last check — re-check", "stale")
        self.strip.button.setText("Re-check" if self.checked_urls is not None else "Check")
        self.strip.button.setEnabled(not self.running)
        self._fill()
        self.counts_changed.emit()

    def _open(self, item, _column) -> None:
        p = self.tree.finding_at(item)
        url = QUrl(p.extra.get("url", "")) if p is not None else QUrl()
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def _fill(self) -> None:  # pragma: no cover - each tab fills its own columns
        raise NotImplementedError


def _secure(p: Problem) -> tuple[str, QIcon]:
    """None: not a web link, or Liquid writes the scheme (known only at send time) — nothing to judge."""
    secure = p.extra.get("secure")
    if secure is None:
        return "—", dot(GREY)
    return ("https", dot(OK_COLOR)) if secure else ("http — not secure", dot("#d93025"))


def _not_checked(p: Problem, answered: bool) -> str:
    if p.extra.get("liquid") or "Liquid" in p.message:
        return "not checked (Liquid)"
    return "not checked (offline)" if answered else "not checked"


def link_status(p: Problem, answered: bool = True) -> str:
    """The Status column: reachable / redirect / broken / not checked, in words.

    `answered`: `p` is a check's answer; otherwise it only lists the URL, before any check.
    """
    e = p.extra
    if p.rule == "links/skipped":
        return "skipped (not a web link)"
    if p.rule == "links/invalid":
        return "not an http(s) link"
    if not e.get("checked"):
        return _not_checked(p, answered)
    if p.rule == "links/unreachable":
        return "unreachable — " + p.message.split("unreachable, ", 1)[-1].split(" — ")[0]
    redirects = e.get("redirects") or []
    status = e.get("status")
    if p.rule == "links/broken":
        return f"broken — HTTP {status}" + (f" after {len(redirects)} redirect(s)" if redirects else "")
    if redirects:
        return f"redirect → {e.get('final_url')} (HTTP {status})"
    return f"reachable — HTTP {status}"


class LinksTab(_NetworkTab):
    noun = "link"
    label = "Links"
    headers = ["URL", "Secure", "Status", "Uses", "Line"]

    def __init__(self, settings=None, parent=None):
        super().__init__(settings, parent)
        self.setObjectName("devtoolsLinks")
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i in range(1, 5):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    def _fill(self) -> None:
        self.tree.clear()
        for p in self.rows():
            text, icon = _secure(p)
            item = self.tree.add_finding(None, [p.extra["url"], text, link_status(p, self.checked(p)),
                                                str(p.extra.get("occurrences", 1)),
                                                str(p.line or "")], p, self._status_icon(p))
            item.setIcon(1, icon)
            item.setToolTip(2, p.message)

    def _status_icon(self, p: Problem) -> QIcon:
        if not p.extra.get("checked"):
            return dot(GREY) if p.severity is Severity.INFO else severity_dot(p)
        return dot(OK_COLOR) if p.severity is Severity.INFO else severity_dot(p)


class ImagesTab(_NetworkTab):
    noun = "image"
    label = "Images"
    headers = ["Image", "Secure", "Size", "Dimensions", "Notes", "Line"]
    THUMB = 44

    def __init__(self, settings=None, parent=None):
        super().__init__(settings, parent)
        self.setObjectName("devtoolsImages")
        self.thumbnails: dict = {}
        self.tree.setIconSize(QSize(self.THUMB, self.THUMB))
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 300)
        for i in (1, 2, 3, 5):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

    def tooltip(self) -> str:
        return super().tooltip() + f", {len(self.missing_alt())} <img> without alt"

    def broken(self) -> int:
        return super().broken() + len(self.missing_alt())

    def missing_alt(self) -> list[Problem]:
        return [p for p in self.current if p.rule == "images/alt"]

    def finished(self, result) -> None:
        if not isinstance(result, Exception):
            self.thumbnails = dict(result.thumbnails)
            result = result.findings
        super().finished(result)

    def _fill(self) -> None:
        self.tree.clear()
        no_alt: dict[str, list[Problem]] = {}
        for p in self.missing_alt():
            no_alt.setdefault(p.extra.get("url", ""), []).append(p)
        for p in self.rows():
            url = p.extra["url"]
            e = p.extra
            text, secure_icon = _secure(p)
            size = _human(e["bytes"]) if e.get("bytes") is not None and e.get("checked") else "—"
            dims = f"{e['width']} × {e['height']}" if e.get("width") else "—"
            notes = self._notes(p, no_alt.pop(url, []))
            item = self.tree.add_finding(None, [url, text, size, dims, notes, str(p.line or "")], p, self._thumb(url, p))
            item.setIcon(1, secure_icon)
            item.setToolTip(4, notes)
            if e.get("bytes") and e["bytes"] > 1024 * 1024:
                item.setForeground(2, Qt.GlobalColor.red)
        for url, alts in no_alt.items():  # an <img> whose src is empty or Liquid-only
            for p in alts:
                self.tree.add_finding(None, [url or "(no src)", "—", "—", "—", "missing alt", str(p.line or "")], p,
                                      severity_dot(p))

    def _notes(self, p: Problem, alts: list[Problem]) -> str:
        notes = []
        rule = p.rule
        if rule == "images/ok":
            notes.append(f"OK — {p.extra.get('format', '')}".strip(" —"))
        elif rule == "images/too-large":
            notes.append("over 1 MB — slow to load; optimize it")
        elif rule == "images/insecure" and p.extra.get("checked"):
            notes.append(f"{p.extra.get('format', '')} — not secure (http)".strip(" —"))
        elif rule == "images/broken":
            notes.append("broken — " + p.message.split(": ", 1)[-1].replace("does not load, ", ""))
        elif rule == "images/not-checked" or not p.extra.get("checked"):
            notes.append(_not_checked(p, self.checked(p)))
        else:
            notes.append(p.message.split(": ", 1)[-1])
        if alts:
            notes.append("missing alt" + (f" on {len(alts)} <img>" if len(alts) > 1 else ""))
        return "; ".join(notes)

    def _thumb(self, url: str, p: Problem) -> QIcon:
        image = self.thumbnails.get(url) if p.extra.get("checked") else None
        if image is None:
            return severity_dot(p) if p.severity is not Severity.INFO else dot(GREY if not p.extra.get("checked") else OK_COLOR)
        pix = QPixmap(self.THUMB, self.THUMB)
        pix.fill(Qt.GlobalColor.transparent)
        from PySide6.QtGui import QPainter

        painter = QPainter(pix)
        painter.drawImage((self.THUMB - image.width()) // 2, (self.THUMB - image.height()) // 2, image)
        painter.end()
        return QIcon(pix)


def _human(size: int) -> str:
    return f"{size / 1048576:.2f} MB" if size >= 1048576 else f"{size / 1024:.1f} KB"
