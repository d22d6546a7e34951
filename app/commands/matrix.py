"""`matrix EMAIL_FILE --out SHEET.png`: the QA matrix sheet, headless.

Ten labelled cells — {desktop 700, mobile 320} × {light, dark, forced dark
Outlook, forced dark Google}, images blocked, styles blocked — composed into
one PNG exactly as the editor's QA matrix dialog exports it.
"""
from __future__ import annotations

from pathlib import Path

from app.commands import inputs
from app.commands.preview_input import add_preview_input_arguments, preview_assets, preview_html


def register(sub) -> None:
    p = sub.add_parser("matrix", help="render the QA matrix sheet (devices × colour schemes) as one PNG")
    add_preview_input_arguments(p)
    p.add_argument("--out", metavar="SHEET.png", required=True, help="where to write the PNG sheet")
    p.set_defaults(func=run)


def run(args) -> int:
    from engine.problems import ProblemError

    from editor.preview.matrix_capture import discard_prestarted, prestart

    try:
        from editor.preview.headless import capture, save_png, start_qt

        inputs.read_email(args.email)  # a missing or unreadable file costs no Chromium start-up
        start_qt()
        prestart()  # Chromium and the matrix's pages start while the email builds (~0.5 s saved)
        html = preview_html(args)
        assets = preview_assets(args, html)
        from widgets.preview.assets import use_assets

        use_assets(assets)  # `asset:NAME` images of --workspace (else the sample's bundled ones)
        from editor.preview.qa_matrix import compose_sheet, render_matrix

        cells = capture(args.email, lambda snap: render_matrix(html, snap))
        save_png(compose_sheet(cells, f"QA matrix — {Path(args.email).name}"), args.out)
    except ProblemError as exc:
        discard_prestarted()
        inputs.report(exc.problems)
        return 2
    return 0
