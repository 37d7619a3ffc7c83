"""The claim of a batch does work in proportion to the outbox, even with a plan made
while the outbox was empty.

Idle workers poll an empty outbox; the driver prepares the claim after a few polls, and
PostgreSQL may keep one generic plan for it, made for a table of no pages. Then one
announcement to every afnemer puts thousands of deliveries in at once. With the batch
chosen in a subquery of ``id IN (...)``, that plan joined every row of the table to the
choice in a nested loop that ran the choice again per row: a claim took seconds and
claimed every waiting delivery instead of one batch (600 of a batch of 50 here), leases
ran out and other workers sent the same events again (the fan-out benchmark,
``bench/run.py``, showed duplicates without a worker killed). This test makes that plan
and reads what PostgreSQL executes with it.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy.dialects.postgresql import psycopg as pg_psycopg

from core.db import db, utcnow
from core.meldingen.outbox import publiceer
from core.meldingen.worker import Instellingen, claim_opdracht

AANTAL = 600


def _knopen(plan: dict):
    yield plan
    for kind in plan.get("Plans", ()):
        yield from _knopen(kind)


@pytest.fixture
def verbinding(app, backend, database_urls):
    """A connection of its own, as a worker has, on the test database."""
    if backend != "postgresql":
        pytest.skip("the plan is PostgreSQL's; SQLite claims in one atomic statement")
    url = database_urls[backend].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor) as v:
        yield v


def test_a_claim_planned_on_an_empty_outbox_reads_it_about_once_not_once_per_row(
        app, api, maak_afnemer, verbinding):
    # All of them go to one endpoint here: its cap is set to the batch, so one claim
    # takes a whole batch (the cap itself is tested in test_eerlijkheid.py).
    inst = Instellingen(batch=50, lease=timedelta(seconds=60), per_endpoint=50)
    opdracht = claim_opdracht(inst, utcnow() + timedelta(seconds=5), "postgresql")
    sql = opdracht.compile(dialect=pg_psycopg.dialect(paramstyle="numeric_dollar"))
    waarden = [sql.params[naam] for naam in sql.positiontup]
    aanroep = f"EXECUTE claim({', '.join(['%s'] * len(waarden))})"
    # The plan a polling worker ends up with: generic, made while the outbox is empty
    # and known to be (vacuumed, as autovacuum leaves it after a quiet period).
    verbinding.execute("VACUUM ANALYZE bezorgingen")
    verbinding.execute("SET plan_cache_mode = force_generic_plan")
    verbinding.execute(f"PREPARE claim AS {sql}")
    assert verbinding.execute(aanroep, waarden).fetchall() == []

    afnemer = maak_afnemer()
    api.post(f"/afnemers/{afnemer['id']}/webhooks", json={"url": "https://afnemer.example/h"})
    with app.app_context():
        for n in range(AANTAL):
            publiceer(type="aankondiging.storing", afnemer_id=uuid.UUID(afnemer["id"]),
                      onderwerp=f"Storing {n}", tekst="Test", data={"n": n})
        db.session.commit()
    rijen = verbinding.execute("SELECT count(*) FROM bezorgingen").fetchone()[0]
    assert rijen >= AANTAL

    uitleg = verbinding.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {aanroep}", waarden)
    plan = uitleg.fetchone()[0][0]["Plan"]
    assert plan["Actual Rows"] == inst.batch
    gelezen = sum(k["Actual Rows"] * k["Actual Loops"] for k in _knopen(plan))
    # A few passes over the table at most (choose, sort, claim by key), not one per row.
    assert gelezen < 6 * rijen, json.dumps(plan, indent=1)[:4000]


def test_the_worker_has_every_statement_planned_for_the_table_as_it_is(database_urls,
                                                                        backend):
    """A plan kept from an empty outbox scans all of it per batch once an announcement
    has filled it (see the module doc); the worker's connections never keep one. On an
    app of its own: the shared one's connections may have served a worker already."""
    from sqlalchemy import text

    from core.meldingen.worker import draai
    from tests.conftest import make_app

    if backend != "postgresql":
        pytest.skip("plan_cache_mode is PostgreSQL's")
    app = make_app(database_urls[backend])
    with app.app_context():
        assert db.session.execute(text("SHOW plan_cache_mode")).scalar() == "auto"
    draai(app, eenmalig=True)
    with app.app_context():
        assert db.session.execute(text("SHOW plan_cache_mode")).scalar() == "force_custom_plan"
