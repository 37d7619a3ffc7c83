"""Database access: one declarative ``Base``, one engine and one session per request.

The schema is owned by Alembic (``migrations/``); nothing here creates tables.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from flask import Flask, current_app, g, has_app_context
from sqlalchemy import (
    JSON,
    DateTime,
    MetaData,
    Table,
    bindparam,
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    declared_attr,
    mapped_column,
    sessionmaker,
)
from sqlalchemy.types import TypeDecorator

from core.tijd import utcnow  # the clock lives with the time rules

# Constraint names are stable across SQLite and PostgreSQL, so migrations can name them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A timestamp that is always stored as UTC and always read back timezone-aware.

    SQLite keeps no offset; PostgreSQL's ``timestamptz`` does. Both answer aware UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware datetime (UTC)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class UuidPk:
    """Primary key of every public resource: a random UUID, never a counter."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class Tijdstempels:
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    gewijzigd_op: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Versie:
    """Optimistic locking: SQLAlchemy raises StaleDataError on a concurrent update.

    The counter is also the resource's ETag (see ``core.api.etag``).
    """

    versie: Mapped[int] = mapped_column(nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.versie}


def vergrendel(model: type, pk: uuid.UUID) -> None:
    """Hold a lock on one row until the transaction ends, on both engines.

    PostgreSQL locks the row (``SELECT ... FOR UPDATE``). SQLite has no row locks and
    ignores FOR UPDATE, so there a no-op write takes the database's write lock; every
    read after it in the same transaction sees the latest committed data, and any
    other writer waits (busy timeout) until this transaction ends. Use it before
    checking a rule that spans rows ("keep at least one ..."), then write.
    """
    session = db.session
    if session.get_bind().dialect.name == "sqlite":
        table = model.__table__
        session.execute(
            text(f"UPDATE {table.name} SET id = id WHERE id = :id").bindparams(  # nosec B608: a model's table name
                bindparam("id", pk, type_=table.c.id.type)
            )
        )
    else:
        session.execute(select(model.id).where(model.id == pk).with_for_update())


#: How long a statement waits for another transaction's lock before giving up (ms): the
#: busy timeout on SQLite, ``lock_timeout`` on PostgreSQL. A request that gives up is a
#: 503 ``database-bezet`` with Retry-After (core.errors), never a 500 or a hang.
LOCK_WACHT_MS = 5000


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={LOCK_WACHT_MS}")
    cursor.close()


def _postgresql_lock_wacht(verbinding, _record) -> None:
    with verbinding.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = {LOCK_WACHT_MS}")
    verbinding.commit()


def make_engine(url: str) -> Engine:
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False}
    else:
        kwargs.update(pool_pre_ping=True, pool_size=5, max_overflow=10)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgresql_lock_wacht)
    return engine


def _plan_steeds_opnieuw(verbinding, _record) -> None:
    with verbinding.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_custom_plan")
    verbinding.commit()


class Database:
    """Flask extension: one engine per app, ``db.session`` one session per app context.

    The engine lives in ``app.extensions``, so several apps (tests) never share one.
    """

    EXTENSION = "afnemersportaal.db"

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.extensions[self.EXTENSION] = sessionmaker(bind=engine, expire_on_commit=False)
        app.teardown_appcontext(self._close_session)

    @property
    def engine(self) -> Engine:
        return current_app.extensions[self.EXTENSION].kw["bind"]

    @property
    def session(self) -> Session:
        if not has_app_context():
            raise RuntimeError("db.session is only available inside an app context")
        session = g.get("_db_session")
        if session is None:
            session = g._db_session = current_app.extensions[self.EXTENSION]()
        return session

    @classmethod
    def dispose(cls, app: Flask) -> None:
        """Close the app's pooled connections (tests, forked workers)."""
        app.extensions[cls.EXTENSION].kw["bind"].dispose()

    @classmethod
    def plan_steeds_opnieuw(cls, app: Flask) -> None:
        """Have PostgreSQL plan every statement of this app for its parameters and the
        table as it is now, never with a plan it kept (for the delivery worker).

        The driver prepares a statement after a few runs, and PostgreSQL may then keep
        one generic plan for it. A worker polls an empty outbox until an announcement
        fills it with thousands of deliveries at once; a plan kept from the empty table
        then scans all of it, with a filter per row, for every batch, until autovacuum
        has analysed the table. Planning these small statements costs far less.
        """
        engine = app.extensions[cls.EXTENSION].kw["bind"]
        if engine.dialect.name != "postgresql" or event.contains(engine, "connect",
                                                                 _plan_steeds_opnieuw):
            return
        event.listen(engine, "connect", _plan_steeds_opnieuw)
        engine.dispose()  # connections made before the setting go

    @staticmethod
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("_db_session", None)
        if session is not None:
            session.rollback()
            session.close()


db = Database()


#: Rows per statement when :func:`bulk_laden` falls back to executemany.
BULK_BLOK = 20_000


def bulk_laden(tabel: Table, kolommen: Sequence[str], rijen: Iterable[tuple]) -> int:
    """Load tuples (in the order of ``kolommen``) into ``tabel`` within the session's
    transaction, fast: ``COPY`` on PostgreSQL, batched executemany elsewhere. Columns
    left out take their server default. No ORM events, no audit: for generated data and
    derived results only. Returns the number of rows."""
    verbinding = db.session.connection()
    aantal = 0
    if verbinding.dialect.name == "postgresql":
        json_kolommen = {i for i, k in enumerate(kolommen)
                         if isinstance(tabel.c[k].type, JSON)}
        ruw = verbinding.connection.driver_connection
        with ruw.cursor() as cursor:
            with cursor.copy(f"COPY {tabel.name} ({', '.join(kolommen)}) FROM STDIN") as copy:
                for rij in rijen:
                    if json_kolommen:
                        rij = tuple(json.dumps(w) if i in json_kolommen else w
                                    for i, w in enumerate(rij))
                    copy.write_row(rij)
                    aantal += 1
        return aantal
    insert = tabel.insert()
    blok: list[dict] = []
    for rij in rijen:
        blok.append(dict(zip(kolommen, rij, strict=True)))
        if len(blok) >= BULK_BLOK:
            verbinding.execute(insert, blok)
            aantal += len(blok)
            blok = []
    if blok:
        verbinding.execute(insert, blok)
        aantal += len(blok)
    return aantal
