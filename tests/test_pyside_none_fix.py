"""PySide6 6.12 on Python 3.11 leaks a None reference per void call; our packages neutralise it."""
from __future__ import annotations

import subprocess
import sys

LOOP = "from PySide6.QtCore import QPointF\np = QPointF()\nfor _ in range(20000): p.setX(1.0)\nprint('alive')\n"


def test_many_void_qt_calls_do_not_abort_once_our_widgets_are_imported():
    done = subprocess.run([sys.executable, "-c", "import widgets\n" + LOOP], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "alive"


def test_the_app_package_applies_the_fix_too():
    done = subprocess.run([sys.executable, "-c", "import app\n" + LOOP], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
