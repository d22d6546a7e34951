"""Errors raised while reading campaign JSON, and `ModelError` for an edit the workflow refuses.

Every error names the place it concerns as a JSON path
(`workflow.blocks[2].settings.amount`) so the CLI, the problems panel and the
tests all point at the same field. A whole file that cannot be read raises
`CampaignFormatError` with one `Problem` per error found.
"""
from __future__ import annotations

from engine.problems import Problem, ProblemError


class FormatError(ValueError):
    """A value of the wrong shape at `path` (structure, not meaning)."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)

    def problem(self, file: str = "") -> Problem:
        return Problem(str(self), rule="campaign-format", file=file, extra={"path": self.path})


class CampaignFormatError(ProblemError):
    """A campaign file or document that cannot be loaded at all."""


def join(path: str, key: str | int) -> str:
    """Extend a JSON path: `join("a", "b") == "a.b"`, `join("a", 2) == "a[2]"`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class ModelError(ValueError):
    """An edit the workflow refuses (unknown block, a second edge on one path, a loop …)."""
