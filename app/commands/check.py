"""`check EMAIL_FILE`: every QA check of the code editor's drawer, on the command line.

    python main.py check EMAIL_FILE [--transformers SETTINGS.json] [--styles STYLES.json] [--components DIR]
                                    [--json] [--offline] [--no-spam] [--timeout S]

Prints `FILE:LINE:COL: severity: message [rule]` per finding (positions in
EMAIL_FILE; 0:0 when a finding has no place in it, such as the size), or with
`--json` a list of `{severity, rule, message, line, column}`. Exit status: 1
when any finding is an error, 0 otherwise, 2 when the input cannot be read
(email, settings or styles). `--offline` reports links and images as "not
checked" instead of fetching them.
"""
from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("check", help="run the QA checks (problems, links, images, accessibility, clients, size, spam)")
    p.add_argument("email", metavar="EMAIL_FILE", help="the email source (.html or .mjml)")
    p.add_argument("--transformers", metavar="SETTINGS.json", help="transformer settings in the App API's shape")
    p.add_argument("--styles", metavar="STYLES.json", help="workspace global styles")
    p.add_argument("--components", metavar="DIR", help="folder of custom components (one TAG.html each)")
    p.add_argument("--json", action="store_true", help="print a JSON list of findings")
    p.add_argument("--offline", action="store_true", help="do not fetch links and images")
    p.add_argument("--no-spam", action="store_true", help="skip SpamAssassin (slow: a few seconds)")
    p.add_argument("--timeout", type=float, default=8.0, metavar="S", help="per-request timeout (default 8)")
    p.set_defaults(func=run)


def load_transformers(path: str):
    """(settings, problems) from a JSON file holding the API's `transformers` object."""
    from engine.problems import Problem
    from engine.transformers import TransformerSettings

    try:
        text = open(path, encoding="utf-8").read()
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(f"cannot read transformer settings: {getattr(exc, 'strerror', None) or exc}", file=path)]
    settings, problems = TransformerSettings.loads(text, filename=path)
    return settings, [p.located(path) for p in problems]


def run(args) -> int:
    from app.commands.render import read_source, report
    from engine.checks import build, run_checks
    from engine.problems import ProblemError, Severity

    source, problems = read_source(args.email)
    if source is None:
        report(problems)
        return 2
    settings = None
    if args.transformers:
        settings, problems = load_transformers(args.transformers)
        if problems or settings is None:
            report(problems)
            return 2
    styles = None
    if args.styles:
        from engine.styles import GlobalStyles

        try:
            styles = GlobalStyles.load(args.styles)
        except ProblemError as exc:
            report(exc.problems)
            return 2
        if any(p.severity == Severity.ERROR for p in styles.problems):
            report(styles.problems)
            return 2
    components = None
    if args.components:
        from pathlib import Path

        from engine.components import ComponentLibrary
        from engine.problems import Problem

        if not Path(args.components).is_dir():
            report([Problem("not a folder of components", file=args.components)])
            return 2
        components = ComponentLibrary.from_folder(args.components)
    try:
        b = build(source, settings=settings, styles=styles, filename=args.email, components=components)
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
