"""What `shot` and `matrix` capture: the email compiled and personalised exactly as the preview pane shows it.

Both commands take the same inputs (`EMAIL_FILE`, `--styles`, `--components`,
`--data`) and need the same final HTML, so it is made here once. Any problem
that stops it is raised as `ProblemError` (located, ready for
`inputs.report`); compiler warnings are printed and do not stop the shot.
No Qt here: Qt starts only once the HTML is known to be good.
"""
from __future__ import annotations

from app.commands import inputs


def add_preview_input_arguments(parser) -> None:
    inputs.add_input_arguments(parser, data=True, styles=True, components=True)


def preview_html(args) -> str:
    """The personalised final HTML of `args.email` with its `--styles`, `--data` and `--components`."""
    from engine.compiler import compile_email
    from engine.preview import personalize
    from engine.problems import Problem, ProblemError, Severity

    source = inputs.read_email(args.email)
    styles = inputs.load_styles(args.styles)
    data = inputs.load_data(args.data)
    components = inputs.load_components(args.components)
    email = args.email
    try:
        result = compile_email(source, styles=styles, filename=email, components=components)
    except ProblemError as exc:
        raise ProblemError([p.located(email) for p in exc.problems]) from None
    except Exception as exc:  # noqa: BLE001 - a compiler bug still must not print a traceback
        raise ProblemError([Problem(f"internal compiler error: {type(exc).__name__}: {exc}", file=email)]) from None
    problems = [p.located(email) for p in result.problems]
    if not result.html or any(p.severity == Severity.ERROR for p in problems):
        raise ProblemError(problems or [Problem("the email compiled to nothing", file=email)])
    inputs.report(problems)  # warnings only
    html, liquid_problems = personalize(result.html, data)
    if liquid_problems:
        # Liquid positions refer to the compiled HTML, as in the `render` command.
        raise ProblemError([p.located(f"{email} (compiled)") for p in liquid_problems])
    return html
