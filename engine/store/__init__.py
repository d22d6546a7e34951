"""The workspace store: SQLAlchemy 2 over SQLite by default, any SQLAlchemy URL accepted."""
from engine.store.files import FileError, FileInfo, FileRef
from engine.store.workspace import Workspace, WorkspaceError, default_workspace_path

__all__ = ["Workspace", "WorkspaceError", "FileError", "FileInfo", "FileRef", "default_workspace_path"]
