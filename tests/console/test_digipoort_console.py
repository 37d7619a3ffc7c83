"""Digipoort's begeleiding pages (the plugin's own console pages), through the API as the
logged-in person, on both backends: the beheerder asks what a period costs (shown on the
answer, nothing stored) and records a choice; Logius records a startmail and the
beheerder asks for the next period; a refused write shows the API's reason beside its
field and changes nothing; a medewerker sees no forms and a forged POST changes nothing;
another afnemer's people get 404."""

from __future__ import annotations

import uuid

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst
from tests.kosten.conftest import digipoort_tarieven, zet_btw, zet_tarief  # noqa: F401

PAGINA = "/afnemers/{}/digipoort/begeleiding"
API = "/afnemers/{}/digipoort-begeleidingen"


def _afnemer_met_digipoort(maak_afnemer, maak_aansluiting) -> tuple[dict, dict]:
    afnemer = maak_afnemer("gemeente")
    return afnemer, maak_aansluiting(afnemer["id"], dienst="digipoort",
                                     onderdelen=("e-factureren",))


def test_the_beheerder_asks_a_quote_and_records_a_choice(console_als, api, maak_afnemer,
                                                         maak_aansluiting,
                                                         digipoort_tarieven):  # noqa: F811
    afnemer, dp = _afnemer_met_digipoort(maak_afnemer, maak_aansluiting)
    pagina = PAGINA.format(afnemer["id"])
    keuzes = API.format(afnemer["id"]) + "/keuzes"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    html = beheerder.tekst(pagina)
    assert "Digipoort-begeleiding" in html and 'name="keuze"' in html
    assert "Basis aansluitondersteuning (nog geen keuze)" in zichtbare_tekst(html)

    # The quote is the answer's page; nothing is stored.
    offerte = beheerder.post(pagina + "/offerte", {"keuze": "individueel", "jaar": "2027"})
    assert offerte.status_code == 200
    tekst = zichtbare_tekst(offerte.get_data(as_text=True))
    assert "€ 4.400,00" in tekst and "€ 3.636,36" in tekst and "DP tabel 1" in tekst
    assert api.get(keuzes).get_json()["resultaten"] == []
    fout = beheerder.post(pagina + "/offerte", {"keuze": "individueel", "jaar": "1999"})
    assert fout.status_code == 400 and 'data-veldfout="jaar"' in fout.get_data(as_text=True)

    # A choice for an aansluiting that is no Digipoort one of this afnemer: refused beside
    # the field, nothing recorded; then the real one.
    fout = beheerder.post(pagina, {"aansluitingId": str(uuid.uuid4()), "keuze": "individueel"})
    assert fout.status_code == 400
    assert 'data-veldfout="aansluitingId"' in fout.get_data(as_text=True)
    assert api.get(keuzes).get_json()["resultaten"] == []
    gekozen = beheerder.post(pagina, {"aansluitingId": dp["id"], "keuze": "individueel"})
    assert gekozen.status_code == 302
    [keuze] = api.get(keuzes).get_json()["resultaten"]
    assert (keuze["aansluitingId"], keuze["keuze"]) == (dp["id"], "individueel")
    tekst = zichtbare_tekst(beheerder.tekst(pagina))
    assert "€ 4.400,00 inclusief btw (DP tabel 1)" in tekst  # the message after the choice
    assert "Individuele begeleiding" in tekst and "Basis aansluitondersteuning (nog" not in tekst


def test_logius_records_a_startmail_and_the_beheerder_the_next_period(
        console_als, api, maak_afnemer, maak_aansluiting, digipoort_tarieven):  # noqa: F811
    afnemer, dp = _afnemer_met_digipoort(maak_afnemer, maak_aansluiting)
    api.post(API.format(afnemer["id"]) + "/keuzes",
             json={"aansluitingId": dp["id"], "keuze": "individueel"})
    pagina = PAGINA.format(afnemer["id"]) + "/perioden"
    perioden = API.format(afnemer["id"]) + "/perioden"
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert "Startmail vastleggen" in logius.tekst(pagina)
    fout = logius.post(pagina, {"aansluitingId": dp["id"]})
    assert fout.status_code == 400 and 'data-veldfout="startmail"' in fout.get_data(as_text=True)
    assert api.get(perioden).get_json()["resultaten"] == []
    assert logius.post(pagina, {"aansluitingId": dp["id"], "startmail": "2027-01-15"}
                       ).status_code == 302

    beheerder = console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"])
    html = beheerder.tekst(pagina)
    assert "Volgende periode aanvragen" in html and "2027-04-14" in html
    assert beheerder.post(pagina, {"aansluitingId": dp["id"]}).status_code == 302
    assert [(p["startmail"], p["tot"], p["soort"])
            for p in api.get(perioden).get_json()["resultaten"]] == [
        ("2027-01-15", "2027-04-14", "startmail"), ("2027-04-15", "2027-07-14", "verlenging")]
    tekst = zichtbare_tekst(beheerder.tekst(pagina))
    assert "2027-04-15 2027-07-14" in tekst and "volgende periode, aangevraagd" in tekst
    # Per aansluiting, as the main page links it: another aansluiting has none.
    ander = maak_aansluiting(afnemer["id"], dienst="digipoort", omgeving="pre-productie",
                             onderdelen=("e-factureren",))
    assert f"aansluitingId={ander['id']}" in beheerder.tekst(PAGINA.format(afnemer["id"]))
    assert "Nog geen periode vastgelegd" in beheerder.tekst(
        f"{pagina}?aansluitingId={ander['id']}")


def test_a_medewerker_sees_no_forms_and_another_afnemer_nothing(console_als, api,
                                                                maak_afnemer,
                                                                maak_aansluiting):
    afnemer, dp = _afnemer_met_digipoort(maak_afnemer, maak_aansluiting)
    pagina = PAGINA.format(afnemer["id"])
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, afnemer["id"])
    for pad in (pagina, pagina + "/perioden"):
        html = medewerker.tekst(pad)
        assert 'name="keuze"' not in html and 'name="aansluitingId"' not in html
    vervalst = medewerker.post(pagina, {"aansluitingId": dp["id"], "keuze": "individueel"})
    assert vervalst.status_code == 403
    assert api.get(API.format(afnemer["id"]) + "/keuzes").get_json()["resultaten"] == []
    ander = console_als(Rol.AFNEMER_BEHEERDER, maak_afnemer("gemeente")["id"])
    assert ander.get(pagina).status_code == 404
    assert ander.get(pagina + "/perioden").status_code == 404
    assert ander.post(pagina, {"aansluitingId": dp["id"], "keuze": "basis"}).status_code == 404
