"""Design Studio files: folders, emails, templates and custom components.

This is the dashboard's model (spec design-studio §0.2–0.3): create, rename,
duplicate as "[Copy] name", delete (a folder with everything inside), search
in names and content with excerpts, type filter, sort, recent files. The GUI
file manager and the command line both work through it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

from sqlalchemy import select

from engine.store.schema import Campaign, Component, Email, Folder, utcnow

FOLDER, EMAIL, TEMPLATE, COMPONENT = "folder", "email", "template", "component"
KINDS = (FOLDER, EMAIL, TEMPLATE, COMPONENT)

#: The dashboard's type filter: label → kinds shown (folders always show).
TYPE_FILTERS = {
    "all": (EMAIL, TEMPLATE, COMPONENT),
    "messages": (EMAIL,),
    "templates": (TEMPLATE,),
    "components": (COMPONENT,),
}

NEW_EMAIL_SOURCE = """<x-base>
  <x-section>
    <x-heading-1>Your headline</x-heading-1>
    <x-paragraph>Start writing here.</x-paragraph>
  </x-section>
</x-base>
"""

NEW_COMPONENT_SOURCE = """<script>
  export const config = { label: "{label}" };
  const props = Component.defineProps({{}});
</script>

<template>
  <div>{label}</div>
</template>
"""

RECENT_LIMIT = 5


class FileError(Exception):
    """A file operation was refused; the message is meant for the user."""


@dataclass(frozen=True)
class FileRef:
    kind: str
    id: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class FileInfo:
    ref: FileRef
    name: str
    folder_id: int | None
    updated_at: datetime
    opened_at: datetime | None = None
    #: campaigns linking an email; files using a component (the dashboard's "Used in")
    used_in: int = 0
    tag: str | None = None

    @property
    def kind(self) -> str:
        return self.ref.kind

    @property
    def id(self) -> int:
        return self.ref.id


@dataclass(frozen=True)
class SearchHit:
    """One line that matched, with the match's span inside `excerpt` (for highlighting)."""

    line: int
    excerpt: str
    start: int
    end: int


@dataclass
class SearchMatch:
    file: FileInfo
    name_matches: bool
    hits: list[SearchHit] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.hits) + (1 if self.name_matches else 0)


@dataclass
class SearchResult:
    query: str
    matches: list[SearchMatch]

    @property
    def match_count(self) -> int:
        return sum(m.count for m in self.matches)


_MODELS = {FOLDER: Folder, EMAIL: Email, TEMPLATE: Email, COMPONENT: Component}


def _tag_for(name: str) -> str:
    """A valid custom element name from a component's display name (must contain a hyphen)."""
    tag = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "component"
    if not tag[0].isalpha():
        tag = "c-" + tag
    if "-" not in tag:
        tag += "-block"
    return tag


class DesignFiles:
    def __init__(self, workspace):
        self._ws = workspace

    # ---- reading -------------------------------------------------------
    def _used_in(self, session) -> dict[int, int]:
        """How many campaigns link each email (an email block's `email_id`)."""
        counts: dict[int, int] = {}
        for (workflow,) in session.execute(select(Campaign.workflow)):
            seen = set(_email_ids(workflow))
            for email_id in seen:
                counts[email_id] = counts.get(email_id, 0) + 1
        return counts

    def _component_uses(self, session) -> dict[str, int]:
        """How many files (emails, templates, other components) use each component tag."""
        tags = list(session.scalars(select(Component.tag)))
        if not tags:
            return {}
        pattern = re.compile(r"<(" + "|".join(re.escape(t) for t in sorted(tags, key=len, reverse=True)) + r")[\s/>]")
        counts: dict[str, int] = {}
        sources = list(session.execute(select(Email.source)))
        sources += list(session.execute(select(Component.source)))
        for (source,) in sources:
            for tag in set(pattern.findall(source or "")):
                counts[tag] = counts.get(tag, 0) + 1
        return counts

    def _usage(self, session) -> tuple[dict[int, int], dict[str, int]]:
        return self._used_in(session), self._component_uses(session)

    def _info(self, row, used: dict[int, int] | tuple) -> FileInfo:
        used, component_uses = used if isinstance(used, tuple) else (used, {})
        if isinstance(row, Folder):
            return FileInfo(FileRef(FOLDER, row.id), row.name, row.parent_id, row.updated_at)
        if isinstance(row, Email):
            return FileInfo(
                FileRef(row.kind, row.id), row.name, row.folder_id, row.updated_at, row.opened_at, used.get(row.id, 0)
            )
        return FileInfo(FileRef(COMPONENT, row.id), row.name, row.folder_id, row.updated_at, row.opened_at,
                        component_uses.get(row.tag, 0), tag=row.tag)

    def all(self) -> list[FileInfo]:
        """Every folder and file of the workspace, unsorted."""
        with self._ws.session() as s:
            used = self._usage(s)
            rows: list = list(s.scalars(select(Folder)))
            rows += list(s.scalars(select(Email)))
            rows += list(s.scalars(select(Component)))
            return [self._info(r, used) for r in rows]

    def list(
        self,
        folder_id: int | None = None,
        *,
        type_filter: str = "all",
        sort: str = "name",
        descending: bool = False,
        recursive: bool = False,
    ) -> list[FileInfo]:
        """The dashboard table: one folder's content, filtered and sorted (folders first)."""
        items = self.all()
        if not recursive:
            items = [i for i in items if i.folder_id == folder_id]
        return sort_files(filter_files(items, type_filter), sort, descending)

    def get(self, ref: FileRef) -> FileInfo:
        with self._ws.session() as s:
            return self._info(self._row(s, ref), self._usage(s) if ref.kind != FOLDER else {})

    def source(self, ref: FileRef) -> str:
        with self._ws.session() as s:
            row = self._row(s, ref)
            if isinstance(row, Folder):
                raise FileError("A folder has no source.")
            return row.source

    def email(self, email_id: int) -> Email:
        """The full email row (envelope, transformers, …), detached from its session."""
        with self._ws.session() as s:
            row = s.get(Email, email_id)
            if row is None:
                raise FileError(f"Email {email_id} does not exist.")
            return row

    def folder_path(self, folder_id: int | None) -> list[FileInfo]:
        """The chain of folders from the top down to `folder_id` (for breadcrumbs)."""
        chain: list[FileInfo] = []
        with self._ws.session() as s:
            while folder_id is not None:
                row = s.get(Folder, folder_id)
                if row is None:
                    break
                chain.append(self._info(row, {}))
                folder_id = row.parent_id
        return list(reversed(chain))

    def recent(self, limit: int = RECENT_LIMIT) -> list[FileInfo]:
        """The most recently opened files, newest first (the dashboard shows five)."""
        opened = [i for i in self.all() if i.opened_at is not None and i.kind != FOLDER]
        opened.sort(key=lambda i: i.opened_at, reverse=True)
        return opened[:limit]

    # ---- writing -------------------------------------------------------
    def _row(self, session, ref: FileRef):
        if ref.kind not in _MODELS:
            raise FileError(f"Unknown file kind {ref.kind!r}.")
        row = session.get(_MODELS[ref.kind], ref.id)
        if row is None or (isinstance(row, Email) and row.kind != ref.kind):
            raise FileError(f"That {ref.kind} no longer exists.")
        return row

    @staticmethod
    def _check_name(name: str) -> str:
        name = (name or "").strip()
        if not name:
            raise FileError("A name is required.")
        if len(name) > 255:
            raise FileError("A name can be at most 255 characters long.")
        return name

    def _check_folder(self, session, folder_id: int | None) -> None:
        if folder_id is not None and session.get(Folder, folder_id) is None:
            raise FileError("That folder no longer exists.")

    def create_folder(self, name: str, parent_id: int | None = None) -> FileInfo:
        name = self._check_name(name)
        with self._ws.session() as s:
            self._check_folder(s, parent_id)
            row = Folder(name=name, parent_id=parent_id)
            s.add(row)
            s.flush()
            return self._info(row, {})

    def create_email(
        self, name: str, folder_id: int | None = None, *, source: str | None = None, kind: str = EMAIL, **fields
    ) -> FileInfo:
        if kind not in (EMAIL, TEMPLATE):
            raise FileError(f"Emails are of kind email or template, not {kind!r}.")
        name = self._check_name(name)
        with self._ws.session() as s:
            self._check_folder(s, folder_id)
            row = Email(
                kind=kind,
                name=name,
                folder_id=folder_id,
                source=NEW_EMAIL_SOURCE if source is None else source,
                envelope=fields.pop("envelope", {}),
                transformers=fields.pop("transformers", {}),
                languages=fields.pop("languages", []),
                **fields,
            )
            s.add(row)
            s.flush()
            return self._info(row, {})

    def create_component(
        self, name: str, folder_id: int | None = None, *, source: str | None = None, tag: str | None = None
    ) -> FileInfo:
        name = self._check_name(name)
        with self._ws.session() as s:
            self._check_folder(s, folder_id)
            tag = self._unique_tag(s, tag or _tag_for(name))
            if source is None:
                source = NEW_COMPONENT_SOURCE.replace("{label}", name).replace("{{}}", "{}")
            row = Component(name=name, tag=tag, folder_id=folder_id, source=source)
            s.add(row)
            s.flush()
            return self._info(row, {})

    def _unique_tag(self, session, tag: str) -> str:
        taken = set(session.scalars(select(Component.tag)))
        candidate, n = tag, 2
        while candidate in taken:
            candidate, n = f"{tag}-{n}", n + 1
        return candidate

    def set_source(self, ref: FileRef, source: str) -> None:
        with self._ws.session() as s:
            row = self._row(s, ref)
            if isinstance(row, Folder):
                raise FileError("A folder has no source.")
            row.source = source
            row.updated_at = utcnow()

    def update_email(self, email_id: int, **fields) -> None:
        """Change envelope fields, transformers, text, AMP … of one email."""
        allowed = {"source", "text", "amp", "subject", "preheader", "envelope", "transformers", "languages"}
        unknown = set(fields) - allowed
        if unknown:
            raise FileError(f"Unknown email field(s): {', '.join(sorted(unknown))}.")
        with self._ws.session() as s:
            row = s.get(Email, email_id)
            if row is None:
                raise FileError(f"Email {email_id} does not exist.")
            for key, value in fields.items():
                setattr(row, key, value)
            row.updated_at = utcnow()

    def rename(self, ref: FileRef, name: str) -> FileInfo:
        name = self._check_name(name)
        with self._ws.session() as s:
            row = self._row(s, ref)
            row.name = name
            row.updated_at = utcnow()
            s.flush()
            return self._info(row, {})

    def mark_opened(self, ref: FileRef) -> None:
        if ref.kind == FOLDER:
            return
        with self._ws.session() as s:
            self._row(s, ref).opened_at = utcnow()

    def duplicate(self, ref: FileRef, *, into: int | None | type(...) = ...) -> FileInfo:
        """Copy a file, or a folder with everything inside; the copy is named "[Copy] name"."""
        with self._ws.session() as s:
            row = self._row(s, ref)
            parent = (row.parent_id if isinstance(row, Folder) else row.folder_id) if into is ... else into
            copy = self._copy(s, row, parent, f"[Copy] {row.name}")
            s.flush()
            return self._info(copy, {})

    def _copy(self, s, row, parent_id, name):
        if isinstance(row, Folder):
            copy = Folder(name=name, parent_id=parent_id)
            s.add(copy)
            s.flush()
            for child in s.scalars(select(Folder).where(Folder.parent_id == row.id)).all():
                self._copy(s, child, copy.id, child.name)
            for model in (Email, Component):
                for child in s.scalars(select(model).where(model.folder_id == row.id)).all():
                    self._copy(s, child, copy.id, child.name)
            return copy
        if isinstance(row, Email):
            copy = Email(
                kind=row.kind, name=name, folder_id=parent_id, source=row.source, text=row.text, amp=row.amp,
                subject=row.subject, preheader=row.preheader, envelope=dict(row.envelope or {}),
                transformers=dict(row.transformers or {}), languages=list(row.languages or []),
            )
        else:
            copy = Component(name=name, tag=self._unique_tag(s, row.tag + "-copy"), folder_id=parent_id, source=row.source)
        s.add(copy)
        return copy

    def delete(self, ref: FileRef) -> None:
        """Delete permanently (a folder with its content). Emails linked to a campaign are refused."""
        with self._ws.session() as s:
            row = self._row(s, ref)
            used = self._used_in(s)
            blocked = [i for i in self._emails_below(s, row) if used.get(i.id)]
            if blocked:
                names = ", ".join(f'"{e.name}"' for e in blocked[:3])
                raise FileError(
                    f"{names} {'is' if len(blocked) == 1 else 'are'} used in a campaign; "
                    "disconnect it from the campaign before deleting."
                )
            s.delete(row)

    def _emails_below(self, s, row) -> list[Email]:
        if isinstance(row, Email):
            return [row]
        if not isinstance(row, Folder):
            return []
        found = list(s.scalars(select(Email).where(Email.folder_id == row.id)))
        for child in s.scalars(select(Folder).where(Folder.parent_id == row.id)):
            found += self._emails_below(s, child)
        return found

    def move(self, ref: FileRef, folder_id: int | None) -> None:
        with self._ws.session() as s:
            self._check_folder(s, folder_id)
            row = self._row(s, ref)
            if isinstance(row, Folder):
                cursor = folder_id
                while cursor is not None:
                    if cursor == row.id:
                        raise FileError("A folder cannot be moved into itself.")
                    cursor = s.get(Folder, cursor).parent_id
                row.parent_id = folder_id
            else:
                row.folder_id = folder_id
            row.updated_at = utcnow()

    # ---- search --------------------------------------------------------
    def search(self, query: str, *, type_filter: str = "all", max_hits_per_file: int = 20) -> SearchResult:
        """Case-insensitive search in names and content, every hit with its line excerpt."""
        query = query.strip()
        if not query:
            return SearchResult(query, [])
        needle = query.lower()
        kinds = set(TYPE_FILTERS.get(type_filter, TYPE_FILTERS["all"])) | {FOLDER}
        matches: list[SearchMatch] = []
        with self._ws.session() as s:
            used = self._usage(s)
            rows: list = list(s.scalars(select(Folder)))
            rows += list(s.scalars(select(Email)))
            rows += list(s.scalars(select(Component)))
            for row in rows:
                info = self._info(row, used)
                if info.kind not in kinds:
                    continue
                text = "" if isinstance(row, Folder) else row.source or ""
                hits = list(_line_hits(text, needle, max_hits_per_file))
                name_hit = needle in info.name.lower()
                if hits or name_hit:
                    matches.append(SearchMatch(info, name_hit, hits))
        matches.sort(key=lambda m: (-m.count, m.file.name.lower()))
        return SearchResult(query, matches)


def _line_hits(text: str, needle: str, limit: int) -> Iterable[SearchHit]:
    found = 0
    lower = text.lower()
    if needle not in lower:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        low = line.lower()
        start = low.find(needle)
        while start != -1 and found < limit:
            excerpt, offset = _excerpt(line, start, len(needle))
            yield SearchHit(number, excerpt, offset, offset + len(needle))
            found += 1
            start = low.find(needle, start + len(needle))
        if found >= limit:
            return


def _excerpt(line: str, start: int, length: int, radius: int = 40) -> tuple[str, int]:
    """The matched line trimmed to about `radius` characters around the match."""
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    start -= lead
    lo = max(0, start - radius)
    hi = min(len(stripped), start + length + radius)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(stripped) else ""
    return prefix + stripped[lo:hi] + suffix, len(prefix) + start - lo


def _email_ids(workflow) -> Iterable[int]:
    """Every `email_id` referenced anywhere in a workflow document."""
    if isinstance(workflow, dict):
        for key, value in workflow.items():
            if key == "email_id" and isinstance(value, int):
                yield value
            else:
                yield from _email_ids(value)
    elif isinstance(workflow, list):
        for item in workflow:
            yield from _email_ids(item)


def filter_files(items: list[FileInfo], type_filter: str) -> list[FileInfo]:
    if type_filter not in TYPE_FILTERS:
        raise FileError(f"Unknown type filter {type_filter!r}; use one of {', '.join(TYPE_FILTERS)}.")
    kinds = set(TYPE_FILTERS[type_filter]) | {FOLDER}
    return [i for i in items if i.kind in kinds]


def sort_files(items: list[FileInfo], sort: str = "name", descending: bool = False) -> list[FileInfo]:
    """Folders first, then files by name, last edit or use (the dashboard's three columns)."""
    keys = {
        "name": lambda i: i.name.lower(),
        "last_edited": lambda i: i.updated_at,
        "used_in": lambda i: (i.used_in, i.name.lower()),
    }
    if sort not in keys:
        raise FileError(f"Unknown sort {sort!r}; use one of {', '.join(keys)}.")
    folders = sorted((i for i in items if i.kind == FOLDER), key=keys[sort], reverse=descending)
    files = sorted((i for i in items if i.kind != FOLDER), key=keys[sort], reverse=descending)
    return folders + files
