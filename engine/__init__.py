"""The headless core of Campaign Studio.

Nothing under this package imports Qt: the GUI and the command line are both
thin clients of it, and every model here runs and tests without a display.
"""

__version__ = "0.1.0"
