"""The delivery worker does not die silently: the served product's own worker process
(``afnemersportaal worker``) meets a database it cannot use for a while, on both
backends, says so in its log, and delivers what comes after.

- SQLite: another connection holds the database's write lock longer than the busy
  timeout (5 s), as a large upload did; the worker's claim fails with "database is
  locked". It once exited on that, and no webhook or e-mail went out after.
- PostgreSQL: the database refuses connections for a while and its sessions are ended;
  the worker's next claim cannot connect.

The database stays away until the worker's log shows the failure (at most a minute): a
worker whose threads are all busy with slow receivers of other tests claims nothing,
and so meets nothing, until one of them comes free.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import create_engine, text

from tests.served.conftest import Served

STORING = "bezorgronde mislukt"


def _wacht(voorwaarde, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (resultaat := voorwaarde()):
            return resultaat
        time.sleep(0.2)
    raise AssertionError("not in time")


@contextmanager
def _database_weg(served: Served, tot):
    """The database unusable for the worker until ``tot()`` holds (or a minute passed)."""
    url = served.env["AFNEMERSPORTAAL_DATABASE_URL"]
    if served.backend == "sqlite":
        verbinding = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        verbinding.execute("BEGIN EXCLUSIVE")
        try:
            yield
            _wacht(tot)
        finally:
            verbinding.execute("ROLLBACK")
            verbinding.close()
        return
    naam = url.rsplit("/", 1)[1]
    beheer = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with beheer.connect() as verbinding:
        verbinding.execute(text(f"ALTER DATABASE {naam} ALLOW_CONNECTIONS false"))
        verbinding.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = :naam AND pid <> pg_backend_pid()"),
                           {"naam": naam})
        try:
            yield
            _wacht(tot)
        finally:
            verbinding.execute(text(f"ALTER DATABASE {naam} ALLOW_CONNECTIONS true"))
    beheer.dispose()


def test_the_worker_survives_a_database_it_cannot_use_and_delivers_after(served: Served):
    log = served.workdir / "worker.log"
    voor = log.read_text().count(STORING)
    # It fails at least once meanwhile, and says so, with the error.
    with _database_weg(served, tot=lambda: log.read_text().count(STORING) > voor):
        pass
    # And it is still there: an announcement made now reaches the webhook.
    afnemer = served.maak_afnemer()
    haak = f"/{afnemer['id']}/na-storing"
    webhook = served.post(f"/afnemers/{afnemer['id']}/webhooks", served.logius_token,
                          json={"url": served.ontvanger.url + haak})
    assert webhook.status_code == 201, webhook.text
    aankondiging = served.post("/aankondigingen", served.logius_token, json={
        "type": "onderhoud", "titel": f"Na de storing {uuid.uuid4().hex[:4]}",
        "omschrijving": "Gepland onderhoud", "dienst": "digipoort",
        "beginOp": f"{date.today() + timedelta(days=14)}T06:00:00+00:00",
        "eindeOp": f"{date.today() + timedelta(days=14)}T07:00:00+00:00",
        "afnemers": [afnemer["id"]]})
    assert aankondiging.status_code == 201, aankondiging.text
    _wacht(lambda: served.ontvanger.voor(haak))


def test_logius_sees_at_status_that_the_worker_is_alive_and_what_it_last_met(served: Served):
    """The worker's pulse, the outbox and the dead letters, for Logius only. Run after
    the outage above (same served product), the worker shows the failure it met."""
    def levend() -> dict | None:
        antwoord = served.get("/status", served.logius_token)
        assert antwoord.status_code == 200, antwoord.text
        return antwoord.json() if antwoord.json()["worker"]["levend"] else None

    status = _wacht(levend)
    [werker] = [w for w in status["worker"]["werkers"] if w["levend"]]
    assert werker["rondes"] > 0 and werker["storingen"] == 0
    assert "OperationalError" in (werker["laatsteStoring"] or "")
    outbox = status["outbox"]
    assert {"wachtend", "nuAanDeBeurt", "achterstandSeconden", "dood"} <= set(outbox)
    assert outbox["wachtend"] >= outbox["nuAanDeBeurt"] >= 0
    assert served.get("/status", served.afnemer_token).status_code == 403
    assert served.get("/status").status_code == 401
