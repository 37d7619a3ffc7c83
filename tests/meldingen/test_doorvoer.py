"""How the worker keeps its throughput: kept SMTP connections, one statement for a
batch of successes, and planning left to one worker."""

from __future__ import annotations

import uuid

from sqlalchemy import event, select

from core.db import db
from core.meldingen.models import Bezorging
from core.meldingen.outbox import publiceer
from core.meldingen.worker import draai
from tests.support.ontvangers import SmtpOntvanger


def _storingen(app, afnemer_id: str, aantal: int) -> None:
    with app.app_context():
        for i in range(aantal):
            publiceer(type="aankondiging.storing", afnemer_id=uuid.UUID(afnemer_id),
                      onderwerp=f"Storing {i}", tekst="Er is een storing.", data={})
        db.session.commit()


def test_a_thread_sends_its_mails_over_one_kept_connection(
        app, maak_afnemer, maak_contactpersoon, smtp):
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"], rol="technisch", email="techniek@gemeente.example")
    _storingen(app, afnemer["id"], 12)
    assert draai(app, eenmalig=True, threads=2) == 12
    assert len(smtp.aan("techniek@gemeente.example")) == 12
    # Two threads: at most two connections for twelve messages, not twelve.
    assert 1 <= len(set(smtp.postvak.verbindingen)) <= 2


def test_a_closed_kept_connection_is_replaced_and_nothing_is_lost(
        app, maak_afnemer, maak_contactpersoon, smtp):
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"], rol="technisch", email="techniek@gemeente.example")
    _storingen(app, afnemer["id"], 3)
    assert draai(app, eenmalig=True, threads=1) == 3
    tweede = SmtpOntvanger()  # the first server goes away; mail now goes elsewhere
    smtp.close()
    smtp.close = lambda: None  # the fixture has nothing left to stop
    app.config.update(SMTP_PORT=tweede.port)
    try:
        _storingen(app, afnemer["id"], 3)
        assert draai(app, eenmalig=True, threads=1) == 3
        assert len(tweede.aan("techniek@gemeente.example")) == 3
    finally:
        tweede.close()


def test_a_batch_of_successes_is_recorded_with_one_statement(
        app, maak_afnemer, maak_contactpersoon, smtp):
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"], rol="technisch", email="techniek@gemeente.example")
    _storingen(app, afnemer["id"], 20)
    updates: list[str] = []
    with app.app_context():
        engine = db.engine

    def tel(_conn, _cursor, statement, *_args):
        if (statement.lstrip().upper().startswith("UPDATE BEZORGINGEN")
                and "geclaimd_tot IS NULL OR" not in statement):  # not a claim
            updates.append(statement)

    event.listen(engine, "before_cursor_execute", tel)
    try:
        # As many threads as mails: all twenty are claimed and sent at once, and the
        # worker records those that end together as one.
        assert draai(app, eenmalig=True, batch=50, threads=20) == 20
    finally:
        event.remove(engine, "before_cursor_execute", tel)
    # Besides claiming: twenty deliveries are recorded in a statement or two (their ends
    # are gathered for VERZAMEL seconds after the first), not one each.
    assert len(updates) <= 2, updates
    with app.app_context():
        assert set(db.session.scalars(select(Bezorging.status))) == {"bezorgd"}


def test_a_worker_that_does_not_plan_leaves_the_reminders_to_another(app, monkeypatch):
    """With several workers one plans; the others (WORKER_PLANNER off) only deliver."""
    geroepen: list[int] = []
    monkeypatch.setattr("core.meldingen.planner.plan", lambda *a: geroepen.append(1) or 0)
    app.config.update(WORKER_PLANNER=False)
    draai(app, eenmalig=True)
    assert geroepen == []
    app.config.update(WORKER_PLANNER=True)
    draai(app, eenmalig=True)
    assert geroepen == [1]
