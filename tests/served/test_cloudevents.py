"""The deployed worker's webhook is a CloudEvent in the NL GOV profile, signed over its bytes.

An incident reported over the API reaches the afnemer's webhook (a real HTTP receiver)
through the separate ``afnemersportaal worker``; the request is checked as a receiver
would: structured content mode, every attribute the profile and the document promise,
``id`` equal to ``webhook-id`` and to the event in the feed (which ``dataref`` names), and
the Standard Webhooks signature over exactly the bytes received.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
import uuid
from datetime import UTC, datetime

from tests.served.conftest import Served


def _wacht(voorwaarde, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (resultaat := voorwaarde()):
            return resultaat
        time.sleep(0.1)
    raise AssertionError("not delivered in time")


def _handtekening_klopt(geheim: str, headers: dict[str, str], body: bytes) -> bool:
    """Standard Webhooks, done by hand as a receiver in any language would."""
    sleutel = base64.b64decode(geheim.removeprefix("whsec_"))
    inhoud = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    verwacht = base64.b64encode(hmac.new(sleutel, inhoud, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(h.removeprefix("v1,"), verwacht)
               for h in headers["webhook-signature"].split() if h.startswith("v1,"))


def test_a_delivered_webhook_is_a_signed_nl_gov_cloudevent(served: Served):
    afnemer = served.maak_afnemer()
    pad = f"/afnemers/{afnemer['id']}"
    haak = f"/{afnemer['id']}/cloudevent"
    webhook = served.post(f"{pad}/webhooks", served.logius_token,
                          json={"url": served.ontvanger.url + haak,
                                "typen": ["incident.gemeld"]})
    assert webhook.status_code == 201, webhook.text
    geheim = webhook.json()["geheim"]
    served.ontvanger.geheimen[haak] = geheim
    aansluiting = served.post(f"{pad}/aansluitingen", served.logius_token, json={
        "dienst": "digid", "omgeving": "productie", "onderdelen": ["midden"],
        "aanvraagOndertekendOp": "2026-01-15"})
    assert aansluiting.status_code == 201, aansluiting.text
    incident = served.post(f"{pad}/incidenten", served.logius_token, json={
        "dienst": "digid", "omgeving": "productie", "impact": "laag", "urgentie": "laag",
        "omschrijving": "Inloggen met de app mislukt – soms",
        "functies": ["authenticatie-midden"]})
    assert incident.status_code == 201, incident.text

    [ontvangen] = _wacht(lambda: served.ontvanger.voor(haak))
    assert ontvangen.headers["content-type"] == "application/cloudevents+json"
    assert ontvangen.geldig
    assert _handtekening_klopt(geheim, ontvangen.headers, ontvangen.body)
    assert not _handtekening_klopt(geheim, ontvangen.headers, ontvangen.body + b" ")

    ce = json.loads(ontvangen.body)
    assert ce["specversion"] == "1.0"
    assert ce["id"] == ontvangen.headers["webhook-id"] == ce["data"]["id"]
    uuid.UUID(ce["id"])
    assert ce["source"] == "urn:nld:oin:00000001822477348000:systeem:afnemersportaal"
    assert ce["type"] == "nl.afnemersportaal.incident.gemeld"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", ce["time"])
    moment = datetime.fromisoformat(ce["time"])
    assert moment.utcoffset() is not None
    assert abs((datetime.now(UTC) - moment).total_seconds()) < 120
    assert ce["subject"] == f"{pad}/incidenten/{incident.json()['id']}"
    assert ce["datacontenttype"] == "application/json"
    assert ce["data"]["incidentId"] == incident.json()["id"]
    assert ce["data"]["artikel"]
    # dataref names the same event in the afnemer's feed.
    feedpad = f"{pad}/gebeurtenissen/{ce['id']}"
    assert ce["dataref"].endswith("/api/v1" + feedpad)
    gebeurtenis = served.get(feedpad, served.logius_token)
    assert gebeurtenis.status_code == 200, gebeurtenis.text
    assert gebeurtenis.json()["type"] == "incident.gemeld"
    # The subject is a resource the afnemer can read.
    assert served.get(ce["subject"], served.logius_token).status_code == 200
