"""Bring any workspace database to the newest schema through Alembic.

Run on every open: an empty database gets every migration from the first, an
older workspace the ones it lacks, so an upgrade never loses a workspace.

Importing Alembic costs about half a second, so the common case — a workspace
already at `HEAD_REVISION` — is answered with one plain query and Alembic is
loaded only when there is something to migrate. A test keeps `HEAD_REVISION`
equal to the newest script in `migrations/versions/`.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")

#: The newest migration's revision id; bump it with every new migration.
HEAD_REVISION = "0001"


def alembic_config(connection: Connection | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    if current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
