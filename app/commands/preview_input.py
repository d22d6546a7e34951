"""What `shot` and `matrix` capture: the email built and personalised exactly as the preview pane shows it.

Both commands take the same inputs and need the same final HTML, so it is
made here once, by the app's own build (`engine.email_build` via `inputs.build`):
compile, transformers (`--transformers`, MJML switch included), envelope
Title/Preheader, then Liquid rendered with the sample data. Any problem that
stops it is raised as `ProblemError` (located, ready for `inputs.report`);
compiler warnings are printed and do not stop the shot. No Qt here: Qt
starts only once the HTML is known to be good.

Sample data, as the app's preview takes it:
- `--workspace WS` previews as a person of that workspace: the one the
  app's sample panel shows first, or `--person ID` (external id, email or
  cio_id; unknown → exit 2). The workspace also gives the global styles and
  the custom components, unless `--styles` / `--components` name others.
  `main.py --workspace WS shot …` (the global option) means the same.
- `--data DATA.json` alone is the whole Liquid data, as before.
- Decision, both given: they combine as in the app's sample panel — the
  person is `customer`, and `--data` plays the sample-data JSON box
  (`event`, `trigger`, … and `customer` keys that override the profile's).
- Neither: Liquid is shown as written (as in Source).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from app.commands import inputs


def add_preview_input_arguments(parser) -> None:
    inputs.add_input_arguments(parser, data=True, styles=True, components=True, transformers=True, envelope=True)
    # SUPPRESS: the global `main.py --workspace WS` (parsed before the command) is kept when this one is absent.
    parser.add_argument("--workspace", metavar="PATH_OR_URL", default=argparse.SUPPRESS,
                        help="preview as a person of this workspace (its styles and components too), as the app does")
    parser.add_argument("--person", metavar="ID",
                        help="with --workspace: the person's id, email or cio_id (default: the app's first person)")


def preview_html(args) -> str:
    """The personalised final HTML of `args.email` with its inputs (see the module docstring)."""
    from engine.problems import Problem, ProblemError, Severity

    source = inputs.read_email(args.email)
    styles = inputs.load_styles(args.styles)
    data = inputs.load_data(args.data)
    components = inputs.load_components(args.components)
    settings = inputs.load_transformers(getattr(args, "transformers", None))
    workspace = getattr(args, "workspace", None)
    person_id = getattr(args, "person", None)
    if person_id and not workspace:
        raise ProblemError([Problem("--person needs --workspace (the workspace the person is in)",
                                    file=args.email)])
    if workspace:
        ws_styles, ws_components, data = _from_workspace(workspace, person_id, data)
        styles = styles if args.styles else ws_styles
        components = components if args.components else ws_components
    email = args.email
    build = inputs.build(args, source, styles=styles, components=components, settings=settings)
    problems = [p.located(email) for p in build.problems]
    if not build.html or any(p.severity == Severity.ERROR for p in problems):
        raise ProblemError(problems or [Problem("the email compiled to nothing", file=email)])
    inputs.report(problems)  # warnings only
    html, liquid_problems = build.personalized(data or None)
    if liquid_problems:
        # Liquid positions refer to the compiled HTML, as in the `render` command.
        raise ProblemError([p.located(f"{email} (compiled)") for p in liquid_problems])
    return html


def _from_workspace(path_or_url: str, person_id: str | None, extra: dict | None):
    """(styles, components, Liquid data) of the workspace, for the person the preview would show."""
    from engine.email_build.workspace import default_person, find_person, workspace_components, workspace_styles
    from engine.preview import sample_data
    from engine.problems import Problem, ProblemError
    from engine.store import Workspace, WorkspaceError

    if "://" not in path_or_url and not Path(path_or_url).expanduser().is_file():
        raise ProblemError([Problem("no such workspace (create one with init-sample, or open it in the app)",
                                    file=path_or_url)])
    try:
        ws = Workspace.open(path_or_url)
    except WorkspaceError as exc:
        raise ProblemError([Problem(str(exc), file=path_or_url)]) from None
    with ws:
        if person_id:
            try:
                person = find_person(ws, person_id)
            except LookupError as exc:
                raise ProblemError([Problem(str(exc), file=path_or_url)]) from None
        else:
            person = default_person(ws)
        styles, components = workspace_styles(ws), workspace_components(ws)  # both held in memory
    if person is None and not extra:
        return styles, components, None
    return styles, components, sample_data(person, extra)



def preview_assets(args, html: str):
    """The workspace images (`asset:NAME`) `html` uses, read into memory while the workspace is open.

    For `--workspace`; without it the preview's default (the sample's bundled images) answers.
    Call `widgets.preview.assets.use_assets` with it once Qt runs."""
    from engine.assets import AssetData, asset_names
    from engine.store import Workspace

    workspace = getattr(args, "workspace", None)
    names = asset_names(html)
    if not workspace or not names:
        return None
    with Workspace.open(workspace) as ws:  # it opened in preview_html already
        found: dict[str, AssetData] = {n: a for n in names if (a := ws.assets.get(n)) is not None}
    return found.get
