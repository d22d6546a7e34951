"""The SpamAssassin tab: the score of the email as a message, lower is better (§10).

Running `spamassassin -t -L` takes seconds, so it runs in the background and
only when asked (Run, or opening the tab the first time); the strip says
**Out of sync — re-run** once the final HTML differs from the HTML scored.
Without the program the tab says "not available" and how to install it.
"""
from __future__ import annotations

import hashlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from editor.devtools.findings import FindingTree, StateStrip
from engine.problems import Problem


def digest(html: str) -> str:
    return hashlib.sha1(html.encode("utf-8", "replace")).hexdigest()


class SpamTab(QWidget):
    counts_changed = Signal()
    run_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("devtoolsSpam")
        self.current = ""  # digest of the final HTML now
        self.scored: str | None = None  # digest of the HTML of the last result
        self.result: Problem | None = None
        self.running = False
        self.strip = StateStrip("Run SpamAssassin")
        self.strip.button.clicked.connect(self.run_requested)
        self.score_label = QLabel()
        self.score_label.setObjectName("spamScore")
        self.score_label.setContentsMargins(12, 8, 12, 4)
        self.score_label.setWordWrap(True)
        self.rules = FindingTree(["Score", "Rule", "Description"])
        header = self.rules.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.strip)
        box.addWidget(self.score_label)
        box.addWidget(self.rules, 1)
        self._render()

    @property
    def available(self) -> bool:
        return self.result is None or self.result.rule != "spam/not-available"

    @property
    def score(self) -> float | None:
        return None if self.result is None else self.result.extra.get("score")

    def title(self) -> str:
        if self.result is not None and self.score is not None:
            return f"Spam {self.score:g}"
        if self.result is not None and not self.available:
            return "Spam n/a"
        return "Spam"

    def set_html(self, html: str) -> None:
        key = digest(html)
        if key != self.current:
            self.current = key
            self._render()

    def started(self) -> None:
        self.running = True
        self.pending = self.current
        self._render()

    def finished(self, result) -> None:
        self.running = False
        if isinstance(result, Exception):
            result = [Problem(f"SpamAssassin: could not run ({result})", rule="spam/not-available")]
        self.result = result[0] if result else None
        self.scored = getattr(self, "pending", self.current)
        self._render()

    def _render(self) -> None:
        r = self.result
        self.rules.clear()
        if self.running:
            self.strip.set_state("Running…", "SpamAssassin is scoring the email in the background (a few seconds)", "busy")
        elif r is None:
            self.strip.set_state("Not run", "Score the email with a local SpamAssassin (offline: no network tests)", "neutral")
        elif not self.available:
            self.strip.set_state("Not available", "", "neutral")
        elif self.scored == self.current:
            self.strip.set_state("In Sync", "the score is for the email as it is now", "ok")
        else:
            self.strip.set_state("Out of sync", "the email changed since it was scored — re-run", "stale")
        self.strip.button.setEnabled(not self.running)
        self.strip.button.setText("Re-run" if r is not None and self.available else "Run SpamAssassin")
        if r is None:
            self.score_label.setText("")
        elif not self.available:
            self.score_label.setText(f"<b>{r.message}</b><br>Once installed, Run scores the email offline "
                                     "(<code>spamassassin -t -L</code>).")
        else:
            score, required = r.extra["score"], r.extra["required"]
            verdict = "would be marked as spam" if score >= required else "under the spam threshold"
            color = "#b3261e" if score >= required else ("#8a5a00" if score >= required / 2 else "#137333")
            self.score_label.setText(f"<span style='font-size:20px;font-weight:700;color:{color}'>{score:g}</span>"
                                     f"&nbsp;&nbsp;of {required:g} — {verdict}. Lower is better.")
            for rule in sorted(r.extra.get("rules", []), key=lambda x: -x["score"]):
                self.rules.add_finding(None, [f"{rule['score'] + 0.0:+.1f}", rule["name"], rule["description"]], None)
        self.rules.setVisible(r is not None and self.available)
        self.counts_changed.emit()
