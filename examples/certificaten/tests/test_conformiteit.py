"""The Certificatenregister against everything core expects of a dienst (the conformance
kit, :mod:`core.sdk.testing`), and then against its own rules, on the kit's databases
(SQLite and PostgreSQL, each with core's tables and the register's own).

The register's own tests are methods of the same class, so they get the kit's
``conformiteit`` fixture: the app with every installed plugin, a Logius client and
afnemers A and B, each with a beheerder's client. From core they import only the SDK.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from html import unescape as html_unescape

import pytest
from sqlalchemy import create_engine, inspect, text

from core.sdk import AMSTERDAM
from core.sdk.testing import ApiClient, Conformiteit

VERLOOPT = "certificaten.certificaat-verloopt"


def _vandaag():
    return datetime.now(AMSTERDAM).date()


def _over(dagen: int) -> str:
    return (_vandaag() + timedelta(days=dagen)).isoformat()


def _registreer(api: ApiClient, afnemer_id: str, naam: str, verloopt_op: str) -> dict:
    antwoord = api.post(f"/afnemers/{afnemer_id}/certificaten",
                        json={"naam": naam, "verlooptOp": verloopt_op})
    assert antwoord.status_code == 201, antwoord.get_json()
    return {**antwoord.get_json(), "etag": antwoord.headers["ETag"],
            "pad": f"/afnemers/{afnemer_id}/certificaten/{antwoord.get_json()['id']}"}


def _waarschuwingen(api: ApiClient, afnemer_id: str, certificaat_id: str) -> list[dict]:
    feed = api.get(f"/afnemers/{afnemer_id}/gebeurtenissen",
                   query_string={"type": VERLOOPT, "paginaGrootte": 100}).get_json()
    return [g for g in feed["resultaten"] if g["data"]["certificaatId"] == certificaat_id]


class TestConformiteit(Conformiteit):
    dienst = "certificaten"
    # The body POST /afnemers/{afnemerId}/certificaten accepts (PATCH reuses it).
    voorbeelden = {"/certificaten": {"naam": "mijn.voorbeeldstad.nl",
                                     "verlooptOp": "2027-06-30"}}

    # --- the route (VC 2.1, 2.2) --------------------------------------------------------

    def test_register_lists_creates_reads_and_patches(self, conformiteit):
        a = conformiteit.a
        lijst = f"/afnemers/{a.id}/certificaten"
        later = _registreer(a.api, a.id, "route-later.voorbeeld.nl", _over(300))
        eerder = _registreer(a.api, a.id, "route-eerder.voorbeeld.nl", _over(200))
        assert later["verlooptOp"] == _over(300) and later["id"]

        # The list: by expiry date, paginated with a Link to the next page.
        eigen = [c["naam"] for c in a.api.get(lijst, query_string={"paginaGrootte": 100})
                 .get_json()["resultaten"] if c["naam"].startswith("route-")]
        assert eigen == ["route-eerder.voorbeeld.nl", "route-later.voorbeeld.nl"]
        pagina = a.api.get(lijst, query_string={"paginaGrootte": 1})
        assert pagina.get_json()["paginering"]["totaalAantal"] >= 2
        assert 'rel="next"' in pagina.headers["Link"]

        # One certificate, with its ETag; a change needs the current one.
        gelezen = a.api.get(eerder["pad"])
        assert gelezen.status_code == 200 and gelezen.headers["ETag"] == eerder["etag"]
        zonder = a.api.patch(eerder["pad"], json={"naam": "route-nieuw.voorbeeld.nl"})
        assert zonder.status_code == 428
        oud = a.api.patch(eerder["pad"], json={"naam": "x"}, headers={"If-Match": '"99"'})
        assert oud.status_code == 412
        nieuw = a.api.patch(eerder["pad"], json={"naam": "route-nieuw.voorbeeld.nl"},
                            headers={"If-Match": eerder["etag"]})
        assert nieuw.status_code == 200, nieuw.get_json()
        assert nieuw.get_json()["naam"] == "route-nieuw.voorbeeld.nl"
        assert nieuw.get_json()["verlooptOp"] == _over(200)  # only what was sent changed
        assert nieuw.headers["ETag"] != eerder["etag"]

    def test_invalid_input_names_every_field(self, conformiteit):
        a = conformiteit.a
        fout = a.api.post(f"/afnemers/{a.id}/certificaten",
                          json={"naam": "   ", "verlooptOp": "morgen"})
        assert fout.status_code == 400
        assert fout.mimetype == "application/problem+json"
        assert {p["name"] for p in fout.get_json()["invalidParams"]} == {"naam", "verlooptOp"}

    def test_an_afnemer_sees_only_its_own_certificates(self, conformiteit):
        a, b = conformiteit.a, conformiteit.b
        van_a = _registreer(a.api, a.id, "eigen.a.voorbeeld.nl", _over(120))
        assert b.api.get(van_a["pad"]).status_code == 404
        assert b.api.get(f"/afnemers/{a.id}/certificaten").status_code == 404
        bij_b = b.api.get(f"/afnemers/{b.id}/certificaten/{van_a['id']}")
        assert bij_b.status_code == 404
        namen = [c["naam"] for c in b.api.get(f"/afnemers/{b.id}/certificaten",
                                               query_string={"paginaGrootte": 100})
                 .get_json()["resultaten"]]
        assert "eigen.a.voorbeeld.nl" not in namen

    # --- the table (dienst_migraties) ---------------------------------------------------

    def test_the_table_holds_the_afnemers_rows_at_the_newest_revision(self, conformiteit):
        a = conformiteit.a
        gemaakt = _registreer(a.api, a.id, "tabel.voorbeeld.nl", _over(150))
        engine = create_engine(conformiteit.url)
        try:
            kolommen = {k["name"] for k in inspect(engine).get_columns(
                "certificaten_servercertificaten")}
            assert {"id", "afnemer_id", "naam", "verloopt_op", "versie"} <= kolommen
            with engine.connect() as verbinding:
                revisie = verbinding.execute(text(
                    "SELECT version_num FROM certificaten_alembic_version")).scalar_one()
                [rij] = verbinding.execute(text(
                    "SELECT id, afnemer_id FROM certificaten_servercertificaten "
                    "WHERE naam = 'tabel.voorbeeld.nl'")).all()
        finally:
            engine.dispose()
        assert revisie == "certificaten0001"
        # UUIDs are stored natively on PostgreSQL and as 32 hex digits on SQLite.
        assert {str(rij.id).replace("-", ""), str(rij.afnemer_id).replace("-", "")} == {
            gemaakt["id"].replace("-", ""), a.id.replace("-", "")}

    # --- the event (VC 4.1) and the deadline calendar (VC 4.2) --------------------------

    def test_a_certificate_within_the_warning_period_is_announced(self, conformiteit):
        a = conformiteit.a
        binnenkort = _registreer(a.api, a.id, "binnenkort.voorbeeld.nl", _over(10))
        [melding] = _waarschuwingen(a.api, a.id, binnenkort["id"])
        assert melding["data"]["artikel"] == "VC 4.1"
        assert melding["data"]["verlooptOp"] == _over(10)
        assert "binnenkort.voorbeeld.nl" in melding["onderwerp"]

        # Outside the period (default 30 days): no event; moved into it: one.
        ruim = _registreer(a.api, a.id, "ruim.voorbeeld.nl", _over(90))
        assert _waarschuwingen(a.api, a.id, ruim["id"]) == []
        naam = a.api.patch(ruim["pad"], json={"naam": "ruim-2.voorbeeld.nl"},
                           headers={"If-Match": ruim["etag"]})
        assert _waarschuwingen(a.api, a.id, ruim["id"]) == []  # the date did not change
        korter = a.api.patch(ruim["pad"], json={"verlooptOp": _over(5)},
                             headers={"If-Match": naam.headers["ETag"]})
        assert korter.status_code == 200, korter.get_json()
        assert len(_waarschuwingen(a.api, a.id, ruim["id"])) == 1
        # It is afnemer A's event, not B's.
        assert _waarschuwingen(conformiteit.b.api, conformiteit.b.id, ruim["id"]) == []

    def test_expiry_dates_are_in_the_deadline_calendar(self, conformiteit):
        a, b = conformiteit.a, conformiteit.b
        gemaakt = _registreer(a.api, a.id, "agenda.voorbeeld.nl", _over(60))
        posten = a.api.get(f"/afnemers/{a.id}/deadlines").get_json()["resultaten"]
        [post] = [p for p in posten if p["id"] == f"certificaten-certificaat-{gemaakt['id']}"]
        assert post["datum"] == _over(60) and post["artikel"] == "VC 4.2"
        assert post["soort"] == "certificaat-verloopt"
        van_b = b.api.get(f"/afnemers/{b.id}/deadlines").get_json()["resultaten"]
        assert all(gemaakt["id"] not in p["id"] for p in van_b)

    # --- the console pages (dienst_console) ---------------------------------------------

    def test_the_console_lists_registers_and_changes_certificates(self, conformiteit):
        """The beheerder's pages: what the API holds, a registration and a change through
        the forms, a refusal beside its field, and a stale change refused (If-Match)."""
        a = conformiteit.a
        beheerder = conformiteit.console("afnemer-beheerder", a.id)
        pagina, lijst = f"/afnemers/{a.id}/certificaten", f"/afnemers/{a.id}/certificaten"
        html = beheerder.tekst(pagina)
        assert f'href="/console{pagina}"' in html  # the plugin's own menu item
        assert 'name="verlooptOp"' in html

        def namen() -> list[str]:
            return [c["naam"] for c in a.api.get(lijst, query_string={"paginaGrootte": 100})
                    .get_json()["resultaten"]]

        voor = namen()
        fout = beheerder.post(pagina, {"naam": "console.voorbeeld.nl", "verlooptOp": "morgen"})
        assert fout.status_code == 400
        assert 'data-veldfout="verlooptOp"' in fout.get_data(as_text=True)
        assert 'value="console.voorbeeld.nl"' in fout.get_data(as_text=True)  # kept
        assert namen() == voor
        gedaan = beheerder.post(pagina, {"naam": "console.voorbeeld.nl",
                                         "verlooptOp": _over(200)})
        assert gedaan.status_code == 302
        [nieuw] = [c for c in a.api.get(lijst, query_string={"paginaGrootte": 100})
                   .get_json()["resultaten"] if c["naam"] == "console.voorbeeld.nl"]
        assert nieuw["verlooptOp"] == _over(200)
        assert "console.voorbeeld.nl" in beheerder.tekst(pagina)

        item = f"{pagina}/{nieuw['id']}"
        etag = re.search(r'name="etag" value="([^"]+)"', beheerder.tekst(item)).group(1)
        bijgewerkt = beheerder.post(item, {"etag": html_unescape(etag),
                                           "naam": "console.voorbeeld.nl",
                                           "verlooptOp": _over(250)})
        assert bijgewerkt.status_code == 302
        assert a.api.get(f"{lijst}/{nieuw['id']}").get_json()["verlooptOp"] == _over(250)
        # The ETag read before that change is stale now: refused, nothing overwritten.
        oud = beheerder.post(item, {"etag": html_unescape(etag), "naam": "oud.voorbeeld.nl",
                                    "verlooptOp": _over(100)})
        assert oud.status_code == 412
        assert a.api.get(f"{lijst}/{nieuw['id']}").get_json()["naam"] == "console.voorbeeld.nl"

    def test_a_medewerker_reads_and_another_afnemer_sees_nothing(self, conformiteit):
        a, b = conformiteit.a, conformiteit.b
        gemaakt = _registreer(a.api, a.id, "inzage.voorbeeld.nl", _over(120))
        pagina = f"/afnemers/{a.id}/certificaten"
        medewerker = conformiteit.console("afnemer-medewerker", a.id)
        for pad in (pagina, f"{pagina}/{gemaakt['id']}"):
            html = medewerker.tekst(pad)
            assert "inzage.voorbeeld.nl" in html and 'name="naam"' not in html
        vervalst = medewerker.post(f"{pagina}/{gemaakt['id']}", {
            "etag": gemaakt["etag"], "naam": "stiekem.voorbeeld.nl"})
        assert vervalst.status_code == 403
        assert a.api.get(gemaakt["pad"]).get_json()["naam"] == "inzage.voorbeeld.nl"
        van_b = conformiteit.console("afnemer-beheerder", b.id)
        assert van_b.get(pagina).status_code == 404
        assert van_b.get(f"{pagina}/{gemaakt['id']}").status_code == 404
        assert van_b.get(f"/afnemers/{b.id}/certificaten/{gemaakt['id']}").status_code == 404

    # --- the setting (dienst_instellingen, dienst_check_config) -------------------------

    def test_the_warning_period_is_a_setting(self, conformiteit):
        """``AFNEMERSPORTAAL_DIENST_CERTIFICATEN_WAARSCHUWINGSDAGEN``: with 120 days, a
        certificate that expires in 100 is announced at once."""
        from core.sdk.db import db

        app = self.maak_app(conformiteit.url, DIENST_CERTIFICATEN_WAARSCHUWINGSDAGEN="120")
        try:
            a = ApiClient(app.test_client(), conformiteit.a.token)
            ruim = _registreer(a, conformiteit.a.id, "instelling.voorbeeld.nl", _over(100))
            assert len(_waarschuwingen(a, conformiteit.a.id, ruim["id"])) == 1
        finally:
            db.dispose(app)

    @pytest.mark.parametrize(("waarde", "melding"), [
        ("400", "waarschuwingsdagen is hooguit 365"),
        ("0", "moet minstens 1 zijn"),
        ("veel", "moet een geheel getal zijn"),
    ])
    def test_a_wrong_warning_period_stops_start_up(self, conformiteit, waarde, melding):
        with pytest.raises(Exception, match=rf"plugin 'certificaten'.*{melding}"):
            self.maak_app(conformiteit.url, DIENST_CERTIFICATEN_WAARSCHUWINGSDAGEN=waarde)
