"""An afnemer's data export (``GET /afnemers/{afnemerId}/export``) from the deployed product:
a zip with a JSON file per kind of data and a manifest, of that afnemer only, without
secrets; its beheerder and Logius get it, its medewerker 403, another afnemer 404."""

from __future__ import annotations

import io
import json
import zipfile

from tests.served.conftest import Served


def _zip(response) -> dict[str, object]:
    assert response.status_code == 200, response.text[:500]
    assert response.headers["Content-Type"] == "application/zip"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    with zipfile.ZipFile(io.BytesIO(response.content)) as zip_:
        return {naam: json.loads(zip_.read(naam)) for naam in zip_.namelist()}


def test_the_export_holds_the_afnemers_data_only_and_no_secret(served: Served):
    demo, pad = served.afnemer_id, f"/afnemers/{served.afnemer_id}"
    andere = served.maak_afnemer()
    andere_token = served.token_voor(andere["id"])
    contact = served.post(f"/afnemers/{andere['id']}/contactpersonen", andere_token, json={
        "naam": "Van de ander", "email": "ander@voorbeeld.example", "telefoon": "0701234567",
        "rol": "technisch"})
    assert contact.status_code == 201, contact.text
    token = served.post(f"{pad}/api-tokens", served.logius_token,
                        json={"naam": "Export", "rol": "afnemer-medewerker"}).json()
    webhook = served.post(f"{pad}/webhooks", served.logius_token,
                          json={"url": served.ontvanger.url + "/export"})
    assert webhook.status_code == 201, webhook.text

    bestanden = _zip(served.get(f"{pad}/export", served.afnemer_token))

    manifest = bestanden.pop("manifest.json")
    assert manifest["afnemerId"] == demo
    assert manifest["schemaRevisie"]
    assert manifest["aantallen"] == {
        naam: len(inhoud) if isinstance(inhoud, list) else 1
        for naam, inhoud in bestanden.items()}
    assert bestanden["afnemer.json"]["id"] == demo
    for naam in ("aansluitingen.json", "contactpersonen.json", "api-tokens.json",
                 "webhooks.json", "audit.json", "lidmaatschappen.json"):
        assert bestanden[naam], naam
        assert {rij["afnemer_id"] for rij in bestanden[naam]} == {demo}, naam
    assert {"diensten/vwo/overeenkomsten.json", "verbruik.json", "kostenregels.json",
            "prognoses.json", "wijzigingsmeldingen.json", "gebruikers.json"} <= set(bestanden)
    assert token["id"] in {rij["id"] for rij in bestanden["api-tokens.json"]}
    assert webhook.json()["id"] in {rij["id"] for rij in bestanden["webhooks.json"]}
    assert {"hash", "vorige_hash"} <= set(bestanden["audit.json"][0])

    tekst = json.dumps(bestanden)
    for vreemd in (andere["id"], andere["oin"], contact.json()["id"], "Van de ander"):
        assert vreemd not in tekst, vreemd
    for geheim in (token["token"], webhook.json()["geheim"], served.afnemer_token):
        assert geheim not in tekst
    assert not any(k in rij for rij in bestanden["api-tokens.json"] for k in ("hash", "token"))
    assert not any(k.endswith("versleuteld") for rij in bestanden["webhooks.json"] for k in rij)

    # Logius gets it too; the medewerker of the afnemer does not; another afnemer finds
    # nothing, as for every route of an afnemer.
    assert _zip(served.get(f"{pad}/export", served.logius_token))["afnemer.json"]["id"] == demo
    medewerker = served.get(f"{pad}/export", token["token"])
    assert medewerker.status_code == 403, medewerker.text
    assert medewerker.json()["code"] == "geen-toegang"
    vreemd = served.get(f"{pad}/export", andere_token)
    assert vreemd.status_code == 404, vreemd.text
    assert vreemd.headers["Content-Type"] == "application/problem+json"
