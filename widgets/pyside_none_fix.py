"""Work around a reference-count bug of PySide6 6.12 on Python 3.11: make `None` immortal.

Measured here: every call of a PySide6 method returning `void` (`QPointF.setX`,
`QGraphicsItem.setPos`, `QWidget.repaint` …) returns `None` without taking a
reference, so each call lowers None's reference count by one. Python 3.11 starts
with about 5,000 references; a few thousand Qt calls later CPython aborts with
"Fatal Python error: none_dealloc". 100,000 `QPointF.setX` calls crash a bare
interpreter. A canvas of 500 blocks makes that many calls while it opens.

Python 3.12 made `None` immortal (PEP 683), which is why the bug goes unseen
there. We do the same on 3.11: set None's reference count so high that no
session can ever count it down to zero. Idempotent, a no-op on 3.12+, and
harmless (None is never freed anyway). Every process that drives Qt heavily
should call `apply()` once, early; importing `widgets.node_canvas` does.
"""
from __future__ import annotations

import ctypes
import sys

_IMMORTAL = 1 << 60


def apply() -> bool:
    """Returns True when the reference count was raised (Python < 3.12, CPython only)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if refcount.value < _IMMORTAL // 2:
        refcount.value = _IMMORTAL
    return True
