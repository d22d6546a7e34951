"""Alembic environment: always run against the connection the workspace hands in.

The workspace opens its own engine (SQLite pragmas, any URL) and passes the
connection through `config.attributes["connection"]`, so migrations never build
a second engine or read an alembic.ini.
"""
from alembic import context

from engine.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
