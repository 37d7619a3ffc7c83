"""The worker as the real command, killed with SIGKILL in the middle of a batch.

Nothing may be lost: after a restart every event reaches the receiver at least once,
always with the same message id. On PostgreSQL two workers also share the outbox
without doing the same work twice (FOR UPDATE SKIP LOCKED).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.db import db, utcnow
from core.meldingen.models import Bezorging, BezorgStatus
from core.meldingen.outbox import publiceer
from tests.support.ontvangers import WebhookOntvanger

SCRIPT = Path(sys.executable).parent / "afnemersportaal"
AANTAL = 120


def _start_worker(url: str) -> subprocess.Popen:
    env = {**os.environ,
           "AFNEMERSPORTAAL_DATABASE_URL": url,
           "AFNEMERSPORTAAL_SECRET_KEY": "test",  # the test app's key: it decrypts the secrets
           "AFNEMERSPORTAAL_WORKER_LEASE_SECONDS": "2",
           "AFNEMERSPORTAAL_WORKER_BATCH": "10",
           "AFNEMERSPORTAAL_WORKER_THREADS": "4",
           # Every event goes to one endpoint: let it have all four threads' worth of
           # claims, so that a kill finds deliveries claimed and not yet sent.
           "AFNEMERSPORTAAL_WEBHOOK_GELIJKTIJDIG_PER_ENDPOINT": "10"}
    # Output to a file: a pipe nobody reads could fill up and stall the worker.
    uitvoer = tempfile.TemporaryFile()
    process = subprocess.Popen([str(SCRIPT), "worker", "--interval", "0.1"], env=env,
                               stdout=subprocess.DEVNULL, stderr=uitvoer)
    # Ready when it says so (its SIGTERM handler is set then): a worker still starting
    # when the other has done all the work would die of the SIGTERM that stops it.
    def gestart() -> bool:
        uitvoer.seek(0)
        return b"worker gestart" in uitvoer.read() or process.poll() is not None

    with uitvoer:  # the worker writes on through its own descriptor
        _wacht(gestart, 60, "the worker to start")
    assert process.poll() is None, "the worker stopped while starting"
    return process


def _stop(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=30)


def _wacht(voorwaarde, timeout: float, wat: str) -> None:
    einde = time.monotonic() + timeout
    while not voorwaarde():
        if time.monotonic() > einde:
            raise AssertionError(f"timed out waiting for {wat}")
        time.sleep(0.05)


@pytest.fixture
def ontvanger():
    server = WebhookOntvanger()
    yield server
    server.close()


def _events(app, api, maak_afnemer, ontvanger) -> set[str]:
    afnemer = maak_afnemer()
    hook = api.post(f"/afnemers/{afnemer['id']}/webhooks",
                    json={"url": ontvanger.url + "/hook"}).get_json()
    ontvanger.geheimen["/hook"] = hook["geheim"]
    ids = set()
    with app.app_context():
        for n in range(AANTAL):
            gebeurtenis = publiceer(type="aankondiging.storing",
                                    afnemer_id=uuid.UUID(afnemer["id"]),
                                    onderwerp=f"Storing {n}", tekst="Test", data={"n": n})
            ids.add(str(gebeurtenis.id))
        db.session.commit()
    return ids


def _tel(app, **where) -> int:
    with app.app_context():
        query = select(func.count()).select_from(Bezorging)
        for key, value in where.items():
            query = query.where(getattr(Bezorging, key) == value)
        return db.session.scalar(query)


def test_sigkill_mid_batch_loses_nothing_and_keeps_message_ids(
    app, api, maak_afnemer, ontvanger, database_urls, backend
):
    verwacht = _events(app, api, maak_afnemer, ontvanger)
    ontvanger.vertraging = 0.2  # each delivery in flight long enough to be caught

    def onderweg() -> int:
        """Deliveries claimed by a worker and not yet done."""
        with app.app_context():
            return db.session.scalar(
                select(func.count()).select_from(Bezorging).where(
                    Bezorging.status == BezorgStatus.WACHTEND.value,
                    Bezorging.geclaimd_tot > utcnow()))

    eerste = _start_worker(database_urls[backend])
    # Killed mid-batch: after the first deliveries, at a moment it holds a claimed batch
    # (on a busy machine it may be between two batches when the 25th arrives).
    _wacht(lambda: len(ontvanger.ontvangen) >= 25 and onderweg() > 0, 60,
           "the first deliveries, with a batch in flight")
    eerste.send_signal(signal.SIGKILL)
    eerste.wait(timeout=10)
    klaar = _tel(app, status=BezorgStatus.BEZORGD.value)
    assert onderweg() > 0, "the worker died holding a claimed batch"
    assert klaar < AANTAL, "the worker died before finishing"

    tweede = _start_worker(database_urls[backend])
    try:
        _wacht(lambda: _tel(app, status=BezorgStatus.BEZORGD.value) == AANTAL, 120,
               "every delivery after the restart")
    finally:
        assert _stop(tweede) == 0

    ontvangen = Counter(o.headers["webhook-id"] for o in ontvanger.ontvangen)
    assert set(ontvangen) == verwacht, "every event arrived, under its own message id"
    assert all(o.geldig for o in ontvanger.ontvangen)
    dubbel = sum(ontvangen.values()) - len(ontvangen)
    # Only what was in flight when the worker died can arrive twice.
    assert dubbel <= 10
    print(f"\ncrash test ({backend}): {AANTAL} events, {dubbel} duplicates, 0 lost")


def test_two_workers_share_the_outbox_without_double_work(
    app, api, maak_afnemer, ontvanger, database_urls, backend
):
    if backend != "postgresql":
        pytest.skip("SQLite serialises writers: one worker at a time (see the module doc)")
    verwacht = _events(app, api, maak_afnemer, ontvanger)
    ontvanger.vertraging = 0.01
    workers = [_start_worker(database_urls[backend]) for _ in range(2)]
    try:
        _wacht(lambda: _tel(app, status=BezorgStatus.BEZORGD.value) == AANTAL, 120,
               "every delivery")
    finally:
        codes = [_stop(w) for w in workers]
    assert codes == [0, 0]
    ontvangen = Counter(o.headers["webhook-id"] for o in ontvanger.ontvangen)
    assert set(ontvangen) == verwacht
    assert max(ontvangen.values()) == 1, "no delivery was sent by both workers"
