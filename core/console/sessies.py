"""Server-side console sessions as Flask's session interface.

Views, the CSRF check and authlib keep using :data:`flask.session`; what they put in
it is kept in ``console_sessies`` (:class:`core.console.models.ConsoleSessie`), and the
cookie holds only a random id (HttpOnly, SameSite=Lax, and outside development Secure
with the ``__Host-`` prefix). Only requests to the console look at the cookie: the API
never reads or writes a session.

- At login the session gets a new id (:meth:`ServerSessie.vernieuw`): no fixation.
- A request extends the idle timeout (at most once a minute, one UPDATE), never past
  the absolute maximum counted from login.
- An emptied session (logout) deletes its row before the answer leaves, so a copy of
  the cookie is dead at once; :func:`beeindig_sessies` ends all of a gebruiker's
  sessions in the caller's transaction (a role change, an ended lidmaatschap).
- Expired rows are deleted whenever a new session is made.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, update
from werkzeug.datastructures import CallbackDict

from core.console.models import ConsoleSessie
from core.db import db, utcnow

CONSOLE_PAD = "/console"
#: How often the last-seen time (and so the idle timeout) is written.
RESOLUTIE = timedelta(minutes=1)
#: How long a login may take between leaving for the provider and coming back.
LOGIN_DUUR = timedelta(minutes=10)
#: Session keys kept in their own column; the rest goes into ``gegevens``.
KOLOMMEN = {"gebruiker_id": "gebruiker_id", "id_token": "id_token", "_csrf": "csrf_token"}


def _hash(waarde: str) -> str:
    return hashlib.sha256(waarde.encode()).hexdigest()


class ServerSessie(CallbackDict, SessionMixin):
    """The session of one console request: a dict whose changes are saved at the end."""

    def __init__(self, initial: dict[str, Any] | None = None, *, hash: str | None = None):
        def on_update(self) -> None:
            self.modified = True

        super().__init__(initial, on_update)
        self.modified = False
        #: The row this session was read from; None for a new session.
        self.hash = hash
        #: A console cookie came with the request (perhaps of an ended session).
        self.cookie_gezien = False
        self.vernieuwen = False

    def vernieuw(self) -> None:
        """Save under a new id and delete the old row (at login)."""
        self.vernieuwen = True
        self.modified = True


def _in_console(request: Request) -> bool:
    return request.path == CONSOLE_PAD or request.path.startswith(CONSOLE_PAD + "/")


def _verloopt(app: Flask, aangemaakt: datetime, nu: datetime, ingelogd: bool) -> datetime:
    if not ingelogd:
        return min(nu + LOGIN_DUUR, aangemaakt + LOGIN_DUUR)
    return min(nu + timedelta(minutes=app.config["CONSOLE_SESSIE_INACTIEF_MINUTEN"]),
               aangemaakt + timedelta(hours=app.config["CONSOLE_SESSIE_MAX_UREN"]))


def beeindig_sessies(gebruiker_id: uuid.UUID | None) -> None:
    """End every console session of a gebruiker, in the caller's transaction."""
    if gebruiker_id is not None:
        db.session.execute(delete(ConsoleSessie).where(ConsoleSessie.gebruiker_id == gebruiker_id))


class SessieOpslag(SessionInterface):
    """Flask's session interface over ``console_sessies``."""

    def open_session(self, app: Flask, request: Request) -> ServerSessie:
        sessie = ServerSessie()
        waarde = request.cookies.get(self.get_cookie_name(app)) if _in_console(request) else None
        if not waarde:
            return sessie
        sessie.cookie_gezien = True
        nu = utcnow()
        rij = db.session.get(ConsoleSessie, _hash(waarde))
        if rij is None or rij.verloopt_op <= nu:
            return sessie
        gegevens = dict(rij.gegevens or {})
        for sleutel, kolom in KOLOMMEN.items():
            if getattr(rij, kolom) is not None:
                gegevens[sleutel] = str(getattr(rij, kolom))
        sessie = ServerSessie(gegevens, hash=rij.hash)
        sessie.cookie_gezien = True
        if nu - rij.laatst_gezien_op >= RESOLUTIE:
            db.session.execute(
                update(ConsoleSessie).where(ConsoleSessie.hash == rij.hash).values(
                    laatst_gezien_op=nu,
                    verloopt_op=_verloopt(app, rij.aangemaakt_op, nu, rij.gebruiker_id is not None)),
                execution_options={"synchronize_session": False})
            db.session.commit()
        return sessie

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not isinstance(session, ServerSessie) or not (session.hash or session.cookie_gezien
                                                         or session.modified):
            return
        response.vary.add("Cookie")
        if not session:
            if session.hash:
                self._schrijf(delete(ConsoleSessie).where(ConsoleSessie.hash == session.hash))
            self._wis_cookie(app, response)
            return
        if not session.modified:
            return
        waarden = self._kolommen(session)
        if session.hash and not session.vernieuwen:
            bijgewerkt = self._schrijf(
                update(ConsoleSessie).where(ConsoleSessie.hash == session.hash).values(**waarden))
            if bijgewerkt == 0:  # ended during this request (a role change): stays ended
                self._wis_cookie(app, response)
            return
        nu = utcnow()
        waarde = secrets.token_urlsafe(32)
        db.session.rollback()  # what the view left uncommitted is not this write's
        if session.hash:
            db.session.execute(delete(ConsoleSessie).where(ConsoleSessie.hash == session.hash))
        db.session.execute(delete(ConsoleSessie).where(ConsoleSessie.verloopt_op <= nu))
        db.session.add(ConsoleSessie(
            hash=_hash(waarde), aangemaakt_op=nu, laatst_gezien_op=nu,
            verloopt_op=_verloopt(app, nu, nu, waarden["gebruiker_id"] is not None), **waarden))
        db.session.commit()
        response.set_cookie(
            self.get_cookie_name(app), waarde, path=self.get_cookie_path(app),
            domain=self.get_cookie_domain(app), secure=self.get_cookie_secure(app),
            httponly=self.get_cookie_httponly(app), samesite=self.get_cookie_samesite(app))

    @staticmethod
    def _kolommen(session: ServerSessie) -> dict[str, Any]:
        gebruiker_id = session.get("gebruiker_id")
        return {
            "gebruiker_id": uuid.UUID(str(gebruiker_id)) if gebruiker_id else None,
            "id_token": session.get("id_token"),
            "csrf_token": session.get("_csrf"),
            "gegevens": {k: v for k, v in session.items() if k not in KOLOMMEN},
        }

    @staticmethod
    def _schrijf(statement) -> int:
        db.session.rollback()  # what the view left uncommitted is not this write's
        aantal = db.session.execute(statement, execution_options={
            "synchronize_session": False}).rowcount
        db.session.commit()
        return aantal

    def _wis_cookie(self, app: Flask, response: Response) -> None:
        response.delete_cookie(
            self.get_cookie_name(app), path=self.get_cookie_path(app),
            domain=self.get_cookie_domain(app), secure=self.get_cookie_secure(app),
            httponly=self.get_cookie_httponly(app), samesite=self.get_cookie_samesite(app))
