"""The whole chain of the notifications issue, through the API and the real receivers.

A Logius beheerder announces a change of the Algemene Voorwaarden 40 days ahead
(AV 13.1: at least one calendar month). Every affected afnemer's webhook receives a
verifiable signed event and its algemeen contact an e-mail. One afnemer rejects; the
API shows its end of delivery, change date + 2 calendar months (AV 13.2), and its
aansluitingen scheduled to end then. 20 days ahead is refused, naming the rule.
"""

from __future__ import annotations

from datetime import timedelta

from core import tijd
from core.meldingen.worker import draai
from tests.support.ontvangers import SmtpOntvanger, WebhookOntvanger


def test_terms_change_reaches_every_afnemer_and_a_rejection_ends_delivery(
    app, api, maak_afnemer, maak_aansluiting, maak_contactpersoon
):
    ontvanger, smtp = WebhookOntvanger(), SmtpOntvanger()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port)
    try:
        afnemers = []
        for naam in ("noord", "zuid"):
            afnemer = maak_afnemer(naam=f"Gemeente {naam}")
            maak_contactpersoon(afnemer["id"], rol="algemeen", email=f"algemeen@{naam}.example")
            maak_contactpersoon(afnemer["id"], rol="technisch", email=f"tech@{naam}.example")
            maak_aansluiting(afnemer["id"], dienst="digid")
            hook = api.post(f"/afnemers/{afnemer['id']}/webhooks",
                            json={"url": f"{ontvanger.url}/{naam}"}).get_json()
            ontvanger.geheimen[f"/{naam}"] = hook["geheim"]
            afnemers.append(afnemer)
        zonder_aansluiting = maak_afnemer(naam="Gemeente Nergens")
        maak_contactpersoon(zonder_aansluiting["id"], email="algemeen@nergens.example")

        te_vroeg = api.post("/aankondigingen", json={
            "type": "voorwaardenwijziging", "titel": "AV 1.2", "omschrijving": "Nieuwe AV.",
            "document": "algemene-voorwaarden", "versie": "1.2",
            "wijzigingsdatum": (tijd.vandaag() + timedelta(days=20)).isoformat()})
        assert te_vroeg.status_code == 400
        [fout] = te_vroeg.get_json()["invalidParams"]
        assert fout["name"] == "wijzigingsdatum" and "AV 13.1" in fout["reason"]

        wijzigingsdatum = tijd.vandaag() + timedelta(days=40)
        response = api.post("/aankondigingen", json={
            "type": "voorwaardenwijziging", "titel": "AV 1.2", "omschrijving": "Nieuwe AV.",
            "document": "algemene-voorwaarden", "versie": "1.2",
            "wijzigingsdatum": wijzigingsdatum.isoformat()})
        assert response.status_code == 201, response.get_json()
        aankondiging = response.get_json()
        assert aankondiging["aantalOntvangers"] == 2

        draai(app, eenmalig=True)

        for afnemer, naam in zip(afnemers, ("noord", "zuid")):
            [event] = ontvanger.voor(f"/{naam}")
            assert event.geldig
            assert event.json["type"] == "nl.afnemersportaal.aankondiging.voorwaardenwijziging"
            assert event.json["data"]["aankondigingId"] == aankondiging["id"]
            [mail] = smtp.aan(f"algemeen@{naam}.example")
            assert mail["X-Afnemersportaal-Type"] == "aankondiging.voorwaardenwijziging"
            assert smtp.aan(f"tech@{naam}.example") == []
        assert smtp.aan("algemeen@nergens.example") == []

        noord = afnemers[0]
        afwijzing = api.post(
            f"/afnemers/{noord['id']}/aankondigingen/{aankondiging['id']}/reactie",
            json={"besluit": "afwijzen", "toelichting": "Wij gaan hier niet mee akkoord."})
        assert afwijzing.status_code == 201, afwijzing.get_json()
        einde = tijd.plus_maanden(wijzigingsdatum, 2)
        mijn = api.get(f"/afnemers/{noord['id']}/aankondigingen/{aankondiging['id']}").get_json()
        assert mijn["reactie"]["eindeLeveringOp"] == einde.isoformat()
        assert "AV 13.2" in mijn["reactie"]["grondslag"]
        [aansluiting] = api.get(f"/afnemers/{noord['id']}/aansluitingen").get_json()["resultaten"]
        assert aansluiting["geplandEindeOp"] == einde.isoformat()
        [zuid_aansluiting] = api.get(f"/afnemers/{afnemers[1]['id']}/aansluitingen"
                                     ).get_json()["resultaten"]
        assert zuid_aansluiting["geplandEindeOp"] is None

        # The afnemer is told what its rejection means; Logius hears of the reaction.
        draai(app, eenmalig=True)
        types = [o.json["type"] for o in ontvanger.voor("/noord")]
        assert types == ["nl.afnemersportaal.aankondiging.voorwaardenwijziging",
                         "nl.afnemersportaal.voorwaarden.afgewezen"]
        assert len(smtp.aan("servicecentrum@logius.example")) == 1
    finally:
        ontvanger.close()
        smtp.close()
