"""The command line's own contract: version, help, errors without tracebacks."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=60)


def test_version():
    from engine import __version__

    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"campaign-studio {__version__}"


def test_help_lists_the_commands():
    done = run("--help")
    assert done.returncode == 0
    assert "init-sample" in done.stdout


def test_init_sample_on_a_bad_url_is_a_clear_error(tmp_path):
    done = run("init-sample", "--workspace", "nosuchdialect://nowhere/db", cwd=tmp_path)
    assert done.returncode == 2
    assert "unknown database type" in done.stderr
    assert "Traceback" not in done.stderr
