"""Reusable Qt widgets: node canvas, code editor, preview view, forms.

Importing this package makes `None` immortal first (see `pyside_none_fix`):
PySide6 6.12 on Python 3.11 drops a reference to None on every void Qt call,
and a long session would otherwise abort with "none_dealloc". Every Qt client
of ours (`app`, `editor`, `widgets`) imports this package before using Qt.
"""
from widgets import pyside_none_fix as _pyside_none_fix

_pyside_none_fix.apply()
