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


def built_aside(args):
    """Start making `(preview_html, preview_assets)` for `args` in a forked child; returns `collect()`.

    For `matrix`: the build (~0.8 s of imports and compiling, all Python) and
    Qt/Chromium's start-up (~0.8 s, most of it in the main thread too) then
    run on both cores at once instead of one after the other. `collect()`
    gives the pair or raises the child's `ProblemError`; the child's warnings
    go to the same stderr. Decision: only a process that has not imported Qt
    forks (forking a live Qt is unsafe) and only where `os.fork` exists;
    elsewhere — the tests calling `main()` in-process, Windows — the build
    runs here, now, as before.
    """
    import os
    import sys

    def work():
        html = preview_html(args)
        return html, preview_assets(args, html)

    if not hasattr(os, "fork") or any(name.startswith("PySide6") for name in sys.modules):
        return _done(work)
    import pickle

    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: build, hand the result over, leave without running the parent's clean-ups
        status = 0
        try:
            os.close(read_end)
            payload = _outcome(work)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(payload, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001  (nothing may escape into the parent's code path)
            status = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(write_end)

    def collect():
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        if not data:
            raise RuntimeError("the email build stopped without an answer")
        return _unwrap(pickle.loads(data))

    return collect


def _outcome(work):
    from engine.problems import ProblemError

    try:
        html, assets = work()
    except ProblemError as exc:
        return "problems", exc.problems
    except Exception:  # noqa: BLE001  (a bug: shown as the traceback it would have been in-process)
        import traceback

        return "bug", traceback.format_exc()
    # the assets lookup is a bound `dict.get`: its dict travels, the parent rebuilds the lookup
    return "ok", (html, getattr(assets, "__self__", None))


def _unwrap(outcome):
    from engine.problems import ProblemError

    kind, value = outcome
    if kind == "problems":
        raise ProblemError(value)
    if kind == "bug":
        raise RuntimeError(f"the email build failed:\n{value}")
    html, assets = value
    return html, (assets.get if assets is not None else None)


def _done(work):
    outcome = _outcome(work)
    return lambda: _unwrap(outcome)
