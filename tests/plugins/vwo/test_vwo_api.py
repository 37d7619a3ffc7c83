"""The processing agreement through the API, on both backends, with the VWO 2.5's rules
(DOMAIN.md, VWO): agreements only for gemeenten (VWO 1), replacement (2.3), completeness
(3.2, Bijlage 1 tabel 2, Bijlage 2), the register and its transfers outside the EER (4.3,
Bijlage 1 tabel 1 with EDPB 01/2020), subverwerkers (4.5, tabel 3), breaches with both
clocks (5.1, 5.4), the logboek (5.3), requests for help (3.1, 4.6, 4.7) and ending (2.2,
7.1, 7.2)."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from core.auth.principal import Rol
from core.db import db
from core.tijd import vandaag

VWO = "/diensten/vwo"


def _namen(response) -> set[str]:
    return {p["name"] for p in response.get_json()["invalidParams"]}


def _gebeurtenissen(app, type_: str) -> list:
    from core.meldingen.models import Bezorging, Gebeurtenis

    with app.app_context():
        rijen = db.session.execute(select(Gebeurtenis).where(Gebeurtenis.type == type_)
                                   .order_by(Gebeurtenis.aangemaakt_op)).scalars().all()
        uit = []
        for g in rijen:
            adressen = sorted(db.session.scalars(select(Bezorging.adres).where(
                Bezorging.gebeurtenis_id == g.id, Bezorging.kanaal == "email")))
            uit.append((g.afnemer_id, g.data, adressen))
        return uit


def overeenkomst_body(**extra) -> dict:
    return {"hoofdovereenkomstNaam": "Aansluitovereenkomst Logius-diensten",
            "hoofdovereenkomstDatum": "2026-01-15", "diensten": ["digid"], **extra}


def verwerking_body(**extra) -> dict:
    return {"naam": "Inloggen met DigiD", "dienst": "digid",
            "doeleinden": ["Inwoners laten inloggen bij de gemeente"],
            "categorieenBetrokkenen": ["Inwoners"],
            "categorieenPersoonsgegevens": ["bsn", "inloggegevens"],
            "doorgifteBuitenEer": False, **extra}


BIJLAGE2 = {"normenstelsel": "bio", "gecertificeerd": True,
            "laatsteCertificering": "2026-03-01",
            "toereikendheid": ["certificaat-vvt", "tpm-norea"]}


@pytest.fixture
def gemeente(maak_afnemer, maak_contactpersoon) -> dict:
    afnemer = maak_afnemer("gemeente", naam="Gemeente Voorbeeldstad")
    maak_contactpersoon(afnemer["id"], rol="privacy", email="privacy@voorbeeldstad.nl")
    return afnemer


@pytest.fixture
def als_gemeente(api, token_voor, gemeente):
    return api.as_(token_voor(gemeente["id"], Rol.AFNEMER_BEHEERDER))


def _aangaan(client, afnemer, **extra) -> dict:
    response = client.post(f"/afnemers/{afnemer['id']}/vwo-overeenkomsten",
                           json=overeenkomst_body(**extra))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _vervangen(client, afnemer, oud, **extra):
    url = f"/afnemers/{afnemer['id']}/vwo-overeenkomsten/{oud['id']}"
    return client.post(f"{url}/vervanging", json=overeenkomst_body(**extra),
                       headers={"If-Match": client.get(url).headers["ETag"]})


def _register(afnemer, overeenkomst) -> str:
    return f"/afnemers/{afnemer['id']}/vwo-overeenkomsten/{overeenkomst['id']}/verwerkingen"


# --- agreements --------------------------------------------------------------------------


@pytest.mark.parametrize("soort", ["rijksoverheid", "provincie", "waterschap", "bedrijf"])
def test_done_when_a_non_gemeente_cannot_have_an_agreement_vwo_1(api, maak_afnemer, soort):
    afnemer = maak_afnemer(soort, naam=f"Een {soort}")
    response = api.post(f"/afnemers/{afnemer['id']}/vwo-overeenkomsten",
                        json=overeenkomst_body())
    assert response.status_code == 409
    assert response.content_type == "application/problem+json"
    assert "geen gemeente" in response.get_json()["detail"]
    assert api.get(f"/afnemers/{afnemer['id']}/vwo-overeenkomsten").get_json()[
        "paginering"]["totaalAantal"] == 0


def test_the_start_is_the_main_agreements_date_unless_agreed_otherwise_vwo_2_1(
        als_gemeente, gemeente):
    eigen = _aangaan(als_gemeente, gemeente)
    assert eigen["ingangsdatum"] == "2026-01-15"
    assert eigen["ingangsdatumAfgesproken"] is False
    assert eigen["standaardVersie"] == "2.5"
    later = _vervangen(als_gemeente, gemeente, eigen, ingangsdatum="2026-02-01").get_json()
    assert later["ingangsdatum"] == "2026-02-01" and later["ingangsdatumAfgesproken"] is True


def test_done_when_replacing_an_agreement_makes_the_old_one_vervallen_vwo_2_3(
        als_gemeente, gemeente):
    oud = _aangaan(als_gemeente, gemeente)
    register = _register(gemeente, oud)
    assert als_gemeente.post(register, json=verwerking_body(
        geldigVanaf="2026-01-15")).status_code == 201
    vervanging = _vervangen(als_gemeente, gemeente, oud, ingangsdatum="2026-06-01")
    assert vervanging.status_code == 201, vervanging.get_json()
    nieuw = vervanging.get_json()
    assert vervanging.headers["Location"].endswith(nieuw["id"])
    oud_nu = als_gemeente.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{oud['id']}")
    assert oud_nu.get_json()["status"] == "vervallen"
    assert oud_nu.get_json()["vervaltOp"] == "2026-06-01"
    assert oud_nu.get_json()["vervangenDoor"] == nieuw["id"]
    assert nieuw["status"] == "actief"
    # The running processing came along, valid from the new start.
    overgenomen = als_gemeente.get(_register(gemeente, nieuw)).get_json()["resultaten"]
    assert [(v["naam"], v["geldigVanaf"]) for v in overgenomen] == [
        ("Inloggen met DigiD", "2026-06-01")]
    # A replaced agreement changes no more.
    response = als_gemeente.post(register, json=verwerking_body())
    assert response.status_code == 409


def test_a_replacement_cannot_start_before_the_agreement_it_replaces_vwo_2_3(
        als_gemeente, gemeente):
    oud = _aangaan(als_gemeente, gemeente, ingangsdatum="2026-03-01")
    response = _vervangen(als_gemeente, gemeente, oud, ingangsdatum="2026-02-01")
    assert response.status_code == 400
    assert _namen(response) == {"ingangsdatum"}


def test_a_future_replacement_leaves_the_old_one_running_until_it_starts_vwo_2_3(
        als_gemeente, gemeente):
    oud = _aangaan(als_gemeente, gemeente)
    morgen = (vandaag() + timedelta(days=1)).isoformat()
    nieuw = _vervangen(als_gemeente, gemeente, oud, ingangsdatum=morgen).get_json()
    assert nieuw["status"] == "toekomstig"
    oud_nu = als_gemeente.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{oud['id']}")
    assert oud_nu.get_json()["status"] == "actief"
    assert oud_nu.get_json()["vervaltOp"] == morgen


def test_an_agreement_names_exactly_what_keeps_it_incomplete_vwo_bijlage_1_and_2(
        als_gemeente, gemeente, maak_contactpersoon):
    overeenkomst = _aangaan(als_gemeente, gemeente)
    assert overeenkomst["compleet"] is False
    assert {o["onderdeel"] for o in overeenkomst["ontbreekt"]} == {
        "bijlage-1-tabel-1", "bijlage-1-tabel-2-gemeente", "bijlage-2"}
    assert {o["artikel"] for o in overeenkomst["ontbreekt"]} == {
        "VWO 3.2, Bijlage 1 tabel 1", "VWO Bijlage 1 tabel 2", "VWO 4.1, Bijlage 2"}
    # Logius' and the IBD's contacts come from configuration (VWO Bijlage 1 tabel 2).
    assert overeenkomst["tabel2"]["verwerker"]["naam"] == "Servicecentrum Logius"
    assert overeenkomst["tabel2"]["ibd"]["email"] == "privacy@vng.nl"

    url = f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{overeenkomst['id']}"
    assert als_gemeente.post(_register(gemeente, overeenkomst),
                             json=verwerking_body()).status_code == 201
    maak_contactpersoon(gemeente["id"], rol="security", naam="Nachtdienst CISO",
                        email="ciso@voorbeeldstad.nl", bereikbaarheid="24x7")
    tussen = als_gemeente.get(url)
    assert [o["onderdeel"] for o in tussen.get_json()["ontbreekt"]] == ["bijlage-2"]
    assert tussen.get_json()["tabel2"]["gemeente"][0]["naam"] == "Nachtdienst CISO"
    ingevuld = als_gemeente.put(f"{url}/bijlage-2", json=BIJLAGE2,
                                headers={"If-Match": tussen.headers["ETag"]})
    assert ingevuld.status_code == 200, ingevuld.get_json()
    klaar = als_gemeente.get(url)
    assert klaar.get_json()["compleet"] is True
    assert klaar.get_json()["ontbreekt"] == []
    assert klaar.get_json()["bijlage2"]["normenstelsel"] == "bio"


def test_bijlage_2_names_each_missing_detail_vwo_bijlage_2(als_gemeente, gemeente):
    overeenkomst = _aangaan(als_gemeente, gemeente)
    url = f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{overeenkomst['id']}"
    assert als_gemeente.get(f"{url}/bijlage-2").status_code == 404
    put = als_gemeente.put(f"{url}/bijlage-2", json={
        "normenstelsel": "anders", "gecertificeerd": True, "toereikendheid": ["eigen-controles"]},
        headers={"If-Match": als_gemeente.get(url).headers["ETag"]})
    assert put.status_code == 400
    assert _namen(put) == {"normenstelselAnders", "laatsteCertificering", "eigenControles"}
    response = als_gemeente.post(
        f"/afnemers/{gemeente['id']}/vwo-overeenkomsten", json=overeenkomst_body(bijlage2={
            "normenstelsel": "anders", "gecertificeerd": True,
            "toereikendheid": ["eigen-controles"]}))
    assert response.status_code == 400
    assert _namen(response) == {"bijlage2.normenstelselAnders",
                                "bijlage2.laatsteCertificering", "bijlage2.eigenControles"}


def test_ending_needs_both_the_stop_and_the_confirmation_and_then_nothing_changes_vwo_2_2(
        als_gemeente, gemeente):
    overeenkomst = _aangaan(als_gemeente, gemeente)
    url = f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{overeenkomst['id']}"
    etag = als_gemeente.get(url).headers["ETag"]
    half = als_gemeente.post(f"{url}/beeindiging", json={"verwerkingGestoptOp": "2026-11-30"},
                             headers={"If-Match": etag})
    assert half.status_code == 400
    assert _namen(half) == {"gegevens", "bevestigdOp"}
    verkeerd = als_gemeente.post(f"{url}/beeindiging", json={
        "verwerkingGestoptOp": "2026-11-30", "gegevens": "gewist", "bevestigdOp": "2026-11-29"},
        headers={"If-Match": etag})
    assert _namen(verkeerd) == {"bevestigdOp"}
    einde = als_gemeente.post(f"{url}/beeindiging", json={
        "verwerkingGestoptOp": "2026-11-30", "gegevens": "teruggegeven-en-gewist",
        "bevestigdOp": "2026-12-01"}, headers={"If-Match": etag})
    assert einde.status_code == 200, einde.get_json()
    assert einde.get_json()["status"] == "beeindigd"
    assert einde.get_json()["geheimhoudingLoopt"] is True  # VWO 7.2
    again = als_gemeente.put(f"{url}/bijlage-2", json=BIJLAGE2,
                             headers={"If-Match": einde.headers["ETag"]})
    assert again.status_code == 409
    assert als_gemeente.patch(url, json={"hoofdovereenkomstNaam": "x"},
                              headers={"If-Match": einde.headers["ETag"]}).status_code == 409


def test_the_signatures_of_both_parties_are_recorded(als_gemeente, gemeente):
    overeenkomst = _aangaan(als_gemeente, gemeente)
    url = f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{overeenkomst['id']}"
    gemeente_tekent = {"naam": "J. de Vries", "functie": "Burgemeester",
                       "plaats": "Voorbeeldstad", "datum": "2026-01-20"}
    response = als_gemeente.put(f"{url}/ondertekening", json={"gemeente": gemeente_tekent},
                                headers={"If-Match": als_gemeente.get(url).headers["ETag"]})
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"gemeente": gemeente_tekent, "verwerker": None}
    assert als_gemeente.get(url).get_json()["ondertekening"]["gemeente"]["naam"] == "J. de Vries"


def test_correcting_the_start_moves_the_lapse_of_the_one_it_replaced_vwo_2_3(
        als_gemeente, gemeente):
    oud = _aangaan(als_gemeente, gemeente)
    nieuw = _vervangen(als_gemeente, gemeente, oud, ingangsdatum="2026-06-01").get_json()
    url = f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{nieuw['id']}"
    etag = als_gemeente.get(url).headers["ETag"]
    te_vroeg = als_gemeente.patch(url, json={"ingangsdatum": "2026-01-01"},
                                  headers={"If-Match": etag})
    assert te_vroeg.status_code == 400 and _namen(te_vroeg) == {"ingangsdatum"}
    goed = als_gemeente.patch(url, json={"ingangsdatum": "2026-07-01"},
                              headers={"If-Match": etag})
    assert goed.status_code == 200
    assert als_gemeente.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/{oud['id']}"
                            ).get_json()["vervaltOp"] == "2026-07-01"


def test_a_medewerker_reads_and_changes_nothing(api, token_voor, gemeente, als_gemeente):
    overeenkomst = _aangaan(als_gemeente, gemeente)
    medewerker = api.as_(token_voor(gemeente["id"], Rol.AFNEMER_MEDEWERKER))
    assert medewerker.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/"
                          f"{overeenkomst['id']}").status_code == 200
    assert medewerker.post(_register(gemeente, overeenkomst),
                           json=verwerking_body()).status_code == 403


# --- Bijlage 1 tabel 1 ---------------------------------------------------------------


def test_done_when_instrument_3_without_measures_is_refused_while_1_needs_none_vwo_4_3(
        app, als_gemeente, gemeente):
    """VWO Bijlage 1 tabel 1 with EDPB Recommendations 01/2020: instruments 3 to 6 need
    additional measures; an adequacy decision (1) does not."""
    register = _register(gemeente, _aangaan(als_gemeente, gemeente))
    morgen = (vandaag() + timedelta(days=1)).isoformat()
    zonder = als_gemeente.post(register, json=verwerking_body(
        doorgifteBuitenEer=True, landen=["US"], doorgifteInstrument=3, geldigVanaf=morgen))
    assert zonder.status_code == 400
    assert _namen(zonder) == {"aanvullendeMaatregelen"}
    assert "EDPB" in zonder.get_json()["invalidParams"][0]["reason"]
    adequaat = als_gemeente.post(register, json=verwerking_body(
        doorgifteBuitenEer=True, landen=["JP"], doorgifteInstrument=1, geldigVanaf=morgen))
    assert adequaat.status_code == 201, adequaat.get_json()
    assert adequaat.get_json()["aanvullendeMaatregelen"] is None
    met = als_gemeente.post(register, json=verwerking_body(
        doorgifteBuitenEer=True, landen=["US"], doorgifteInstrument=3, geldigVanaf=morgen,
        aanvullendeMaatregelen="Versleuteling met sleutels in de EER"))
    assert met.status_code == 201


def test_every_rule_of_a_processing_is_named_in_one_400_vwo_bijlage_1_tabel_1(
        als_gemeente, gemeente):
    register = _register(gemeente, _aangaan(als_gemeente, gemeente))
    response = als_gemeente.post(register, json=verwerking_body(
        dienst="mijnoverheid", doorgifteBuitenEer=True, landen=["DE"]))
    assert response.status_code == 400
    # ... and a transfer starting today, before it can have been announced (VWO 4.3).
    assert _namen(response) == {"dienst", "landen", "doorgifteInstrument", "geldigVanaf"}


def test_a_transfer_is_announced_to_the_privacy_contact_before_it_starts_vwo_4_3(
        app, als_gemeente, gemeente):
    register = _register(gemeente, _aangaan(als_gemeente, gemeente))
    vandaag_ = als_gemeente.post(register, json=verwerking_body(
        doorgifteBuitenEer=True, landen=["US"], doorgifteInstrument=1))
    assert vandaag_.status_code == 400
    assert _namen(vandaag_) == {"geldigVanaf"}
    assert "VWO 4.3" in vandaag_.get_json()["invalidParams"][0]["reason"]
    assert _gebeurtenissen(app, "vwo.doorgifte-aangekondigd") == []
    morgen = (vandaag() + timedelta(days=1)).isoformat()
    response = als_gemeente.post(register, json=verwerking_body(
        doorgifteBuitenEer=True, landen=["US"], doorgifteInstrument=1, geldigVanaf=morgen))
    assert response.status_code == 201
    assert response.get_json()["doorgifteAangekondigdOp"] is not None
    [(afnemer_id, data, adressen)] = _gebeurtenissen(app, "vwo.doorgifte-aangekondigd")
    assert str(afnemer_id) == gemeente["id"]
    assert data["landen"] == ["US"] and data["geldigVanaf"] == morgen
    assert adressen == ["privacy@voorbeeldstad.nl"]


def test_the_register_keeps_every_version_readable(als_gemeente, gemeente):
    register = _register(gemeente, _aangaan(als_gemeente, gemeente))
    eerste = als_gemeente.post(register, json=verwerking_body(geldigVanaf="2026-02-01"))
    url = f"{register}/{eerste.get_json()['id']}"
    tweede = als_gemeente.post(f"{url}/versies", json=verwerking_body(
        doeleinden=["Inloggen", "Machtigen"], geldigVanaf="2026-05-01"))
    assert tweede.status_code == 201, tweede.get_json()
    assert tweede.headers["Location"].endswith(url)
    assert tweede.get_json()["versie"] == 2
    assert als_gemeente.get(url).get_json()["doeleinden"] == ["Inloggen", "Machtigen"]
    versies = als_gemeente.get(f"{url}/versies").get_json()["resultaten"]
    assert [(v["versie"], v["geldigVanaf"], v["geldigTot"], v["doeleinden"]) for v in versies] == [
        (1, "2026-02-01", "2026-05-01", ["Inwoners laten inloggen bij de gemeente"]),
        (2, "2026-05-01", None, ["Inloggen", "Machtigen"])]
    maart = als_gemeente.get(f"{register}?peildatum=2026-03-15").get_json()["resultaten"]
    assert [v["versie"] for v in maart] == [1]
    assert als_gemeente.get(f"{register}?peildatum=2026-01-20").get_json()["resultaten"] == []
    terug = als_gemeente.post(f"{url}/versies", json=verwerking_body(geldigVanaf="2026-04-01"))
    assert terug.status_code == 400 and _namen(terug) == {"geldigVanaf"}
    weg = als_gemeente.delete(url, headers={"If-Match": tweede.headers["ETag"]})
    assert weg.status_code == 204
    assert als_gemeente.get(url).get_json()["status"] == "beeindigd"
    assert len(als_gemeente.get(f"{url}/versies").get_json()["resultaten"]) == 3


def test_the_register_flags_special_categories_and_the_bsn_and_exports_csv(
        als_gemeente, gemeente):
    register = _register(gemeente, _aangaan(als_gemeente, gemeente))
    verwerking = als_gemeente.post(register, json=verwerking_body(
        categorieenPersoonsgegevens=["bsn", "gezondheidsgegevens", "contactgegevens"])).get_json()
    assert verwerking["bevatBsn"] is True
    assert verwerking["bijzonderePersoonsgegevens"] == ["bsn", "gezondheidsgegevens"]
    response = als_gemeente.get(register, headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    [rij] = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rij["naam"] == "Inloggen met DigiD" and rij["bevatBsn"] == "True"
    assert rij["bijzonderePersoonsgegevens"] == "bsn; gezondheidsgegevens"


def test_the_printable_bijlage_1_is_made_from_the_data(als_gemeente, gemeente):
    overeenkomst = _aangaan(als_gemeente, gemeente, bijlage2=BIJLAGE2)
    als_gemeente.post(_register(gemeente, overeenkomst), json=verwerking_body())
    response = als_gemeente.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/"
                                f"{overeenkomst['id']}/bijlage-1")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    for verwacht in ("Gemeente Voorbeeldstad", "Inloggen met DigiD", "Burgerservicenummer",
                     "Baseline Informatiebeveiliging Overheid", "Servicecentrum Logius"):
        assert verwacht in html
    assert "<script" not in html


# --- subverwerkers -------------------------------------------------------------------


def subverwerker_body(**extra) -> dict:
    return {"naam": "Voorbeeld Hosting B.V.",
            "contactgegevens": "Servicedesk, 070 123 4567, servicedesk@hosting.example",
            "kvkNummer": "12345678",
            "uitbestedeVerwerkingen": ["Opslag van de logging"],
            "toepassing": "Hosting van de DigiD-voorziening", "diensten": ["digid"],
            "doorgifteBuitenEer": False,
            "ingeschakeldVanaf": (vandaag() + timedelta(days=30)).isoformat(), **extra}


def _subverwerker(**extra) -> dict:
    return subverwerker_body(**extra)


def test_done_when_a_subverwerker_with_a_7_digit_kvk_number_is_refused_vwo_tabel_3(api):
    response = api.post(f"{VWO}/subverwerkers", json=_subverwerker(kvkNummer="1234567"))
    assert response.status_code == 400
    assert _namen(response) == {"kvkNummer"}
    assert api.get(f"{VWO}/subverwerkers").get_json()["paginering"]["totaalAantal"] == 0
    assert api.post(f"{VWO}/subverwerkers", json=_subverwerker()).status_code == 201


def test_a_new_subverwerker_is_announced_to_each_gemeente_it_touches_before_vwo_4_5(
        app, api, als_gemeente, gemeente, maak_afnemer, token_voor):
    _aangaan(als_gemeente, gemeente)
    ander = maak_afnemer("gemeente", naam="Gemeente Elders")
    _aangaan(api, ander, diensten=["mijnoverheid"])
    vandaag_ = api.post(f"{VWO}/subverwerkers",
                        json=_subverwerker(ingeschakeldVanaf=vandaag().isoformat()))
    assert vandaag_.status_code == 400 and _namen(vandaag_) == {"ingeschakeldVanaf"}
    response = api.post(f"{VWO}/subverwerkers", json=_subverwerker())
    assert response.status_code == 201, response.get_json()
    [(afnemer_id, data, adressen)] = _gebeurtenissen(app, "vwo.subverwerker-aangekondigd")
    assert str(afnemer_id) == gemeente["id"]  # not the gemeente with only MijnOverheid
    assert data["ingeschakeldVanaf"] == (vandaag() + timedelta(days=30)).isoformat()
    assert adressen == ["privacy@voorbeeldstad.nl"]
    # A gemeente reads Logius' list, and its agreement shows it in table 3.
    assert als_gemeente.get(f"{VWO}/subverwerkers").status_code == 200
    assert als_gemeente.post(f"{VWO}/subverwerkers", json=_subverwerker()).status_code == 403


def test_a_subverwerker_outside_the_eer_follows_the_transfer_rules_vwo_4_3(api):
    response = api.post(f"{VWO}/subverwerkers", json=_subverwerker(
        doorgifteBuitenEer=True, landen=["US"], doorgifteInstrument=4))
    assert response.status_code == 400
    assert _namen(response) == {"aanvullendeMaatregelen"}


def test_subverwerkers_known_at_signing_are_marked_in_table_3_vwo_4_5(
        api, als_gemeente, gemeente):
    bekend = api.post(f"{VWO}/subverwerkers", json=_subverwerker(
        ingeschakeldVanaf="2025-01-01")).get_json()
    overeenkomst = _aangaan(als_gemeente, gemeente)
    later = api.post(f"{VWO}/subverwerkers", json=_subverwerker(naam="Later B.V.")).get_json()
    tabel3 = als_gemeente.get(f"/afnemers/{gemeente['id']}/vwo-overeenkomsten/"
                              f"{overeenkomst['id']}").get_json()["tabel3"]
    assert {(s["id"], s["bekendBijAangaan"]) for s in tabel3} == {
        (bekend["id"], True), (later["id"], False)}


# --- breaches ------------------------------------------------------------------------------


def inbreuk_body(afnemers, vastgesteld: datetime, **extra) -> dict:
    return {"vastgesteldOp": vastgesteld.isoformat(), "afnemers": afnemers,
            "omschrijving": "Een exportbestand stond openbaar.",
            "vermoedelijkeOorzaak": "Een verkeerd ingestelde opslag.",
            "categorieenPersoonsgegevens": ["contactgegevens", "bsn"],
            "categorieenBetrokkenen": ["Inwoners"], "aantalBetrokkenen": 120, **extra}


def test_done_when_logius_deadline_is_24_hours_after_establishing_and_moves_by_the_investigation_vwo_5_1(  # noqa: E501
        app, api, gemeente):
    vastgesteld = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    zonder = api.post(f"{VWO}/inbreuken", json=inbreuk_body([gemeente["id"]], vastgesteld))
    assert zonder.status_code == 201, zonder.get_json()
    assert zonder.get_json()["gemeenteInformerenUiterlijk"] == "2026-12-02T08:00:00+00:00"
    onderzoek = [{"van": "2026-12-01T10:00:00+00:00", "tot": "2026-12-01T16:30:00+00:00"}]
    met = api.post(f"{VWO}/inbreuken", json=inbreuk_body([gemeente["id"]], vastgesteld,
                                                         onderzoek=onderzoek))
    assert met.get_json()["gemeenteInformerenUiterlijk"] == "2026-12-02T14:30:00+00:00"
    # The gemeente was told at once, by its privacy contact and its 24x7 contacts.
    meldingen = _gebeurtenissen(app, "vwo.inbreuk-gemeld")
    assert len(meldingen) == 2
    assert meldingen[0][2] == ["privacy@voorbeeldstad.nl"]
    assert meldingen[0][1]["aantalBetrokkenen"] == 120
    # Recorded (and so told) days after the moment it was established: too late.
    assert met.get_json()["gemeenten"][0]["binnenTermijn"] is False


def test_an_open_investigation_leaves_the_deadline_open_vwo_5_1(api, gemeente):
    nu = datetime.now(UTC).replace(microsecond=0)
    response = api.post(f"{VWO}/inbreuken", json=inbreuk_body(
        [gemeente["id"]], nu - timedelta(hours=2),
        onderzoek=[{"van": (nu - timedelta(hours=1)).isoformat(), "tot": None}]))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["gemeenteInformerenUiterlijk"] is None
    [klok] = response.get_json()["klokken"]
    assert klok["gepauzeerd"] is True and klok["artikel"] == "VWO 5.1"


def test_done_when_the_ap_deadline_is_72_hours_after_the_gemeentes_own_bekendop_vwo_5_4(
        api, als_gemeente, gemeente):
    vastgesteld = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    inbreuk = api.post(f"{VWO}/inbreuken", json=inbreuk_body([gemeente["id"]], vastgesteld))
    url = f"/afnemers/{gemeente['id']}/inbreuken/{inbreuk.get_json()['id']}"
    eigen = als_gemeente.get(url)
    assert eigen.status_code == 200
    bekend = "2026-12-03T09:15:00+00:00"
    response = als_gemeente.patch(url, json={"bekendOp": bekend},
                                  headers={"If-Match": eigen.headers["ETag"]})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["apMeldenUiterlijk"] == "2026-12-06T09:15:00+00:00"
    assert response.get_json()["apMeldenUiterlijk"] != (vastgesteld + timedelta(hours=72)
                                                        ).isoformat()
    assert response.get_json()["gemeenteInformerenUiterlijk"] == "2026-12-02T08:00:00+00:00"
    assert [k["id"] for k in response.get_json()["klokken"]] == ["gemeente-informeren",
                                                                 "ap-melden"]


def test_done_when_no_route_lets_logius_notify_the_ap_vwo_5_4(api, als_gemeente, gemeente):
    """The decision on a notification to the Autoriteit Persoonsgegevens is the
    gemeente's (VWO 5.4): no operation Logius may call writes it, and the gemeente's own
    side refuses Logius."""
    document = api.get("/openapi.json").get_json()
    for pad, item in document["paths"].items():
        for methode, operatie in item.items():
            if methode not in ("post", "put", "patch", "delete"):
                continue
            rollen = operatie.get("x-rollen", [])
            if "logius-beheerder" not in rollen:
                continue
            tekst = str(operatie.get("requestBody", "")) + pad
            assert "autoriteit" not in tekst.lower(), (methode, pad)
            schema = (operatie.get("requestBody", {}).get("content", {})
                      .get("application/json", {}).get("schema", {}))
            assert "apBesluit" not in str(_los_op(document, schema)), (methode, pad)
    vastgesteld = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    inbreuk = api.post(f"{VWO}/inbreuken", json=inbreuk_body([gemeente["id"]], vastgesteld))
    url = f"/afnemers/{gemeente['id']}/inbreuken/{inbreuk.get_json()['id']}"
    etag = als_gemeente.get(url).headers["ETag"]
    door_logius = api.patch(url, json={"apBesluit": "melden"}, headers={"If-Match": etag})
    assert door_logius.status_code == 403
    assert "VWO 5.4" in door_logius.get_json()["detail"]
    assert als_gemeente.get(url).get_json()["apBesluit"] is None
    door_gemeente = als_gemeente.patch(url, json={"apBesluit": "melden",
                                                  "apGemeldOp": "2026-12-02T10:00:00+00:00"},
                                       headers={"If-Match": etag})
    assert door_gemeente.status_code == 200
    assert door_gemeente.get_json()["klokken"][1]["opTijd"] is True


def _los_op(document, schema):
    if "$ref" in schema:
        return _los_op(document, document["components"]["schemas"][schema["$ref"].rsplit(
            "/", 1)[1]])
    return schema


def test_done_when_a_gemeente_reads_only_its_own_logboek_entries_vwo_5_3(
        api, token_voor, gemeente, maak_afnemer):
    ander = maak_afnemer("gemeente", naam="Gemeente Elders")
    als_ander = api.as_(token_voor(ander["id"], Rol.AFNEMER_BEHEERDER))
    als_eigen = api.as_(token_voor(gemeente["id"], Rol.AFNEMER_BEHEERDER))
    vastgesteld = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    beide = api.post(f"{VWO}/inbreuken", json=inbreuk_body(
        [gemeente["id"], ander["id"]], vastgesteld)).get_json()
    alleen_ander = api.post(f"{VWO}/inbreuken", json=inbreuk_body(
        [ander["id"]], vastgesteld)).get_json()
    maatregel = api.post(f"{VWO}/inbreuken/{alleen_ander['id']}/maatregelen",
                         json={"omschrijving": "Toegang ingetrokken"})
    assert maatregel.status_code == 201
    eigen = als_eigen.get(f"/afnemers/{gemeente['id']}/vwo-logboek").get_json()["resultaten"]
    assert {r["inbreukId"] for r in eigen} == {beide["id"]}
    # The breach-wide entry and the notice to this gemeente, not the one to the other.
    assert sorted(r["soort"] for r in eigen) == ["gemeente-geinformeerd", "vastgesteld"]
    van_ander = als_ander.get(f"/afnemers/{ander['id']}/vwo-logboek").get_json()["resultaten"]
    for regel in van_ander:
        if regel["id"] in {r["id"] for r in eigen}:
            continue
        response = als_eigen.get(f"/afnemers/{gemeente['id']}/vwo-logboek/{regel['id']}")
        assert response.status_code == 404, regel
        assert response.content_type == "application/problem+json"
    # Its own path with another's entry, and another's path: 404 either way.
    eigen_regel = eigen[0]["id"]
    assert als_ander.get(f"/afnemers/{gemeente['id']}/vwo-logboek/{eigen_regel}"
                         ).status_code == 404
    assert als_eigen.get(f"/afnemers/{gemeente['id']}/inbreuken/{alleen_ander['id']}"
                         ).status_code == 404
    # Logius reads the whole logboek.
    assert api.get(f"{VWO}/logboek").get_json()["paginering"]["totaalAantal"] >= 6


def test_breaches_are_logius_only_and_name_gemeenten_only(api, als_gemeente, gemeente,
                                                          maak_afnemer):
    vastgesteld = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert als_gemeente.post(f"{VWO}/inbreuken", json=inbreuk_body(
        [gemeente["id"]], vastgesteld)).status_code == 403
    assert als_gemeente.get(f"{VWO}/inbreuken").status_code == 403
    bedrijf = maak_afnemer("bedrijf", naam="Een bedrijf")
    response = api.post(f"{VWO}/inbreuken", json=inbreuk_body(
        [gemeente["id"], bedrijf["id"], str(uuid.uuid4())], vastgesteld))
    assert response.status_code == 400
    assert _namen(response) == {"afnemers.1", "afnemers.2"}


def test_a_measure_reaches_every_affected_gemeente_vwo_5_2(app, api, gemeente):
    vastgesteld = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    inbreuk = api.post(f"{VWO}/inbreuken", json=inbreuk_body([gemeente["id"]], vastgesteld))
    response = api.post(f"{VWO}/inbreuken/{inbreuk.get_json()['id']}/maatregelen",
                        json={"omschrijving": "De opslag is afgeschermd."})
    assert response.status_code == 201
    assert response.get_json()["soort"] == "maatregel"
    [(afnemer_id, data, _)] = _gebeurtenissen(app, "vwo.inbreuk-maatregel")
    assert str(afnemer_id) == gemeente["id"] and data["artikel"] == "VWO 5.2"


def test_the_ap_deadline_is_in_the_gemeentes_calendar_and_feed_vwo_5_4(
        api, als_gemeente, gemeente):
    vastgesteld = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    inbreuk = api.post(f"{VWO}/inbreuken", json=inbreuk_body([gemeente["id"]], vastgesteld))
    deadlines = als_gemeente.get(f"/afnemers/{gemeente['id']}/deadlines").get_json()
    posten = [p for p in (deadlines.get("resultaten") or deadlines.get("deadlines") or deadlines)
              if isinstance(p, dict) and p.get("soort") == "ap-besluit"]
    assert len(posten) == 1
    assert posten[0]["artikel"] == "VWO 5.4, AVG art. 33"
    assert inbreuk.get_json()["id"] in posten[0]["bron"]


# --- requests for help -----------------------------------------------------------------


def test_a_dpia_request_is_tracked_to_its_answer_vwo_4_7(app, api, als_gemeente, gemeente):
    response = als_gemeente.post(f"/afnemers/{gemeente['id']}/vwo-verzoeken", json={
        "soort": "dpia", "omschrijving": "Wij starten een DPIA voor inloggen met DigiD."})
    assert response.status_code == 201, response.get_json()
    verzoek = response.get_json()
    assert verzoek["artikel"] == "VWO 4.7" and verzoek["beantwoord"] is False
    assert len(_gebeurtenissen(app, "vwo.verzoek-ingediend")) == 1
    antwoord = api.post(f"{VWO}/verzoeken/{verzoek['id']}/antwoord",
                        json={"antwoord": "Logius levert de beschrijving van de verwerking."})
    assert antwoord.status_code == 201
    assert antwoord.get_json()["beantwoord"] is True
    assert len(_gebeurtenissen(app, "vwo.verzoek-beantwoord")) == 1
    nogmaals = api.post(f"{VWO}/verzoeken/{verzoek['id']}/antwoord", json={"antwoord": "x"})
    assert nogmaals.status_code == 409


def test_an_instruction_in_conflict_with_the_avg_is_told_at_once_vwo_3_1(
        app, api, als_gemeente, gemeente):
    verzoek = als_gemeente.post(f"/afnemers/{gemeente['id']}/vwo-verzoeken", json={
        "soort": "instructie", "omschrijving": "Bewaar alle inloggegevens tien jaar."}).get_json()
    response = api.post(f"{VWO}/verzoeken/{verzoek['id']}/antwoord", json={
        "antwoord": "Zo lang bewaren heeft geen grondslag.", "strijdigMetAvg": True})
    assert response.status_code == 201
    assert response.get_json()["strijdigMetAvg"] is True
    [(afnemer_id, data, adressen)] = _gebeurtenissen(app, "vwo.instructie-strijdig")
    assert str(afnemer_id) == gemeente["id"] and data["artikel"] == "VWO 3.1"
    assert adressen == ["privacy@voorbeeldstad.nl"]


def test_a_data_subjects_request_has_the_month_to_decide_avg_12_vwo_4_6(
        als_gemeente, gemeente):
    zonder = als_gemeente.post(f"/afnemers/{gemeente['id']}/vwo-verzoeken", json={
        "soort": "verzoek-betrokkene", "omschrijving": "Inzageverzoek van een inwoner."})
    assert zonder.status_code == 400 and _namen(zonder) == {"ontvangenOp"}
    ontvangen = vandaag() - timedelta(days=3)
    response = als_gemeente.post(f"/afnemers/{gemeente['id']}/vwo-verzoeken", json={
        "soort": "verzoek-betrokkene", "omschrijving": "Inzageverzoek van een inwoner.",
        "ontvangenOp": ontvangen.isoformat()})
    assert response.status_code == 201
    from core.tijd import plus_maanden

    assert response.get_json()["beslissenUiterlijk"] == plus_maanden(ontvangen, 1).isoformat()


def test_a_tpm_is_due_a_year_after_the_last_where_digid_is_processed_vwo_4_2(
        als_gemeente, gemeente):
    met = _aangaan(als_gemeente, gemeente, bijlage2={**BIJLAGE2, "laatsteTpm": "2026-02-01"})
    assert met["tpmUiterlijk"] == "2027-02-01"
    zonder = _vervangen(als_gemeente, gemeente, met, diensten=["mijnoverheid"],
                        ingangsdatum="2026-03-01").get_json()
    assert zonder["tpmUiterlijk"] is None
    assert date.fromisoformat(met["ingangsdatum"]) == date(2026, 1, 15)
