"""`text EMAIL_FILE`: print the plain-text version of a Design Studio email (Text tab → Generate).

Like the app's Text tab, the text is made from the email's one build
(`engine.email_build`: components expanded, `#if` decided, the envelope's
preheader and the MJML switch applied) with `--styles`, `--components`,
`--transformers`, `--title` and `--preheader`. Decision: an email that does
not compile yet still gets its text, from the source (`plain_text` reads
both), with the compile problems on stderr as warnings of why.
"""
from __future__ import annotations

import sys

from app.commands import inputs


def register(sub) -> None:
    p = sub.add_parser("text", help="print the plain-text version of an email")
    inputs.add_input_arguments(p, styles=True, components=True, transformers=True, envelope=True)
    p.set_defaults(func=run)


def run(args) -> int:
    from engine.problems import ProblemError

    try:
        source = inputs.read_email(args.email)
        styles = inputs.load_styles(args.styles)
        components = inputs.load_components(args.components)
        settings = inputs.load_transformers(args.transformers)
    except ProblemError as exc:
        inputs.report(exc.problems)
        return 2
    try:
        from engine.text import plain_text
    except ImportError:
        print(f"{args.email}:0:0: plain-text generation is not available in this build", file=sys.stderr)
        return 2
    build = inputs.build(args, source, styles=styles, components=components, settings=settings)
    if not build.html:
        inputs.report([_warning(p.located(args.email)) for p in build.problems])
    try:
        text = plain_text(build.html or source)
    except ProblemError as exc:
        inputs.report([p.located(args.email) for p in exc.problems])
        return 2
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _warning(p):
    """A compile problem shown as the reason the text comes from the source, not as a failure."""
    from engine.problems import Problem, Severity

    return Problem(p.message, p.line, p.column, Severity.WARNING, p.rule, p.file, p.extra)
