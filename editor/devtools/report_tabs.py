"""The Accessibility and Client support tabs: cheap checks, refreshed on every pause.

Accessibility groups its findings by impact — Critical, Serious, Moderate,
Mild, as §10 shows axe's results — each group a collapsible row with its
count; a finding's second line is its "learn more" text (`extra["help"]`).
Client support lists each feature the final HTML uses that some clients
lack (caniemail data), naming those clients. A click on a finding with a
line moves the HTML editor there.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from editor.devtools.findings import FindingTree, dot, severity_dot, where
from engine.problems import Problem, Severity

IMPACTS = ("Critical", "Serious", "Moderate", "Mild")
IMPACT_COLORS = {"Critical": "#b3261e", "Serious": "#d9480f", "Moderate": "#e8a400", "Mild": "#4a90d9"}


class _ReportTab(QWidget):
    counts_changed = Signal()
    jump = Signal(int, int)

    def __init__(self, headers: list[str], intro: str, parent=None):
        super().__init__(parent)
        self.findings: list[Problem] = []
        self.summary = QLabel(intro)
        self.summary.setContentsMargins(8, 4, 8, 4)
        self.summary.setWordWrap(True)
        self.tree = FindingTree(headers)
        self.tree.jump.connect(self.jump)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.summary)
        box.addWidget(self.tree, 1)


class AccessibilityTab(_ReportTab):
    def __init__(self, parent=None):
        super().__init__(["Finding", "Rule", "Line"], "Accessibility: not checked yet.", parent)
        self.setObjectName("devtoolsAccessibility")
        self.tree.setRootIsDecorated(True)
        self.groups: dict[str, object] = {}
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    def counts(self) -> dict[str, int]:
        return {impact: sum(1 for p in self.findings if _impact(p) == impact) for impact in IMPACTS}

    def title(self) -> str:
        return f"Accessibility {len(self.findings)}"

    def set_findings(self, findings: list[Problem]) -> None:
        self.findings = list(findings)
        expanded = {name for name, item in self.groups.items() if item.isExpanded()} if self.groups else set(IMPACTS[:2])
        self.tree.clear()
        self.groups = {}
        counts = self.counts()
        bold = QFont()
        bold.setBold(True)
        for impact in IMPACTS:
            group = self.tree.add_finding(None, [f"{impact} ({counts[impact]})", "", ""], None, dot(IMPACT_COLORS[impact]))
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.groups[impact] = group
            for p in sorted((p for p in self.findings if _impact(p) == impact), key=lambda p: (p.line, p.column)):
                help_text = p.extra.get("help", "")
                item = self.tree.add_finding(group, [p.message + (f"\n{help_text}" if help_text else ""), p.rule or "",
                                                     where(p).replace("line ", "")], p, severity_dot(p))
                item.setToolTip(1, help_text)
            group.setExpanded(counts[impact] > 0 and (impact in expanded or counts[impact] <= 6))
        total = len(self.findings)
        parts = ", ".join(f"{counts[i]} {i.lower()}" for i in IMPACTS)
        self.summary.setText(f"{total} finding{'s' * (total != 1)}: {parts} — axe rules for email and the 16 "
                             "custom rules; contrast checked in light and dark mode." if total else
                             "No accessibility findings: the axe rules for email and the 16 custom rules pass.")
        self.counts_changed.emit()


def _impact(p: Problem) -> str:
    impact = p.extra.get("impact")
    if impact in IMPACTS:
        return impact
    return "Serious" if p.severity is Severity.ERROR else "Moderate"


class ClientSupportTab(_ReportTab):
    def __init__(self, parent=None):
        super().__init__(["Feature", "Not supported by", "Partly supported by", "Line"], "Client support: not checked yet.",
                         parent)
        self.setObjectName("devtoolsClientSupport")
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    def title(self) -> str:
        return f"Client support {len(self.findings)}"

    def set_findings(self, findings: list[Problem]) -> None:
        rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        self.findings = sorted(findings, key=lambda p: (rank.get(p.severity, 3), p.message.lower()))
        self.tree.clear()
        for p in self.findings:
            feature = p.message.split(":", 1)[0]
            missing = ", ".join(p.extra.get("unsupported") or []) or "—"
            partly = ", ".join(p.extra.get("partial") or []) or "—"
            item = self.tree.add_finding(None, [feature, missing, partly, where(p).replace("line ", "")], p, severity_dot(p))
            item.setToolTip(1, missing)
            item.setToolTip(2, partly)
        warnings = sum(1 for p in self.findings if p.severity is Severity.WARNING)
        self.summary.setText(f"{len(self.findings)} feature{'s' * (len(self.findings) != 1)} some clients lack "
                             f"({warnings} missing in a major client: Gmail, Apple Mail, Outlook, Yahoo!, Samsung) — "
                             "from caniemail.com's data" if self.findings else
                             "Every feature this email uses is supported by the clients caniemail tests.")
        self.counts_changed.emit()
