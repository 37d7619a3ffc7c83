"""Alembic environment: the same migrations on SQLite and PostgreSQL."""

from __future__ import annotations

import os

from alembic import context

from core.db import make_engine
from core.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or os.environ.get(
        "AFNEMERSPORTAAL_DATABASE_URL", ""
    )


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def _zonder_plugintabellen(engine):
    """Leave the diensten' own tables (each with its own history, see
    core.uitbreidingen.migraties) out of core's comparison."""
    from sqlalchemy import inspect

    from core.uitbreidingen.migraties import zonder_plugintabellen

    with engine.connect() as connection:
        return zonder_plugintabellen(inspect(connection).get_table_names())


def run_online() -> None:
    engine = make_engine(_url())
    include_object = _zonder_plugintabellen(engine)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_object=include_object,
            # SQLite cannot ALTER most things; batch mode recreates the table instead.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
