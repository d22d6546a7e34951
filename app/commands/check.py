"""`check EMAIL_FILE`: every QA check of the code editor's drawer, on the command line.

    python main.py check EMAIL_FILE [--transformers SETTINGS.json] [--styles STYLES.json] [--components DIR]
                                    [--title TEXT] [--preheader TEXT] [--json] [--offline] [--no-spam] [--timeout S]

Prints `FILE:LINE:COL: severity: message [rule]` per finding (positions in
EMAIL_FILE; 0:0 when a finding has no place in it, such as the size), or with
`--json` a list of `{severity, rule, message, line, column}`. Exit status: 1
when any finding is an error, 0 otherwise, 2 when the input cannot be read
(email, settings, styles or components). `--offline` reports links and
images as "not checked" instead of fetching them.
"""
from __future__ import annotations

import json
import sys

from app.commands import inputs


def register(sub) -> None:
    p = sub.add_parser("check", help="run the QA checks (problems, links, images, accessibility, clients, size, spam)")
    inputs.add_input_arguments(p, email_help="the email source (.html or .mjml)", styles=True, components=True,
                               transformers=True, envelope=True)
    p.add_argument("--json", action="store_true", help="print a JSON list of findings")
    p.add_argument("--offline", action="store_true", help="do not fetch links and images")
    p.add_argument("--no-spam", action="store_true", help="skip SpamAssassin (slow: a few seconds)")
    p.add_argument("--timeout", type=float, default=8.0, metavar="S", help="per-request timeout (default 8)")
    p.set_defaults(func=run)


def run(args) -> int:
    from engine.checks import of_build, run_checks
    from engine.problems import ProblemError, Severity

    try:
        source = inputs.read_email(args.email)
        settings = inputs.load_transformers(args.transformers)
        styles = inputs.load_styles(args.styles)
        components = inputs.load_components(args.components)
    except ProblemError as exc:
        inputs.report(exc.problems)
        return 2
    try:
        b = of_build(source, inputs.build(args, source, styles=styles, components=components, settings=settings),
                     settings.transformers if settings is not None else None, args.email)
        findings = run_checks(b, offline=args.offline, spam=not args.no_spam, timeout=args.timeout)
    except Exception as exc:  # noqa: BLE001 - an internal error must still not print a traceback
        print(f"{args.email}:0:0: error: internal error while checking: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        json.dump([p.to_json() for p in findings], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for p in findings:
            print(f"{p.file or args.email}:{p.line}:{p.column}: {p.severity.value}: {p.message} [{p.rule}]")
        counts = {s: sum(1 for p in findings if p.severity == s) for s in Severity}
        print(f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
              f"{counts[Severity.INFO]} note(s)", file=sys.stderr)
    return 1 if any(p.severity == Severity.ERROR for p in findings) else 0
