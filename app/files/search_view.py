"""Search results: the total match count on top, then each file with its hits.

Each hit is one line excerpt with the matched text highlighted (a small
delegate paints it as rich text). A name match counts as one match, as in the
store's `SearchResult.match_count`. Activating a file or a hit asks to open it
at that line.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from app.icons import kind_icon
from app.files.model import KIND_LABELS

HIT_ROLE = Qt.ItemDataRole.UserRole + 2  # (excerpt, start, end, line)
FILE_ROLE = Qt.ItemDataRole.UserRole + 1


def highlighted_html(excerpt: str, start: int, end: int, mark: str) -> str:
    return (
        html.escape(excerpt[:start])
        + f'<span style="background:{mark}; font-weight:600">'
        + html.escape(excerpt[start:end])
        + "</span>"
        + html.escape(excerpt[end:])
    )


class _HitDelegate(QStyledItemDelegate):
    def paint(self, painter, option, index):
        hit = index.data(HIT_ROLE)
        if hit is None:
            return super().paint(painter, option, index)
        excerpt, start, end, line = hit
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        dark = opt.palette.color(QPalette.ColorRole.Base).lightness() < 128
        mark = "#6a5a12" if dark else "#ffe58a"
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        dim = opt.palette.color(QPalette.ColorRole.PlaceholderText).name()
        doc.setHtml(
            f'<span style="color:{dim}">{line}:</span>&nbsp;&nbsp;<span style="font-family:monospace">'
            + highlighted_html(excerpt, start, end, mark)
            + "</span>"
        )
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        painter.save()
        painter.translate(text_rect.topLeft().x(), text_rect.top() + (text_rect.height() - doc.size().height()) / 2)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = opt.state & QStyle.StateFlag.State_Selected
        ctx.palette.setColor(
            QPalette.ColorRole.Text,
            opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text),
        )
        ctx.clip = QRectF(0, 0, text_rect.width(), text_rect.height())
        painter.setClipRect(ctx.clip)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 8))


class SearchResultsView(QWidget):
    """Shows a `SearchResult`; emits `openRequested(FileInfo, line)` (line 0 = top)."""

    openRequested = Signal(object, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.summary.setStyleSheet("font-weight: 600; padding: 4px 2px;")
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setObjectName("searchResults")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(_HitDelegate(self.tree))
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.tree)
        self.result = None

    def show_result(self, result) -> None:
        self.result = result
        self.tree.clear()
        n, files = result.match_count, len(result.matches)
        if n == 0:
            self.summary.setText(f"No matches for “{result.query}”")
        else:
            self.summary.setText(
                f"{n} match{'es' if n != 1 else ''} in {files} file{'s' if files != 1 else ''} for “{result.query}”"
            )
        for match in result.matches:
            info = match.file
            top = QTreeWidgetItem([f"{info.name}   ·   {KIND_LABELS.get(info.kind, info.kind)}"
                                   f"   ·   {match.count} match{'es' if match.count != 1 else ''}"
                                   + ("   (name)" if match.name_matches else "")])
            top.setIcon(0, kind_icon(info.kind))
            top.setData(0, FILE_ROLE, (info, 0))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for hit in match.hits:
                child = QTreeWidgetItem([f"{hit.line}: {hit.excerpt}"])
                child.setData(0, HIT_ROLE, (hit.excerpt, hit.start, hit.end, hit.line))
                child.setData(0, FILE_ROLE, (info, hit.line))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)

    def hit_texts(self) -> list[str]:
        """Every hit line as shown (for tests and accessibility)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out += [top.child(j).text(0) for j in range(top.childCount())]
        return out

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, FILE_ROLE)
        if data:
            self.openRequested.emit(*data)
