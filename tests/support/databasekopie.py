"""For the backup tests: a fresh empty database, and every row of every table."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from core.db import make_engine


@contextmanager
def lege_database(backend: str, postgresql_url: str | None, tmp: Path) -> Iterator[str]:
    """A database with nothing in it: a new SQLite file, or a new database on the
    PostgreSQL server of ``postgresql_url`` (dropped afterwards)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp / f'leeg_{uuid.uuid4().hex[:8]}.sqlite'}"
        return
    naam = f"herstel_{uuid.uuid4().hex[:8]}"
    beheer = make_engine(postgresql_url)
    with beheer.connect().execution_options(isolation_level="AUTOCOMMIT") as verbinding:
        verbinding.execute(text(f"CREATE DATABASE {naam}"))
    try:
        yield make_url(postgresql_url).set(database=naam).render_as_string(hide_password=False)
    finally:
        with beheer.connect().execution_options(isolation_level="AUTOCOMMIT") as verbinding:
            verbinding.execute(text(f"DROP DATABASE {naam} WITH (FORCE)"))
        beheer.dispose()


def inhoud(url: str) -> dict[str, list[str]]:
    """Every table (version tables included) with its rows, sorted, as text."""
    engine = make_engine(url)
    try:
        with engine.connect() as verbinding:
            return {tabel: sorted(repr(tuple(rij)) for rij in
                                  verbinding.execute(text(f'SELECT * FROM "{tabel}"')))
                    for tabel in sorted(inspect(verbinding).get_table_names())}
    finally:
        engine.dispose()
