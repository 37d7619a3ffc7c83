"""Webhook management as deployed, on both backends, with the served product's own worker
process, a real HTTP receiver and the real SMTP server:

- an endpoint that has failed for longer than WEBHOOK_UITSCHAKELEN_NA is switched off by
  the worker, says why and when, and its technical contact gets the e-mail;
- after a secret rotation a receiver that still knows only the old secret verifies, the
  attempts of a delivery are listed, and a replay brings an event again.

The served product's limit is the default (5 days) and its environment is shared by all
served tests, so the first test writes the endpoint's ``falend_sinds`` as six days ago,
as if it had failed since; the clock's own course (a success resets it, 5 days and not
less) is tested in-process (tests/meldingen/test_webhookbeheer.py).
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Uuid, bindparam, text

from core.db import UTCDateTime, make_engine
from tests.served.conftest import Served
from tests.support.ontvangers import WebhookOntvanger


def _wacht(voorwaarde, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (resultaat := voorwaarde()):
            return resultaat
        time.sleep(0.1)
    raise AssertionError("not in time")


def _onderhoud(served: Served, afnemer_id: str) -> dict:
    antwoord = served.post("/aankondigingen", served.logius_token, json={
        "type": "onderhoud", "titel": f"Onderhoud {uuid.uuid4().hex[:4]}",
        "omschrijving": "Gepland onderhoud", "dienst": "digipoort",
        "beginOp": f"{date.today() + timedelta(days=14)}T06:00:00+00:00",
        "eindeOp": f"{date.today() + timedelta(days=14)}T07:00:00+00:00",
        "afnemers": [afnemer_id]})
    assert antwoord.status_code == 201, antwoord.text
    return antwoord.json()


def test_an_endpoint_failing_for_days_is_switched_off_and_its_technical_contact_mailed(
        served: Served):
    ontvanger = WebhookOntvanger()
    ontvanger.antwoord = lambda _o: 500
    try:
        afnemer = served.maak_afnemer()
        pad = f"/afnemers/{afnemer['id']}"
        adres = f"techniek-{uuid.uuid4().hex[:6]}@voorbeeld.example"
        assert served.post(f"{pad}/contactpersonen", served.logius_token, json={
            "naam": "Techniek", "email": adres, "telefoon": "0701234567",
            "rol": "technisch"}).status_code == 201
        webhook = served.post(f"{pad}/webhooks", served.logius_token,
                              json={"url": f"{ontvanger.url}/kapot"}).json()
        engine = make_engine(served.env["AFNEMERSPORTAAL_DATABASE_URL"])
        try:
            with engine.begin() as verbinding:
                verbinding.execute(
                    text("UPDATE webhook_endpoints SET falend_sinds = :sinds WHERE id = :id")
                    .bindparams(bindparam("sinds", type_=UTCDateTime()),
                                bindparam("id", type_=Uuid())),
                    {"sinds": datetime.now(UTC) - timedelta(days=6),
                     "id": uuid.UUID(webhook["id"])})
        finally:
            engine.dispose()
        _onderhoud(served, afnemer["id"])

        def uit() -> dict | None:
            stand = served.get(f"{pad}/webhooks/{webhook['id']}", served.logius_token).json()
            return stand if not stand["actief"] else None

        stand = _wacht(uit)
        assert stand["uitgeschakeldOp"] and "5 dagen" in stand["uitgeschakeldReden"]
        assert len(ontvanger.voor("/kapot")) == 1
        mails = _wacht(lambda: [m for m in served.smtp.aan(adres)
                                if "uitgeschakeld" in m["Subject"]])
        assert f"{ontvanger.url}/kapot" in mails[0].get_payload(decode=True).decode()
    finally:
        ontvanger.close()


def test_a_rotation_keeps_the_old_secret_valid_and_the_attempts_and_a_replay_are_served(
        served: Served):
    afnemer = served.maak_afnemer()
    pad = f"/afnemers/{afnemer['id']}"
    haak = f"/{afnemer['id']}/roteren"
    webhook = served.post(f"{pad}/webhooks", served.logius_token,
                          json={"url": served.ontvanger.url + haak}).json()
    # The receiver has not taken the new secret yet: it verifies with the old one.
    served.ontvanger.geheimen[haak] = webhook["geheim"]
    sinds = datetime.now(UTC) - timedelta(seconds=1)
    rotatie = served.post(f"{pad}/webhooks/{webhook['id']}/geheimrotatie",
                          served.logius_token, json={"overlapUren": 24})
    assert rotatie.status_code == 200, rotatie.text
    _onderhoud(served, afnemer["id"])
    [ontvangen] = _wacht(lambda: served.ontvanger.voor(haak))
    assert ontvangen.geldig, "the old secret verifies during the overlap"
    served.ontvanger.geheimen[haak] = rotatie.json()["geheim"]

    [bezorging] = _wacht(lambda: [b for b in served.get(
        f"{pad}/bezorgingen?kanaal=webhook", served.logius_token).json()["resultaten"]
        if b["status"] == "bezorgd"])
    pogingen = served.get(f"{pad}/bezorgingen/{bezorging['id']}/pogingen",
                          served.logius_token).json()["resultaten"]
    assert [(p["nummer"], p["uitkomst"], p["httpStatus"]) for p in pogingen] == [
        (1, "bezorgd", 204)]

    herhaald = served.post(f"{pad}/webhooks/{webhook['id']}/herhalen", served.logius_token,
                           json={"vanaf": sinds.isoformat()})
    assert herhaald.status_code == 202, herhaald.text
    assert herhaald.json()["aantal"] == 1
    tweede = _wacht(lambda: served.ontvanger.voor(haak)[1:])
    assert tweede[0].geldig, "and the new one too"
    assert tweede[0].headers["webhook-id"] == ontvangen.headers["webhook-id"]
