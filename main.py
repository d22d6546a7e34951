"""Campaign Studio entry point.

`python main.py` opens the desktop app; `python main.py COMMAND ...` runs the
headless command line. Both are thin clients of `engine/`.
"""
import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
