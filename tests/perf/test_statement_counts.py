"""SQL statements per request: every list and detail endpoint issues as many statements
with 10,000 rows as with 10. A count that grows with the data is an N+1.

One afnemer (and, for Logius' views, the platform) first gets 10 rows of everything a
GET endpoint lists, bulk loaded; every endpoint is called once and its statements are
counted (``before_cursor_execute`` on the app's engine: every statement sent to the
database, BEGIN/COMMIT included when the driver sends them as statements). Then every
table grows to 10,000 rows and the endpoints are called again. The endpoints come from
the URL map, so a new one without a case here fails the test.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from core.aankondigingen.models import Aankondiging, Ontvanger
from core.aansluitingen.models import Aansluiting, Statuswijziging
from core.afnemers.models import Afnemer
from core.audit.models import AuditRegel
from core.auth.models import ApiToken
from core.auth.principal import Rol
from core.contactpersonen.models import Contactpersoon
from core.db import bulk_laden, db
from core.gebruikers.models import Lidmaatschap, MachineClient
from core.koppelvlakken.models import KoppelvlakGebruik
from core.kosten.models import Kostenrun, KostenrunRegel
from core.meldingen.models import Bezorging, Gebeurtenis, WebhookEndpoint
from core.prognoses.models import Prognose
from core.tarieven.models import BtwTarief
from core.verbruik.models import VerbruikRegel, Voorcalculatie
from core.wijzigingsmeldingen.models import Wijzigingsmelding

KLEIN, GROOT = 10, 10_000
NU = datetime(2026, 6, 1, 12, tzinfo=UTC)

#: Endpoints whose statements are not about rows: the contract itself.
UITGEZONDERD = {"/api/v1/openapi.json": "the OpenAPI document is built once, from no table"}


def _laad(model, rijen: list[dict]) -> None:
    if rijen:
        kolommen = list(rijen[0])
        bulk_laden(model.__table__, kolommen, (tuple(r[k] for k in kolommen) for r in rijen))


class Wereld:
    """The tenant under test and the ids its endpoints need."""

    def __init__(self, api, maak_afnemer, maak_aansluiting, maak_contactpersoon) -> None:
        self.afnemer = maak_afnemer()
        self.a = uuid.UUID(self.afnemer["id"])
        self.digid = maak_aansluiting(self.afnemer["id"], dienst="digid")
        self.dp = maak_aansluiting(self.afnemer["id"], dienst="digipoort",
                                   onderdelen=("e-factureren",))
        maak_contactpersoon(self.afnemer["id"], rol="algemeen")
        koppelvlak = api.get("/diensten/digid/koppelvlakken").get_json()["resultaten"][0]
        self.koppelvlak = koppelvlak["id"]
        self.kv_versie = koppelvlak["versies"][0]["versie"]
        sleutel = api.post(f"/afnemers/{self.afnemer['id']}/agenda-sleutel")
        assert sleutel.status_code == 201, sleutel.get_json()
        self.feed = sleutel.get_json()["feedUrl"].split("/api/v1", 1)[1]
        self.geheim = api.post(f"/afnemers/{self.afnemer['id']}/webhooks", json={
            "url": "https://gemeente.example/hook"}).get_json()
        for pad, body in (("/btw-tarieven/2026", {"percentage": "21"}),
                          ("/diensten/digid/tarieven/2026/authenticatie", {"bedrag": "0"}),
                          ("/diensten/digipoort/tarieven/2026/berichtenverkeer",
                           {"bedrag": "0.59"}),
                          ("/diensten/digipoort/tarieven/2026/individuele-begeleiding",
                           {"bedrag": "4400"})):
            gezet = api.request("PUT", pad, json=body, headers={"If-Match": "*"})
            assert gezet.status_code in (200, 201), gezet.get_json()
        self.gedaan = 0
        self.ids: dict[str, uuid.UUID] = {}
        self.kostenrun = uuid.uuid4()

    def groei(self, tot: int) -> None:
        """Bring every table to ``tot`` rows (for this afnemer, or platform-wide)."""
        van, self.gedaan = self.gedaan, tot
        a, digid, dp = self.a, uuid.UUID(self.digid["id"]), uuid.UUID(self.dp["id"])
        n = range(van, tot)
        nieuw = {naam: [uuid.uuid4() for _ in n] for naam in (
            "afnemer", "aansluiting", "elders", "contact", "gebeurtenis", "bezorging",
            "webhook", "token", "lid", "client", "prognose", "melding", "aankondiging",
            "ontvanger", "gebruik", "run", "statuswijziging", "voorcalculatie")}
        for naam, ids in nieuw.items():
            self.ids.setdefault(naam, ids[0] if ids else None)
        versie = {"versie": 1}
        tijd = {"aangemaakt_op": NU, "gewijzigd_op": NU}
        _laad(Afnemer, [{"id": nieuw["afnemer"][j], "naam": f"Afnemer {i}",
                         "oin": f"00000008{i:012d}", "type": "gemeente", **tijd, **versie}
                        for j, i in enumerate(n)])
        # Ended aansluitingen of the tenant; one running DigiD one per other afnemer.
        _laad(Aansluiting, [{
            "id": nieuw["aansluiting"][j], "afnemer_id": a, "dienst": "digid",
            "omgeving": "productie", "onderdelen": ["midden"], "status": "beeindigd",
            "aanvraag_ondertekend_op": date(2020, 1, 1), "geactiveerd_op": NU,
            "beeindigd_op": NU, **tijd, **versie} for j, i in enumerate(n)] + [{
            "id": nieuw["elders"][j], "afnemer_id": nieuw["afnemer"][j], "dienst": "digid",
            "omgeving": "productie", "onderdelen": ["midden"], "status": "actief",
            "aanvraag_ondertekend_op": date(2020, 1, 1), "geactiveerd_op": NU,
            "beeindigd_op": None, **tijd, **versie} for j, i in enumerate(n)])
        _laad(Statuswijziging, [{
            "id": nieuw["statuswijziging"][j], "afnemer_id": a, "aansluiting_id": digid,
            "van": "aangevraagd", "naar": "actief", "door": "test", "tijdstip": NU}
            for j, i in enumerate(n)])
        _laad(Voorcalculatie, [{
            "id": nieuw["voorcalculatie"][j], "afnemer_id": a, "aansluiting_id": dp,
            "jaar": 2000 + i if i < 80 else 10_000 + i, "volumes": {"berichten": 1},
            "gewijzigd_door": "test", **tijd, **versie} for j, i in enumerate(n)])
        _laad(Contactpersoon, [{
            "id": nieuw["contact"][j], "afnemer_id": a, "naam": f"Contact {i}",
            "functie": None, "email": f"c{i}@gemeente.example", "telefoon": "+31701234567",
            "rol": "technisch", "bereikbaarheid": "kantooruren", **tijd, **versie}
            for j, i in enumerate(n)])
        _laad(WebhookEndpoint, [{
            "id": nieuw["webhook"][j], "afnemer_id": a, "url": f"https://g.example/{i}",
            "omschrijving": None, "typen": [], "geheim_versleuteld": "x", "actief": False,
            **tijd, **versie} for j, i in enumerate(n)])
        _laad(Gebeurtenis, [{
            "id": nieuw["gebeurtenis"][j], "afnemer_id": a, "type": "aankondiging.storing",
            "onderwerp": f"Storing {i}", "tekst": "Storing.", "data": {"artikel": "AV 7"},
            "aangemaakt_op": NU} for j, i in enumerate(n)])
        _laad(Bezorging, [{
            "id": nieuw["bezorging"][j], "gebeurtenis_id": nieuw["gebeurtenis"][j],
            "afnemer_id": a, "kanaal": "webhook", "webhook_id": None,
            "adres": "https://g.example/", "status": "bezorgd", "pogingen": 1,
            "volgende_poging_op": NU, "aangemaakt_op": NU} for j, i in enumerate(n)])
        _laad(ApiToken, [{
            "id": nieuw["token"][j], "afnemer_id": a, "naam": f"Token {i}",
            "rol": Rol.AFNEMER_MEDEWERKER.value, "prefix": f"afp_{i:04d}",
            "hash": uuid.uuid4().hex, "scopes": [], "aangemaakt_door": "test",
            "aangemaakt_op": NU, "verloopt_op": NU + timedelta(days=3650)}
            for j, i in enumerate(n)])
        _laad(AuditRegel, [{
            "afnemer_id": a, "actor": "test", "actor_naam": "Test", "actie": "gewijzigd",
            "resource_type": "contactpersoon", "resource_id": str(nieuw["contact"][j]),
            "wijzigingen": {}, "tijdstip": NU} for j, i in enumerate(n)])
        _laad(Lidmaatschap, [{
            "id": nieuw["lid"][j], "afnemer_id": a, "gebruiker_id": None,
            "email": f"lid{i}@gemeente.example", "rol": Rol.AFNEMER_MEDEWERKER.value,
            "status": "uitgenodigd", "uitgenodigd_door": "test", **tijd, **versie}
            for j, i in enumerate(n)])
        _laad(MachineClient, [{
            "id": nieuw["client"][j], "afnemer_id": a, "client_id": f"client-{i}",
            "naam": f"Client {i}", "scopes": [], "aangemaakt_door": "test", **tijd,
            **versie} for j, i in enumerate(n)])
        _laad(Prognose, [{
            "id": nieuw["prognose"][j], "afnemer_id": a,
            "aansluiting_id": digid if i % 2 else nieuw["aansluiting"][j],
            "dienst": "digid", "periode": "2027-04", "nummer": i + 1,
            "formulier": {"authenticatiesPerMaand": [1] * 12, "piekPerMinuut": 1},
            "ingediend_op": NU, "ingediend_door": "test"} for j, i in enumerate(n)])
        _laad(KoppelvlakGebruik, [{
            "id": nieuw["gebruik"][j], "afnemer_id": a,
            "aansluiting_id": nieuw["aansluiting"][j], "koppelvlak": self.koppelvlak,
            "nummer": self.kv_versie, **tijd, **versie} for j, i in enumerate(n)])
        _laad(VerbruikRegel, [{
            "aansluiting_id": digid, "metriek": "authenticaties",
            "datum": date(2000, 1, 1) + timedelta(days=i), "afnemer_id": a, "aantal": 1,
            "gewijzigd_op": NU} for i in n])
        _laad(Wijzigingsmelding, [{
            "id": nieuw["melding"][j], "afnemer_id": a, "omschrijving": f"Wijziging {i}",
            "dienst": None, "realisatiedatum": date(2026, 9, 1), "gemeld_op": date(2026, 6, 1),
            "uiterlijk_melden_op": date(2026, 8, 1), "te_laat": False,
            "geschonden_regel": None, "toelichting": "-", "gemeld_door": "test",
            "aangemaakt_op": NU} for j, i in enumerate(n)])
        _laad(Aankondiging, [{
            "id": nieuw["aankondiging"][j], "type": "storing", "titel": f"Storing {i}",
            "omschrijving": "Storing.", "artikel": "AV 7", "dienst": "digid",
            "aangemaakt_door": "test", "aangemaakt_op": NU} for j, i in enumerate(n)])
        _laad(Ontvanger, [{
            "id": nieuw["ontvanger"][j], "aankondiging_id": nieuw["aankondiging"][j],
            "afnemer_id": a, "status": "ter-kennisname", "gebeurtenis_id": None}
            for j, i in enumerate(n)])
        _laad(Kostenrun, [{
            "id": self.kostenrun if i == 0 else nieuw["run"][j], "jaar": 2026,
            "status": "voltooid", "door": "test", "gestart_op": NU, "fouten": [],
            "aantal_afnemers": 1, "aantal_regels": 1, "totaal_excl_btw": 0, "totaal_btw": 0,
            "totaal_incl_btw": 0} for j, i in enumerate(n)])
        _laad(KostenrunRegel, [{
            "kostenrun_id": self.kostenrun, "afnemer_id": a, "aansluiting_id": None,
            "dienst": "digipoort", "code": None, "metriek": None, "omschrijving": "Regel",
            "artikel": "DP tabel 1", "hoeveelheid": 1, "eenheid": "bericht", "tarief": 0,
            "inclusief_btw": True, "bedrag_excl_btw": 0, "btw": 0, "bedrag_incl_btw": 0}
            for i in n])
        _laad(BtwTarief, [{
            "jaar": 1000 + i if i < 900 else 3000 + i, "percentage": 21,
            "gewijzigd_door": "test", **tijd, **versie} for i in n])
        db.session.commit()

    def pad(self, regel: str) -> str:
        ids = self.ids
        waarden = {
            "afnemer_id": self.a, "aansluiting_id": self.digid["id"],
            "aankondiging_id": ids["aankondiging"], "token_id": ids["token"],
            "bezorging_id": ids["bezorging"], "contactpersoon_id": ids["contact"],
            "jaar": 2026, "gebeurtenis_id": ids["gebeurtenis"], "gebruik_id": ids["gebruik"],
            "lidmaatschap_id": ids["lid"], "machine_client_id": ids["client"],
            "prognose_id": ids["prognose"], "webhook_id": ids["webhook"],
            "wijzigingsmelding_id": ids["melding"], "slug": "digid",
            "koppelvlak": self.koppelvlak, "versie": self.kv_versie, "code": "authenticatie",
            "kostenrun_id": self.kostenrun,
        }
        if regel == "/api/v1/agenda/<waarde>":
            return self.feed
        pad = regel.removeprefix("/api/v1")
        for naam, waarde in waarden.items():
            for soort in ("uuid:", "jaar:", "string:", ""):
                pad = pad.replace(f"<{soort}{naam}>", str(waarde))
        assert "<" not in pad, f"no value for a parameter of {regel}"
        if pad.endswith("/controle"):
            pad += f"?versie={self.kv_versie}"
        return pad


def _endpoints(app) -> list[str]:
    return sorted({r.rule for r in app.url_map.iter_rules()
                   if "GET" in r.methods and r.rule.startswith("/api/v1")
                   and r.rule not in UITGEZONDERD})


def _tel(app, api, wereld: Wereld, regels: list[str]) -> dict[str, int]:
    with app.app_context():
        engine = db.engine
    teller = [0]

    def tel(*_args):
        teller[0] += 1

    uit = {}
    event.listen(engine, "before_cursor_execute", tel)
    try:
        for regel in regels:
            teller[0] = 0
            response = api.get(wereld.pad(regel))
            assert response.status_code == 200, (regel, response.status_code,
                                                 response.get_data(as_text=True)[:300])
            uit[regel] = teller[0]
    finally:
        event.remove(engine, "before_cursor_execute", tel)
    return uit


@pytest.mark.slow
def test_no_endpoint_issues_more_statements_with_more_rows(
        app, api, maak_afnemer, maak_aansluiting, maak_contactpersoon):
    wereld = Wereld(api, maak_afnemer, maak_aansluiting, maak_contactpersoon)
    regels = _endpoints(app)
    assert len(regels) > 40
    with app.app_context():
        wereld.groei(KLEIN)
    klein = _tel(app, api, wereld, regels)
    with app.app_context():
        wereld.groei(GROOT)
    groot = _tel(app, api, wereld, regels)
    gegroeid = [f"{regel}: {klein[regel]} statements with {KLEIN} rows, {groot[regel]} "
                f"with {GROOT}" for regel in regels if groot[regel] != klein[regel]]
    assert not gegroeid, "\n".join(gegroeid)
