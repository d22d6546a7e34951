"""The inputs the email commands share: the email file, `--styles`, `--components`, `--data`, `--transformers`,
`--title`/`--preheader`, and the one build they all make of them (`build`).

`render`, `check`, `text`, `shot` and `matrix` all read the same kinds of
file, so each kind is read here once, with one wording for what can go wrong
(except two `--data` messages `render` words its own way, see `load_data`).
Every loader returns the value (None when its option was not given) or
raises `engine.problems.ProblemError` carrying problems already located in
the offending file; a command catches it, prints the problems with `report`
(`FILE:LINE:COL: message`) and exits 2 — never a traceback (team rule).

Each command still calls the loaders itself, in its own order: with several
bad inputs, which one is reported is part of what a user sees.

This module is imported whenever the parser is built (the commands' `register`
use `add_input_arguments`), so even `engine.problems` is imported inside the
functions: `main.py --version` must not pay for any of it.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def add_input_arguments(parser, *, email_help: str = "the email source (.html)", styles: bool = False,
                        components: bool = False, data: bool = False, transformers: bool = False,
                        envelope: bool = False) -> None:
    """Add `EMAIL_FILE` and the shared options the command takes, with the same names and help everywhere."""
    parser.add_argument("email", metavar="EMAIL_FILE", help=email_help)
    if styles:
        parser.add_argument("--styles", metavar="STYLES.json", help="workspace global styles")
    if components:
        parser.add_argument("--components", metavar="DIR", help="folder of custom components (one TAG.html each)")
    if data:
        parser.add_argument("--data", metavar="DATA.json",
                            help="sample data (customer, event, trigger, …) to render Liquid")
    if transformers:
        parser.add_argument("--transformers", metavar="SETTINGS.json",
                            help="transformer settings in the App API's shape, applied after compiling "
                                 '(as the app stores them: {"x-campaign-studio": {"framework": "mjml"}} switches MJML on)')
    if envelope:
        parser.add_argument("--title", default="", metavar="TEXT",
                            help="the envelope's Title (the <title>, unless the email's <x-base> sets one)")
        parser.add_argument("--preheader", default="", metavar="TEXT",
                            help="the envelope's Preheader (unless the email's <x-base> sets one)")


def report(problems) -> bool:
    """Print problems to stderr (warnings and notes tagged with their severity); True when any is an error."""
    from engine.problems import Severity

    failed = False
    for p in problems:
        print(p.format() if p.severity == Severity.ERROR else f"{p.format()} [{p.severity.value}]", file=sys.stderr)
        failed = failed or p.severity == Severity.ERROR
    return failed


def _reason(exc: Exception) -> str:
    """'No such file or directory' rather than '[Errno 2] …: path' (the path already starts the line)."""
    return getattr(exc, "strerror", None) or str(exc)


def _read_text(path: str, unreadable: str) -> str:
    from engine.problems import Problem, ProblemError

    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemError([Problem(f"{unreadable}: {_reason(exc)}", file=path)]) from None


def read_email(path: str) -> str:
    """The email source (UTF-8)."""
    return _read_text(path, "cannot read email")


def load_styles(path: str | None):
    """`GlobalStyles` from `--styles`, refused when it has any error.

    Every problem GlobalStyles reports today is an error; should it ever
    report warnings alone, they do not stop the command.
    """
    if not path:
        return None
    from engine.problems import ProblemError, Severity
    from engine.styles import GlobalStyles

    try:
        styles = GlobalStyles.load(path)
    except ProblemError as exc:
        raise ProblemError([p.located(path) for p in exc.problems]) from None
    if any(p.severity == Severity.ERROR for p in styles.problems):
        raise ProblemError([p.located(path) for p in styles.problems])
    return styles


def load_components(path: str | None):
    """`ComponentLibrary` of the `--components` folder (one TAG.html or TAG.mjml per component)."""
    if not path:
        return None
    from engine.components import ComponentLibrary
    from engine.problems import Problem, ProblemError

    if not Path(path).is_dir():
        raise ProblemError([Problem("not a folder of components", file=path)])
    try:
        return ComponentLibrary.from_folder(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemError([Problem(f"cannot read components: {_reason(exc)}", file=path)]) from None


def load_data(path: str | None, *, unreadable: str = "cannot read sample data",
              not_object: str = "sample data must be a JSON object") -> dict | None:
    """The `--data` JSON object (customer, event, trigger, …) that Liquid is rendered with.

    `unreadable` and `not_object` are the two messages whose wording differs
    between `render` and the preview commands; both are kept as they were.
    """
    if not path:
        return None
    from engine.problems import Problem, ProblemError

    text = _read_text(path, unreadable)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemError([Problem(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno, file=path)]) from None
    if not isinstance(value, dict):
        raise ProblemError([Problem(not_object, 1, 1, file=path)])
    return value


def load_transformers(path: str | None):
    """`engine.email_build.MessageSettings` (transformers + MJML switch) from a `--transformers` file.

    The file holds the App API's `transformers` object, optionally with the
    app's own `x-campaign-studio` options (the MJML switch), exactly as the
    app stores them. Any problem refuses the file, warnings included (such as
    a query key repeated in the URL parameters), as `render` and `check`
    always did.
    """
    if not path:
        return None
    from engine.email_build import loads_message_settings
    from engine.problems import ProblemError

    text = _read_text(path, "cannot read transformer settings")
    settings = loads_message_settings(text, filename=path)
    if settings.problems:
        raise ProblemError([p.located(path) for p in settings.problems])
    return settings


def build(args, source: str, *, styles=None, components=None, settings=None, liquid: bool = False):
    """The email's one build (`engine.email_build.build_email`), as the app previews and ships it."""
    from engine.email_build import build_email

    return build_email(source, styles=styles, components=components, filename=args.email,
                       transformers=settings.transformers if settings is not None else None,
                       framework=settings.framework if settings is not None else "",
                       title=getattr(args, "title", ""), preheader=getattr(args, "preheader", ""), liquid=liquid)
