"""The hooks through which a plugin brings its own routes, tables, event types,
settings, deadlines and reminders, exercised with the test dienst ``proef``
(``tests/plugins/proef``), on SQLite and PostgreSQL.

The ``app`` fixture here is core's plus ``proef``; its tables are created with its own
Alembic history (``<slug>_alembic_version``) in the shared test databases.
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from datetime import date, timedelta

import pytest
from sqlalchemy import inspect, select, text

from core import create_app
from core.auth.principal import Rol
from core.db import db
from core.plugins import PluginError, diensten
from core.uitbreidingen import migraties
from core.uitbreidingen.bijdragen import uitbreidingen
from tests import conftest
from tests.plugins.proef import plugin as proef

PROEF = [("proef", proef)]


def _maak(url: str, **config):
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "test", **config},
                     plugins=PROEF)
    conftest._open_apps.append(app)
    return app


@pytest.fixture(scope="session")
def proef_urls(database_urls):
    for url in database_urls.values():
        app = _maak(url)
        with app.app_context():
            mig = uitbreidingen().migraties()["proef"]
        migraties.upgrade(url, "proef", mig)
        db.dispose(app)
    return database_urls


@pytest.fixture
def app(proef_urls, backend):
    app = _maak(proef_urls[backend], DIENST_PROEF_SLEUTEL="geheim-1")
    yield app
    conftest._empty_tables(app)
    db.dispose(app)


@pytest.fixture
def twee(maak_afnemer, token_voor):
    a, b = maak_afnemer(), maak_afnemer()
    return a, b, token_voor(uuid.UUID(a["id"])), token_voor(uuid.UUID(b["id"]))


# --- routes -----------------------------------------------------------------------------


def test_hook_dienst_api(api, twee):
    """The plugin's afnemer route is scoped like core's: A writes and reads its notes, B
    gets 404 for A's list and A's note, and a medewerker may read but not write."""
    a, b, token_a, token_b = twee
    als_a, als_b = api.as_(token_a), api.as_(token_b)
    pad = f"/afnemers/{a['id']}/proef-notities"
    antwoord = als_a.post(pad, json={"tekst": "Eerste", "uiterlijk": "2027-01-10"})
    assert antwoord.status_code == 201, antwoord.get_json()
    notitie = antwoord.get_json()
    assert antwoord.headers["Location"].endswith(f"{pad}/{notitie['id']}")
    assert antwoord.headers["ETag"]
    lijst = als_a.get(pad).get_json()
    assert [n["tekst"] for n in lijst["resultaten"]] == ["Eerste"]
    assert als_b.get(pad).status_code == 404
    assert als_b.get(f"{pad}/{notitie['id']}").status_code == 404
    assert als_b.get(f"/afnemers/{b['id']}/proef-notities/{notitie['id']}").status_code == 404
    assert als_b.get(f"/afnemers/{b['id']}/proef-notities").get_json()["resultaten"] == []
    assert api.as_(None).get(pad).status_code == 401


def test_plugin_routes_speak_problem_json_and_etags(api, twee, token_voor):
    a, _b, token_a, _ = twee
    als_a = api.as_(token_a)
    pad = f"/afnemers/{a['id']}/proef-notities"
    fout = als_a.post(pad, json={"tekst": "   "})
    assert fout.status_code in (400, 422)
    assert fout.headers["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in fout.get_json()["invalidParams"]] == ["tekst"]
    assert als_a.get(pad).get_json()["resultaten"] == []  # nothing was written

    notitie = als_a.post(pad, json={"tekst": "Met versie"})
    etag = notitie.headers["ETag"]
    item = f"{pad}/{notitie.get_json()['id']}"
    assert als_a.patch(item, json={"tekst": "Zonder"}).status_code == 428
    assert als_a.patch(item, json={"tekst": "Oud"}, headers={"If-Match": '"999"'}).status_code \
        == 412
    goed = als_a.patch(item, json={"tekst": "Nieuw"}, headers={"If-Match": etag})
    assert goed.status_code == 200 and goed.headers["ETag"] != etag
    medewerker = api.as_(token_voor(uuid.UUID(a["id"]), Rol.AFNEMER_MEDEWERKER))
    assert medewerker.get(item).status_code == 200
    assert medewerker.post(pad, json={"tekst": "Mag niet"}).status_code == 403


def test_plugin_routes_are_in_the_openapi_document(app, client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert "/afnemers/{afnemerId}/proef-notities/{notitieId}" in doc["paths"]
    assert "/diensten/proef/info" in doc["paths"]
    eigen = doc["paths"]["/afnemers/{afnemerId}/proef-notities"]
    assert {"get", "post"} <= set(eigen)


def test_a_plugin_route_outside_its_place_stops_start_up(proef_urls):
    from core.sdk.api import Blueprint

    def dienst_api():
        return [Blueprint("proef-x", __name__, url_prefix="/api/v1/afnemers")]

    with pytest.raises(PluginError, match=r"plugin 'proef'.*proef-x.*ligt op"):
        _maak_met(proef_urls["sqlite"], _plugin(dienst_api=dienst_api))


def test_a_plugin_route_on_a_served_path_stops_start_up(proef_urls):
    from flask.views import MethodView

    from core.sdk.api import dienst_blueprint

    def dienst_api():
        blp = dienst_blueprint("proef", __name__, naam="dubbel", description="Dubbel")

        @blp.route("/status")
        class Dubbel(MethodView):
            def get(self):
                """Dubbel"""
                return {}

        return [blp]

    with pytest.raises(PluginError, match=r"plugin 'proef'.*/diensten/<string:slug>/status|"
                                          r"worden al bediend"):
        _maak_met(proef_urls["sqlite"], _plugin(dienst_api=dienst_api))


# --- tables -----------------------------------------------------------------------------


def test_hook_dienst_migraties(tmp_path):
    """Upgrade creates the plugin's table and its own version table beside core's;
    downgrade to base removes both and leaves core's tables; the schema check names
    the dienst that is behind."""
    from core.migrate import SchemaNotCurrent, upgrade

    url = f"sqlite:///{tmp_path / 'mig.sqlite'}"
    upgrade(url)
    app = _maak(url)
    with app.app_context():
        eigen = uitbreidingen().migraties()
    mig = eigen.pop("proef")
    for slug, andere in eigen.items():  # installed plugins with tables (the example one)
        migraties.upgrade(url, slug, andere)
    with pytest.raises(SchemaNotCurrent, match=r"^dienst 'proef' heeft nog geen tabellen; "
                                               r"de plugin verwacht proef0001\. Voer"):
        _maak(url, CHECK_SCHEMA=True)
    migraties.upgrade(url, "proef", mig)
    with app.app_context():
        tabellen = set(inspect(db.engine).get_table_names())
        assert {"proef_notities", "proef_alembic_version", "afnemers"} <= tabellen
        assert migraties.huidig(db.engine, "proef") == "proef0001"
    _maak(url, CHECK_SCHEMA=True)  # at head: starts
    migraties.downgrade(url, "proef", mig, "base")
    with app.app_context():
        tabellen = set(inspect(db.engine).get_table_names())
    assert "proef_notities" not in tabellen and "afnemers" in tabellen


def test_tables_of_a_removed_plugin_stay_and_are_named(proef_urls, backend):
    app = conftest.make_app(proef_urls[backend])  # without proef
    with app.app_context():
        assert "proef" not in {d.slug for d in diensten().alle()}
        verweesd = migraties.verweesd(db.engine, set(conftest.geinstalleerd()))
        assert verweesd["proef_"] == ["proef_alembic_version", "proef_notities"]


def test_db_upgrade_runs_the_plugins_migrations_and_names_orphans(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from core.cli import main

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("AFNEMERSPORTAAL_DATABASE_URL", url)
    runner = CliRunner()
    # With proef installed (as extra plugin, through the same app factory)
    from flask.cli import ScriptInfo

    info = ScriptInfo(create_app=lambda: _maak(url))
    uit = runner.invoke(main, ["db", "upgrade"], obj=info)
    assert uit.exit_code == 0, uit.output
    assert "Tabellen van dienst proef gemigreerd naar proef0001." in uit.output
    uit = runner.invoke(main, ["db", "current"], obj=info)
    assert "dienst proef: proef0001" in uit.output
    # And without it: its tables stay, and the command says so.
    zonder = ScriptInfo(create_app=lambda: conftest.make_app(url))
    uit = runner.invoke(main, ["db", "upgrade"], obj=zonder)
    assert uit.exit_code == 0, uit.output
    assert "proef_*" in uit.output and "proef_notities" in uit.output
    app = conftest.make_app(url)
    with app.app_context():
        assert "proef_notities" in inspect(db.engine).get_table_names()
    uit = runner.invoke(main, ["db", "downgrade", "base", "--dienst", "proef"], obj=info)
    assert uit.exit_code == 0, uit.output
    with app.app_context():
        assert "proef_notities" not in inspect(db.engine).get_table_names()


# --- events -----------------------------------------------------------------------------


def test_hook_dienst_gebeurtenissen(api, twee, maak_contactpersoon):
    """A declared plugin event goes through core's outbox: the afnemer's feed, its
    webhook filter and an e-mail to the contact role the type names (technisch)."""
    a, _b, token_a, _ = twee
    als_a = api.as_(token_a)
    maak_contactpersoon(a["id"], rol="technisch", email="tech@voorbeeld.nl")
    webhook = als_a.post(f"/afnemers/{a['id']}/webhooks",
                         json={"url": "https://ontvanger.voorbeeld.nl/h",
                               "typen": ["proef.notitie-geplaatst"]})
    assert webhook.status_code == 201, webhook.get_json()
    assert als_a.post(f"/afnemers/{a['id']}/webhooks",
                      json={"url": "https://ontvanger.voorbeeld.nl/h",
                            "typen": ["proef.bestaat-niet"]}).status_code in (400, 422)
    als_a.post(f"/afnemers/{a['id']}/proef-notities", json={"tekst": "Zie je dit?"})
    feed = als_a.get(f"/afnemers/{a['id']}/gebeurtenissen",
                     query_string={"type": "proef.notitie-geplaatst"}).get_json()
    assert [g["tekst"] for g in feed["resultaten"]] == ["Zie je dit?"]
    assert feed["resultaten"][0]["data"]["artikel"] == "PV 2.1"
    bezorgingen = als_a.get(f"/afnemers/{a['id']}/bezorgingen").get_json()["resultaten"]
    assert sorted(b["kanaal"] for b in bezorgingen) == ["email", "webhook"]
    # The OpenAPI catalogue of webhook events (x-webhooks) has the plugin's types too.
    catalogus = api.get("/openapi.json").get_json()["x-webhooks"]
    post = catalogus["nl.afnemersportaal.proef.notitie-geplaatst"]["post"]
    assert post["x-typefilter"] == "proef.notitie-geplaatst"
    assert "Een notitie is geplaatst (PV 2.1)" in post["description"]


def test_an_undeclared_or_foreign_event_type_is_refused(app):
    from core.sdk import Gebeurtenistype
    from core.sdk.api import publiceer

    with app.test_request_context(), pytest.raises(ValueError, match="door geen dienst"):
        publiceer(type="proef.niet-gedeclareerd", afnemer_id=None, onderwerp="x", tekst="y")
    with pytest.raises(ValueError, match="<dienst>.<naam>"):
        Gebeurtenistype("zonderpunt", "x", "PV 1")


# --- settings ---------------------------------------------------------------------------


def test_hook_dienst_instellingen(proef_urls):
    app = _maak(proef_urls["sqlite"], DIENST_PROEF_MAXIMUM="25")
    with app.app_context():
        assert uitbreidingen().instellingen("proef") == {"maximum": 25, "sleutel": None}
    with pytest.raises(PluginError, match=r"plugin 'proef': instelling 'maximum' "
                                          r"\(AFNEMERSPORTAAL_DIENST_PROEF_MAXIMUM\) moet "
                                          r"minstens 1 zijn"):
        _maak(proef_urls["sqlite"], DIENST_PROEF_MAXIMUM="0")
    with pytest.raises(PluginError, match="moet een geheel getal zijn"):
        _maak(proef_urls["sqlite"], DIENST_PROEF_MAXIMUM="veel")


def test_settings_come_from_the_environment(proef_urls, monkeypatch):
    monkeypatch.setenv("AFNEMERSPORTAAL_DIENST_PROEF_MAXIMUM", "7")
    app = _maak(proef_urls["sqlite"])
    with app.app_context():
        assert uitbreidingen().instellingen("proef")["maximum"] == 7


def test_hook_dienst_check_config(proef_urls):
    with pytest.raises(PluginError, match="plugin 'proef': de instellingen kloppen niet: "
                                          "maximum boven 1000"):
        _maak(proef_urls["sqlite"], DIENST_PROEF_MAXIMUM="5000")


def test_hook_dienst_gezondheid(api, client, token_voor, proef_urls, backend):
    """GET /diensten/{slug}/status shows Logius settings (a secret only as 'set'),
    configuration, health, tables and per environment whether it is on."""
    status = api.get("/diensten/proef/status")
    assert status.status_code == 200, status.get_json()
    body = status.get_json()
    assert body["geconfigureerd"] is True and body["gezond"] is True
    sleutel = next(i for i in body["instellingen"] if i["naam"] == "sleutel")
    assert sleutel == {**sleutel, "ingesteld": True, "waarde": None, "geheim": True}
    assert body["tabellen"] == {"revisie": "proef0001", "nieuwste": "proef0001"}
    assert [o["ingeschakeld"] for o in body["omgevingen"]] == [True, True]
    afnemer = api.post("/afnemers", json={"naam": "Gemeente S", "oin": conftest.nieuw_oin(),
                                          "type": "gemeente"}).get_json()
    als_afnemer = api.as_(token_voor(uuid.UUID(afnemer["id"])))
    # Anyone else reads the public status page, without the configuration.
    openbaar = als_afnemer.get("/diensten/proef/status")
    assert openbaar.status_code == 200
    assert all(openbaar.get_json()[veld] is None for veld in (
        "geconfigureerd", "instellingen", "gezond", "meldingen", "tabellen", "omgevingen"))
    zonder_sleutel = _maak(proef_urls[backend])
    met = conftest.Api(zonder_sleutel.test_client(), api.token)
    body = met.get("/diensten/proef/status").get_json()
    assert body["gezond"] is False
    assert body["meldingen"] == ["de sleutel van de proefvoorziening ontbreekt"]


# --- enable and disable per environment -------------------------------------------------


def _schakel(api, omgeving, **body):
    pad = f"/diensten/proef/omgevingen/{omgeving}"
    etag = api.get(pad).headers["ETag"]
    return api.request("PUT", pad, json=body, headers={"If-Match": etag})


def test_a_disabled_dienst_refuses_new_aansluitingen_and_keeps_data(api, maak_afnemer):
    afnemer = maak_afnemer()
    pad = f"/afnemers/{afnemer['id']}/aansluitingen"
    bestaand = api.post(pad, json={"dienst": "proef", "omgeving": "pre-productie",
                                   "onderdelen": [], "aanvraagOndertekendOp": "2026-11-02"})
    assert bestaand.status_code == 201, bestaand.get_json()
    assert api.request("PUT", "/diensten/proef/omgevingen/productie",
                       json={"ingeschakeld": False, "reden": "Migratie"}).status_code == 428
    uit = _schakel(api, "productie", ingeschakeld=False, reden="Migratie")
    assert uit.status_code == 200, uit.get_json()
    assert uit.get_json()["ingeschakeld"] is False
    geweigerd = api.post(pad, json={"dienst": "proef", "omgeving": "productie",
                                    "onderdelen": [], "aanvraagOndertekendOp": "2026-11-02"})
    assert geweigerd.status_code == 409
    assert geweigerd.get_json()["code"] == "dienst-uitgeschakeld"
    assert "Migratie" in geweigerd.get_json()["detail"]
    assert api.get(f"{pad}/{bestaand.get_json()['id']}").status_code == 200
    # The other environment is still on; switching back on lets the request through.
    stale = uit.headers["ETag"]
    assert _schakel(api, "productie", ingeschakeld=True, reden="Klaar").status_code == 200
    assert api.request("PUT", "/diensten/proef/omgevingen/productie", headers={
        "If-Match": stale}, json={"ingeschakeld": False, "reden": "Oud"}).status_code == 412
    assert api.post(pad, json={"dienst": "proef", "omgeving": "productie", "onderdelen": [],
                               "aanvraagOndertekendOp": "2026-11-02"}).status_code == 201
    geschiedenis = api.get("/diensten/proef/omgevingen/productie").get_json()["geschiedenis"]
    assert [(g["ingeschakeld"], g["reden"]) for g in geschiedenis] == [
        (True, "Klaar"), (False, "Migratie")]


def test_only_logius_switches_and_input_is_checked(api, twee):
    a, _b, token_a, _ = twee
    als_a = api.as_(token_a)
    assert _schakel(als_a, "productie", ingeschakeld=False, reden="x").status_code == 403
    assert api.request("PUT", "/diensten/proef/omgevingen/maan", headers={"If-Match": '"0"'},
                       json={"ingeschakeld": False, "reden": "x"}).status_code == 404
    fout = _schakel(api, "productie", ingeschakeld="misschien")
    assert fout.status_code in (400, 422)
    assert {p["name"] for p in fout.get_json()["invalidParams"]} == {"ingeschakeld", "reden"}
    assert api.get("/diensten/proef/omgevingen/productie").get_json()["geschiedenis"] == []


# --- calendar and reminders -------------------------------------------------------------


def test_hook_dienst_deadlines(api, twee):
    a, b, token_a, token_b = twee
    morgen = date.today() + timedelta(days=1)
    api.as_(token_a).post(f"/afnemers/{a['id']}/proef-notities",
                          json={"tekst": "Verlengen", "uiterlijk": morgen.isoformat()})
    eigen = api.as_(token_a).get(f"/afnemers/{a['id']}/deadlines").get_json()["resultaten"]
    post = next(d for d in eigen if d["soort"] == "notitie")
    assert post["id"].startswith("proef-notitie-") and post["artikel"] == "PV 2.2"
    assert post["datum"] == morgen.isoformat()
    ander = api.as_(token_b).get(f"/afnemers/{b['id']}/deadlines").get_json()["resultaten"]
    assert [d for d in ander if d["soort"] == "notitie"] == []


def test_hook_dienst_export(api, twee):
    """A dienst's own rows join the afnemer's export under diensten/<slug>/, and only
    that afnemer's."""
    a, b, token_a, token_b = twee
    eigen = api.as_(token_a).post(f"/afnemers/{a['id']}/proef-notities",
                                  json={"tekst": "Van A"}).get_json()
    api.as_(token_b).post(f"/afnemers/{b['id']}/proef-notities", json={"tekst": "Van B"})
    antwoord = api.as_(token_a).get(f"/afnemers/{a['id']}/export")
    assert antwoord.status_code == 200, antwoord.get_data(as_text=True)[:300]
    with zipfile.ZipFile(io.BytesIO(antwoord.get_data())) as zip_:
        notities = json.loads(zip_.read("diensten/proef/notities.json"))
        manifest = json.loads(zip_.read("manifest.json"))
    assert notities == [{"id": eigen["id"], "tekst": "Van A"}]
    assert manifest["aantallen"]["diensten/proef/notities.json"] == 1


def test_hook_dienst_herinneringen(app, api, twee):
    """The planner sends a plugin's reminder once, however often it runs."""
    from core.meldingen.models import Gebeurtenis
    from core.meldingen.planner import plan

    a, _b, token_a, _ = twee
    over_drie = date.today() + timedelta(days=3)
    api.as_(token_a).post(f"/afnemers/{a['id']}/proef-notities",
                          json={"tekst": "Bijna", "uiterlijk": over_drie.isoformat()})
    with app.app_context():
        plan()
        plan()
        typen = db.session.scalars(select(Gebeurtenis.type).where(
            Gebeurtenis.afnemer_id == uuid.UUID(a["id"]))).all()
    assert sorted(typen) == ["proef.notitie-geplaatst", "proef.notitie-verloopt"]


def _plugin(**hooks):
    """A plugin object made of hook functions (as a module would hold them)."""
    from core.hookspecs import hookimpl

    hooks.setdefault("dienst_info", proef.dienst_info)
    hooks.setdefault("dienst_voorwaarden", proef.dienst_voorwaarden)
    return type("Inline", (), {naam: staticmethod(hookimpl(f)) for naam, f in hooks.items()})


def test_a_reminder_of_an_undeclared_type_is_a_plugin_error(proef_urls):
    from core.sdk import Herinnering

    def dienst_herinneringen(dag):
        return [Herinnering("x", "proef.iets-anders", None, "Onderwerp", "Tekst")]

    app = _maak_met(proef_urls["sqlite"], _plugin(dienst_herinneringen=dienst_herinneringen))
    with app.app_context(), pytest.raises(PluginError, match=r"plugin 'proef'.*"
                                                             r"'proef.iets-anders'.*declareert"):
        uitbreidingen().herinneringen(date.today())


def test_an_event_type_of_another_dienst_stops_start_up(proef_urls):
    from core.sdk import Gebeurtenistype

    def dienst_gebeurtenissen():
        return [Gebeurtenistype("digid.gestolen", "Niet van mij", "AV 2.6")]

    with pytest.raises(PluginError, match="begint niet met de eigen dienst 'proef.'"):
        _maak_met(proef_urls["sqlite"], _plugin(dienst_gebeurtenissen=dienst_gebeurtenissen))


def test_a_required_setting_without_value_stops_start_up(proef_urls):
    from core.sdk import Instelling

    def dienst_instellingen():
        return [Instelling("adres", "Waar de voorziening is", verplicht=True)]

    with pytest.raises(PluginError, match="instelling 'adres' is verplicht; zet "
                                          "AFNEMERSPORTAAL_DIENST_PROEF_ADRES"):
        _maak_met(proef_urls["sqlite"], _plugin(dienst_instellingen=dienst_instellingen))


def _maak_met(url, plugin):
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "test"},
                     plugins=[("proef", plugin)])
    conftest._open_apps.append(app)
    return app


def test_the_plugin_tables_are_emptied_with_the_afnemer(app, api, twee):
    a, _b, token_a, _ = twee
    api.as_(token_a).post(f"/afnemers/{a['id']}/proef-notities", json={"tekst": "Weg"})
    with app.app_context():
        db.session.execute(text("DELETE FROM afnemers WHERE id = :id"),
                           {"id": uuid.UUID(a["id"]) if db.engine.dialect.name == "postgresql"
                            else uuid.UUID(a["id"]).hex})
        db.session.commit()
        aantal = db.session.execute(text("SELECT count(*) FROM proef_notities")).scalar()
    assert aantal == 0


# --- console pages ----------------------------------------------------------------------


def test_hook_dienst_console(app, client, maak_afnemer):
    """A dienst's console page is in the menu of its group and works as core's pages do:
    through the API as the logged-in person, with the API's field errors beside the field,
    and another afnemer's page is 404."""
    from tests.console.conftest import maak_console_client

    eigen, ander = maak_afnemer(), maak_afnemer()
    persoon = maak_console_client(app, client, Rol.AFNEMER_BEHEERDER, eigen["id"])
    pagina = f"/afnemers/{eigen['id']}/proef-notities"
    dashboard = persoon.tekst(f"/afnemers/{eigen['id']}/")
    assert f'href="/console{pagina}"' in dashboard and ">Notities<" in dashboard
    assert persoon.post(pagina, {"tekst": "Eerste notitie"}).status_code == 302
    assert "Eerste notitie" in persoon.tekst(pagina)
    leeg = persoon.post(pagina, {"tekst": ""})
    assert leeg.status_code == 400 and 'data-veldfout="tekst"' in leeg.get_data(as_text=True)
    assert persoon.get(f"/afnemers/{ander['id']}/proef-notities").status_code == 404


def test_a_console_blueprint_named_for_another_dienst_stops_start_up(proef_urls, monkeypatch):
    from flask import Blueprint

    from core.sdk.console import ConsoleBijdrage
    from tests.plugins.proef import console

    monkeypatch.setattr(console, "BIJDRAGE", ConsoleBijdrage(Blueprint("ander", __name__)))
    with pytest.raises(PluginError, match="heet niet naar de dienst"):
        _maak(proef_urls["sqlite"])
