"""The QA matrix's verified grabs give the very pixels Chromium's own full-page capture gives (issue 10 §17)."""
from __future__ import annotations

import pytest

# Tall enough to scroll at 320 px in a 600 px viewport (the height is measured with a scrollbar, the cell is drawn
# without one, as captureBeyondViewport draws it), a 100vh body that keeps a scrollbar in a tall view, a dark rule.
HTML = ("<!doctype html><html><head><style>body{margin:8px;min-height:100vh;background:#F3F1FB;color:#1F2330;"
        "font:16px sans-serif}@media (prefers-color-scheme: dark){body{background:#15131F;color:#EEE}}"
        "</style></head><body>" + "".join(f"<p style='border-left:{i % 7}px solid #5B3FD9'>Paragraph {i}: "
                                          "a line long enough to wrap at mobile widths, twice or more.</p>"
                                          for i in range(40)) + "</body></html>")


def _same(a, b) -> bool:
    from PySide6.QtGui import QColorSpace, QImage

    a, b = (QImage(i).convertToFormat(QImage.Format.Format_RGB32) for i in (a, b))
    for image in (a, b):
        image.setColorSpace(QColorSpace())
    return a == b


def test_grabbed_cells_match_full_devtools_captures(qapp, monkeypatch):
    from editor.preview import matrix_capture
    from editor.preview.qa_matrix import matrix_modes
    from editor.preview.snapshot import Snapshotter

    modes = [mode for _label, mode in matrix_modes()]
    fallbacks = []
    real_capture = matrix_capture._Page._capture
    monkeypatch.setattr(matrix_capture._Page, "_capture",
                        lambda self, *a: (fallbacks.append(a), real_capture(self, *a))[1])
    cells = matrix_capture.capture_cells(HTML, modes)
    assert len(fallbacks) < len(modes)  # the grab path was taken (a rare fallback is allowed)
    snap = Snapshotter()
    try:
        for mode, cell in zip(modes, cells):
            reference = snap.capture(HTML, mode)
            assert (cell.width(), cell.height()) == (reference.width(), reference.height()), mode
            assert _same(cell, reference), f"{mode}: the grabbed cell differs from Chromium's capture"
    finally:
        snap.close()
