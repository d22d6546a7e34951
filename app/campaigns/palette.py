"""The build menu (B): every block type grouped as the spec lists them, dragged onto the canvas.

A drag carries `BLOCK_MIME` with the block type id; the canvas view lights
the "+" under the cursor and the document adds the block there. Double-click
(or Enter) adds the block at the end of the selected block's path instead.
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.campaigns import presentation as look
from engine.journeys import palette

BLOCK_MIME = "application/x-campaign-studio-block"
TYPE_ROLE = Qt.ItemDataRole.UserRole + 1


def block_mime(type_id: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(BLOCK_MIME, type_id.encode())
    return mime


class PaletteTree(QTreeWidget):
    def mimeData(self, items) -> QMimeData:
        type_id = items[0].data(0, TYPE_ROLE) if items else None
        return block_mime(type_id) if type_id else QMimeData()

    def mimeTypes(self) -> list[str]:
        return [BLOCK_MIME]


class BlockPalette(QWidget):
    activated = Signal(str)  # type id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("blockPalette")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 6, 10)
        lay.setSpacing(6)
        title = QLabel("Build")
        title.setStyleSheet("font-weight: 600; font-size: 14px;")
        lay.addWidget(title)
        hint = QLabel("Drag a block onto a + on the canvas")
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search blocks")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        lay.addWidget(self.search)
        self.tree = PaletteTree()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(6)
        self.tree.setIconSize(QSize(20, 20))
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.itemActivated.connect(self._activated)
        lay.addWidget(self.tree, 1)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.populate()

    def populate(self) -> None:
        self.tree.clear()
        for group, types in palette().items():
            head = QTreeWidgetItem([group.upper()])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 0.85)
            head.setFont(0, font)
            head.setForeground(0, QBrush(QColor(look.GROUP_COLORS[group])))
            self.tree.addTopLevelItem(head)
            for t in types:
                item = QTreeWidgetItem([t.label])
                item.setData(0, TYPE_ROLE, t.id)
                item.setIcon(0, QIcon(look.icon_pixmap(t.icon, look.GROUP_COLORS[group])))
                item.setToolTip(0, t.description or t.label)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
                head.addChild(item)
                self.items[t.id] = item
            head.setExpanded(True)

    def _filter(self, text: str) -> None:
        text = text.lower().strip()
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            shown = 0
            for j in range(head.childCount()):
                child = head.child(j)
                hide = bool(text) and text not in child.text(0).lower()
                child.setHidden(hide)
                shown += not hide
            head.setHidden(shown == 0)

    def _activated(self, item, _col) -> None:
        type_id = item.data(0, TYPE_ROLE)
        if type_id:
            self.activated.emit(type_id)
