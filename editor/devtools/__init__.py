"""The code editor's developer tools drawer (design-studio.md §10): Problems, Source, Links,
Images, Accessibility, Client support and Spam under the preview. See `drawer.py`."""
from editor.devtools.drawer import DevToolsDrawer
from editor.devtools.model import ChecksInput
from editor.devtools.problems_panel import ProblemsPanel

__all__ = ["ChecksInput", "DevToolsDrawer", "ProblemsPanel"]
