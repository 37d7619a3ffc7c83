"""The databases of the conformance kit (:mod:`core.sdk.testing`): fresh ones, with core's
schema at its newest migration and nothing else, on SQLite and on PostgreSQL.

Core's migrations run once per engine and process, into a template; every database the
kit hands out is a copy of it (SQLite's backup API, PostgreSQL's ``CREATE DATABASE ...
TEMPLATE``), so a plugin's checks never see another plugin's rows or tables. PostgreSQL
is the server ``AFNEMERSPORTAAL_TEST_POSTGRES_URL`` names (the kit creates and drops
databases of its own there, so the role needs ``CREATEDB``), else the one the host test
suite's ``postgresql_url`` fixture gives, if it has one, else a private throw-away server
(:mod:`core.sdk.postgres`). Everything is removed when the pytest run
ends.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
import tempfile
import uuid
from contextlib import ExitStack, suppress
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from core.sdk.postgres import URL_VARIABELE, running_server

BACKENDS = ("sqlite", "postgresql")


class Databanken:
    """Hands out fresh, migrated databases; :meth:`sluit` removes them all."""

    def __init__(self) -> None:
        self._map = Path(tempfile.mkdtemp(prefix="afp-kit-"))
        self._stapel = ExitStack()
        self._sjabloon: dict[str, str] = {}
        self._beheer: str | None = None  # a URL on the PostgreSQL server to create with
        self._eigen: list[str] = []  # PostgreSQL databases made here
        self._teller = itertools.count(1)
        self._naam = f"afp_kit_{uuid.uuid4().hex[:8]}"
        #: A PostgreSQL server the host test suite runs already (its ``postgresql_url``),
        #: used when ``AFNEMERSPORTAAL_TEST_POSTGRES_URL`` names none.
        self.server: str | None = None

    # --- handing out -------------------------------------------------------------------

    def nieuw(self, backend: str) -> str:
        """The URL of a new database of ``backend`` with core's tables at head."""
        if backend not in BACKENDS:
            raise ValueError(f"onbekende databank {backend!r}; kies uit {BACKENDS}")
        if backend not in self._sjabloon:
            self._sjabloon[backend] = self._maak_sjabloon(backend)
        nummer = next(self._teller)
        if backend == "sqlite":
            doel = self._map / f"kit-{nummer}.sqlite"
            bron = sqlite3.connect(make_url(self._sjabloon[backend]).database)
            kopie = sqlite3.connect(doel)
            try:
                bron.backup(kopie)
            finally:
                kopie.close()
                bron.close()
            return f"sqlite:///{doel}"
        naam = f"{self._naam}_{nummer}"
        sjabloon = make_url(self._sjabloon[backend]).database
        self._sql(f'CREATE DATABASE "{naam}" TEMPLATE "{sjabloon}"')
        self._eigen.append(naam)
        return self._op(naam)

    def verwijder(self, url: str) -> None:
        """Remove a database :meth:`nieuw` handed out (its connections must be closed)."""
        adres = make_url(url)
        if adres.get_backend_name() == "sqlite":
            for pad in Path(adres.database).parent.glob(Path(adres.database).name + "*"):
                pad.unlink(missing_ok=True)
            return
        if adres.database in self._eigen:
            self._drop(adres.database)
            self._eigen.remove(adres.database)

    def sluit(self) -> None:
        for naam in reversed(self._eigen):
            self._drop(naam)
        self._eigen.clear()
        for backend, url in list(self._sjabloon.items()):
            if backend == "postgresql":
                self._drop(make_url(url).database)
        self._sjabloon.clear()
        self._stapel.close()
        shutil.rmtree(self._map, ignore_errors=True)

    # --- the templates -----------------------------------------------------------------

    def _maak_sjabloon(self, backend: str) -> str:
        from core.migrate import upgrade

        if backend == "sqlite":
            url = f"sqlite:///{self._map / 'sjabloon.sqlite'}"
        else:
            naam = f"{self._naam}_sjabloon"
            self._sql(f'CREATE DATABASE "{naam}"')
            url = self._op(naam)
        upgrade(url)  # the migration environment closes its connections afterwards
        return url

    def _server(self) -> str:
        if self._beheer is None:
            eigen = os.environ.get(URL_VARIABELE) or self.server
            self._beheer = eigen or self._stapel.enter_context(running_server())
        return self._beheer

    def _op(self, naam: str) -> str:
        return make_url(self._server()).set(database=naam).render_as_string(
            hide_password=False)

    def _sql(self, opdracht: str) -> None:
        url = make_url(self._server())
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as verbinding:
                verbinding.execute(text(opdracht))
        finally:
            engine.dispose()

    def _drop(self, naam: str) -> None:
        with suppress(Exception):  # clean-up of a test run: the server may be gone
            self._sql(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


_databanken: Databanken | None = None


def databanken(config) -> Databanken:
    """The process's :class:`Databanken`, made on first use and closed when the pytest run
    that first asked for it ends (``config.add_cleanup``)."""
    global _databanken
    if _databanken is None:
        _databanken = Databanken()

        def sluit() -> None:
            global _databanken
            if _databanken is not None:
                _databanken.sluit()
                _databanken = None

        config.add_cleanup(sluit)
    return _databanken
