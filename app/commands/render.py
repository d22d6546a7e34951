"""`render EMAIL_FILE`: print the compiled HTML of a Design Studio email.

Liquid stays verbatim (as in Source and export) unless `--data` is given, in
which case it is rendered like a preview or test send. Problems go to stderr
as `FILE:LINE:COL: message`; any error makes the exit status 2, warnings alone
keep it 0. Bad input never produces a traceback.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("render", help="compile a Design Studio email to HTML")
    p.add_argument("email", metavar="EMAIL_FILE", help="the email source (.html)")
    p.add_argument("--styles", metavar="STYLES.json", help="workspace global styles")
    p.add_argument("--components", metavar="DIR", help="folder of custom components")
    p.add_argument("--data", metavar="DATA.json", help="sample data (customer, event, trigger, …) to render Liquid")
    p.add_argument("--lax", action="store_true", help="with --data: render missing variables as empty")
    p.add_argument("--out", metavar="FILE", help="write the HTML here instead of stdout")
    p.add_argument("--transformers", metavar="SETTINGS.json",
                   help="apply a transformers object (the App API's shape) after compiling")
    p.set_defaults(func=run)


def _read_json(path: str):
    """(data, problems): a JSON file or a located problem."""
    from engine.problems import Problem

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(f"cannot read file: {exc.strerror if isinstance(exc, OSError) else exc}", file=path)]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        return None, [Problem(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno, file=path)]


def report(problems) -> bool:
    """Print problems to stderr; True when any is an error."""
    from engine.problems import Severity

    failed = False
    for p in problems:
        print(p.format() if p.severity == Severity.ERROR else f"{p.format()} [{p.severity.value}]", file=sys.stderr)
        failed = failed or p.severity == Severity.ERROR
    return failed


def read_source(path: str):
    from engine.problems import Problem

    try:
        return Path(path).read_text(encoding="utf-8"), []
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return None, [Problem(f"cannot read email: {reason}", file=path)]


def run(args) -> int:
    from engine.compiler import compile_email
    from engine.problems import ProblemError
    from engine.styles import GlobalStyles

    source, problems = read_source(args.email)
    if source is None:
        report(problems)
        return 2
    styles = None
    if args.styles:
        try:
            styles = GlobalStyles.load(args.styles)
        except ProblemError as exc:
            report(exc.problems)
            return 2
        if report(styles.problems):
            return 2
    data = None
    if args.data:
        data, problems = _read_json(args.data)
        if problems:
            report(problems)
            return 2
        if not isinstance(data, dict):
            report([__import__("engine.problems", fromlist=["Problem"]).Problem(
                "sample data must be a JSON object with customer, event, trigger, … keys", 1, 1, file=args.data)])
            return 2
    if args.components and not Path(args.components).is_dir():
        from engine.problems import Problem

        report([Problem("not a folder of components", file=args.components)])
        return 2

    settings = None
    if getattr(args, "transformers", None):
        from app.commands.check import load_transformers

        settings, problems = load_transformers(args.transformers)
        if problems:
            report(problems)
            return 2
    try:
        components = None
        if args.components:
            from engine.components import ComponentLibrary

            components = ComponentLibrary.from_folder(args.components)
        result = compile_email(source, styles=styles, filename=args.email, components=components)
    except ProblemError as exc:
        report([p.located(args.email) for p in exc.problems])
        return 2
    except Exception as exc:  # noqa: BLE001 - a compiler bug must still not print a traceback
        print(f"{args.email}:0:0: internal compiler error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    failed = report(result.problems)
    if not result.html:
        return 2
    html = result.html
    if settings is not None:
        from engine.transformers import apply_transformers

        transformed = apply_transformers(html, settings, filename=args.email)
        failed = report(transformed.problems) or failed
        html = transformed.html
    if data is not None:
        from engine.liquid import LiquidRenderError, render_liquid

        try:
            html = render_liquid(html, data, lax=args.lax)
        except LiquidRenderError as exc:
            # Liquid positions refer to the compiled HTML; say so rather than pointing into the source.
            report([p.located(f"{args.email} (compiled)") for p in exc.problems])
            return 2
    if args.out:
        try:
            Path(args.out).write_text(html, encoding="utf-8")
        except OSError as exc:
            print(f"{args.out}:0:0: cannot write: {exc.strerror}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(html if html.endswith("\n") else html + "\n")
    return 2 if failed else 0
