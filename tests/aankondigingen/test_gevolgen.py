"""Before answering: an announcement's detail says what rejecting would set in motion,
the same end of delivery and aansluitingen the rejection then records (AV 13.2, MO 8.2),
or the consultation (AV 14.2); reading it changes nothing."""

from __future__ import annotations

from datetime import timedelta

from core.tijd import plus_maanden, vandaag


def test_the_preview_of_a_rejection_is_what_rejecting_then_does(
        api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    digid = maak_aansluiting(afnemer["id"], dienst="digid")
    mo = maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=("berichtenbox",))
    datum = vandaag() + timedelta(days=40)
    aankondiging = api.post("/aankondigingen", json={
        "type": "voorwaardenwijziging", "titel": "Nieuwe versie", "omschrijving": "Anders.",
        "document": "algemene-voorwaarden", "versie": "1.9", "wijzigingsdatum": datum.isoformat(),
        "afnemers": [afnemer["id"]]}).get_json()
    pad = f"/afnemers/{afnemer['id']}/aankondigingen/{aankondiging['id']}"
    gevolgen = api.get(pad).get_json()["gevolgenVanAfwijzen"]
    einde = plus_maanden(datum, 2).isoformat()
    assert (gevolgen["status"], gevolgen["eindeLeveringOp"], gevolgen["grondslag"]) == (
        "afgewezen", einde, "AV 13.2")
    assert {a["id"] for a in gevolgen["aansluitingen"]} == {digid["id"], mo["id"]}
    assert api.get(f"/afnemers/{afnemer['id']}/aansluitingen/{digid['id']}").get_json()[
        "geplandEindeOp"] is None  # reading changed nothing

    antwoord = api.post(f"{pad}/reactie", json={"besluit": "afwijzen"})
    assert antwoord.status_code == 201
    assert antwoord.get_json()["reactie"]["eindeLeveringOp"] == einde
    for a in (digid, mo):
        assert api.get(f"/afnemers/{afnemer['id']}/aansluitingen/{a['id']}").get_json()[
            "geplandEindeOp"] == einde
    assert api.get(pad).get_json()["gevolgenVanAfwijzen"] is None


def test_rejecting_a_dienstwijziging_opens_consultation_and_ends_nothing(
        api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], dienst="digid")
    aankondiging = api.post("/aankondigingen", json={
        "type": "dienstwijziging", "titel": "Anders", "omschrijving": "Anders.",
        "dienst": "digid", "wijzigingsdatum": (vandaag() + timedelta(days=30)).isoformat(),
        "afnemers": [afnemer["id"]]}).get_json()
    gevolgen = api.get(f"/afnemers/{afnemer['id']}/aankondigingen/{aankondiging['id']}"
                       ).get_json()["gevolgenVanAfwijzen"]
    assert (gevolgen["status"], gevolgen["eindeLeveringOp"], gevolgen["aansluitingen"],
            gevolgen["grondslag"]) == ("consultatie", None, [], "AV 14.2")
