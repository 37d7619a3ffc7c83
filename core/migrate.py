"""Alembic, driven from the application: the only way the schema changes."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
UPGRADE_COMMAND = "afnemersportaal db upgrade"


class SchemaNotCurrent(RuntimeError):
    pass


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)


def head_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_schema(engine: Engine) -> None:
    """Raise :class:`SchemaNotCurrent` with the command to run if the schema is behind."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        state = "is leeg (nog niet gemigreerd)" if current is None else f"staat op {current}"
        raise SchemaNotCurrent(
            f"De database {state}; de code verwacht migratie {head}. "
            f"Voer eerst uit: {UPGRADE_COMMAND}"
        )
