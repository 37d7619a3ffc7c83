"""The afnemer's aansluitingen in the console, read and written through the API, on both
backends: the list and request form, one aansluiting's history, route, koppelvlak
versions and lifecycle, per role."""

from __future__ import annotations

from datetime import timedelta

from core.auth.principal import Rol
from core.tijd import vandaag
from tests.console.conftest import zichtbare_tekst


def test_a_beheerder_requests_an_aansluiting_choosing_the_dienst_first(
        console_als, maak_afnemer, api):
    afnemer = maak_afnemer()
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    pad = f"/afnemers/{afnemer['id']}/aansluitingen"
    html = beheerder.tekst(f"{pad}?aanvraagDienst=mijnoverheid")
    assert 'data-testid="aanvraagformulier"' in html and 'value="berichtenbox"' in html

    # The API's refusal (a signing date in the future) beside its field; nothing made.
    morgen = (vandaag() + timedelta(days=1)).isoformat()
    fout = beheerder.post(pad, {"dienst": "mijnoverheid", "omgeving": "productie",
                                "onderdelen": "berichtenbox", "aanvraagOndertekendOp": morgen})
    assert fout.status_code == 400
    assert 'data-veldfout="aanvraagOndertekendOp"' in fout.get_data(as_text=True)
    assert api.get(f"{pad}").get_json()["resultaten"] == []

    goed = beheerder.post(pad, {"dienst": "mijnoverheid", "omgeving": "productie",
                                "onderdelen": "berichtenbox",
                                "aanvraagOndertekendOp": vandaag().isoformat()})
    assert goed.status_code == 302
    [rij] = api.get(pad).get_json()["resultaten"]
    assert (rij["dienst"], rij["onderdelen"], rij["status"]) == (
        "mijnoverheid", ["berichtenbox"], "aangevraagd")
    detail = zichtbare_tekst(beheerder.tekst(goed.headers["Location"]))
    assert "mijnoverheid (productie)" in detail and "Aanvraag intrekken" in detail
    lijst = zichtbare_tekst(beheerder.tekst(f"{pad}?status=actief"))
    assert "Geen aansluitingen met dit filter" in lijst


def test_a_medewerker_sees_no_forms_and_a_forged_write_changes_nothing(
        console_als, maak_afnemer, maak_aansluiting, api):
    afnemer, ander = maak_afnemer(), maak_afnemer()
    aansluiting = maak_aansluiting(afnemer["id"], dienst="digid")
    vreemd = maak_aansluiting(ander["id"], dienst="digid")
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    pad = f"/afnemers/{afnemer['id']}/aansluitingen"
    lijst = medewerker.tekst(pad)
    assert "digid" in lijst and 'data-testid="aanvraagformulier"' not in lijst
    detail = medewerker.tekst(f"{pad}/{aansluiting['id']}")
    assert "<form method=\"post\" action" not in detail.split("Uitloggen")[1]
    assert 'data-testid="stap-aanvraagformulier"' in detail
    forged = medewerker.post(f"{pad}/{aansluiting['id']}/status",
                             {"status": "beeindigd", "etag": '"1"'})
    assert forged.status_code == 403
    assert api.get(f"{pad}/{aansluiting['id']}").get_json()["status"] == "aangevraagd"
    assert medewerker.get(f"/afnemers/{ander['id']}/aansluitingen").status_code == 404
    assert medewerker.get(f"{pad}/{vreemd['id']}").status_code == 404


def test_the_beheerder_completes_a_route_step_with_its_evidence(
        console_als, maak_afnemer, maak_aansluiting, api):
    afnemer = maak_afnemer()
    aansluiting = maak_aansluiting(afnemer["id"], dienst="digid")
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    pad = f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"
    assert 'data-testid="form-afronden-aanvraagformulier"' in beheerder.tekst(pad)
    fout = beheerder.post(f"{pad}/route/aanvraagformulier/afronden", {"bewijs": ""})
    assert fout.status_code == 400 and 'data-veldfout="bewijs"' in fout.get_data(as_text=True)
    goed = beheerder.post(f"{pad}/route/aanvraagformulier/afronden", {"bewijs": "AF-2026-7"})
    assert goed.status_code == 302
    stap = api.get(f"{pad}/route").get_json()["stappen"][0]
    assert (stap["status"], stap["bewijs"]) == ("afgerond", "AF-2026-7")

    # Logius rejects it with a reason; the afnemer sees the reason at the step.
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert 'data-testid="form-afwijzen-aanvraagformulier"' in logius.tekst(pad)
    assert logius.post(f"{pad}/route/aanvraagformulier/afwijzen",
                       {"reden": "Kenmerk onleesbaar"}).status_code == 302
    assert "Kenmerk onleesbaar" in zichtbare_tekst(beheerder.tekst(pad))


def test_logius_suspends_with_its_article_and_reason_and_resumes(
        console_als, maak_afnemer, maak_aansluiting, api):
    afnemer = maak_afnemer()
    aansluiting = maak_aansluiting(afnemer["id"], dienst="mijnoverheid",
                                   onderdelen=("berichtenbox",))
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    pad = f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"

    def etag():
        return api.get(pad).headers["ETag"]

    assert 'data-testid="form-status-actief"' in logius.tekst(pad)
    assert logius.post(f"{pad}/status", {"status": "actief", "etag": etag()}).status_code == 302
    html = logius.tekst(pad)
    assert 'data-testid="form-status-opgeschort"' in html and "data-bevestig" in html
    fout = logius.post(f"{pad}/status", {"status": "opgeschort", "etag": etag(),
                                         "grondslag": "AV 5.3"})
    assert fout.status_code == 400 and 'data-veldfout="reden"' in fout.get_data(as_text=True)
    assert api.get(pad).get_json()["status"] == "actief"
    assert logius.post(f"{pad}/status", {"status": "opgeschort", "etag": etag(),
                                         "grondslag": "AV 5.4",
                                         "reden": "Lek bij de afnemer"}).status_code == 302
    body = api.get(pad).get_json()
    assert (body["status"], body["opschortingGrondslag"]) == ("opgeschort", "AV 5.4")
    # The afnemer's beheerder sees why, and cannot resume (only end).
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    tekst = zichtbare_tekst(beheerder.tekst(pad))
    assert "AV 5.4: Lek bij de afnemer" in tekst and "Hervatten" not in tekst
    assert "Aansluiting beëindigen" in tekst


def test_registering_a_koppelvlak_version_shows_the_apis_check(
        console_als, maak_afnemer, maak_aansluiting, api):
    afnemer = maak_afnemer()
    aansluiting = maak_aansluiting(afnemer["id"], dienst="mijnoverheid",
                                   onderdelen=("berichtenbox",))
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    pad = f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"
    assert 'data-controleer="/console' in beheerder.tekst(pad)
    fout = beheerder.post(f"{pad}/koppelvlak", {"koppelvlak": "berichtenbox", "versie": "9.9"})
    assert fout.status_code == 400 and 'data-veldfout="versie"' in fout.get_data(as_text=True)
    assert api.get(f"/afnemers/{afnemer['id']}/koppelvlakgebruik").get_json()["resultaten"] == []
    # A known version: registered, and the page says where it stands.
    goed = beheerder.post(f"{pad}/koppelvlak", {"koppelvlak": "berichtenbox", "versie": "3.0"})
    assert goed.status_code == 200
    assert "ondersteund" in zichtbare_tekst(goed.get_data(as_text=True))
    [rij] = api.get(f"/afnemers/{afnemer['id']}/koppelvlakgebruik").get_json()["resultaten"]
    assert (rij["koppelvlak"], rij["versie"]) == ("berichtenbox", "3.0")
    live = beheerder.tekst(f"{pad}/koppelvlak/controle?koppelvlak=berichtenbox&versie=7.1")
    assert "onbekend" in live and "niet beschikbaar" in live
    # A version on its way out: the check says so, beside the registration.
    versie = "/diensten/mijnoverheid/koppelvlakken/berichtenbox/versies/2.0"
    assert api.patch(versie, json={"verouderdSinds": vandaag().isoformat()},
                     headers={"If-Match": api.get(versie).headers["ETag"]}).status_code == 200
    oud = beheerder.post(f"{pad}/koppelvlak", {"koppelvlak": "berichtenbox", "versie": "2.0"})
    tekst = zichtbare_tekst(oud.get_data(as_text=True))
    assert "verouderd" in tekst and "stap tijdig over" in tekst
