"""The console session's clock, on the server: an idle or too old session logs nobody
in, and a request extends the idle timeout but never past the maximum after login."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta

from core.console.models import ConsoleSessie
from core.db import db, utcnow
from core.gebruikers.models import Gebruiker

COOKIE = "afnemersportaal_sessie"


def _sessie(app, *, aangemaakt: timedelta, gezien: timedelta, verloopt: timedelta) -> str:
    """A logged-in session made ``aangemaakt`` ago, last seen ``gezien`` ago, that
    expires ``verloopt`` from now (negative: expired). Returns the cookie's value."""
    waarde = secrets.token_urlsafe(32)
    nu = utcnow()
    with app.app_context():
        gebruiker = Gebruiker(issuer="http://idp.example", subject=uuid.uuid4().hex,
                              email="klok@sessie.example", email_geverifieerd=True,
                              naam="Klok Sessie")
        db.session.add(gebruiker)
        db.session.flush()
        db.session.add(ConsoleSessie(
            hash=hashlib.sha256(waarde.encode()).hexdigest(), gebruiker_id=gebruiker.id,
            aangemaakt_op=nu - aangemaakt, laatst_gezien_op=nu - gezien,
            verloopt_op=nu + verloopt, csrf_token="csrf", gegevens={}))
        db.session.commit()
    return waarde


def _verloopt_op(app, waarde: str):
    with app.app_context():
        return db.session.get(ConsoleSessie, hashlib.sha256(waarde.encode()).hexdigest()
                              ).verloopt_op


def test_an_expired_session_logs_nobody_in(app, client):
    levend = _sessie(app, aangemaakt=timedelta(hours=1), gezien=timedelta(minutes=5),
                     verloopt=timedelta(minutes=25))
    client.set_cookie(COOKIE, levend)
    assert "Klok Sessie" in client.get("/console/").get_data(as_text=True)

    verlopen = _sessie(app, aangemaakt=timedelta(hours=1), gezien=timedelta(minutes=31),
                       verloopt=-timedelta(minutes=1))
    client.set_cookie(COOKIE, verlopen)
    antwoord = client.get("/console/")
    assert "Klok Sessie" not in antwoord.get_data(as_text=True)
    assert COOKIE in antwoord.headers.get("Set-Cookie", "")  # the browser forgets it


def test_a_request_extends_the_idle_timeout_but_not_past_the_maximum(app, client):
    app.config.update(CONSOLE_SESSIE_INACTIEF_MINUTEN=30, CONSOLE_SESSIE_MAX_UREN=12)
    jong = _sessie(app, aangemaakt=timedelta(hours=1), gezien=timedelta(minutes=5),
                   verloopt=timedelta(minutes=25))
    client.set_cookie(COOKIE, jong)
    voor = utcnow()
    client.get("/console/")
    assert voor + timedelta(minutes=29) < _verloopt_op(app, jong) <= utcnow() + timedelta(
        minutes=30)

    oud = _sessie(app, aangemaakt=timedelta(hours=11, minutes=50), gezien=timedelta(minutes=5),
                  verloopt=timedelta(minutes=25))
    client.set_cookie(COOKIE, oud)
    client.get("/console/")
    # Ten minutes left of the twelve hours, not thirty.
    over = _verloopt_op(app, oud) - utcnow()
    assert timedelta(minutes=9) < over <= timedelta(minutes=10)
