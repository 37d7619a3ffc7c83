"""Alembic migrations: the only way the schema changes, the same on both engines."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from core.db import make_engine
from core.migrate import current_revision, downgrade, head_revision, upgrade
from core.models import Base
from core.uitbreidingen.migraties import zonder_plugintabellen
from tests.support.databasekopie import lege_database


@pytest.fixture
def empty_database(backend, request, tmp_path):
    postgresql_url = request.getfixturevalue("postgresql_url") if backend != "sqlite" else None
    with lege_database(backend, postgresql_url, tmp_path) as url:
        yield url


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_on_an_empty_database(empty_database):
    upgrade(empty_database)
    assert _tables(empty_database) == set(Base.metadata.tables)
    downgrade(empty_database, "base")
    assert _tables(empty_database) == set()
    upgrade(empty_database)
    engine = make_engine(empty_database)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_models_and_migrations_describe_the_same_schema(database_urls, backend):
    """A model change without a migration fails here (alembic autogenerate finds a diff)."""
    engine = make_engine(database_urls[backend])
    try:
        with engine.connect() as connection:
            # Tables of the diensten (tests/plugins/proef makes some) have their own history.
            eigen = zonder_plugintabellen(inspect(connection).get_table_names())
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": eigen})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()
