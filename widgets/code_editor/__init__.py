"""The Design Studio code editor: Monaco in Qt WebEngine (see `widget.py`)."""
from .widget import LANGUAGES, CodeEditor

__all__ = ["CodeEditor", "LANGUAGES"]
