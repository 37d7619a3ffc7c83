"""The afnemer's webhook pages, through the API as the logged-in person, on both backends:
registering shows the secret once, the type filter and on/off change what the API shows,
a refused URL is named beside its field, a medewerker sees no forms and a forged POST
changes nothing, and the delivery log redelivers with the API's 429 as a message."""

from __future__ import annotations

import html as htmllib
import re
import uuid
from datetime import timedelta

from sqlalchemy import update

from core.auth.principal import Rol
from core.db import db
from core.meldingen.models import Bezorging
from core.meldingen.outbox import publiceer
from core.tijd import lokaal, utcnow
from tests.console.conftest import zichtbare_tekst


def test_registering_shows_the_secret_once_and_the_filter_is_changed(console_als, maak_afnemer,
                                                                     api):
    afnemer = maak_afnemer()
    basis = f"/afnemers/{afnemer['id']}/webhooks"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    antwoord = beheerder.post(basis, {"url": "https://zaak.example/h", "omschrijving": "Zaken",
                                      "typen": ["incident.*", "mandaat.verleend"]})
    assert antwoord.status_code == 201
    html = antwoord.get_data(as_text=True)
    geheim = re.search(r'data-testid="geheim">([^<]+)<', html).group(1)
    assert geheim.startswith("whsec_")
    webhook = api.get(basis).get_json()["resultaten"][0]
    assert webhook["typen"] == ["incident.*", "mandaat.verleend"]
    pagina = f"{basis}/{webhook['id']}"
    assert geheim not in beheerder.tekst(basis) and geheim not in beheerder.tekst(pagina)

    assert beheerder.post(pagina, {"actie": "typen", "etag": _etag(beheerder, pagina),
                                   "typen": ["vwo.*"]}).status_code == 302
    assert beheerder.post(pagina, {"actie": "uit", "etag": _etag(beheerder, pagina)}
                          ).status_code == 302
    nu = api.get(pagina).get_json()
    assert nu["typen"] == ["vwo.*"] and nu["actief"] is False
    assert "uit" in zichtbare_tekst(beheerder.tekst(pagina))

    antwoord = beheerder.post(pagina, {"actie": "roteren", "overlapUren": "0"})
    nieuw = re.search(r'data-testid="geheim">([^<]+)<', antwoord.get_data(as_text=True)).group(1)
    assert nieuw.startswith("whsec_") and nieuw != geheim
    assert nieuw not in beheerder.tekst(pagina)


def test_a_refused_url_is_named_beside_its_field_and_nothing_is_made(console_als, maak_afnemer,
                                                                     api):
    afnemer = maak_afnemer()
    basis = f"/afnemers/{afnemer['id']}/webhooks"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    antwoord = beheerder.post(basis, {"url": "http://zaak.example/h"})
    assert antwoord.status_code == 400
    html = antwoord.get_data(as_text=True)
    assert 'data-veldfout="url"' in html and 'value="http://zaak.example/h"' in html
    assert api.get(basis).get_json()["resultaten"] == []


def test_a_medewerker_sees_no_forms_and_a_forged_post_changes_nothing(console_als,
                                                                      maak_afnemer, api):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    basis = f"/afnemers/{afnemer['id']}/webhooks"
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    html = medewerker.tekst(basis)
    assert 'name="url"' not in html and "Registreren" not in html
    antwoord = medewerker.post(basis, {"url": "https://zaak.example/h"})
    assert antwoord.status_code == 403
    assert api.get(basis).get_json()["resultaten"] == []
    assert medewerker.get(f"/afnemers/{ander['id']}/webhooks").status_code == 404
    assert medewerker.get(f"/afnemers/{ander['id']}/webhooks/bezorgingen").status_code == 404


def test_the_delivery_log_filters_and_redelivers_until_the_apis_limit(app, console_als,
                                                                      maak_afnemer, api):
    afnemer = maak_afnemer()
    api.post(f"/afnemers/{afnemer['id']}/webhooks", json={"url": "https://zaak.example/h"})
    with app.app_context():
        publiceer(type="aankondiging.storing", afnemer_id=uuid.UUID(afnemer["id"]),
                  onderwerp="Storing", tekst="Test", data={})
        db.session.execute(update(Bezorging).values(status="dood"))
        db.session.commit()
    app.config["WEBHOOK_HERBEZORGINGEN_PER_MINUUT"] = 1
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    log = f"/afnemers/{afnemer['id']}/webhooks/bezorgingen"
    assert "aankondiging.storing" in beheerder.tekst(f"{log}?status=dood")
    assert "aankondiging.storing" not in beheerder.tekst(f"{log}?status=bezorgd")
    bezorging = api.get(f"/afnemers/{afnemer['id']}/bezorgingen").get_json()["resultaten"][0]
    pagina = f"{log}/{bezorging['id']}"
    assert beheerder.post(pagina).status_code == 302
    assert api.get(f"/afnemers/{afnemer['id']}/bezorgingen/{bezorging['id']}"
                   ).get_json()["status"] == "wachtend"
    with app.app_context():
        db.session.execute(update(Bezorging).values(status="dood"))
        db.session.commit()
    antwoord = beheerder.post(pagina)
    assert antwoord.status_code == 429
    assert 'data-testid="probleem"' in antwoord.get_data(as_text=True)


def test_the_url_is_changed_and_events_replayed_through_the_api(app, console_als, maak_afnemer,
                                                                api):
    afnemer = maak_afnemer()
    basis = f"/afnemers/{afnemer['id']}/webhooks"
    webhook = api.post(basis, json={"url": "https://zaak.example/h"}).get_json()
    pagina = f"{basis}/{webhook['id']}"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    assert 'value="herhalen"' not in medewerker.tekst(pagina)
    etag = _etag(beheerder, pagina)
    assert medewerker.post(pagina, {"actie": "url", "etag": etag,
                                    "url": "https://ander.example/h"}).status_code == 403
    geweigerd = beheerder.post(pagina, {"actie": "url", "etag": etag,
                                        "url": "http://zaak.example/nieuw"})
    assert geweigerd.status_code == 400
    html = geweigerd.get_data(as_text=True)
    assert 'data-veldfout="url"' in html and 'value="http://zaak.example/nieuw"' in html
    assert api.get(pagina).get_json()["url"] == "https://zaak.example/h"
    assert beheerder.post(pagina, {"actie": "url", "etag": etag,
                                   "url": "https://zaak.example/nieuw"}).status_code == 302
    assert api.get(pagina).get_json()["url"] == "https://zaak.example/nieuw"

    with app.app_context():
        publiceer(type="aankondiging.storing", afnemer_id=uuid.UUID(afnemer["id"]),
                  onderwerp="Storing", tekst="Test", data={})
        db.session.execute(update(Bezorging).values(status="bezorgd"))
        db.session.commit()
    toekomst = f"{lokaal(utcnow() + timedelta(days=1)):%Y-%m-%dT%H:%M}"
    geweigerd = beheerder.post(pagina, {"actie": "herhalen", "vanaf": toekomst})
    assert geweigerd.status_code == 400
    assert 'data-veldfout="vanaf"' in geweigerd.get_data(as_text=True)
    uur_terug = f"{lokaal(utcnow() - timedelta(hours=1)):%Y-%m-%dT%H:%M}"
    assert beheerder.post(pagina, {"actie": "herhalen", "vanaf": uur_terug}).status_code == 302
    assert "1 gebeurtenis staat opnieuw in de wachtrij" in zichtbare_tekst(beheerder.tekst(pagina))
    wachtend = api.get(f"/afnemers/{afnemer['id']}/bezorgingen?status=wachtend").get_json()
    assert [b["adres"] for b in wachtend["resultaten"]] == ["https://zaak.example/nieuw"]


def _etag(persoon, pagina: str) -> str:
    """The ETag the page put in its forms, as a browser sends it back."""
    return htmllib.unescape(re.search(r'name="etag" value="([^"]+)"',
                                      persoon.tekst(pagina)).group(1))
