"""Liquid problems in Customer.io's words, located in the user's source.

python-liquid raises its own messages ("missing expression", "unexpected tag
'x'"); the composer shows Ruby-Liquid style ones (design-studio §3.7,
liquid-and-apis §A10). Tags translate header errors where they know which tag
failed (see `tags.py`); this module owns the wording and the final mapping of
anything left, so every message a user sees comes from one table.
"""
from __future__ import annotations

from liquid.exceptions import LiquidError, LiquidSyntaxError, LiquidTypeError, TemplateNotFoundError

from engine.problems import Problem, ProblemError, Severity

RULE_SYNTAX = "liquid-syntax"
RULE_MISSING = "liquid-missing-variable"
RULE_RENDER = "liquid-render"
RULE_UNKNOWN_FILTER = "liquid-unknown-filter"

# Valid-syntax help per tag, verbatim from the A10 catalogue where it lists one.
TAG_SYNTAX_HELP = {
    "if": "Syntax Error in tag 'if' - Valid syntax: if [expression]",
    "elsif": "Syntax Error in tag 'if' - Valid syntax: if [expression]",
    "unless": "Syntax Error in tag 'unless' - Valid syntax: unless [expression]",
    "assign": "Syntax Error in tag 'assign' - Valid syntax: assign [var] = [source]",
    "capture": "Syntax Error in tag 'capture' - Valid syntax: capture [var]",
    "case": "Syntax Error in 'case' - Valid syntax: case [condition]",
    "when": "Syntax Error in tag 'case' - Valid when condition: {% when [condition] [or condition2...] %}",
    "cycle": "Syntax Error in 'cycle' - Valid syntax: cycle [name :] var [, var2, var3 …]",
    "for": "Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]",
    "tablerow": "Syntax Error in 'tablerow loop' - Valid syntax: tablerow [item] in [collection] cols=3",
    "render_liquid": "Syntax Error in tag 'render_liquid' - Valid syntax: render_liquid [variable]",
    "cio_link": "Syntax Error in tag 'cio_link' - Valid syntax: cio_link url:[url] [track:true|false] [url_params:true|false]",
    "random": "Syntax Error in tag 'random' - Valid syntax: random [integer]",
}
CASE_ELSE_WITH_ARGS = "Syntax Error in tag 'case' - Valid else condition: {% else %} (no parameters)"
UNIDENTIFIED_METHOD = "Unidentified method"


def missing_variable_message(name: str) -> str:
    return f"Variable '{name}' is missing"


def never_closed(tag: str) -> str:
    return f"{tag} tag was never closed"


def unexpected_inner(block: str, tag: str) -> str:
    return f"{block} tag does not expect {tag} tag"


def invalid_delimiter(block: str, tag: str) -> str:
    return f"'{tag}' is not a valid delimiter for {block} tags. use end{block}"


def unknown_tag(tag: str) -> str:
    return f"Unknown tag '{tag}'"


def unterminated_variable(text: str) -> str:
    return f"Variable {text} was not properly terminated with regexp: /}}}}/"


UNTERMINATED_TAG = "Tag '{%' was not properly terminated with regexp: /\\%}/"


class CioSyntaxError(LiquidSyntaxError):
    """A syntax error already worded for the user; outer tags pass it through."""


class CioRenderError(LiquidTypeError):
    """A render-time error already worded for the user (e.g. 'Unidentified method')."""

    def __init__(self, *args: object, token=None, hint: str = ""):
        super().__init__(*args, token=token)
        self.hint = hint


class LiquidRenderError(ProblemError):
    """A template could not be parsed or rendered; `.problems` lists every reason."""


def line_column(source: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of `index` in `source`; (0, 0) when unknown."""
    if index is None or index < 0 or not source:
        return 0, 0
    index = min(index, len(source))
    line = source.count("\n", 0, index) + 1
    column = index - (source.rfind("\n", 0, index) + 1) + 1
    return line, column


def _token_index(err: LiquidError) -> int:
    tok = err.token
    return tok.start_index if tok is not None else -1


def _plain_syntax_message(message: str) -> str:
    if message.startswith("unexpected tag '"):
        return unknown_tag(message[len("unexpected tag '"):-1])
    return f"Liquid syntax error: {message}"


def syntax_problem(err: LiquidError, source: str) -> Problem:
    """A Problem for a parse-time error, with the catalogue's wording."""
    message = str(err.message)
    if not isinstance(err, CioSyntaxError):
        message = _plain_syntax_message(message)
    line, column = line_column(source, _token_index(err))
    return Problem(message, line, column, Severity.ERROR, RULE_SYNTAX)


def render_problem(err: BaseException, source: str, index: int | None = None) -> Problem:
    """A Problem for an error raised while rendering (never a traceback)."""
    extra: dict = {}
    if isinstance(err, CioRenderError):
        message = str(err.message)
        if err.hint:
            extra["hint"] = err.hint
    elif isinstance(err, LiquidSyntaxError):
        return syntax_problem(err, source)
    elif isinstance(err, TemplateNotFoundError):
        # [decision] no template store offline: include/render find nothing; snippets are the CIO way.
        message = f"Liquid error: template '{err.args[0] if err.args else ''}' not found (use snippets instead)"
    elif isinstance(err, LiquidError):
        message = f"Liquid error: {err.message}"
    else:
        message = f"Liquid error: {err}"
    if index is None:
        index = _token_index(err) if isinstance(err, LiquidError) else -1
    line, column = line_column(source, index)
    return Problem(message, line, column, Severity.ERROR, RULE_RENDER, extra=extra)
