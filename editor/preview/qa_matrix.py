"""QA matrix: every device × colour scheme at once, plus images- and styles-blocked.

Ten cells (spec §9.2, issue 4): {Desktop 700, Mobile 320} × {Light, Dark,
Forced dark (Outlook), Forced dark (Google)}, then Desktop with images
blocked and Desktop with styles blocked. Laid out as two rows of five —
desktop schemes + images blocked, mobile schemes + styles blocked — so each
column compares like with like.

Cells are rendered in parallel offscreen pages (`matrix_capture.py`; one
load per preview copy, ~1 s for the ten on the sample newsletter), or one
after another by a `Snapshotter` when DevTools is unavailable. The dialog shows thumbnails; clicking one
opens it full size. `compose_sheet` draws the labelled grid with QPainter,
for the dialog's Export button and the `matrix` command alike.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from engine.preview import SCHEME_LABELS, PreviewMode

DESKTOP, MOBILE = 700, 320
SCHEME_ORDER = ("light", "dark", "forced-dark-outlook", "forced-dark-google")
COLUMNS = 5
THUMB_SCALE = 0.4  # one scale for every cell, so mobile looks as narrow as it is
LABEL_HEIGHT = 34
GAP = 16


@dataclass
class MatrixCell:
    label: str
    mode: PreviewMode
    image: QImage


def matrix_modes() -> list[tuple[str, PreviewMode]]:
    """The ten cells in sheet order (row-major)."""
    def scheme_label(s: str) -> str:
        return SCHEME_LABELS[s] + (" (emulation)" if s.startswith("forced") else "")

    desktop = [(f"Desktop {DESKTOP} · {scheme_label(s)}", PreviewMode(DESKTOP, s)) for s in SCHEME_ORDER]
    mobile = [(f"Mobile {MOBILE} · {scheme_label(s)}", PreviewMode(MOBILE, s)) for s in SCHEME_ORDER]
    return (desktop + [(f"Desktop {DESKTOP} · Images blocked", PreviewMode(DESKTOP, block_images=True))]
            + mobile + [(f"Desktop {DESKTOP} · Styles blocked", PreviewMode(DESKTOP, block_styles=True))])


def render_matrix(html: str, snapshotter=None) -> list[MatrixCell]:
    """The ten cells: in parallel pages (`matrix_capture`), or one by one in `snapshotter` without DevTools."""
    from widgets.preview.environment import debugging_port

    cells = matrix_modes()
    if debugging_port() is not None:
        from editor.preview.matrix_capture import capture_cells

        images = capture_cells(html, [mode for _label, mode in cells])
        return [MatrixCell(label, mode, image) for (label, mode), image in zip(cells, images)]
    if snapshotter is None:
        from editor.preview.snapshot import Snapshotter

        snapshotter = Snapshotter()
    return [MatrixCell(label, mode, snapshotter.capture(html, mode)) for label, mode in cells]


def thumbnail(image: QImage, scale: float = THUMB_SCALE) -> QImage:
    return image.scaledToWidth(max(1, int(image.width() * scale)), Qt.TransformationMode.SmoothTransformation)


def compose_sheet(cells: list[MatrixCell], title: str = "", scale: float = THUMB_SCALE) -> QImage:
    """One PNG-ready image: a title, then the thumbnails in a labelled grid."""
    thumbs = [thumbnail(c.image, scale) for c in cells]
    rows = [thumbs[i:i + COLUMNS] for i in range(0, len(thumbs), COLUMNS)]
    col_w = [max((r[c].width() for r in rows if c < len(r)), default=0) for c in range(COLUMNS)]
    col_w = [max(w, 190) for w in col_w]
    row_h = [max(t.height() for t in r) + LABEL_HEIGHT for r in rows]
    title_h = 44 if title else 0
    width = sum(col_w) + GAP * (COLUMNS + 1)
    height = title_h + sum(row_h) + GAP * (len(rows) + 1)
    sheet = QImage(width, height, QImage.Format.Format_RGB32)
    sheet.fill(QColor("#e9e9ee"))
    p = QPainter(sheet)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if title:
        f = QFont(p.font())
        f.setPointSize(15)
        f.setBold(True)
        p.setFont(f)
        p.setPen(QColor("#1c1b22"))
        p.drawText(QRect(GAP, 0, width - 2 * GAP, title_h), Qt.AlignmentFlag.AlignVCenter, title)
    label_font = QFont(p.font())
    label_font.setPointSize(9)
    label_font.setBold(True)
    p.setFont(label_font)
    y = title_h + GAP
    index = 0
    for r, row in enumerate(rows):
        x = GAP
        for c, thumb in enumerate(row):
            label = cells[index].label
            index += 1
            p.setPen(QColor("#1c1b22"))
            p.drawText(QRect(x, y, col_w[c], LABEL_HEIGHT - 6),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap, label)
            p.setPen(QColor("#b9b9c4"))
            p.drawRect(x - 1, y + LABEL_HEIGHT - 1, thumb.width() + 1, thumb.height() + 1)
            p.drawImage(x, y + LABEL_HEIGHT, thumb)
            x += col_w[c] + GAP
        y += row_h[r] + GAP
    p.end()
    return sheet


class _Thumb(QLabel):
    clicked = Signal()

    def mousePressEvent(self, e):  # noqa: N802
        self.clicked.emit()


class QaMatrixDialog(QDialog):
    """The grid of thumbnails; click one for full size; Export saves the sheet."""

    def __init__(self, cells: list[MatrixCell], parent: QWidget | None = None, title: str = "QA matrix"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.cells = cells
        self.thumbs: list[_Thumb] = []
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setSpacing(GAP)
        for i, cell in enumerate(cells):
            box = QVBoxLayout()
            caption = QLabel(cell.label)
            caption.setWordWrap(True)
            caption.setMaximumWidth(max(190, int(cell.image.width() * THUMB_SCALE)))
            thumb = _Thumb()
            thumb.setPixmap(QPixmap.fromImage(thumbnail(cell.image)))
            thumb.setCursor(Qt.CursorShape.PointingHandCursor)
            thumb.setToolTip("Open full size")
            thumb.clicked.connect(lambda i=i: self.open_full_size(i))
            self.thumbs.append(thumb)
            box.addWidget(caption)
            box.addWidget(thumb)
            box.addStretch(1)
            grid.addLayout(box, i // COLUMNS, i % COLUMNS, Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(grid_host)
        export = QPushButton("Export PNG sheet…")
        export.clicked.connect(self._export_dialog)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.resize(1200, 800)
        self.full_size: QDialog | None = None

    def open_full_size(self, index: int) -> QDialog:
        cell = self.cells[index]
        dialog = QDialog(self)
        dialog.setWindowTitle(cell.label)
        image = QLabel()
        image.setPixmap(QPixmap.fromImage(cell.image))
        scroll = QScrollArea()
        scroll.setWidget(image)
        QVBoxLayout(dialog).addWidget(scroll)
        dialog.resize(min(cell.image.width() + 40, 1100), 800)
        dialog.show()
        self.full_size = dialog
        return dialog

    def sheet(self) -> QImage:
        return compose_sheet(self.cells, self.windowTitle())

    def export(self, path: str) -> bool:
        return self.sheet().save(path, "PNG")

    def _export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export QA sheet", f"{self.windowTitle()}.png".replace(" — ", " - "),
                                              "PNG image (*.png)")
        if path:
            self.export(path)
