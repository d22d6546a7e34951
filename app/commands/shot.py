"""`shot EMAIL_FILE --width N --scheme … --out FILE.png`: a full-page preview PNG, headless.

The same preview copy and web view settings as the editor's preview pane
(`engine.preview`, `editor.preview.snapshot`), so a shot is what the pane
shows. Exit 2 with `FILE:LINE:COL: message` on any error, never a traceback.
"""
from __future__ import annotations

from app.commands import inputs
from app.commands.preview_input import add_preview_input_arguments, preview_assets, preview_html

SCHEMES = ("light", "dark", "forced-dark-outlook", "forced-dark-google")
VISIONS = ("protanopia", "deuteranopia", "tritanopia", "achromatopsia")


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    if not 1 <= value <= 4000:
        raise argparse.ArgumentTypeError(f"width must be between 1 and 4000 px, not {value}")
    return value


def register(sub) -> None:
    p = sub.add_parser("shot", help="render a full-page PNG of an email's preview, headless")
    p.add_argument("--width", type=_positive, default=700, help="viewport width in CSS px (default 700)")
    p.add_argument("--scheme", choices=SCHEMES, default="light", help="colour scheme (default light)")
    p.add_argument("--vision", choices=VISIONS, help="simulate a colour-vision deficiency")
    p.add_argument("--block-images", action="store_true", help="load no images; alt text shows")
    p.add_argument("--block-styles", action="store_true", help="remove every <style> and <link>")
    add_preview_input_arguments(p)
    p.add_argument("--out", metavar="FILE.png", required=True, help="where to write the PNG")
    p.set_defaults(func=run)


def run(args) -> int:
    from engine.preview import PreviewMode
    from engine.problems import ProblemError

    try:
        html = preview_html(args)
        mode = PreviewMode(width=args.width, scheme=args.scheme, block_images=args.block_images,
                           block_styles=args.block_styles, vision=args.vision)
        from editor.preview.headless import capture, save_png, start_qt

        assets = preview_assets(args, html)
        start_qt()
        from widgets.preview.assets import use_assets

        use_assets(assets)  # `asset:NAME` images of --workspace (else the sample's bundled ones)
        save_png(capture(args.email, lambda snap: snap.capture(html, mode)), args.out)
    except ProblemError as exc:
        inputs.report(exc.problems)
        return 2
    return 0
