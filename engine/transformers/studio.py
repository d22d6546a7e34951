"""The transformer settings JSON a message stores: the App API's object plus Campaign Studio's own options.

Framework (§8.1): the App API's `transformers` object has no field for the
MJML switch ([gap]). Decision: it is stored in the same JSON column, under
the namespaced key `"x-campaign-studio": {"framework": "mjml"}` — a key the
API can never define (it uses snake_case names) — so it travels with the
other per-message settings (undo, autosave, versions, a `--transformers`
file) without a schema change. `split_studio_options` separates it before
anything parses the API object, and `TransformerSettings.to_json()` (what
would be sent to the API) never contains it. The key is written only while
MJML is on.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.problems import Problem

STUDIO_KEY = "x-campaign-studio"


def split_studio_options(data: dict | None) -> tuple[dict, dict]:
    """(the App-API `transformers` object, Campaign Studio's own options such as `framework`)."""
    data = dict(data or {})
    studio = data.pop(STUDIO_KEY, None)
    return data, dict(studio) if isinstance(studio, dict) else {}


def join_studio_options(api: dict, studio: dict | None) -> dict:
    """What a message stores: the API object plus, when any is set, the namespaced options."""
    data = dict(api)
    if studio:
        data[STUDIO_KEY] = dict(studio)
    return data


@dataclass
class MessageSettings:
    """A message's stored settings, read leniently: bad fields keep their defaults and become problems."""

    transformers: object  # TransformerSettings
    framework: str = ""  # "mjml" or ""
    problems: list[Problem] = field(default_factory=list)


def read_message_settings(data: dict | None) -> MessageSettings:
    from .settings import TransformerSettings

    api, studio = split_studio_options(data)
    settings, problems = TransformerSettings.from_json_with_problems(api)
    framework = studio.get("framework", "")
    return MessageSettings(settings, framework if isinstance(framework, str) else "", problems)


FRAMEWORKS = ("", "mjml")


def loads_message_settings(text: str, *, filename: str = "") -> MessageSettings:
    """A settings file (the App API's object, optionally with `STUDIO_KEY`): JSON errors with line and column."""
    import json

    from .settings import RULE, TransformerSettings

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return MessageSettings(TransformerSettings(), "", [
            Problem(f"Invalid JSON: {exc.msg}", exc.lineno, exc.colno, rule=RULE, file=filename)])
    if not isinstance(data, dict):
        settings, problems = TransformerSettings.from_json_with_problems(data)
        return MessageSettings(settings, "", [p.located(filename) for p in problems])
    read = read_message_settings(data)
    raw = data.get(STUDIO_KEY)
    if raw is not None and not isinstance(raw, dict):
        read.problems.append(Problem(f"{STUDIO_KEY} must be an object such as {{\"framework\": \"mjml\"}}",
                                     rule=RULE))
    elif isinstance(raw, dict) and raw.get("framework", "") not in FRAMEWORKS:
        read.problems.append(Problem(f"{STUDIO_KEY}.framework must be \"mjml\" or \"\", not "
                                     f"{json.dumps(raw.get('framework'))}", rule=RULE))
        read.framework = ""
    read.problems = [p.located(filename) for p in read.problems]
    return read
