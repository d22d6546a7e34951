"""Plain-text versions of emails (the Text tab's Generate, multipart text/plain, exports)."""
from .plain import plain_text

__all__ = ["plain_text"]
