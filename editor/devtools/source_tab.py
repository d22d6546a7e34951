"""The Source tab: the final HTML after every transformer, read-only — exactly what Export ships.

It follows every build (not only the pause), so switching Minify on in the
Transformers tab shows the minified HTML as soon as that build is done.
Filling a `QPlainTextEdit` with 25 KB on each keystroke would cost more
than the preview itself, so the text is set only while the tab is on
screen; otherwise it is kept and shown when the tab is opened.

The size is `engine.preview.email_size` (the same the preview toolbar and
`check_size` use), with Gmail's 102 KB clipping warning.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from engine.preview import email_size
from engine.preview.size import GMAIL_CLIP_KB
from widgets.code_view import CodeView


class SourceTab(QWidget):
    counts_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("devtoolsSource")
        self.html = ""
        self.size = email_size("")
        self.view = CodeView()
        self.view.setObjectName("finalSource")
        self.size_label = QLabel()
        self.size_label.setObjectName("sourceSize")
        self.warning = QLabel()
        self.warning.setObjectName("gmailWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel{background:#fce8e6;color:#b3261e;padding:4px 8px;font-weight:600}")
        self.copy_button = QToolButton(text="Copy HTML", toolTip="Copy the final HTML to the clipboard")
        self.copy_button.clicked.connect(lambda: QApplication.clipboard().setText(self.html))
        head = QHBoxLayout()
        head.setContentsMargins(8, 4, 8, 4)
        note = QLabel("Final HTML (transformers applied) — read-only; this is what Export and test sends ship.")
        note.setStyleSheet("color: palette(placeholder-text);")
        note.setWordWrap(True)  # a long one-line label would set the whole editor's minimum width
        note.setToolTip(note.text())
        head.addWidget(self.size_label)
        head.addWidget(note, 1)
        head.addWidget(self.copy_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(head)
        box.addWidget(self.warning)
        box.addWidget(self.view, 1)
        self.set_html("")

    def title(self) -> str:
        return f"Source {self.size.label()}" + (" ⚠" if self.size.warning() else "")

    def set_html(self, html: str) -> None:
        if html == self.html and self.size_label.text():
            return
        self.html = html
        self.size = email_size(html)
        self.size_label.setText(f"<b>{self.size.label()}</b> ({self.size.bytes:,} bytes)")
        warning = self.size.warning()
        self.warning.setText(f"⚠ {warning}" if warning else "")
        self.warning.setVisible(bool(warning))
        self.size_label.setToolTip(f"Gmail clips messages over {GMAIL_CLIP_KB} KB")
        if self.isVisible():
            self._show_text()
        self.counts_changed.emit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._show_text()

    def _show_text(self) -> None:
        if self.view.toPlainText() != self.html:
            bar = self.view.verticalScrollBar().value()
            self.view.setPlainText(self.html)
            self.view.verticalScrollBar().setValue(bar)
