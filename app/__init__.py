"""The desktop application: main window, navigation, screens, settings, command line."""
import widgets  # noqa: F401  (makes None immortal before any Qt call; see widgets/pyside_none_fix.py)
