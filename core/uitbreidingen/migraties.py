"""Each plugin's own Alembic history, beside core's.

A plugin's revisions (:class:`~core.sdk.Migraties`) run in the environment of
``core/uitbreidingen/alembic`` with the plugin's MetaData, and Alembic records where
they stand in ``<slug>_alembic_version``, so the histories of core and of every plugin
are independent: installing, upgrading or removing one never touches another's.
``afnemersportaal db upgrade`` runs core's first (plugin tables may refer to
``afnemers``), then every installed plugin's.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from core.uitbreidingen.typen import Migraties, tabelprefix

OMGEVING = Path(__file__).resolve().parent / "alembic"
#: Suffix of a plugin's version table (core's own is ``alembic_version``).
VERSIETABEL = "alembic_version"


def versietabel(slug: str) -> str:
    return tabelprefix(slug) + VERSIETABEL


def alembic_config(database_url: str, slug: str, migraties: Migraties) -> Config:
    config = Config()
    config.set_main_option("script_location", str(OMGEVING))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(migraties.map))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes.update(metadata=migraties.metadata, version_table=versietabel(slug),
                             prefix=tabelprefix(slug))
    return config


def upgrade(database_url: str, slug: str, migraties: Migraties, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url, slug, migraties), revision)


def downgrade(database_url: str, slug: str, migraties: Migraties, revision: str) -> None:
    command.downgrade(alembic_config(database_url, slug, migraties), revision)


def head(slug: str, migraties: Migraties) -> str | None:
    config = alembic_config("sqlite://", slug, migraties)
    return ScriptDirectory.from_config(config).get_current_head()


def huidig(engine: Engine, slug: str) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(
            connection, opts={"version_table": versietabel(slug)}).get_current_revision()


def achter(engine: Engine, migraties: dict[str, Migraties]) -> list[str]:
    """A line per installed plugin whose tables are not at its newest revision."""
    uit = []
    for slug, mig in migraties.items():
        nu, nieuwst = huidig(engine, slug), head(slug, mig)
        if nu != nieuwst:
            staat = "heeft nog geen tabellen" if nu is None else f"staat op {nu}"
            uit.append(f"dienst {slug!r} {staat}; de plugin verwacht {nieuwst}")
    return uit


def verweesd(engine: Engine, geinstalleerd: set[str]) -> dict[str, list[str]]:
    """Tables left by plugins that are no longer installed: ``{prefix: [tables]}``.

    A plugin's version table says it once created tables; when no installed plugin has
    that prefix, its tables (same prefix) stay as they are, untouched.
    """
    tabellen = set(inspect(engine).get_table_names())
    eigen = {tabelprefix(slug) for slug in geinstalleerd}
    uit: dict[str, list[str]] = {}
    for tabel in sorted(tabellen):
        if tabel.endswith("_" + VERSIETABEL):
            prefix = tabel[: -len(VERSIETABEL)]
            if prefix not in eigen:
                uit[prefix] = sorted(t for t in tabellen if t.startswith(prefix))
    return uit


def zonder_plugintabellen(tabellen: list[str]):
    """An Alembic ``include_object`` that leaves the diensten' own tables (those with
    the prefix of a ``<prefix>alembic_version`` among ``tabellen``) out of a comparison
    with core's models."""
    prefixen = tuple(t[: -len(VERSIETABEL)] for t in tabellen
                     if t.endswith("_" + VERSIETABEL))

    def include_object(_obj, name, type_, reflected, compare_to) -> bool:
        if type_ == "table" and reflected and compare_to is None and prefixen:
            return not (name or "").startswith(prefixen)
        return True

    return include_object
