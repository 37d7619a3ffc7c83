"""SQL statements per request: every GET list and detail endpoint under ``/api/v1`` issues
as many statements with 1,000 rows as with 10. A count that grows with the data is an N+1
(a query per row, a lazy-loaded relationship, a helper that queries per item).

What is counted: every statement the app's engine (``db.engine``) sends to the database
during one request through the test client, through a ``before_cursor_execute``
listener; BEGIN/COMMIT only where the driver sends them as statements. Each endpoint is
asked by a Logius beheerder and, for an afnemer's own routes, by that afnemer's beheerder
with an API token: tenant scoping takes another path for each. Before counting, every
token is used once, so its (rate-limited) last-use write is not counted.

One world per backend, built once for this module: an afnemer (and, for Logius' views,
the platform) first gets 10 rows of everything an endpoint lists, bulk inserted; every
endpoint is called once. Then every table grows to 1,000 rows and every endpoint is
called again. The endpoints come from the URL map: a new GET endpoint without a case in
``GEVALLEN`` (the rows it lists) or ``UITGEZONDERD`` (with a reason) fails here.

The GET endpoints of installed plugins (``dienst_api``) have their case made here: the
rows are those of every table of the plugin (``dienst_migraties``), bulk inserted from
the columns' types, all of the afnemer under test; an id in a path is that of a resource
made through the plugin's own ``POST`` with its document's example
(``tests/support/plugins.py``). A plugin's deadlines count in the deadline calendar's
case.

The console's pages are counted in the same world, the same way
(``tests/perf/console.py``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, func, insert, select, text

from core import create_app
from core.aankondigingen.models import Aankondiging, Ontvanger
from core.aansluitingen.models import Aansluiting, Statuswijziging
from core.aansluitroutes.models import Routestand
from core.afnemers.models import Afnemer
from core.audit.models import AuditRegel
from core.auth import tokens
from core.auth.models import ApiToken
from core.auth.principal import Rol
from core.contactpersonen.models import Contactpersoon
from core.db import db
from core.diensten.models import Schakeling
from core.feestdagen.models import Feestdag, Feestdagjaar, FeestdagWijziging
from core.gebruikers.models import Lidmaatschap, MachineClient
from core.intermediairs.models import Intermediair, IntermediairMedewerker, Mandaat
from core.koppelvlakken.models import KoppelvlakGebruik, KoppelvlakVersie
from core.kosten.models import Kostenrun, KostenrunRegel
from core.meldingen.models import Bezorging, Gebeurtenis, Poging, WebhookEndpoint
from core.prognoses.models import Prognose
from core.serviceniveau.beschikbaarheid_models import (
    Onbeschikbaarheid,
    OnbeschikbaarheidWijziging,
)
from core.serviceniveau.incidenten.models import (
    Incident,
    IncidentStap,
    Kennisgeving,
    KennisgevingGebeurtenis,
)
from core.serviceniveau.vragen.models import Vraag
from core.tarieven.models import BtwTarief, Tarief
from core.verbruik.models import VerbruikRegel, Voorcalculatie
from core.voorwaarden.models import Acceptatie
from core.wijzigingsmeldingen.models import Wijzigingsmelding
from core.wijzigingsverzoeken.models import Wijzigingsverzoek, WijzigingsverzoekStap
from tests.conftest import BACKENDS, Api, _empty_tables, geinstalleerd, nieuw_oin
from tests.perf import console as console_paginas
from tests.support.plugins import maak_voorbeelden, plugin_endpoint, snake

KLEIN, GROOT = 10, 1_000
NU = datetime(2026, 6, 1, 12, tzinfo=UTC)

#: GET endpoints whose statements are not about rows, with the reason.
UITGEZONDERD = {"/api/v1/openapi.json": "the OpenAPI document is built once, from no table",
                "/api/v1/diensten/<string:slug>/onderhoudsvensters":
                    "computed from the dienst's service level, from no table"}

#: Every GET endpoint and the tables whose rows it lists or reads: each of them holds
#: 1,000 rows in the big world (checked), most of them of the afnemer under test.
GEVALLEN: dict[str, tuple] = {
    "/api/v1/aankondigingen": (Aankondiging,),
    "/api/v1/status": (Bezorging,),  # counts by aggregate; workers are a handful of rows
    "/api/v1/bezorgingen": (Bezorging, Gebeurtenis),
    "/api/v1/aankondigingen/<uuid:aankondiging_id>": (Aankondiging, Ontvanger),
    "/api/v1/afnemers": (Afnemer,),
    "/api/v1/afnemers/<uuid:afnemer_id>": (Afnemer, Aansluiting),
    "/api/v1/afnemers/<uuid:afnemer_id>/aankondigingen": (Ontvanger, Aankondiging),
    "/api/v1/afnemers/<uuid:afnemer_id>/aankondigingen/<uuid:aankondiging_id>":
        (Ontvanger, Aankondiging),
    "/api/v1/afnemers/<uuid:afnemer_id>/aansluitingen": (Aansluiting,),
    "/api/v1/afnemers/<uuid:afnemer_id>/aansluitingen/<uuid:aansluiting_id>":
        (Aansluiting, Statuswijziging),
    "/api/v1/afnemers/<uuid:afnemer_id>/aansluitingen/<uuid:aansluiting_id>/statuswijzigingen":
        (Statuswijziging,),
    # One aansluiting's steps are bounded by its route; what grows is around it.
    "/api/v1/afnemers/<uuid:afnemer_id>/aansluitingen/<uuid:aansluiting_id>/route":
        (Aansluiting, Routestand),
    "/api/v1/aansluitroutes/pijplijn": (Routestand, Aansluiting),
    "/api/v1/afnemers/<uuid:afnemer_id>/aansluitingen/<uuid:aansluiting_id>/voorcalculaties":
        (Voorcalculatie,),
    "/api/v1/afnemers/<uuid:afnemer_id>/api-tokens": (ApiToken,),
    "/api/v1/afnemers/<uuid:afnemer_id>/api-tokens/<uuid:token_id>": (ApiToken,),
    "/api/v1/afnemers/<uuid:afnemer_id>/audit": (AuditRegel,),
    "/api/v1/afnemers/<uuid:afnemer_id>/bezorgingen": (Bezorging, Gebeurtenis),
    "/api/v1/afnemers/<uuid:afnemer_id>/bezorgingen/<uuid:bezorging_id>":
        (Bezorging, Gebeurtenis),
    "/api/v1/afnemers/<uuid:afnemer_id>/bezorgingen/<uuid:bezorging_id>/pogingen":
        (Poging, Bezorging),
    # Mandates of the tenant, all to the intermediair under test; the register of
    # intermediairs and that one's tokens (Logius only).
    "/api/v1/afnemers/<uuid:afnemer_id>/mandaten": (Mandaat, Intermediair),
    "/api/v1/afnemers/<uuid:afnemer_id>/mandaten/<uuid:mandaat_id>": (Mandaat,),
    "/api/v1/intermediairs": (Intermediair,),
    "/api/v1/intermediairs/<uuid:intermediair_id>": (Intermediair, Mandaat),
    "/api/v1/intermediairs/<uuid:intermediair_id>/api-tokens": (ApiToken, Intermediair),
    "/api/v1/intermediairs/<uuid:intermediair_id>/api-tokens/<uuid:intermediair_token_id>":
        (ApiToken, Intermediair),
    "/api/v1/intermediairs/<uuid:intermediair_id>/mandaten": (Mandaat, Intermediair),
    # The people and machine clients of the intermediair under test.
    "/api/v1/intermediairs/<uuid:intermediair_id>/medewerkers":
        (IntermediairMedewerker, Intermediair),
    "/api/v1/intermediairs/<uuid:intermediair_id>/medewerkers/<uuid:medewerker_id>":
        (IntermediairMedewerker, Intermediair),
    "/api/v1/intermediairs/<uuid:intermediair_id>/machine-clients":
        (MachineClient, Intermediair),
    "/api/v1/intermediairs/<uuid:intermediair_id>/machine-clients/<uuid:intermediair_client_id>":
        (MachineClient, Intermediair),
    "/api/v1/afnemers/<uuid:afnemer_id>/contactpersonen": (Contactpersoon,),
    "/api/v1/afnemers/<uuid:afnemer_id>/contactpersonen/<uuid:contactpersoon_id>":
        (Contactpersoon,),
    "/api/v1/afnemers/<uuid:afnemer_id>/deadlines":
        (Aansluiting, KoppelvlakGebruik, Prognose, Wijzigingsmelding, Ontvanger, Wijzigingsverzoek),
    "/api/v1/afnemers/<uuid:afnemer_id>/export":  # a query per file, rows in batches
        (Contactpersoon, AuditRegel, ApiToken, WebhookEndpoint, Bezorging, Gebeurtenis),
    "/api/v1/afnemers/<uuid:afnemer_id>/facturen/<jaar:jaar>": (Kostenrun, KostenrunRegel),
    "/api/v1/afnemers/<uuid:afnemer_id>/gebeurtenissen": (Gebeurtenis,),
    "/api/v1/afnemers/<uuid:afnemer_id>/gebeurtenissen/<uuid:gebeurtenis_id>":
        (Gebeurtenis, Bezorging),
    "/api/v1/afnemers/<uuid:afnemer_id>/koppelvlakgebruik":
        (KoppelvlakGebruik, KoppelvlakVersie),
    "/api/v1/afnemers/<uuid:afnemer_id>/koppelvlakgebruik/<uuid:gebruik_id>":
        (KoppelvlakGebruik, KoppelvlakVersie),
    "/api/v1/afnemers/<uuid:afnemer_id>/kosten": (VerbruikRegel, Aansluiting, Tarief),
    "/api/v1/afnemers/<uuid:afnemer_id>/lidmaatschappen": (Lidmaatschap,),
    "/api/v1/afnemers/<uuid:afnemer_id>/lidmaatschappen/<uuid:lidmaatschap_id>":
        (Lidmaatschap,),
    "/api/v1/afnemers/<uuid:afnemer_id>/machine-clients": (MachineClient,),
    "/api/v1/afnemers/<uuid:afnemer_id>/machine-clients/<uuid:machine_client_id>":
        (MachineClient,),
    "/api/v1/afnemers/<uuid:afnemer_id>/prognoseplicht": (Aansluiting, Prognose, VerbruikRegel),
    "/api/v1/afnemers/<uuid:afnemer_id>/prognoses": (Prognose,),
    "/api/v1/afnemers/<uuid:afnemer_id>/prognoses/<uuid:prognose_id>": (Prognose,),
    "/api/v1/afnemers/<uuid:afnemer_id>/verbruik": (VerbruikRegel,),
    "/api/v1/afnemers/<uuid:afnemer_id>/voorwaarden": (Acceptatie, Ontvanger),
    "/api/v1/afnemers/<uuid:afnemer_id>/webhooks": (WebhookEndpoint,),
    "/api/v1/afnemers/<uuid:afnemer_id>/webhooks/<uuid:webhook_id>": (WebhookEndpoint,),
    "/api/v1/afnemers/<uuid:afnemer_id>/wijzigingsmeldingen": (Wijzigingsmelding,),
    "/api/v1/afnemers/<uuid:afnemer_id>/wijzigingsmeldingen/<uuid:wijzigingsmelding_id>":
        (Wijzigingsmelding,),
    "/api/v1/afnemers/<uuid:afnemer_id>/wijzigingsverzoeken":
        (Wijzigingsverzoek, WijzigingsverzoekStap),
    "/api/v1/afnemers/<uuid:afnemer_id>/wijzigingsverzoeken/<uuid:wijzigingsverzoek_id>":
        (Wijzigingsverzoek, WijzigingsverzoekStap),
    "/api/v1/wijzigingsverzoeken": (Wijzigingsverzoek, WijzigingsverzoekStap),
    "/api/v1/agenda/<waarde>":
        (Aansluiting, KoppelvlakGebruik, Prognose, Wijzigingsmelding, Ontvanger, Wijzigingsverzoek),
    "/api/v1/btw-tarieven": (BtwTarief,),
    "/api/v1/btw-tarieven/<jaar:jaar>": (BtwTarief,),
    "/api/v1/diensten": (Aansluiting,),
    "/api/v1/diensten/<slug>/koppelvlakken": (KoppelvlakVersie,),
    "/api/v1/diensten/<slug>/koppelvlakken/<koppelvlak>/controle":
        (KoppelvlakVersie, KoppelvlakGebruik),
    "/api/v1/diensten/<slug>/koppelvlakken/<koppelvlak>/versies/<versie>":
        (KoppelvlakVersie, KoppelvlakGebruik),
    "/api/v1/diensten/<string:slug>": (Aansluiting,),
    "/api/v1/diensten/<string:slug>/prognoseformulier": (Prognose,),
    # The status page: its switches for Logius, and for anyone the state from recorded
    # unavailability, announced maintenance and public incidents; its two feeds.
    "/api/v1/diensten/<string:slug>/status": (Schakeling, Onbeschikbaarheid, Aankondiging,
                                              Incident),
    "/api/v1/diensten/<string:slug>/statusfeed": (Onbeschikbaarheid, Aankondiging, Incident),
    "/api/v1/diensten/<string:slug>/onderhoudskalender": (Aankondiging,),
    "/api/v1/diensten/<string:slug>/omgevingen/<string:omgeving>": (Schakeling,),
    "/api/v1/diensten/<string:slug>/tarieven/<jaar:jaar>": (Tarief,),
    "/api/v1/diensten/<string:slug>/tarieven/<jaar:jaar>/<string:code>": (Tarief,),
    "/api/v1/kostenruns": (Kostenrun,),
    "/api/v1/kostenruns/<uuid:kostenrun_id>": (Kostenrun, KostenrunRegel),
    "/api/v1/kostenruns/<uuid:kostenrun_id>/regels": (KostenrunRegel,),
    "/api/v1/diensten/<string:slug>/capaciteit": (Aansluiting, Prognose),
    "/api/v1/feestdagen": (Feestdag, Feestdagjaar),
    "/api/v1/feestdagen/<datum:datum>": (Feestdag, Feestdagjaar),
    "/api/v1/feestdagwijzigingen": (FeestdagWijziging,),
    "/api/v1/prognoses/overzicht": (Aansluiting, Prognose, Afnemer),
    "/api/v1/diensten/<string:slug>/onbeschikbaarheid": (Onbeschikbaarheid,),
    "/api/v1/diensten/<string:slug>/onbeschikbaarheid/<uuid:onbeschikbaarheid_id>":
        (Onbeschikbaarheid,),
    "/api/v1/diensten/<string:slug>/onbeschikbaarheidswijzigingen":
        (OnbeschikbaarheidWijziging,),
    # Asked for pre-production, measured over working days: the holidays are read too.
    "/api/v1/diensten/<string:slug>/beschikbaarheid/<jaar:jaar>/<int(min=1, max=12):maand>":
        (Onbeschikbaarheid, Feestdag),
    "/api/v1/diensten/<string:slug>/beschikbaarheid/<jaar:jaar>": (Onbeschikbaarheid, Feestdag),
    # Incidents with their steps and notices, and the deliveries of those notices.
    "/api/v1/afnemers/<uuid:afnemer_id>/incidenten": (Incident, IncidentStap, Kennisgeving),
    "/api/v1/afnemers/<uuid:afnemer_id>/incidenten/<uuid:incident_id>":
        (Incident, IncidentStap, Kennisgeving, KennisgevingGebeurtenis, Bezorging),
    "/api/v1/incidenten": (Incident, IncidentStap, Kennisgeving, KennisgevingGebeurtenis),
    "/api/v1/incidenten/<uuid:incident_id>":
        (Incident, IncidentStap, Kennisgeving, KennisgevingGebeurtenis, Bezorging),
    "/api/v1/afnemers/<uuid:afnemer_id>/vragen": (Vraag,),
    "/api/v1/afnemers/<uuid:afnemer_id>/vragen/<uuid:vraag_id>": (Vraag,),
    "/api/v1/vragen": (Vraag,),
    "/api/v1/vragen/<uuid:vraag_id>": (Vraag,),
    "/api/v1/diensten/<string:slug>/normen/<jaar:jaar>/<int(min=1, max=12):maand>":
        (Incident, IncidentStap, Vraag),
    "/api/v1/diensten/<string:slug>/normen/<jaar:jaar>": (Incident, IncidentStap, Vraag),
    "/api/v1/diensten/<string:slug>/serviceniveau": (),
}

#: Who asks: a Logius beheerder (every endpoint) and the afnemer's own beheerder, with an
#: API token of that afnemer (the afnemer's own routes), since tenant scoping and the
#: principal take other paths for each.
ROLLEN = ("logius", "afnemer")
EIGEN = "/api/v1/afnemers/<uuid:afnemer_id>"

#: Own routes that answer an afnemer beheerder 403, with the reason.
ALLEEN_LOGIUS: dict[str, str] = {}

#: Endpoints allowed a fixed difference (big minus small), with the reason. None so far.
VERSCHIL: dict[str, tuple[int, str]] = {}


def _get_regels() -> tuple[list[str], dict[str, tuple]]:
    """Every GET rule of the app, and the cases of the plugins' own: per rule, the tables
    of the plugin that serves it."""
    from core.uitbreidingen.bijdragen import EXTENSION

    app = create_app({"DATABASE_URL": "sqlite://", "TESTING": True, "SECRET_KEY": "test"})
    regels = sorted({r.rule for r in app.url_map.iter_rules()
                     if "GET" in r.methods and r.rule.startswith("/api/v1")})
    slugs = geinstalleerd()
    uitbreidingen = app.extensions[EXTENSION]
    tabellen = {slug: tuple(mig.metadata.sorted_tables)
                for slug, mig in uitbreidingen.migraties().items()}
    eigen: dict[str, tuple] = {}
    for rule in app.url_map.iter_rules():
        if ("GET" in rule.methods and rule.rule.startswith("/api/v1")
                and plugin_endpoint(rule.endpoint, slugs)):
            blueprint = rule.endpoint.split(".", 1)[0]
            slug = next(s for s in slugs if blueprint == s or blueprint.startswith(s + "-"))
            eigen[rule.rule] = tabellen.get(slug, ())
    # A plugin's deadlines are read for the calendar and its feed, its rows for the export:
    # the tables of every plugin that adds to them.
    for slug in slugs:
        for hook, regels_van in (
                ("dienst_deadlines", ("/api/v1/afnemers/<uuid:afnemer_id>/deadlines",
                                      "/api/v1/agenda/<waarde>")),
                ("dienst_export", ("/api/v1/afnemers/<uuid:afnemer_id>/export",))):
            if uitbreidingen.implementeert(hook, uitbreidingen.plugin(slug)):
                for regel in regels_van:
                    eigen[regel] = (*eigen.get(regel, ()), *tabellen.get(slug, ()))
    db.dispose(app)
    return regels, eigen


REGELS, _PLUGIN_GEVALLEN = _get_regels()
#: The deadline calendar reads the plugins' tables too: added to core's case.
for _regel, _tabellen in _PLUGIN_GEVALLEN.items():
    GEVALLEN[_regel] = (*GEVALLEN.get(_regel, ()), *_tabellen)
PLUGIN_TABELLEN = tuple(dict.fromkeys(t for ts in _PLUGIN_GEVALLEN.values() for t in ts))
GEVALLEN_PER_ROL = [(r, [rol for rol in ROLLEN if rol == "logius" or r.startswith(EIGEN)])
                    for r in REGELS if r not in UITGEZONDERD]


def _laad(model, rijen: list[dict]) -> None:
    if rijen:
        db.session.execute(insert(model), rijen)


def _naam(model) -> str:
    return getattr(model, "__tablename__", None) or model.name


def _plugin_rij(tabel, i: int, afnemer_id: uuid.UUID,
                gemaakt: dict[str, list] | None = None) -> dict:
    """Row ``i`` of a plugin's table, from its columns' types: the afnemer's, distinct
    where a column may need to be (texts, dates, numbers). A reference to another of the
    plugin's tables takes the row of that table made in the same place of the batch
    (``gemaakt``: the ids made so far, per table; tables come parents first), one to its own table is left empty, and a column
    that says what a sample value is (``info={"voorbeeld": ...}``, as JSON columns do)
    gets that."""
    from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, String, Uuid

    gemaakt = gemaakt if gemaakt is not None else {}
    rij = {}
    from sqlalchemy.types import TypeDecorator

    for kolom in tabel.columns:
        soort = kolom.type
        if isinstance(soort, TypeDecorator):  # UTCDateTime: a DateTime underneath
            soort = soort.impl
        if kolom.name == "afnemer_id":
            rij[kolom.name] = afnemer_id
        elif kolom.foreign_keys:
            [fk] = kolom.foreign_keys
            doel = fk.column.table.name
            if doel == tabel.name and kolom.nullable:
                rij[kolom.name] = None
            elif doel in gemaakt:
                # the parent row made in the same place of this batch
                plek = len(gemaakt.get(tabel.name, []))
                rij[kolom.name] = gemaakt[doel][plek % len(gemaakt[doel])]
            else:
                raise AssertionError(f"{tabel.name}.{kolom.name}: a reference to {doel}, no "
                                     "table of the plugin; give this table a case in "
                                     "Wereld.groei")
        elif "voorbeeld" in kolom.info:
            rij[kolom.name] = kolom.info["voorbeeld"]
        elif isinstance(soort, Uuid):
            rij[kolom.name] = uuid.uuid4()
        elif isinstance(soort, DateTime):
            rij[kolom.name] = NU
        elif isinstance(soort, Date):
            rij[kolom.name] = date(2030, 1, 1) + timedelta(days=i)
        elif isinstance(soort, Boolean):
            rij[kolom.name] = False
        elif isinstance(soort, (Integer, Numeric)):
            rij[kolom.name] = 1 if kolom.name == "versie" else i
        elif isinstance(soort, String):
            rij[kolom.name] = f"{kolom.name} {i}"[: soort.length or None]
        elif isinstance(soort, JSON) and kolom.nullable:
            rij[kolom.name] = None
        elif not kolom.nullable and kolom.default is None:
            raise AssertionError(f"{tabel.name}.{kolom.name}: no value for {soort!r}; give "
                                 "this table a case in Wereld.groei")
    gemaakt.setdefault(tabel.name, []).append(rij.get("id"))
    return rij


class Wereld:
    """The tenant under test and the ids its endpoints need."""

    def __init__(self, api: Api) -> None:
        def post(pad: str, body: dict | None = None) -> dict:
            response = api.post(pad, json=body)
            assert response.status_code == 201, response.get_json()
            return response.get_json()

        self.afnemer = post("/afnemers", {"naam": "Gemeente Telling", "oin": nieuw_oin(),
                                          "type": "gemeente"})
        self.a = uuid.UUID(self.afnemer["id"])
        aansluitingen = f"/afnemers/{self.a}/aansluitingen"
        self.digid = post(aansluitingen, {"dienst": "digid", "omgeving": "productie",
                                          "onderdelen": ["midden"],
                                          "aanvraagOndertekendOp": "2026-01-15"})
        self.dp = post(aansluitingen, {"dienst": "digipoort", "omgeving": "productie",
                                       "onderdelen": ["e-factureren"],
                                       "aanvraagOndertekendOp": "2026-01-15"})
        post(f"/afnemers/{self.a}/contactpersonen", {
            "naam": "Test Persoon", "email": "test@voorbeeld.nl", "telefoon": "070 123 4567",
            "rol": "algemeen"})
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
        # The holidays of the year asked for are seeded on first use: before counting.
        assert api.get("/feestdagen?jaar=2026").status_code == 200
        # An incident's office-hours clock runs to a year past today: seeded before too.
        for jaar in (date.today().year, date.today().year + 1):
            assert api.get(f"/feestdagen?jaar={jaar}").status_code == 200
        self.gedaan = 0
        self.ids: dict[str, uuid.UUID] = {}
        self.kostenrun = uuid.uuid4()
        self.intermediair = uuid.uuid4()  # the first of the register, made in groei

        # An item of every kind the plugins bring, through their own POST and example.
        document = api.get("/openapi.json").get_json()
        self.plugin_ids = {snake(k): v for k, v in maak_voorbeelden(
            document, geinstalleerd(), {"afnemerId": self.afnemer["id"]}, post).items()}

    def groei(self, tot: int) -> None:
        """Bring every table to ``tot`` rows (for this afnemer, or platform-wide)."""
        van, self.gedaan = self.gedaan, tot
        a, digid, dp = self.a, uuid.UUID(self.digid["id"]), uuid.UUID(self.dp["id"])
        n = range(van, tot)
        nieuw = {naam: [uuid.uuid4() for _ in n] for naam in (
            "afnemer", "aansluiting", "elders", "contact", "gebeurtenis", "bezorging",
            "webhook", "token", "lid", "client", "prognose", "melding", "aankondiging",
            "ontvanger", "gebruik", "run", "statuswijziging", "voorcalculatie", "incident",
            "kennisgeving", "verzoek", "vraag", "intermediair", "mandaat",
            "intermediair_token", "medewerker", "intermediair_client")}
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
        # The first step of the route of every other afnemer's aansluiting: half of them
        # done (the pipeline's durations), half still open (its counts and deadlines).
        _laad(Routestand, [{
            "id": uuid.uuid4(), "afnemer_id": nieuw["afnemer"][j],
            "aansluiting_id": nieuw["elders"][j], "dienst": "digid",
            "stap": "aanvraagformulier", "volgnummer": 1,
            "status": "afgerond" if i % 2 else "open", "open_sinds": NU - timedelta(days=3),
            "afgerond_op": NU if i % 2 else None, "afgerond_door": "test" if i % 2 else None,
            "uiterlijk": None, "te_laat": False, "bewijs": "AF-1" if i % 2 else None,
            "toelichting": None, "afgewezen_op": None, "afgewezen_door": None,
            "reden_afwijzing": None, **tijd, **versie} for j, i in enumerate(n)])
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
        # The attempts of one delivery (the first), the newest first a page at a time.
        _laad(Poging, [{
            "id": uuid.uuid4(), "bezorging_id": self.ids["bezorging"], "afnemer_id": a,
            "nummer": i + 1, "op": NU, "duur_ms": 10, "uitkomst": "http-status 503",
            "http_status": 503, "adres": "https://g.example/"} for i in n])
        # The register of intermediairs; the tenant's mandates and the tokens are the
        # first one's.
        _laad(Intermediair, [{
            "id": self.intermediair if i == 0 else nieuw["intermediair"][j],
            "naam": f"Intermediair {i}", "kvk_nummer": f"9{i:07d}",
            "email": f"i{i}@leverancier.example", "aangemaakt_door": "test", **tijd, **versie}
            for j, i in enumerate(n)])
        _laad(Mandaat, [{
            "id": nieuw["mandaat"][j], "afnemer_id": a, "intermediair_id": self.intermediair,
            "diensten": ["digid"], "resources": ["aansluitingen"], "rechten": ["lezen"],
            "geldig_tot": date(2030, 1, 1), "verleend_door": "test",
            "ingetrokken_op": NU if i % 2 else None, "ingetrokken_door": "test" if i % 2 else None,
            "einde_gemeld_op": None, **tijd, **versie} for j, i in enumerate(n)])
        _laad(ApiToken, [{
            "id": nieuw["intermediair_token"][j], "afnemer_id": None,
            "intermediair_id": self.intermediair, "naam": f"Intermediairtoken {i}",
            "rol": "intermediair", "prefix": f"afp_i{i:04d}", "hash": uuid.uuid4().hex,
            "scopes": ["read"], "aangemaakt_door": "test", "aangemaakt_op": NU,
            "verloopt_op": NU + timedelta(days=3650)} for j, i in enumerate(n)])
        # Its people (half of them active) and its machine clients.
        _laad(IntermediairMedewerker, [{
            "id": nieuw["medewerker"][j], "intermediair_id": self.intermediair,
            "gebruiker_id": None, "email": f"m{i}@leverancier.example",
            "status": "actief" if i % 2 else "uitgenodigd", "uitgenodigd_door": "test",
            **tijd, **versie} for j, i in enumerate(n)])
        _laad(MachineClient, [{
            "id": nieuw["intermediair_client"][j], "afnemer_id": None,
            "intermediair_id": self.intermediair, "client_id": f"leverancier-{i}",
            "issuer": "https://issuer.example", "naam": f"Koppeling {i}", "scopes": ["read"],
            "aangemaakt_door": "test", **tijd, **versie} for j, i in enumerate(n)])
        _laad(ApiToken, [{
            "id": nieuw["token"][j], "afnemer_id": a, "naam": f"Token {i}",
            "rol": Rol.AFNEMER_MEDEWERKER.value, "prefix": f"afp_{i:04d}",
            "hash": uuid.uuid4().hex, "scopes": [], "aangemaakt_door": "test",
            "aangemaakt_op": NU, "verloopt_op": NU + timedelta(days=3650)}
            for j, i in enumerate(n)])
        _laad(AuditRegel, [{
            "afnemer_id": a, "actor": "test", "actor_naam": "Test", "actie": "gewijzigd",
            "resource_type": "contactpersoon", "resource_id": str(nieuw["contact"][j]),
            "wijzigingen": {}, "tijdstip": NU, "vorige_hash": uuid.uuid4().hex * 2,
            "hash": uuid.uuid4().hex * 2} for j, i in enumerate(n)])
        _laad(Lidmaatschap, [{
            "id": nieuw["lid"][j], "afnemer_id": a, "gebruiker_id": None,
            "email": f"lid{i}@gemeente.example", "rol": Rol.AFNEMER_MEDEWERKER.value,
            "status": "uitgenodigd", "uitgenodigd_door": "test", **tijd, **versie}
            for j, i in enumerate(n)])
        _laad(MachineClient, [{
            "id": nieuw["client"][j], "afnemer_id": a, "client_id": f"client-{i}",
            "issuer": "https://issuer.example", "naam": f"Client {i}", "scopes": [], "aangemaakt_door": "test", **tijd,
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
        _laad(Acceptatie, [{
            "afnemer_id": a, "document": "testdocument", "versie": f"0.{i}", "dienst": None,
            "geldt_vanaf": date(2000, 1, 1) + timedelta(days=i), "grondslag": "aanvraag",
            "geaccepteerd_door": "test", "geaccepteerd_door_id": "test",
            "geaccepteerd_op": NU} for i in n])
        # Announced versions that are not available yet, of the koppelvlak under test.
        _laad(KoppelvlakVersie, [{
            "dienst": "digid", "koppelvlak": self.koppelvlak, "nummer": f"99.{i}",
            "ondersteund_sinds": date(2099, 1, 1), **tijd, **versie} for i in n])
        # Switches of DigiD in production, on and off; the newest is on.
        _laad(Schakeling, [{
            "dienst": "digid", "omgeving": "productie", "ingeschakeld": i % 2 == 0,
            "reden": f"Beslissing {i}", "door": "test", "door_naam": "Test",
            "op": NU - timedelta(seconds=tot - i)} for i in n])
        _laad(Tarief, [{
            "dienst": "digid", "jaar": 3000 + i, "code": "authenticatie", "bedrag": 0,
            "inclusief_btw": False, "omschrijving": "Authenticatie", "artikel": "-",
            "gewijzigd_door": "test", **tijd, **versie} for i in n])
        # Holidays and seeded years far from the one asked for; changes to 2026's days.
        _laad(Feestdagjaar, [{"jaar": 3000 + i, "bron": "test", "gevuld_op": NU} for i in n])
        _laad(Feestdag, [{
            "id": uuid.uuid4(), "datum": date(3000, 1, 1) + timedelta(days=i),
            "naam": f"Feestdag {i}", "bron": "beheerder", "gewijzigd_door": "test", **tijd,
            **versie} for i in n])
        _laad(FeestdagWijziging, [{
            "id": uuid.uuid4(), "datum": date(2026, 12, 25), "actie": "gewijzigd",
            "wijzigingen": {"naam": {"oud": "a", "nieuw": "b"}}, "door": "test",
            "door_naam": "Test", "op": NU} for i in n])
        # Incidents of the tenant (P3, on office hours), each reported, with a notice
        # that went out by one of the events above.
        _laad(Incident, [{
            "id": nieuw["incident"][j], "afnemer_id": a, "dienst": "digid",
            "omgeving": "productie", "impact": "laag", "urgentie": "laag", "prioriteit": 3,
            "calamiteit": False, "omschrijving": f"Incident {i}", "functies": ["balie"],
            "status": "gemeld", "gemeld_op": NU, "gemeld_door": "test", **tijd, **versie}
            for j, i in enumerate(n)])
        _laad(IncidentStap, [{
            "id": uuid.uuid4(), "incident_id": nieuw["incident"][j], "afnemer_id": a,
            "volgnummer": 1, "soort": "gemeld", "status": "gemeld", "impact": "laag",
            "urgentie": "laag", "prioriteit": 3, "toelichting": None, "op": NU,
            "vastgelegd_op": NU, "door": "test", "door_naam": "Test"} for j, i in enumerate(n)])
        _laad(Kennisgeving, [{
            "id": nieuw["kennisgeving"][j], "incident_id": nieuw["incident"][j],
            "dienst": "digid", "reden": "calamiteit", "gedetecteerd_op": NU,
            "verstuurd_op": NU, "termijn_minuten": 30, "aantal_afnemers": 1}
            for j, i in enumerate(n)])
        _laad(KennisgevingGebeurtenis, [{
            "kennisgeving_id": nieuw["kennisgeving"][j],
            "gebeurtenis_id": nieuw["gebeurtenis"][j]} for j, i in enumerate(n)])
        _laad(Vraag, [{
            "id": nieuw["vraag"][j], "afnemer_id": a, "dienst": "digid",
            "soort": "vraag" if i % 2 else "klacht", "onderwerp": f"Vraag {i}", "tekst": "-",
            "gesteld_op": NU, "gesteld_door": "test", "antwoord": None, "beantwoord_op": None,
            "beantwoord_door": None, **tijd, **versie} for j, i in enumerate(n)])
        # Change requests of the tenant, each with its submission and an assessment step.
        _laad(Wijzigingsverzoek, [{
            "id": nieuw["verzoek"][j], "afnemer_id": a, "dienst": "digid",
            "indiener_naam": "Test", "indiener_email": "test@voorbeeld.nl",
            "indiener_telefoon": None, "voorgestelde_wijziging": f"Wijziging {i}",
            "beoogde_voordelen": "-", "huidige_nadelen": "-", "status": "in-beoordeling",
            "ingediend_op": NU, "ingediend_door": "test", "venster_omgeving": None,
            "venster_datum": None, "gepland_begin": None, "gepland_eind": None,
            "reden_afwijzing": None, **tijd, **versie} for j, i in enumerate(n)])
        _laad(WijzigingsverzoekStap, [{
            "id": uuid.uuid4(), "wijzigingsverzoek_id": nieuw["verzoek"][j], "afnemer_id": a,
            "volgnummer": volgnummer, "status": status, "toelichting": None, "op": NU,
            "door": "test", "door_naam": "Test"} for j, i in enumerate(n)
            for volgnummer, status in ((1, "ingediend"), (2, "in-beoordeling"))])
        # Unavailability of DigiD, one minute each in March 2026 (every one in the month
        # asked for), and the changes to them.
        onbeschikbaar = [uuid.uuid4() for _ in n]
        if onbeschikbaar:
            self.ids.setdefault("onbeschikbaarheid", onbeschikbaar[0])
        _laad(Onbeschikbaarheid, [{
            "id": onbeschikbaar[j], "dienst": "digid", "omgeving": "pre-productie",
            "soort": ("storing", "gepland-onderhoud", "spoedonderhoud")[i % 3],
            "van": datetime(2026, 3, 2, 7, tzinfo=UTC) + timedelta(minutes=2 * i),
            "tot": datetime(2026, 3, 2, 7, 1, tzinfo=UTC) + timedelta(minutes=2 * i),
            "functies": ["authenticatie-midden"], "omschrijving": None,
            "geregistreerd_door": "test", "gewijzigd_door": "test", **tijd, **versie}
            for j, i in enumerate(n)])
        _laad(OnbeschikbaarheidWijziging, [{
            "id": uuid.uuid4(), "onbeschikbaarheid_id": onbeschikbaar[j], "dienst": "digid",
            "actie": "aangemaakt", "wijzigingen": {}, "door": "test", "door_naam": "Test",
            "op": NU} for j, i in enumerate(n)])
        gemaakt: dict[str, list] = {}
        for tabel in PLUGIN_TABELLEN:
            _laad(tabel, [_plugin_rij(tabel, i, a, gemaakt) for i in n])
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            # Fresh statistics, as autovacuum would have after a bulk load: stale ones
            # plan a nested loop over 1,000 x 1,000 rows (slow, though not more queries).
            with db.engine.connect() as verbinding:
                verbinding.execution_options(isolation_level="AUTOCOMMIT").execute(
                    text("ANALYZE"))

    def pad(self, regel: str) -> str:
        ids = self.ids
        waarden = {
            "afnemer_id": self.a, "aansluiting_id": self.digid["id"],
            "aankondiging_id": ids["aankondiging"], "token_id": ids["token"],
            "bezorging_id": ids["bezorging"], "contactpersoon_id": ids["contact"],
            "jaar": 2026, "gebeurtenis_id": ids["gebeurtenis"], "gebruik_id": ids["gebruik"],
            "lidmaatschap_id": ids["lid"], "machine_client_id": ids["client"],
            "prognose_id": ids["prognose"], "webhook_id": ids["webhook"],
            "wijzigingsmelding_id": ids["melding"], "wijzigingsverzoek_id": ids["verzoek"],
            "slug": "digid",
            "koppelvlak": self.koppelvlak, "versie": self.kv_versie, "code": "authenticatie",
            "kostenrun_id": self.kostenrun, "omgeving": "productie", "datum": "2026-12-25",
            "onbeschikbaarheid_id": ids["onbeschikbaarheid"],
            "incident_id": ids["incident"], "vraag_id": ids["vraag"],
            "intermediair_id": self.intermediair, "mandaat_id": ids["mandaat"],
            "intermediair_token_id": ids["intermediair_token"],
            "medewerker_id": ids["medewerker"],
            "intermediair_client_id": ids["intermediair_client"],
            **self.plugin_ids,
        }
        if regel == "/api/v1/agenda/<waarde>":
            return self.feed
        pad = regel.removeprefix("/api/v1").replace("<int(min=1, max=12):maand>", "3")
        for naam, waarde in waarden.items():
            for soort in ("uuid:", "jaar:", "datum:", "string:", ""):
                pad = pad.replace(f"<{soort}{naam}>", str(waarde))
        assert "<" not in pad, f"no value for a parameter of {regel}"
        if pad.endswith("/controle"):
            pad += f"?versie={self.kv_versie}"
        if pad == "/feestdagen":
            pad += "?jaar=2026"
        if "/beschikbaarheid/" in pad:
            pad += "?omgeving=pre-productie"
        return pad




def _tel(app, api: Api, wereld: Wereld, regels: list[str]) -> dict[str, int | str]:
    """Statements per GET endpoint; a failing request gives its status and body instead."""
    with app.app_context():
        engine = db.engine
    teller = [0]

    def tel(_conn, _cursor, statement, *_args):
        # A token's use writes its last-use time at most once a minute; when counting
        # takes longer than that, the write lands on whichever request is then under way.
        # It is the token's, not the endpoint's: not counted.
        if not (statement.lstrip().upper().startswith("UPDATE")
                and "laatst_gebruikt_op" in statement):
            teller[0] += 1

    uit: dict[str, int | str] = {}
    api.get("/diensten")
    event.listen(engine, "before_cursor_execute", tel)
    try:
        for regel in regels:
            try:
                pad = wereld.pad(regel)
            except AssertionError as exc:
                uit[regel] = str(exc)
                continue
            teller[0] = 0
            response = api.get(pad)
            uit[regel] = teller[0] if response.status_code == 200 else (
                f"GET {pad} answered {response.status_code}: "
                f"{response.get_data(as_text=True)[:300]}")
    finally:
        event.remove(engine, "before_cursor_execute", tel)
    return uit


@pytest.fixture(scope="module", params=BACKENDS)
def tellingen(request, database_urls):
    """Per backend: the counts with 10 rows, with 1,000 rows, and the table sizes then."""
    app = create_app({"DATABASE_URL": database_urls[request.param], "TESTING": True,
                      "SECRET_KEY": "test"})
    try:
        def token(rol: Rol, afnemer_id: uuid.UUID | None) -> str:
            with app.app_context():
                nieuw = tokens.issue(naam=f"telling {rol}", rol=rol, afnemer_id=afnemer_id,
                                     door="test")
                db.session.commit()
                return nieuw.token

        client = app.test_client()
        logius = Api(client, token(Rol.LOGIUS_BEHEERDER, None))
        wereld = Wereld(logius)
        apis = {"logius": logius,
                "afnemer": Api(client, token(Rol.AFNEMER_BEHEERDER, wereld.a))}
        regels = {rol: [r for r, rollen in GEVALLEN_PER_ROL if rol in rollen] for rol in apis}
        # The console's pages, in the same world (tests/perf/console.py).
        paginas = console_paginas.ConsoleTeller(app, client, wereld)

        def tel() -> dict[tuple[str, str], int | str]:
            return {**{(rol, regel): n for rol, api in apis.items()
                       for regel, n in _tel(app, api, wereld, regels[rol]).items()},
                    **paginas.tel()}

        with app.app_context():
            wereld.groei(KLEIN)
        klein = tel()
        with app.app_context():
            wereld.groei(GROOT)
        groot = tel()
        with app.app_context():
            modellen = {m for modellen in GEVALLEN.values() for m in modellen}
            rijen = {m: db.session.scalar(select(func.count()).select_from(m)) for m in modellen}
        yield klein, groot, rijen
    finally:
        _empty_tables(app)
        db.dispose(app)


@pytest.mark.slow
@pytest.mark.parametrize(("regel", "rol"), [
    (regel, rol) for regel in sorted(set(REGELS) | set(GEVALLEN))
    for rol in ROLLEN if rol == "logius" or regel.startswith(EIGEN)
], ids=lambda w: w.removeprefix("/api/v1"))
def test_statements_do_not_grow_with_the_rows(tellingen, regel, rol):
    if regel in UITGEZONDERD:
        pytest.skip(UITGEZONDERD[regel])
    assert regel in GEVALLEN, (
        f"{regel} has no case: load the rows it lists in Wereld.groei and name their tables "
        "in GEVALLEN, or exempt it in UITGEZONDERD with a reason")
    if rol in ALLEEN_LOGIUS.get(regel, ()):
        pytest.skip(ALLEEN_LOGIUS[regel])
    klein, groot, rijen = tellingen
    assert (rol, regel) in klein, f"{regel} is no GET endpoint any more: remove its case"
    klein, groot = klein[rol, regel], groot[rol, regel]
    for model in GEVALLEN[regel]:
        assert rijen[model] >= GROOT, f"{_naam(model)}: {rijen[model]} rows"
    assert isinstance(klein, int), klein
    assert isinstance(groot, int), groot
    verschil, _reden = VERSCHIL.get(regel, (0, ""))
    assert groot - klein == verschil, (
        f"{regel} as {rol}: {klein} statements with {KLEIN} rows, {groot} with {GROOT}"
        + (f" (allowed difference {verschil})" if verschil else ""))


@pytest.mark.slow
@pytest.mark.parametrize(("regel", "rol"), console_paginas.GEVALLEN, ids=str)
def test_console_pages_do_not_grow_with_the_rows(request, tellingen, regel, rol):
    if regel in console_paginas.UITGEZONDERD:
        pytest.skip(console_paginas.UITGEZONDERD[regel])
    if regel in console_paginas.BEKEND:
        request.applymarker(pytest.mark.xfail(reason=console_paginas.BEKEND[regel],
                                              strict=True))
    klein, groot, _rijen = tellingen
    console_paginas.controleer(klein, groot, regel, rol)
