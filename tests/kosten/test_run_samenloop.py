"""The cost run reads the usage aggregate on a connection of its own while it reads the
aansluitingen, but only when its session has no transaction yet: usage the caller wrote
and has not committed must still count."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select, text

from core.afnemers.models import Afnemer
from core.db import bulk_laden, db, utcnow
from core.kosten.models import KostenrunRegel
from core.kosten.run import kostenrun
from core.verbruik.models import VerbruikRegel
from tests.kosten.conftest import maanden


def _regels(run_id) -> list[tuple]:
    return sorted(db.session.execute(
        select(KostenrunRegel.aansluiting_id, KostenrunRegel.code,
               KostenrunRegel.hoeveelheid, KostenrunRegel.bedrag_incl_btw)
        .where(KostenrunRegel.kostenrun_id == run_id)).all(), key=str)


def test_a_fresh_run_and_one_inside_a_transaction_give_the_same_lines(
        app, api, maak_afnemer, aangesloten, digipoort_tarieven, laad_verbruik):
    for soort in ("gemeente", "bedrijf", "provincie"):
        dp = aangesloten(maak_afnemer(soort)["id"])
        laad_verbruik(*maanden(dp["id"], 2027, 2400))
    with app.app_context():
        assert not db.session.in_transaction()
        naast = kostenrun(2027, door="test")  # the aggregate in a thread
        db.session.commit()
        db.session.execute(text("SELECT 1"))
        assert db.session.in_transaction()
        na = kostenrun(2027, door="test")  # all on the session's own connection
        db.session.commit()
        assert naast.totaal_incl_btw == na.totaal_incl_btw
        assert naast.aantal_regels == na.aantal_regels > 0
        assert [r[1:] for r in _regels(naast.id)] == [r[1:] for r in _regels(na.id)]


def test_usage_written_in_the_same_transaction_counts(
        app, api, maak_afnemer, aangesloten, digipoort_tarieven):
    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    with app.app_context():
        bulk_laden(VerbruikRegel.__table__,
                   ("aansluiting_id", "metriek", "datum", "afnemer_id", "aantal",
                    "gewijzigd_op"),
                   [(uuid.UUID(dp["id"]), "berichten", date(2027, 5, 1),
                     uuid.UUID(afnemer["id"]), 1000, utcnow())])
        assert db.session.get(Afnemer, uuid.UUID(afnemer["id"])) is not None
        run = kostenrun(2027, door="test")
        assert f"{run.totaal_incl_btw:.2f}" == "590.00"  # 1,000 x 0.59, not yet committed
        db.session.rollback()


def test_the_run_sees_activation_days_in_amsterdam_on_every_backend(
        app, api, maak_afnemer, aangesloten):
    """AV 11.1 counts days in the Netherlands: a moment late in the UTC evening is the next
    day in Europe/Amsterdam, in winter (UTC+1) and in summer (UTC+2). PostgreSQL converts
    in the query, SQLite in Python; both must give the same day."""
    from datetime import UTC, datetime

    from core.aansluitingen.models import Aansluiting
    from core.kosten.berekening import kosten_feiten

    winter = aangesloten(maak_afnemer("gemeente")["id"])
    zomer = aangesloten(maak_afnemer("provincie")["id"])
    with app.app_context():
        for gegeven, moment, einde in (
                (winter, datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
                 datetime(2027, 1, 31, 22, 59, tzinfo=UTC)),
                (zomer, datetime(2027, 6, 30, 22, 30, tzinfo=UTC),
                 datetime(2027, 10, 26, 21, 59, tzinfo=UTC))):
            aansluiting = db.session.get(Aansluiting, uuid.UUID(gegeven["id"]))
            aansluiting.geactiveerd_op, aansluiting.beeindigd_op = moment, einde
        db.session.commit()
        feiten = {k.id: k for lijst in kosten_feiten().values() for k in lijst}
    assert feiten[uuid.UUID(winter["id"])].geactiveerd_op == date(2027, 1, 1)
    assert feiten[uuid.UUID(winter["id"])].beeindigd_op == date(2027, 1, 31)
    assert feiten[uuid.UUID(zomer["id"])].geactiveerd_op == date(2027, 7, 1)
    assert feiten[uuid.UUID(zomer["id"])].beeindigd_op == date(2027, 10, 26)
