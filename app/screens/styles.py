"""Styles: the workspace's global styles, read-only (spec design-studio §5).

Colours as swatches, fonts in their own family, radii and spacing, and the
per-component defaults as a tree. A reference such as
`globalStyles.colors.brand_k7d1q2` is shown with the colour it resolves to,
so a designer reads the defaults the way the editor will apply them.
The Styles editor itself belongs to a later issue.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QGroupBox, QHeaderView, QLabel, QScrollArea, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from app.screens.common import Page


def swatch_icon(value: str, size: int = 14) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(value))
    return QIcon(pix)


class StylesScreen(Page):
    def __init__(self, workspace, parent=None):
        super().__init__("Styles", "Global styles shared by every Design Studio email (read-only here).", parent)
        self.ws = workspace
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.outer.addWidget(self.scroll, 1)
        self.refresh()

    def refresh(self) -> None:
        data = self.ws.styles.get() or {}
        self.colors = {f"globalStyles.colors.{c.get('name')}_{c.get('id')}": c.get("value", "") for c in data.get("colors", [])}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(14)
        if not data:
            empty = QLabel("This workspace has no global styles yet.")
            empty.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
            layout.addWidget(empty)
        layout.addWidget(self._colors_box(data.get("colors", [])))
        layout.addWidget(self._fonts_box(data.get("fonts", [])))
        layout.addWidget(self._scales_box(data))
        layout.addWidget(self._components_box(data.get("components", {})))
        layout.addStretch(1)
        self.scroll.setWidget(body)

    def _colors_box(self, colors) -> QGroupBox:
        box = QGroupBox(f"Colours ({len(colors)})")
        box.setObjectName("colorsBox")
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        for n, c in enumerate(colors):
            cell = QWidget()
            cell.setObjectName("swatch")
            v = QVBoxLayout(cell)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(4)
            chip = QFrame()
            chip.setFixedSize(120, 56)
            chip.setStyleSheet(
                f"background: {c.get('value', '#000')}; border: 1px solid rgba(128,128,128,0.45); border-radius: 8px;"
            )
            v.addWidget(chip)
            name = QLabel(f"<b>{c.get('name', '')}</b><br><span style='color:gray'>{c.get('value', '')}"
                          + (f" · {c.get('opacity')}%" if c.get("opacity", 100) != 100 else "") + "</span>")
            v.addWidget(name)
            grid.addWidget(cell, n // 6, n % 6, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(6, 1)
        return box

    def _fonts_box(self, fonts) -> QGroupBox:
        box = QGroupBox(f"Fonts ({len(fonts)})")
        box.setObjectName("fontsBox")
        v = QVBoxLayout(box)
        v.setSpacing(10)
        for f in fonts:
            sample = QLabel(f"{f.get('name', '')} — The quick brown fox jumps over the lazy dog")
            font = QFont(f.get("family") or "")
            font.setPointSize(14)
            sample.setFont(font)
            v.addWidget(sample)
            detail = QLabel(
                f"{f.get('family', '')} · fallback {f.get('fallback') or '—'} · {f.get('kind', 'standard')}"
                + (f" · {f.get('url')}" if f.get("url") else "")
            )
            detail.setStyleSheet("color: palette(placeholder-text);")
            detail.setWordWrap(True)
            v.addWidget(detail)
        return box

    def _scales_box(self, data) -> QGroupBox:
        box = QGroupBox("Radii and spacing")
        v = QVBoxLayout(box)
        radii = ", ".join(f"{r.get('name')} {r.get('value')}px" for r in data.get("radii", [])) or "—"
        spacing = ", ".join(f"{s.get('name')} {s.get('value')}px" for s in data.get("spacing", [])) or "—"
        v.addWidget(QLabel(f"<b>Radii:</b> {radii}"))
        v.addWidget(QLabel(f"<b>Spacing:</b> {spacing}"))
        return box

    def _components_box(self, components) -> QGroupBox:
        box = QGroupBox(f"Component defaults ({len(components)})")
        v = QVBoxLayout(box)
        self.tree = QTreeWidget()
        self.tree.setObjectName("componentDefaults")
        self.tree.setHeaderLabels(["Component / property", "Value"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for name, props in components.items():
            top = QTreeWidgetItem([name, ""])
            f = top.font(0)
            f.setBold(True)
            top.setFont(0, f)
            for prop, value in (props or {}).items():
                top.addChild(self._value_item(prop, value))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        # The page scrolls, not the tree: give it the height of all its rows (no nested scrollbars).
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 0; }")
        self.tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = sum(1 + len(p or {}) for p in components.values())
        row_height = self.tree.fontMetrics().height() + 8
        self.tree.setFixedHeight(row_height * rows + self.tree.header().sizeHint().height() + 6)
        v.addWidget(self.tree)
        return box

    def _value_item(self, prop: str, value) -> QTreeWidgetItem:
        if isinstance(value, dict):
            text = "   ".join(f"{k}: {self._short(v)}" for k, v in value.items())
        else:
            text = self._short(value)
        item = QTreeWidgetItem([prop, text])
        color = value.get("light") if isinstance(value, dict) else value
        resolved = self.colors.get(color, color) if isinstance(color, str) else None
        if isinstance(resolved, str) and QColor.isValidColorName(resolved) and resolved.startswith("#"):
            item.setIcon(1, swatch_icon(resolved))
        item.setToolTip(1, str(value))
        return item

    def _short(self, value) -> str:
        """`globalStyles.colors.brand_k7d1q2` → `brand (#5B3FD9)`: the name a designer gave it."""
        if isinstance(value, str) and value.startswith("globalStyles."):
            name = value.split(".")[-1].rsplit("_", 1)[0]
            resolved = self.colors.get(value)
            return f"{name} ({resolved})" if resolved else name
        return str(value)
