"""Statements per console page, in the world of test_statement_counts.py: every console GET
page whose address needs no id but the afnemer's issues as many statements with 1,000 rows
as with 10, as the API's GET endpoints do (a page reads through the API in process, so an
N+1 in a page is a loop over rows that asks the API or the database once per row).

The pages come from the URL map, so a new page is measured without an edit here: the
pages of one afnemer (``/console/afnemers/<afnemer_id>/...``) as that afnemer's beheerder
and as a Logius beheerder, every other page as a Logius beheerder (who may also change
every dienst's reference data, so the product teams' pages answer too). Each person is
logged in by a console session on the server, as tests/console/conftest.py does.

What is not counted, besides what the API's count leaves out: the session's idle
timeout, extended at most once a minute by one UPDATE (``laatst_gezien_op``), which lands
on whichever request is under way then.
"""

from __future__ import annotations

from sqlalchemy import event

from core import create_app
from core.auth.principal import Rol
from core.db import db
from tests.console.conftest import maak_console_client

AFNEMER = "/console/afnemers/<uuid:afnemer_id>"

#: Console GET pages not measured, with the reason.
UITGEZONDERD = {
    "/console/login": "sends the browser to the provider; reads no table",
    "/console/auth/callback": "the provider's answer to a login, not a page",
    "/console/static/<path:filename>": "static files",
}

#: Pages that read more as the rows grow, known and still to fix: the test expects them
#: to fail (strictly: once fixed, it says so and the entry goes).
BEKEND = {
}

#: What a page's address needs in its query, from the world.
QUERY = {
    "/console/afnemers/<uuid:afnemer_id>/prognoses/nieuw":
        lambda wereld: f"?aansluitingId={wereld.digid['id']}",
}


def _console_regels() -> list[str]:
    app = create_app({"DATABASE_URL": "sqlite://", "TESTING": True, "SECRET_KEY": "test"})
    regels = sorted({
        r.rule for r in app.url_map.iter_rules()
        if "GET" in r.methods and r.rule.startswith("/console")
        and set(r.arguments) <= {"afnemer_id"}})
    db.dispose(app)
    return regels


REGELS = _console_regels()
#: (page, role): an afnemer's pages for its beheerder and for Logius, the rest for Logius.
GEVALLEN = [(regel, rol) for regel in REGELS for rol in ("afnemer", "logius")
            if rol == "logius" or regel.startswith(AFNEMER + "/")]


class ConsoleTeller:
    """The two people of the console, logged in, and their counts per page."""

    def __init__(self, app, client, wereld) -> None:
        self.app, self.wereld, afnemer_id = app, wereld, wereld.a
        self.mensen = {
            "afnemer": maak_console_client(app, client, Rol.AFNEMER_BEHEERDER, afnemer_id),
            "logius": maak_console_client(app, client, Rol.LOGIUS_BEHEERDER),
        }

    def tel(self) -> dict[tuple[str, str], int | str]:
        """Statements per (``console-<role>``, page); a failing page gives its status."""
        with self.app.app_context():
            engine = db.engine
        teller = [0]

        def tel(_conn, _cursor, statement, *_args):
            schoon = statement.lstrip().upper()
            if not (schoon.startswith("UPDATE") and ("laatst_gebruikt_op" in statement
                                                     or "laatst_gezien_op" in statement)):
                teller[0] += 1

        uit: dict[tuple[str, str], int | str] = {}
        for persoon in self.mensen.values():
            persoon.get("/console/")  # the session's first touch, before counting
        event.listen(engine, "before_cursor_execute", tel)
        try:
            for regel, rol in GEVALLEN:
                if regel in UITGEZONDERD:
                    continue
                pad = regel.replace("<uuid:afnemer_id>", str(self.wereld.a))
                pad += QUERY[regel](self.wereld) if regel in QUERY else ""
                teller[0] = 0
                antwoord = self.mensen[rol].get(pad)
                uit[f"console-{rol}", regel] = teller[0] if antwoord.status_code == 200 else (
                    f"GET {pad} answered {antwoord.status_code}: "
                    f"{antwoord.get_data(as_text=True)[:300]}")
        finally:
            event.remove(engine, "before_cursor_execute", tel)
        return uit


def controleer(klein: dict, groot: dict, regel: str, rol: str) -> None:
    """The page's statements with 1,000 rows are those with 10."""
    sleutel = (f"console-{rol}", regel)
    assert sleutel in klein, f"{regel} is no console GET page any more"
    klein, groot = klein[sleutel], groot[sleutel]
    assert isinstance(klein, int), klein
    assert isinstance(groot, int), groot
    assert groot == klein, (
        f"console {regel} as {rol}: {klein} statements with 10 rows, {groot} with 1,000")
