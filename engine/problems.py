"""One shape for everything that can be wrong with a user's input.

The compiler, Liquid, the checks and the campaign validator all report
`Problem`s so the problems panel, the command line (`FILE:LINE:COL: message`)
and the JSON output share one format. Positions are 1-based; 0 means unknown.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    message: str
    line: int = 0
    column: int = 0
    severity: Severity = Severity.ERROR
    rule: str = ""
    file: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def located(self, file: str) -> "Problem":
        """The same problem attributed to `file` (keeps an existing file name)."""
        if self.file:
            return self
        return Problem(self.message, self.line, self.column, self.severity, self.rule, file, self.extra)

    def format(self) -> str:
        """`FILE:LINE:COL: message`, the form compilers and editors understand."""
        where = self.file or "<input>"
        return f"{where}:{self.line}:{self.column}: {self.message}"

    def to_json(self) -> dict:
        return {
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }


class ProblemError(Exception):
    """Raised when input cannot be processed at all; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(p.format() for p in self.problems) or "invalid input")
