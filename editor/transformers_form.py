"""The Transformers tab (spec §8): a form over `TransformerSettings`, App-API field names.

The form is built from the settings dataclasses themselves, so every field
the App API knows has a control and the JSON it emits uses the API's names.
Each group is a checkable box bound to its `enabled` flag; unchecking it
flips only that flag, the sub-options stay in the object, so checking it
again brings them back (§8: "sub-option states come back"). The formatter's
`type` (none / prettify / minify) plays that role for its two option sets.

`changed(dict)` carries the whole object (`to_json()`) after each user
change; `set_settings(dict)` (loading, undo/redo) rebuilds the controls
without emitting. Remove-unused-CSS backend markers (templating delimiter
pairs that cleanup leaves alone) are rows of heads/tails, like URL parameters.

Framework (§8.1): the MJML switch is stored beside the App-API object under
`STUDIO_KEY` (see `engine.transformers.studio` for why).
"""
from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QSpinBox,
    QToolButton, QVBoxLayout, QWidget,
)

from engine.transformers import TransformerSettings
from engine.transformers.settings import _Group
from engine.transformers.studio import STUDIO_KEY, split_studio_options

FRAMEWORKS = (("", "None — HTML and components"), ("mjml", "MJML"))

GROUPS = (
    ("css_inliner", "CSS inlining", "Move <style> rules onto the elements (Juice-like)."),
    ("css_variables", "CSS variables", "Replace var(--x) with its value before inlining."),
    ("remove_unused_css", "CSS cleanup", "Remove selectors no element uses."),
    ("accessibility", "Accessibility fixes", "Add lang, dir, role and alt; drop zoom-blocking meta."),
    ("url_parameters", "URL parameters", "Append parameters (e.g. UTM) to every link."),
    ("formatter", "Formatting", "Prettify or minify the final HTML."),
    ("encode_entities", "Encode entities", "Write non-ASCII characters as HTML entities."),
    ("prevent_widows", "Prevent widows", "Join the last two words of paragraphs with &nbsp;."),
)
LABELS = {
    "apply_html_attributes": "Apply HTML attributes", "remove_html_comments": "HTML comments",
    "line_length_limit": "Line length limit (0 = none)", "indent_size": "Indent size",
    "uglify": "Shorten selectors (uglify)",
}
COMMENT_CHOICES = {"0": "Keep all", "1": "Keep only MSO conditionals", "2": "Remove all"}


def _label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize().replace("Css", "CSS").replace("css", "CSS")
                      .replace("html", "HTML").replace("vml", "VML").replace("Url", "URL"))


class TransformersForm(QScrollArea):
    changed = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("transformersForm")
        self.setWidgetResizable(True)
        self.settings = TransformerSettings()
        self.studio: dict = {}
        self.boxes: dict[str, QGroupBox] = {}
        self._building = False
        self._rebuild()

    # ---- public -----------------------------------------------------------------
    def set_settings(self, data: dict) -> None:
        api, self.studio = split_studio_options(data)
        self.settings, _problems = TransformerSettings.from_json_with_problems(api)
        self._rebuild()

    def to_json(self) -> dict:
        """What the email stores: the API object plus, while MJML is on, the namespaced framework switch."""
        data = self.settings.to_json()
        if self.studio:
            data[STUDIO_KEY] = dict(self.studio)
        return data

    @property
    def framework(self) -> str:
        return self.studio.get("framework", "")

    def problems(self):
        return TransformerSettings.from_json_with_problems(self.settings.to_json())[1]

    # ---- building ---------------------------------------------------------------
    def _rebuild(self) -> None:
        self._building = True
        old = self.takeWidget()  # deleted later: a control of it may be the one signalling now
        bar = self.verticalScrollBar().value()
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(12, 10, 12, 10)
        box.setSpacing(10)
        intro = QLabel("Transformers change only the final HTML (Source, preview, export, tests), never the code in the editor.")
        intro.setWordWrap(True)
        intro.setStyleSheet("color: palette(placeholder-text);")
        box.addWidget(intro)
        self.boxes = {}
        box.addWidget(self._framework_box())
        for name, title, hint in GROUPS:
            group = getattr(self.settings, name)
            box.addWidget(self._group_box(name, title, hint, group))
        box.addStretch(1)
        self.setWidget(page)
        if old is not None:
            old.deleteLater()
        self.verticalScrollBar().setValue(bar)
        self._building = False

    def _emit(self) -> None:
        if not self._building:
            self.changed.emit(self.to_json())

    def _framework_box(self) -> QGroupBox:
        gbox = QGroupBox("Framework")
        gbox.setObjectName("transformer_framework")
        row = QHBoxLayout(gbox)
        combo = QComboBox()
        combo.setObjectName("frameworkType")
        for value, label in FRAMEWORKS:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(self.framework)))
        note = QLabel("MJML compiles first; a name ending in .mjml switches it on by itself.")
        note.setStyleSheet("color: palette(placeholder-text);")
        note.setWordWrap(True)
        row.addWidget(combo)
        row.addWidget(note, 1)

        def changed(_i):
            value = combo.currentData()
            if value:
                self.studio["framework"] = value
            else:
                self.studio.pop("framework", None)
            self._emit()

        combo.currentIndexChanged.connect(changed)
        return gbox

    def _group_box(self, name: str, title: str, hint: str, group) -> QGroupBox:
        gbox = QGroupBox(title)
        gbox.setObjectName(f"transformer_{name}")
        self.boxes[name] = gbox
        outer = QVBoxLayout(gbox)
        note = QLabel(hint)
        note.setStyleSheet("color: palette(placeholder-text);")
        outer.addWidget(note)
        if name == "formatter":
            outer.addLayout(self._formatter(group))
            return gbox
        gbox.setCheckable(True)
        gbox.setChecked(bool(group.enabled))
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        self._fill(form, group, skip={"enabled"})
        body.setVisible(group.enabled)
        outer.addWidget(body)

        def toggled(on: bool, g=group, b=body):
            g.enabled = on
            b.setVisible(on)
            self._emit()

        gbox.toggled.connect(toggled)
        return gbox

    def _fill(self, form: QFormLayout, group, skip=()) -> None:
        for f in fields(group):
            if f.name in skip:
                continue
            value = getattr(group, f.name)
            if isinstance(value, _Group):
                sub = QGroupBox(_label(f.name))
                sub_form = QFormLayout(sub)
                if hasattr(value, "enabled"):
                    sub.setCheckable(True)
                    sub.setChecked(value.enabled)
                    sub.toggled.connect(lambda on, g=value: (setattr(g, "enabled", on), self._emit()))
                self._fill(sub_form, value, skip={"enabled"})
                form.addRow(sub)
            elif f.name == "parameters":
                form.addRow(self._parameters(group))
            elif f.name == "backend_markers":
                form.addRow("Ignore templating", self._markers(group))
            elif f.name == "whitelist":
                edit = QLineEdit(", ".join(value), placeholderText=".keep-me, #and-me")
                edit.editingFinished.connect(lambda e=edit, g=group: self._set(g, "whitelist",
                                             [s.strip() for s in e.text().split(",") if s.strip()]))
                form.addRow("Always keep selectors", edit)
            elif isinstance(value, bool):
                check = QCheckBox(_label(f.name))
                check.setChecked(value)
                check.toggled.connect(lambda on, g=group, n=f.name: self._set(g, n, on))
                form.addRow(check)
            elif isinstance(value, int):
                spin = QSpinBox()
                spin.setRange(0, 100000 if f.name == "line_length_limit" else 16)
                spin.setValue(value)
                spin.valueChanged.connect(lambda v, g=group, n=f.name: self._set(g, n, v))
                form.addRow(_label(f.name), spin)
            elif f.name in getattr(group, "_choices", {}):
                combo = QComboBox()
                for choice in group._choices[f.name]:
                    combo.addItem(COMMENT_CHOICES.get(choice, choice.capitalize()) if f.name == "remove_html_comments" else choice.capitalize(), choice)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                combo.currentIndexChanged.connect(lambda _i, c=combo, g=group, n=f.name: self._set(g, n, c.currentData()))
                form.addRow(_label(f.name), combo)
            else:
                edit = QLineEdit(str(value))
                edit.editingFinished.connect(lambda e=edit, g=group, n=f.name: self._set(g, n, e.text()))
                form.addRow(_label(f.name), edit)

    def _set(self, group, name: str, value) -> None:
        if getattr(group, name) != value:
            setattr(group, name, value)
            self._emit()

    def _formatter(self, formatter) -> QVBoxLayout:
        box = QVBoxLayout()
        combo = QComboBox()
        combo.setObjectName("formatterType")
        for choice, label in (("none", "Off"), ("prettify", "Prettify"), ("minify", "Minify")):
            combo.addItem(label, choice)
        combo.setCurrentIndex(max(0, combo.findData(formatter.type)))
        row = QHBoxLayout()
        row.addWidget(QLabel("Type"))
        row.addWidget(combo, 1)
        box.addLayout(row)
        panels = {}
        for kind in ("prettify", "minify"):
            panel = QWidget()
            form = QFormLayout(panel)
            form.setContentsMargins(0, 0, 0, 0)
            self._fill(form, getattr(formatter, kind))
            panel.setVisible(formatter.type == kind)
            panels[kind] = panel
            box.addWidget(panel)

        def changed(_i):
            formatter.type = combo.currentData()
            for kind, panel in panels.items():
                panel.setVisible(formatter.type == kind)
            self._emit()

        combo.currentIndexChanged.connect(changed)
        return box

    def _parameters(self, group) -> QWidget:
        from engine.transformers.settings import UrlParameter

        holder = QWidget()
        rows = QVBoxLayout(holder)
        rows.setContentsMargins(0, 0, 0, 0)
        for i, p in enumerate(group.parameters):
            line = QHBoxLayout()
            key = QLineEdit(p.key, placeholderText="utm_source")
            value = QLineEdit(p.value, placeholderText="newsletter (Liquid allowed)")
            enc = QCheckBox("Encode")
            enc.setChecked(p.url_encode)
            drop = QToolButton(text="✕", autoRaise=True, toolTip="Remove this parameter")
            key.editingFinished.connect(lambda e=key, q=p: self._set(q, "key", e.text()) or self._touch(group))
            value.editingFinished.connect(lambda e=value, q=p: self._set(q, "value", e.text()) or self._touch(group))
            enc.toggled.connect(lambda on, q=p: self._set(q, "url_encode", on) or self._touch(group))
            drop.clicked.connect(lambda _=False, n=i: self._drop_parameter(group, n))
            for w in (key, value, enc, drop):
                line.addWidget(w, 1 if isinstance(w, QLineEdit) else 0)
            rows.addLayout(line)
        add = QToolButton(text="+ Add parameter", autoRaise=True)
        add.clicked.connect(lambda: (setattr(group, "parameters", group.parameters + [UrlParameter()]), self._emit(), self._rebuild()))
        rows.addWidget(add)
        return holder

    def _markers(self, group) -> QWidget:
        """Delimiter pairs whose contents cleanup never renames or removes (`{{ }}` is always protected)."""
        from engine.transformers.settings import BackendMarker

        holder = QWidget()
        holder.setObjectName("backendMarkers")
        rows = QVBoxLayout(holder)
        rows.setContentsMargins(0, 0, 0, 0)
        for i, m in enumerate(group.backend_markers):
            line = QHBoxLayout()
            heads = QLineEdit(m.heads, placeholderText="{{")
            tails = QLineEdit(m.tails, placeholderText="}}")
            drop = QToolButton(text="✕", autoRaise=True, toolTip="Remove this pair")
            heads.editingFinished.connect(lambda e=heads, q=m: self._set(q, "heads", e.text()) or self._touch_markers(group))
            tails.editingFinished.connect(lambda e=tails, q=m: self._set(q, "tails", e.text()) or self._touch_markers(group))
            drop.clicked.connect(lambda _=False, n=i: self._drop_marker(group, n))
            line.addWidget(QLabel("from"))
            line.addWidget(heads, 1)
            line.addWidget(QLabel("to"))
            line.addWidget(tails, 1)
            line.addWidget(drop)
            rows.addLayout(line)
        add = QToolButton(text="+ Add delimiters", autoRaise=True)
        add.clicked.connect(lambda: (setattr(group, "backend_markers", group.backend_markers + [BackendMarker()]),
                                     self._emit(), self._rebuild()))
        rows.addWidget(add)
        return holder

    def _touch_markers(self, group) -> None:
        group.backend_markers = list(group.backend_markers)

    def _drop_marker(self, group, index: int) -> None:
        group.backend_markers = [m for n, m in enumerate(group.backend_markers) if n != index]
        self._emit()
        self._rebuild()

    def _touch(self, group) -> None:
        group.parameters = list(group.parameters)  # marks the list as given

    def _drop_parameter(self, group, index: int) -> None:
        group.parameters = [p for n, p in enumerate(group.parameters) if n != index]
        self._emit()
        self._rebuild()
