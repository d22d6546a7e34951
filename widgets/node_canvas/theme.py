"""Colours of the node canvas, one palette per colour scheme.

Items read their colours from the scene's `CanvasTheme` when their cache is
built, so a theme switch is `scene.set_theme(...)` followed by a cache reset —
no item keeps a colour of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor


@dataclass(frozen=True)
class CanvasTheme:
    background: QColor
    grid: QColor
    node_fill: QColor
    node_border: QColor
    selected: QColor
    text: QColor
    subtext: QColor
    edge: QColor
    label_fill: QColor
    label_text: QColor
    warning: QColor
    indicator: QColor
    indicator_hot: QColor
    dark: bool

    @classmethod
    def light(cls) -> "CanvasTheme":
        return cls(QColor("#f4f5f8"), QColor("#d5d8e0"), QColor("#ffffff"), QColor("#d3d6df"), QColor("#3b6fe0"),
                   QColor("#1f2128"), QColor("#6b6f7b"), QColor("#9aa0ad"), QColor("#eef0f5"), QColor("#3b3f4a"),
                   QColor("#d9822b"), QColor("#8a90a0"), QColor("#3b6fe0"), False)

    @classmethod
    def dark(cls) -> "CanvasTheme":
        return cls(QColor("#1b1c21"), QColor("#33353d"), QColor("#272930"), QColor("#3d4049"), QColor("#6c9bff"),
                   QColor("#e8e9ee"), QColor("#a3a7b3"), QColor("#6e7480"), QColor("#33363f"), QColor("#d0d3db"),
                   QColor("#f0a04b"), QColor("#7d8392"), QColor("#6c9bff"), True)


#: Sticky-note colours: name -> (light fill, dark fill). Names match the campaign model's NOTE_COLORS.
NOTE_FILLS = {
    "yellow": ("#fff1a8", "#6b5d1f"), "blue": ("#cfe3ff", "#28406b"), "green": ("#cdefd6", "#24553a"),
    "pink": ("#ffd3e4", "#6b2a45"), "purple": ("#e4d6ff", "#47346e"), "gray": ("#e3e5ea", "#44474f"),
}
