"""Opening a workspace: a SQLAlchemy engine, migrated, with sessions on demand.

A workspace is any SQLAlchemy URL. A bare path means a SQLite file; SQLite is
opened with WAL (a reader in another process sees committed edits at once,
which autosave relies on) and foreign keys on (deletes cascade as declared).

Change listeners: a window must keep its lists current (the status bar's
counts, "Used in") whatever screen or tab made the edit. The store tells plain
callables, after each commit that wrote something, which tables it wrote
(`add_listener(callback)`, `callback(frozenset_of_table_names)`); the GUI wraps
that in a Qt signal (`app.workspace_events`) — the engine stays Qt-free. The
callback runs on the committing thread, so it must only hand the news on.
Writes made by another process are not seen (F5 reloads).
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from itertools import chain
from typing import Callable, Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from engine.store import migrate


def default_workspace_path() -> Path:
    """The workspace a user gets when they name none: in their data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("campaign-studio", appauthor=False)) / "workspace.db"


def to_url(path_or_url: str | os.PathLike) -> str:
    text = os.fspath(path_or_url)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


class WorkspaceError(Exception):
    """A workspace could not be opened; the message says which and why."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_WRITTEN = "campaign_studio_written_tables"


def _note_flushed(session, _context) -> None:
    """Before the commit: remember which tables this unit of work inserted, updated or deleted in."""
    written = session.info.setdefault(_WRITTEN, set())
    for obj in chain(session.new, session.dirty, session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table:
            written.add(table)


def _note_executed(state) -> None:
    """Bulk statements (`delete(Campaign).where(...)`) never flush objects: note their table too."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and getattr(table, "name", None):
            state.session.info.setdefault(_WRITTEN, set()).add(table.name)


class Workspace:
    """One open workspace. Repositories hang off it: `files`, `people`, `settings`, `assets`."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._listeners: list[Callable[[frozenset], None]] = []
        event.listen(self._sessions, "after_flush", _note_flushed)
        event.listen(self._sessions, "do_orm_execute", _note_executed)
        event.listen(self._sessions, "after_commit", self._committed)
        event.listen(self._sessions, "after_rollback", lambda s: s.info.pop(_WRITTEN, None))
        from engine.store.files import DesignFiles
        from engine.store.records import Campaigns, GlobalStylesStore, People, Settings

        self.files = DesignFiles(self)
        self.campaigns = Campaigns(self)
        self.people = People(self)
        self.styles = GlobalStylesStore(self)
        self.settings = Settings(self)
        from engine.store.assets import WorkspaceAssets

        self.assets = WorkspaceAssets(self)  # images emails use as `asset:NAME` (engine.assets)

    @classmethod
    def open(cls, path_or_url: str | os.PathLike | None = None) -> "Workspace":
        url = to_url(path_or_url if path_or_url is not None else default_workspace_path())
        try:
            parsed = make_url(url)
        except Exception as exc:  # sqlalchemy raises ArgumentError with a clear text
            raise WorkspaceError(f"{url}: not a valid workspace path or database URL ({exc})") from exc
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            folder = Path(parsed.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(f"{parsed.database}: cannot create its folder ({exc.strerror})") from exc
        try:
            engine = create_engine(url)
        except NoSuchModuleError as exc:
            raise WorkspaceError(
                f"{url}: unknown database type {parsed.get_backend_name()!r} "
                "(give a file path, or a URL such as sqlite:///path.db or postgresql://host/db)"
            ) from exc
        except Exception as exc:
            raise WorkspaceError(f"{url}: cannot open ({exc})") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        try:
            migrate.upgrade(engine)
        except Exception as exc:
            engine.dispose()
            raise WorkspaceError(f"{url}: cannot open or upgrade the workspace ({exc})") from exc
        return cls(engine, url)

    # ---- change listeners ---------------------------------------------------
    def add_listener(self, callback: Callable[[frozenset], None]) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[frozenset], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def notify(self, tables) -> None:
        """Tell the listeners that `tables` changed (also for writes that bypass the ORM session)."""
        tables = frozenset(tables)
        for callback in list(self._listeners):
            callback(tables)

    def _committed(self, session) -> None:
        written = session.info.pop(_WRITTEN, None)
        if written:
            self.notify(written)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on error."""
        with self._sessions() as s:
            with s.begin():
                yield s

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
