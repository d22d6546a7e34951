"""The one build of an email, shared by the editor, the checks and every command. No Qt.

    build_email(source, styles=, transformers=, framework=, filename=, title=, preheader=,
                components=, instrument=True, liquid=True) -> Build
        compile (instrumented for inspect element) → transformers; `.html` is what
        ships (Source, export, sends, `render`), `.marked_html` what the preview loads
        and the checks parse, `.problems` every problem at its place in the source.
    Build.personalized(data, marked=False, lax=False) -> (html, liquid problems)
    build_component_preview(source, tag, name=, library_sources=, ...) -> Build   (a component tab)
    read_message_settings(stored_json) -> MessageSettings(transformers, framework, problems)
        the stored transformer JSON split into the App-API object and the MJML switch.
"""
from engine.transformers.studio import (
    STUDIO_KEY, MessageSettings, join_studio_options, loads_message_settings, read_message_settings,
    split_studio_options,
)

from .component import PRESET_FILE, PresetChoice, build_component_preview, component_filename, preset_choices
from .email import Build, Compiled, build_email, compile_marked, errors_in, with_envelope_props
from .marks import mark_source, strip_marks, unmark_problem

__all__ = [
    "Build", "Compiled", "MessageSettings", "PRESET_FILE", "PresetChoice", "STUDIO_KEY", "build_component_preview",
    "build_email", "compile_marked", "component_filename", "errors_in", "join_studio_options", "loads_message_settings",
    "mark_source",
    "preset_choices", "read_message_settings", "split_studio_options", "strip_marks", "unmark_problem",
    "with_envelope_props",
]
