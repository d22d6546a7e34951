"""`matrix EMAIL_FILE --out SHEET.png`: the QA matrix sheet, headless.

Ten labelled cells — {desktop 700, mobile 320} × {light, dark, forced dark
Outlook, forced dark Google}, images blocked, styles blocked — composed into
one PNG exactly as the editor's QA matrix dialog exports it.
"""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("matrix", help="render the QA matrix sheet (devices × colour schemes) as one PNG")
    p.add_argument("email", metavar="EMAIL_FILE", help="the email source (.html)")
    p.add_argument("--data", metavar="DATA.json", help="sample data (customer, event, trigger, …) for Liquid")
    p.add_argument("--styles", metavar="STYLES.json", help="workspace global styles")
    p.add_argument("--components", metavar="DIR", help="folder of custom components (one TAG.html each)")
    p.add_argument("--out", metavar="SHEET.png", required=True, help="where to write the PNG sheet")
    p.set_defaults(func=run)


def run(args) -> int:
    from editor.preview.headless import CommandError, build_html, report, save_png, start_qt

    try:
        html = build_html(args.email, args.styles, args.data, args.components)
        start_qt()
        from editor.preview.qa_matrix import compose_sheet, render_matrix
        from editor.preview.snapshot import Snapshotter
        from widgets.preview.harness import WebEngineError

        snap = Snapshotter()
        try:
            cells = render_matrix(html, snap)
        except WebEngineError as exc:
            print(f"{args.email}:0:0: cannot render the preview: {exc}", file=sys.stderr)
            return 2
        finally:
            snap.close()
        save_png(compose_sheet(cells, f"QA matrix — {Path(args.email).name}"), args.out)
    except CommandError as exc:
        report(exc.problems)
        return 2
    return 0
