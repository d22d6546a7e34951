"""`matrix EMAIL_FILE --out SHEET.png`: the QA matrix sheet, headless.

Ten labelled cells — {desktop 700, mobile 320} × {light, dark, forced dark
Outlook, forced dark Google}, images blocked, styles blocked — composed into
one PNG exactly as the editor's QA matrix dialog exports it.

Speed (issue 10 §17, ≤ 3 s whole process): the email is built in a forked
child (`preview_input.built_aside`) while this process starts Qt, Chromium
and the matrix's pages, so the two CPU-bound halves use both cores; the
cells are then captured in parallel pages (`editor/preview/matrix_capture.py`).
"""
from __future__ import annotations

from pathlib import Path

from app.commands import inputs
from app.commands.preview_input import add_preview_input_arguments, built_aside


def register(sub) -> None:
    p = sub.add_parser("matrix", help="render the QA matrix sheet (devices × colour schemes) as one PNG")
    add_preview_input_arguments(p)
    p.add_argument("--out", metavar="SHEET.png", required=True, help="where to write the PNG sheet")
    p.set_defaults(func=run)


def run(args) -> int:
    from engine.problems import ProblemError

    try:
        inputs.read_email(args.email)  # a missing or unreadable file costs no Chromium start-up
    except ProblemError as exc:
        inputs.report(exc.problems)
        return 2
    collect = built_aside(args)  # the email builds in a child process while Chromium starts here
    from editor.preview.matrix_capture import discard_prestarted, prestart

    try:
        from editor.preview.headless import capture, save_png, start_qt

        start_qt()
        prestart()  # Chromium and the matrix's pages start while the email builds
        html, assets = collect()
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
