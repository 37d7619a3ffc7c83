"""The calendar page: the coming deadlines through the API, and the feed key a beheerder
creates (its address shown once), replaces and revokes; on both backends."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import func, select

from core import tijd
from core.agenda.models import AgendaSleutel
from core.auth.principal import Rol
from core.db import db
from tests.console.conftest import zichtbare_tekst


def _afnemer_met_deadline(api, maak_afnemer):
    afnemer = maak_afnemer()
    realisatie = tijd.vandaag() + timedelta(days=200)
    assert api.post(f"/afnemers/{afnemer['id']}/wijzigingsmeldingen", json={
        "omschrijving": "Nieuw zaaksysteem", "realisatiedatum": realisatie.isoformat()},
    ).status_code == 201
    return afnemer, realisatie


def _feed_pad(html: str) -> str:
    waarde = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', html).group(1)
    return urlsplit(waarde).path


def test_deadlines_and_the_feed_key_created_replaced_and_revoked(
        app, client, api, console_als, maak_afnemer):
    afnemer, realisatie = _afnemer_met_deadline(api, maak_afnemer)
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    pagina = f"/afnemers/{afnemer['id']}/agenda"
    tekst = zichtbare_tekst(beheerder.tekst(pagina))
    assert f"{realisatie.isoformat()} wijziging-realisatie" in tekst and "AV 2.8" in tekst
    # Filtered by kind through the API: another kind leaves the list empty.
    assert realisatie.isoformat() in beheerder.tekst(pagina + "?soort=wijziging-realisatie")
    assert "Geen deadlines in zicht" in beheerder.tekst(pagina + "?soort=prognose")

    eerste = beheerder.post(pagina, {"actie": "aanmaken"})
    assert eerste.status_code == 200
    oud = _feed_pad(eerste.get_data(as_text=True))
    feed = client.get(oud)
    assert feed.status_code == 200 and b"BEGIN:VCALENDAR" in feed.data
    assert realisatie.strftime("%Y%m%d").encode() in feed.data
    # Shown once: the page read again does not hold it.
    assert 'id="feed-url"' not in beheerder.tekst(pagina)

    nieuw = _feed_pad(beheerder.post(pagina, {"actie": "aanmaken"}).get_data(as_text=True))
    assert client.get(oud).status_code == 404 and client.get(nieuw).status_code == 200

    weg = beheerder.post(pagina, {"actie": "intrekken"}, follow_redirects=True)
    assert "is ingetrokken" in weg.get_data(as_text=True)
    assert client.get(nieuw).status_code == 404


def test_a_medewerker_reads_the_deadlines_without_forms_and_a_forged_post_is_refused(
        app, api, console_als, maak_afnemer):
    afnemer, realisatie = _afnemer_met_deadline(api, maak_afnemer)
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    pagina = f"/afnemers/{afnemer['id']}/agenda"
    html = medewerker.tekst(pagina)
    assert realisatie.isoformat() in html and "<form method=\"post\">" not in html
    geweigerd = medewerker.post(pagina, {"actie": "aanmaken"})
    assert geweigerd.status_code == 403
    assert 'data-testid="probleem"' in geweigerd.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AgendaSleutel)) == 0


def test_another_afnemers_calendar_is_404(console_als, maak_afnemer):
    eigen, ander = maak_afnemer(), maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, eigen["id"])
    assert beheerder.get(f"/afnemers/{ander['id']}/agenda").status_code == 404
    assert beheerder.post(f"/afnemers/{ander['id']}/agenda", {"actie": "aanmaken"}
                          ).status_code == 404
