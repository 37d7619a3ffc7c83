"""The gemeente's own writes on its processing agreement pages (plugins/vwo/console.py),
through the API as the logged-in person, on both backends: Bijlage 2 through its form
(a rule of the API refused beside its field) and Bijlage 1 and 2 shown; the register
grows, gets a new version and loses a processing; the agreement is replaced and ended,
each behind a confirmation that names its article; a request to Logius is submitted with
its deadline and shows Logius' answer. A medewerker sees none of the forms and a forged
POST changes nothing; the menu names the page only for a gemeente."""

from __future__ import annotations

import re
from datetime import date, timedelta

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst
from tests.console.test_vwo_afnemer import _etag, _gemeente_met_overeenkomst

VANDAAG = date.today()


def test_bijlage_2_and_the_register_through_their_forms(console_als, api, maak_afnemer,
                                                         maak_contactpersoon):
    gemeente, overeenkomst = _gemeente_met_overeenkomst(api, maak_afnemer, maak_contactpersoon)
    basis = f"/afnemers/{gemeente['id']}/vwo/overeenkomsten/{overeenkomst['id']}"
    api_basis = f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{overeenkomst['id']}"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, gemeente["id"])

    html = beheerder.tekst(f"{basis}/bijlage-2")
    fout = beheerder.post(f"{basis}/bijlage-2", {
        "etag": _etag(html), "normenstelsel": "anders", "toereikendheid": ["tpm-norea"]})
    assert fout.status_code == 400
    assert 'data-veldfout="normenstelselAnders"' in fout.get_data(as_text=True)
    assert api.get(f"{api_basis}/bijlage-2").status_code == 404
    assert beheerder.post(f"{basis}/bijlage-2", {
        "etag": _etag(html), "normenstelsel": "bio", "gecertificeerd": "true",
        "laatsteCertificering": "2026-03-01",
        "toereikendheid": ["tpm-norea", "certificaat-vvt"]}).status_code == 302
    bijlage = api.get(f"{api_basis}/bijlage-2").get_json()
    assert bijlage["normenstelsel"] == "bio" and len(bijlage["toereikendheid"]) == 2
    tekst = zichtbare_tekst(beheerder.tekst(f"{basis}/bijlage-1"))
    assert "Baseline Informatiebeveiliging Overheid" in tekst and "Inloggen met DigiD" in tekst

    nieuw = {"naam": "Machtigen", "dienst": "digid", "doeleinden": "Machtigen\nControle",
             "categorieenBetrokkenen": "Inwoners", "categorieenPersoonsgegevens": ["bsn"],
             "doorgifteBuitenEer": "true"}
    fout = beheerder.post(f"{basis}/verwerkingen/nieuw", nieuw)
    assert fout.status_code == 400 and 'data-veldfout="landen"' in fout.get_data(as_text=True)
    del nieuw["doorgifteBuitenEer"]
    assert beheerder.post(f"{basis}/verwerkingen/nieuw", nieuw).status_code == 302
    register = api.get(f"{api_basis}/verwerkingen").get_json()["resultaten"]
    machtigen = next(v for v in register if v["naam"] == "Machtigen")
    assert machtigen["doeleinden"] == ["Machtigen", "Controle"]

    pagina = f"{basis}/verwerkingen/{machtigen['id']}"
    html = beheerder.tekst(pagina)
    assert beheerder.post(pagina, {**nieuw, "doeleinden": "Machtigen"}).status_code == 302
    versies = api.get(f"{api_basis}/verwerkingen/{machtigen['id']}/versies").get_json()
    assert [v["doeleinden"] for v in versies["resultaten"]] == [["Machtigen", "Controle"],
                                                                 ["Machtigen"]]
    html = beheerder.tekst(pagina)
    assert "Logius voert haar vanaf vandaag niet meer uit" in html  # the confirmation
    assert beheerder.post(f"{pagina}/beeindigen", {"etag": _etag(html)}).status_code == 302
    assert api.get(f"{api_basis}/verwerkingen/{machtigen['id']}").get_json()[
        "status"] == "beeindigd"


def test_the_agreement_is_replaced_and_ended_behind_a_confirmation(console_als, api,
                                                                   maak_afnemer,
                                                                   maak_contactpersoon):
    gemeente, overeenkomst = _gemeente_met_overeenkomst(api, maak_afnemer, maak_contactpersoon)
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, gemeente["id"])
    oud = f"/afnemers/{gemeente['id']}/vwo/overeenkomsten/{overeenkomst['id']}"
    html = beheerder.tekst(f"{oud}/vervanging")
    assert re.search(r'data-bevestig="[^"]*VWO 2\.3', html)
    vervanging = {"etag": _etag(html), "hoofdovereenkomstNaam": "Aansluitovereenkomst 2027",
                  "hoofdovereenkomstDatum": "2026-01-01", "diensten": ["digid"],
                  "registerOvernemen": "true"}
    fout = beheerder.post(f"{oud}/vervanging", vervanging)
    assert fout.status_code == 400
    assert 'data-veldfout="ingangsdatum"' in fout.get_data(as_text=True)
    ingang = (VANDAAG - timedelta(days=2)).isoformat()
    assert beheerder.post(f"{oud}/vervanging", {**vervanging, "ingangsdatum": ingang}
                          ).status_code == 302
    lijst = api.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten").get_json()["resultaten"]
    nieuw = next(o for o in lijst if o["id"] != overeenkomst["id"])
    assert nieuw["aantalVerwerkingen"] == 1
    assert next(o for o in lijst if o["id"] == overeenkomst["id"])["status"] == "vervallen"

    pagina = f"/afnemers/{gemeente['id']}/vwo/overeenkomsten/{nieuw['id']}/beeindiging"
    html = beheerder.tekst(pagina)
    assert re.search(r'data-bevestig="[^"]*VWO 2\.2', html)
    einde = {"etag": _etag(html), "verwerkingGestoptOp": ingang, "gegevens": "gewist",
             "bevestigdOp": (VANDAAG + timedelta(days=3)).isoformat()}
    fout = beheerder.post(pagina, einde)
    assert fout.status_code == 400
    assert 'data-veldfout="bevestigdOp"' in fout.get_data(as_text=True)
    assert beheerder.post(pagina, {**einde, "bevestigdOp": VANDAAG.isoformat()}
                          ).status_code == 302
    assert api.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{nieuw['id']}"
                   ).get_json()["status"] == "beeindigd"


def test_a_request_to_logius_with_its_deadline_and_answer(console_als, api, maak_afnemer,
                                                          maak_contactpersoon):
    gemeente, _ = _gemeente_met_overeenkomst(api, maak_afnemer, maak_contactpersoon)
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, gemeente["id"])
    pagina = f"/afnemers/{gemeente['id']}/vwo/verzoeken"
    verzoek = {"soort": "verzoek-betrokkene", "omschrijving": "Een inwoner vraagt inzage."}
    fout = beheerder.post(pagina, verzoek)
    assert fout.status_code == 400
    assert 'data-veldfout="ontvangenOp"' in fout.get_data(as_text=True)
    ontvangen = VANDAAG - timedelta(days=3)
    antwoord = beheerder.post(pagina, {**verzoek, "ontvangenOp": ontvangen.isoformat()})
    assert antwoord.status_code == 302
    lijst = api.get(f"/afnemers/{gemeente['id']}/vwo-verzoeken").get_json()["resultaten"]
    assert len(lijst) == 1 and lijst[0]["beslissenUiterlijk"]
    uiterlijk = date.fromisoformat(lijst[0]["beslissenUiterlijk"])
    tekst = zichtbare_tekst(beheerder.tekst(pagina))
    assert (f"beslissen uiterlijk {uiterlijk:%d-%m-%Y} (nog {(uiterlijk - VANDAAG).days} dagen)"
            in tekst)
    assert api.post(f"/diensten/vwo/verzoeken/{lijst[0]['id']}/antwoord",
                    json={"antwoord": "Logius levert de gegevens aan."}).status_code == 201
    detail = zichtbare_tekst(beheerder.tekst(antwoord.headers["Location"]))
    assert "Logius levert de gegevens aan." in detail


def test_a_medewerker_changes_nothing_and_the_menu_is_for_gemeenten(console_als, api,
                                                                    maak_afnemer,
                                                                    maak_contactpersoon):
    gemeente, overeenkomst = _gemeente_met_overeenkomst(api, maak_afnemer, maak_contactpersoon)
    basis = f"/afnemers/{gemeente['id']}/vwo/overeenkomsten/{overeenkomst['id']}"
    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, gemeente["id"])
    html = medewerker.tekst(f"/afnemers/{gemeente['id']}/vwo")
    assert ">Verwerkersovereenkomst</a>" in html  # in the menu, for a gemeente
    assert "Overeenkomst beëindigen" not in html and "Verwerking vastleggen" not in html
    for pad in ("/bijlage-2", "/beeindiging"):
        assert "<form method=\"post\"" not in medewerker.tekst(basis + pad).split("</header>")[1]
    assert 'name="omschrijving"' not in medewerker.tekst(f"/afnemers/{gemeente['id']}/vwo/verzoeken")
    pogingen = [
        (f"{basis}/bijlage-2", {"etag": "*", "normenstelsel": "bio", "toereikendheid": "tpm-norea"}),
        (f"{basis}/verwerkingen/nieuw", {"naam": "Stiekem", "dienst": "digid", "doeleinden": "x",
                                         "categorieenBetrokkenen": "x",
                                         "categorieenPersoonsgegevens": "bsn"}),
        (f"{basis}/beeindiging", {"etag": "*", "verwerkingGestoptOp": VANDAAG.isoformat(),
                                  "gegevens": "gewist", "bevestigdOp": VANDAAG.isoformat()}),
        (f"/afnemers/{gemeente['id']}/vwo/verzoeken", {"soort": "dpia", "omschrijving": "x"}),
    ]
    for pad, velden in pogingen:
        assert medewerker.post(pad, velden).status_code == 403, pad
    api_basis = f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{overeenkomst['id']}"
    assert api.get(f"{api_basis}/bijlage-2").status_code == 404
    assert api.get(api_basis).get_json()["status"] == "actief"
    assert api.get(f"{api_basis}/verwerkingen").get_json()["paginering"]["totaalAantal"] == 1
    assert api.get(f"/afnemers/{gemeente['id']}/vwo-verzoeken").get_json()[
        "paginering"]["totaalAantal"] == 0

    anders = maak_afnemer("provincie")
    assert console_als(Rol.AFNEMER_MEDEWERKER, gemeente["id"]).get(
        f"/afnemers/{anders['id']}/vwo/verzoeken").status_code == 404
    html = console_als(Rol.AFNEMER_BEHEERDER, anders["id"]).tekst(
        f"/afnemers/{anders['id']}/contactpersonen")
    assert "Contactpersonen" in html and ">Verwerkersovereenkomst<" not in html


def test_a_gemeente_records_its_agreement_which_starts_on_the_hoofdovereenkomst_vwo_2_1(
        console_als, api, maak_afnemer):
    """Without a start date the agreement starts on the hoofdovereenkomst's date (VWO 2.1);
    a request without diensten gets the API's refusal beside that field and records
    nothing; a medewerker sees no form and a forged POST records nothing either."""
    gemeente = maak_afnemer("gemeente")
    pagina = f"/afnemers/{gemeente['id']}/vwo/overeenkomsten/nieuw"
    api_pad = f"/afnemers/{gemeente['id']}/vwo-overeenkomsten"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, gemeente["id"])
    assert "Een verwerkersovereenkomst vastleggen" in beheerder.tekst(
        f"/afnemers/{gemeente['id']}/vwo")
    body = {"hoofdovereenkomstNaam": "Aansluitovereenkomst 2026",
            "hoofdovereenkomstDatum": "2026-02-01"}
    fout = beheerder.post(pagina, body)
    assert fout.status_code == 400
    assert 'data-veldfout="diensten"' in fout.get_data(as_text=True)
    assert api.get(api_pad).get_json()["resultaten"] == []

    medewerker = console_als(Rol.AFNEMER_MEDEWERKER, gemeente["id"])
    assert 'data-testid="aangaan"' not in medewerker.tekst(pagina)
    assert medewerker.post(pagina, {**body, "diensten": ["digid"]}).status_code == 403
    assert api.get(api_pad).get_json()["resultaten"] == []

    assert beheerder.post(pagina, {**body, "diensten": ["digid"]}).status_code == 302
    [overeenkomst] = api.get(api_pad).get_json()["resultaten"]
    assert overeenkomst["ingangsdatum"] == "2026-02-01"
    assert overeenkomst["diensten"] == ["digid"]
    geen_gemeente = maak_afnemer("provincie", naam="Provincie Voorbeeld")
    assert console_als(Rol.AFNEMER_BEHEERDER, geen_gemeente["id"]).get(
        f"/afnemers/{geen_gemeente['id']}/vwo/overeenkomsten/nieuw").status_code == 404
