"""In-process console pages as a logged-in person, on both backends.

``console_als(rol, afnemer_id)`` makes a person with that role (an afnemer role at the
afnemer, or a Logius role), logs them in by a console session on the server (as the
login's callback would), and returns a client whose ``post`` sends the form's CSRF
token. The browser tests (test_login.py, tests/served/test_console_*.py) log in through
the real OpenID Provider; these test what a page shows and does, fast.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from datetime import timedelta

import pytest

from core.auth.principal import Rol
from core.console.models import ConsoleSessie
from core.db import db, utcnow
from core.gebruikers.models import Gebruiker, Lidmaatschap, LidmaatschapStatus

COOKIE = "afnemersportaal_sessie"


class ConsoleClient:
    """One person's browser, on the test's one client (pytest-flask's ``client`` keeps
    the last request's context until the next request, which only it may then close):
    the person's session cookie is set before each of their requests."""

    def __init__(self, client, csrf: str, gebruiker_id: uuid.UUID, sessie: str) -> None:
        self.client, self.csrf, self.gebruiker_id = client, csrf, gebruiker_id
        self.sessie = sessie

    def get(self, path: str, **kwargs):
        self.client.set_cookie(COOKIE, self.sessie)
        return self.client.get(_pad(path), **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs):
        self.client.set_cookie(COOKIE, self.sessie)
        return self.client.post(_pad(path), data={"csrf_token": self.csrf, **(data or {})},
                                **kwargs)

    def tekst(self, path: str) -> str:
        antwoord = self.get(path)
        assert antwoord.status_code == 200, (antwoord.status_code, antwoord.get_data(True)[:500])
        return antwoord.get_data(as_text=True)


def _pad(path: str) -> str:
    return path if path.startswith("/console") else "/console" + path


def zichtbare_tekst(html: str) -> str:
    """The page's text, tags removed and whitespace folded, for plain assertions."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def maak_console_client(app, client, rol: Rol | str, afnemer_id=None, *,
                        naam: str | None = None, email: str | None = None,
                        dienst: str | None = None) -> ConsoleClient:
    """A person with ``rol`` (at ``afnemer_id`` for an afnemer role), logged in by a
    console session on the server, browsing with ``client``."""
    rol = Rol(rol)
    waarde, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(16)
    nu = utcnow()
    email = email or f"{uuid.uuid4().hex[:8]}@console.example"
    with app.app_context():
        gebruiker = Gebruiker(
            issuer=app.config["OIDC_ISSUER"], subject=uuid.uuid4().hex, email=email,
            email_geverifieerd=True, naam=naam or f"Test {rol.value}",
            logius_rol=rol.value if rol in (Rol.LOGIUS_BEHEERDER, Rol.PRODUCTTEAM) else None,
            productteam_dienst=dienst if rol is Rol.PRODUCTTEAM else None)
        db.session.add(gebruiker)
        db.session.flush()
        if afnemer_id is not None and rol not in (Rol.LOGIUS_BEHEERDER, Rol.PRODUCTTEAM):
            db.session.add(Lidmaatschap(
                afnemer_id=uuid.UUID(str(afnemer_id)), gebruiker_id=gebruiker.id,
                email=email, rol=rol.value, status=LidmaatschapStatus.ACTIEF.value,
                uitgenodigd_door="test", geaccepteerd_op=nu))
        db.session.add(ConsoleSessie(
            hash=hashlib.sha256(waarde.encode()).hexdigest(), gebruiker_id=gebruiker.id,
            aangemaakt_op=nu, laatst_gezien_op=nu, verloopt_op=nu + timedelta(hours=1),
            csrf_token=csrf, gegevens={}))
        db.session.commit()
        gebruiker_id = gebruiker.id
    return ConsoleClient(client, csrf, gebruiker_id, waarde)


@pytest.fixture
def console_als(app, client):
    def login(rol: Rol | str, afnemer_id=None, **kwargs) -> ConsoleClient:
        return maak_console_client(app, client, rol, afnemer_id, **kwargs)

    return login
