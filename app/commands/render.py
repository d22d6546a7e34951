"""`render EMAIL_FILE`: print the compiled HTML of a Design Studio email.

Liquid stays verbatim (as in Source and export) unless `--data` is given, in
which case it is rendered like a preview or test send. Problems go to stderr
as `FILE:LINE:COL: message`; any error makes the exit status 2, warnings alone
keep it 0. Bad input never produces a traceback.
"""
from __future__ import annotations

import sys
from pathlib import Path

from app.commands import inputs


def register(sub) -> None:
    p = sub.add_parser("render", help="compile a Design Studio email to HTML")
    inputs.add_input_arguments(p, styles=True, components=True, data=True, transformers=True)
    p.add_argument("--lax", action="store_true", help="with --data: render missing variables as empty")
    p.add_argument("--out", metavar="FILE", help="write the HTML here instead of stdout")
    p.set_defaults(func=run)


def run(args) -> int:
    from engine.compiler import compile_email
    from engine.problems import ProblemError

    try:
        source = inputs.read_email(args.email)
        styles = inputs.load_styles(args.styles)
        # render words these two --data problems its own way (older than shot/matrix); kept as users see them.
        data = inputs.load_data(args.data, unreadable="cannot read file",
                                not_object="sample data must be a JSON object with customer, event, trigger, … keys")
        components = inputs.load_components(args.components)
        settings = inputs.load_transformers(args.transformers)
    except ProblemError as exc:
        inputs.report(exc.problems)
        return 2
    try:
        result = compile_email(source, styles=styles, filename=args.email, components=components)
    except ProblemError as exc:
        inputs.report([p.located(args.email) for p in exc.problems])
        return 2
    except Exception as exc:  # noqa: BLE001 - a compiler bug must still not print a traceback
        print(f"{args.email}:0:0: internal compiler error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    failed = inputs.report(result.problems)
    if not result.html:
        return 2
    html = result.html
    if settings is not None:
        from engine.transformers import apply_transformers

        transformed = apply_transformers(html, settings, filename=args.email)
        failed = inputs.report(transformed.problems) or failed
        html = transformed.html
    if data is not None:
        from engine.liquid import LiquidRenderError, render_liquid

        try:
            html = render_liquid(html, data, lax=args.lax)
        except LiquidRenderError as exc:
            # Liquid positions refer to the compiled HTML; say so rather than pointing into the source.
            inputs.report([p.located(f"{args.email} (compiled)") for p in exc.problems])
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
