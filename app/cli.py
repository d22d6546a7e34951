"""The command line: one argparse parser, one module per command.

Each module in `app/commands/` exposes `register(subparsers)` which adds its
sub-parser and sets `func` to a callable taking the parsed arguments and
returning the exit status. Commands import what they need lazily so that
`--version` and headless commands never load Qt.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from engine import __version__

import app.commands as _commands_pkg


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Campaign Studio: run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"campaign-studio {__version__}")
    parser.add_argument(
        "--workspace",
        metavar="PATH_OR_URL",
        help="workspace to open: a SQLite file path or any SQLAlchemy URL "
        "(default: the workspace in your user data directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for info in sorted(pkgutil.iter_modules(_commands_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"app.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        from app.gui import run_gui

        return run_gui(args.workspace)
    return int(args.func(args) or 0)
