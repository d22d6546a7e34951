"""The email editor: code editor, visual editor, preview and their panels."""
import widgets  # noqa: F401  (makes None immortal before any Qt call; see widgets/pyside_none_fix.py)
