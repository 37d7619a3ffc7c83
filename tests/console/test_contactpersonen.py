"""The afnemer's contactpersonen in the console, through the API, on both backends."""

from __future__ import annotations

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst


def test_a_beheerder_adds_changes_and_removes_a_contactpersoon(
        console_als, maak_afnemer, maak_contactpersoon, api):
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"], naam="Vaste Algemene")
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    pad = f"/afnemers/{afnemer['id']}/contactpersonen"
    assert 'data-testid="toevoegen"' in beheerder.tekst(pad)
    velden = {"naam": "Nadia Bos", "email": "nadia@gemeente.example", "rol": "security",
              "bereikbaarheid": "24x7"}

    fout = beheerder.post(pad, {**velden, "telefoon": "12"})
    html = fout.get_data(as_text=True)
    assert fout.status_code == 400 and 'data-veldfout="telefoon"' in html
    assert 'value="Nadia Bos"' in html  # what was typed stays
    assert len(api.get(pad).get_json()["resultaten"]) == 1

    assert beheerder.post(pad, {**velden, "telefoon": "070 123 4567"}).status_code == 302
    [nadia] = api.get(pad, query_string={"rol": "security"}).get_json()["resultaten"]
    assert (nadia["telefoon"], nadia["bereikbaarheid"]) == ("+31701234567", "24x7")
    assert "Nadia Bos" in zichtbare_tekst(beheerder.tekst(f"{pad}?rol=security"))

    eigen = f"{pad}/{nadia['id']}"
    etag = api.get(eigen).headers["ETag"]
    assert beheerder.post(eigen, {**velden, "telefoon": "+31701234567", "rol": "technisch",
                                  "bereikbaarheid": "kantooruren", "etag": etag}
                          ).status_code == 302
    assert api.get(eigen).get_json()["rol"] == "technisch"
    etag = api.get(eigen).headers["ETag"]
    assert beheerder.post(eigen, {"actie": "verwijderen", "etag": etag}).status_code == 302
    assert api.get(eigen).status_code == 404


def test_the_last_algemeen_contact_stays_and_a_medewerker_only_reads(
        console_als, maak_afnemer, maak_contactpersoon, api):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    enige = maak_contactpersoon(afnemer["id"], naam="Enige Algemene")
    pad = f"/afnemers/{afnemer['id']}/contactpersonen/{enige['id']}"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    geweigerd = beheerder.post(pad, {"actie": "verwijderen",
                                     "etag": api.get(pad).headers["ETag"]})
    assert geweigerd.status_code == 409
    assert "laatste algemene contactpersoon" in geweigerd.get_data(as_text=True)
    assert api.get(pad).status_code == 200

    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    lijst = medewerker.tekst(f"/afnemers/{afnemer['id']}/contactpersonen")
    assert "Enige Algemene" in lijst and 'data-testid="toevoegen"' not in lijst
    assert 'data-testid="wijzigen"' not in medewerker.tekst(pad)
    forged = medewerker.post(pad, {"naam": "Gekaapt", "etag": api.get(pad).headers["ETag"]})
    assert forged.status_code == 403 and api.get(pad).get_json()["naam"] == "Enige Algemene"
    assert medewerker.get(f"/afnemers/{ander['id']}/contactpersonen").status_code == 404
    assert console_als(Rol.LOGIUS_BEHEERDER).get(pad).status_code == 200
