"""The delivery worker of the deployed product: webhooks and e-mail end to end.

An announcement made over the API reaches the afnemer's webhook (a real HTTP
receiver, signed per Standard Webhooks) and its contactpersonen's mailboxes (a real
SMTP server), through the outbox and the separate ``afnemersportaal worker`` process;
the delivery log over the API then says so.
"""

from __future__ import annotations

import time
import uuid
from datetime import date, timedelta

from tests.served.conftest import Served
from tests.support.oidc import free_port
from tests.support.ontvangers import WebhookOntvanger


def _wacht(voorwaarde, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (resultaat := voorwaarde()):
            return resultaat
        time.sleep(0.1)
    raise AssertionError("not delivered in time")


def test_an_announcement_reaches_the_webhook_and_the_mailbox_through_the_worker(served: Served):
    afnemer = served.maak_afnemer()
    pad = f"/afnemers/{afnemer['id']}"
    adres = f"techniek-{uuid.uuid4().hex[:6]}@voorbeeld.example"
    contact = served.post(f"{pad}/contactpersonen", served.logius_token, json={
        "naam": "Techniek", "email": adres, "telefoon": "0701234567", "rol": "technisch"})
    assert contact.status_code == 201, contact.text
    haak = f"/{afnemer['id']}/hook"
    webhook = served.post(f"{pad}/webhooks", served.logius_token,
                          json={"url": served.ontvanger.url + haak})
    assert webhook.status_code == 201, webhook.text
    served.ontvanger.geheimen[haak] = webhook.json()["geheim"]
    aankondiging = served.post("/aankondigingen", served.logius_token, json={
        # Digipoort: a dienst without maintenance windows, so any time will do.
        "type": "onderhoud", "titel": "Onderhoud", "omschrijving": "Gepland onderhoud",
        "dienst": "digipoort", "beginOp": f"{date.today() + timedelta(days=14)}T06:00:00+00:00",
        "eindeOp": f"{date.today() + timedelta(days=14)}T07:00:00+00:00",
        "afnemers": [afnemer["id"]]})
    assert aankondiging.status_code == 201, aankondiging.text

    ontvangen = _wacht(lambda: served.ontvanger.voor(haak))
    assert ontvangen[0].geldig, "the signature does not verify with the endpoint's secret"
    assert aankondiging.json()["id"] in ontvangen[0].body.decode()
    mails = _wacht(lambda: served.smtp.aan(adres))
    assert "Onderhoud" in mails[0]["Subject"]
    bezorgingen = _wacht(lambda: [b for b in served.get(f"{pad}/bezorgingen",
                                                         served.logius_token).json()["resultaten"]
                                  if b["status"] == "bezorgd"])
    assert {b["kanaal"] for b in bezorgingen} >= {"webhook"}


def test_after_a_patch_of_the_url_retries_and_redeliveries_go_to_the_new_url(served: Served):
    """Once a PATCH of a webhook's URL left retries and redeliveries going to the old
    URL. Now a delivery goes to the endpoint's URL as it is at each attempt, and the
    bezorging says so; one delivered before keeps the URL it was delivered to."""
    afnemer = served.maak_afnemer()
    pad = f"/afnemers/{afnemer['id']}"
    oud, nieuw = f"/{afnemer['id']}/oud", f"/{afnemer['id']}/nieuw"
    webhook = served.post(f"{pad}/webhooks", served.logius_token,
                          json={"url": served.ontvanger.url + oud}).json()
    served.ontvanger.geheimen[oud] = served.ontvanger.geheimen[nieuw] = webhook["geheim"]
    aankondiging = served.post("/aankondigingen", served.logius_token, json={
        "type": "onderhoud", "titel": "Onderhoud", "omschrijving": "Gepland onderhoud",
        "dienst": "digipoort", "beginOp": f"{date.today() + timedelta(days=14)}T06:00:00+00:00",
        "eindeOp": f"{date.today() + timedelta(days=14)}T07:00:00+00:00",
        "afnemers": [afnemer["id"]]})
    assert aankondiging.status_code == 201, aankondiging.text
    _wacht(lambda: served.ontvanger.voor(oud))
    [bezorgd] = _wacht(lambda: [b for b in served.get(f"{pad}/bezorgingen",
                                                      served.logius_token).json()["resultaten"]
                                if b["kanaal"] == "webhook" and b["status"] == "bezorgd"])
    assert bezorgd["adres"].endswith(oud)

    stand = served.get(f"{pad}/webhooks/{webhook['id']}", served.logius_token)
    gewijzigd = served.patch(f"{pad}/webhooks/{webhook['id']}", served.logius_token,
                             json={"url": served.ontvanger.url + nieuw},
                             headers={"If-Match": stand.headers["ETag"]})
    assert gewijzigd.status_code == 200, gewijzigd.text
    opnieuw = served.post(f"{pad}/bezorgingen/{bezorgd['id']}/opnieuw", served.logius_token)
    assert opnieuw.status_code in (200, 202), opnieuw.text
    ontvangen = _wacht(lambda: served.ontvanger.voor(nieuw))
    assert ontvangen[0].geldig
    assert len(served.ontvanger.voor(oud)) == 1
    na = served.get(f"{pad}/bezorgingen/{bezorgd['id']}", served.logius_token).json()
    assert na["adres"].endswith(nieuw)


def test_an_afnemer_reads_a_failed_delivery_only_as_a_coarse_category(served: Served):
    """laatsteFout once carried the connection's own words ("connection refused",
    "wrong version number"): enough to scan ports through the worker. Now it is one of
    a few categories; the details stay in the server's log."""
    ontvanger = WebhookOntvanger()
    ontvanger.antwoord = lambda _o: 503
    dicht = free_port()  # nothing listens there
    gevallen = {
        f"http://127.0.0.1:{dicht}/dicht": "geweigerd",
        f"{ontvanger.url}/vijf": "http-status 503",
        f"{ontvanger.url.replace('http://', 'https://')}/tls": "tls",  # TLS to plain HTTP
    }
    try:
        afnemer = served.maak_afnemer()
        pad = f"/afnemers/{afnemer['id']}"
        haken = {}
        for url in gevallen:
            webhook = served.post(f"{pad}/webhooks", served.logius_token, json={"url": url})
            assert webhook.status_code == 201, webhook.text
            haken[webhook.json()["id"]] = url
        assert served.post("/aankondigingen", served.logius_token, json={
            "type": "onderhoud", "titel": "Onderhoud", "omschrijving": "Gepland onderhoud",
            "dienst": "digipoort",
            "beginOp": f"{date.today() + timedelta(days=14)}T06:00:00+00:00",
            "eindeOp": f"{date.today() + timedelta(days=14)}T07:00:00+00:00",
            "afnemers": [afnemer["id"]]}).status_code == 201
        def mislukte() -> list[dict]:
            alle = served.get(f"{pad}/bezorgingen?paginaGrootte=100",
                              served.logius_token).json()["resultaten"]
            fout = [b for b in alle if b["kanaal"] == "webhook" and b["laatsteFout"]]
            return fout if len(fout) == len(gevallen) else []

        mislukt = _wacht(mislukte)
        gezien = {haken[b["webhookId"]]: b["laatsteFout"] for b in mislukt}
        assert gezien == gevallen
    finally:
        ontvanger.close()


def test_a_receiver_is_heard_410_switches_the_endpoint_off_and_retry_after_is_kept(
        served: Served):
    """410 Gone: the receiver says it is gone for good, so the endpoint is switched off
    (actief false) and the delivery stops. 503 with Retry-After: the next attempt waits
    at least that long, not the worker's own shorter backoff (0.5 s here)."""
    ontvanger = WebhookOntvanger()
    ontvanger.antwoord = lambda o: 410 if o.pad.endswith("/weg") else 503

    try:
        afnemer = served.maak_afnemer()
        pad = f"/afnemers/{afnemer['id']}"
        weg = served.post(f"{pad}/webhooks", served.logius_token,
                          json={"url": f"{ontvanger.url}/weg"}).json()
        bezet = served.post(f"{pad}/webhooks", served.logius_token,
                            json={"url": f"{ontvanger.url}/bezet"}).json()
        ontvanger.retry_after = "120"
        assert served.post("/aankondigingen", served.logius_token, json={
            "type": "onderhoud", "titel": "Onderhoud", "omschrijving": "Gepland onderhoud",
            "dienst": "digipoort",
            "beginOp": f"{date.today() + timedelta(days=14)}T06:00:00+00:00",
            "eindeOp": f"{date.today() + timedelta(days=14)}T07:00:00+00:00",
            "afnemers": [afnemer["id"]]}).status_code == 201

        def per_webhook() -> dict[str, dict]:
            alle = served.get(f"{pad}/bezorgingen?paginaGrootte=100",
                              served.logius_token).json()["resultaten"]
            return {b["webhookId"]: b for b in alle if b["kanaal"] == "webhook"
                    and b["laatsteFout"]}

        def beide() -> dict[str, dict] | None:
            gezien = per_webhook()
            return gezien if len(gezien) == 2 else None

        bezorgingen = _wacht(beide)
        assert bezorgingen[weg["id"]]["status"] == "dood"
        assert "410" in bezorgingen[weg["id"]]["laatsteFout"]
        assert served.get(f"{pad}/webhooks/{weg['id']}",
                          served.logius_token).json()["actief"] is False
        assert served.get(f"{pad}/webhooks/{bezet['id']}",
                          served.logius_token).json()["actief"] is True
        time.sleep(3)  # six of the worker's own backoffs; Retry-After said 120 s
        assert len(ontvanger.voor("/bezet")) == 1
        [bezorging] = [b for b in per_webhook().values() if b["webhookId"] == bezet["id"]]
        assert bezorging["status"] == "wachtend" and bezorging["laatsteFout"] == \
            "http-status 503"
    finally:
        ontvanger.close()
