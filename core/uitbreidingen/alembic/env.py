"""Alembic environment of one plugin's tables: its own history, its own version table.

:mod:`core.uitbreidingen.migraties` passes the plugin's MetaData and the name of its
version table in ``config.attributes``; only tables with the plugin's prefix are
compared, so autogenerate never proposes to touch core's.
"""

from __future__ import annotations

from alembic import context

from core.db import make_engine

config = context.config
metadata = config.attributes["metadata"]
version_table = config.attributes["version_table"]
prefix = config.attributes["prefix"]


def _eigen(obj, name, type_, _reflected, _compare_to) -> bool:
    if type_ == "table":
        return bool(name) and name.startswith(prefix) and name != version_table
    return True


def run_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table=version_table,
            include_object=_eigen,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_online()
