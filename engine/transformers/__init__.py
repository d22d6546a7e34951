"""Transformers (design-studio.md §8): what turns the editor's HTML into Source.

`apply_transformers(html, settings, filename=...)` runs the enabled
transformers in the order documented in `pipeline`; each transformer is
also a pure function `transform(html, options) -> str` in its own module,
testable alone. `TransformerSettings` is the App API's `transformers` object.
Nothing here imports Qt.
"""
from ._markup import TransformError
from .pipeline import ORDER, TransformResult, apply_transformers, enabled_steps
from .settings import TransformerSettings

__all__ = ["ORDER", "TransformError", "TransformResult", "TransformerSettings", "apply_transformers", "enabled_steps"]
