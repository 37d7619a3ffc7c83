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
