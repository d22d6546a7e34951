"""`text EMAIL_FILE`: print the plain-text version of a Design Studio email (Text tab → Generate)."""
from __future__ import annotations

import sys

from app.commands import inputs


def register(sub) -> None:
    p = sub.add_parser("text", help="print the plain-text version of an email")
    inputs.add_input_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from engine.problems import ProblemError

    try:
        source = inputs.read_email(args.email)
    except ProblemError as exc:
        inputs.report(exc.problems)
        return 2
    try:
        from engine.text import plain_text
    except ImportError:
        print(f"{args.email}:0:0: plain-text generation is not available in this build", file=sys.stderr)
        return 2
    try:
        text = plain_text(source)
    except ProblemError as exc:
        inputs.report([p.located(args.email) for p in exc.problems])
        return 2
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
