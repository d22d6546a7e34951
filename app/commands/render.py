"""`render EMAIL_FILE`: print the compiled HTML of a Design Studio email.

The HTML is the app's own build (`engine.email_build.build_email`, via
`inputs.build`): the same compile, transformers (`--transformers`, MJML
switch included), envelope Title/Preheader (`--title`, `--preheader`) as
Source and Export, so what `render` writes is what the app ships.
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
    inputs.add_input_arguments(p, styles=True, components=True, data=True, transformers=True, envelope=True)
    p.add_argument("--lax", action="store_true", help="with --data: render missing variables as empty")
    p.add_argument("--out", metavar="FILE", help="write the HTML here instead of stdout")
    p.set_defaults(func=run)


def run(args) -> int:
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
    build = inputs.build(args, source, styles=styles, components=components, settings=settings)
    failed = inputs.report([p.located(args.email) for p in build.problems])
    if not build.html:
        return 2
    html, liquid_problems = build.personalized(data, lax=args.lax)
    if liquid_problems:
        # Liquid positions refer to the compiled HTML; say so rather than pointing into the source.
        inputs.report([p.located(f"{args.email} (compiled)") for p in liquid_problems])
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
