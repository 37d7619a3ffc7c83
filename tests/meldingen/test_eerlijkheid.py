"""Fairness between afnemers: one afnemer's hanging endpoints do not hold another's
deliveries, and no endpoint has more than its share of the sending threads.

A round once claimed a batch and waited for all of it: with afnemer A's endpoints
answering after seconds, afnemer B's delivery waited for A's (1.1 s became 21.1 s). The
worker runs here in a thread of its own, as ``afnemersportaal worker`` runs it, against
real HTTP receivers: a slow one for A, a fast one for B.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from core.db import db
from core.meldingen.outbox import publiceer
from core.meldingen.worker import draai
from tests.support.ontvangers import WebhookOntvanger

#: How long A's receiver takes to answer each delivery.
TRAAG = 3.0


@pytest.fixture
def ontvangers():
    traag, snel = WebhookOntvanger(), WebhookOntvanger()
    traag.vertraging = TRAAG
    yield traag, snel
    snel.close()
    traag.close()


def _storing(app, afnemer_id: str) -> None:
    with app.app_context():
        publiceer(type="aankondiging.storing", afnemer_id=uuid.UUID(afnemer_id),
                  onderwerp="Storing", tekst="Er is een storing.", data={})
        db.session.commit()


def test_hanging_endpoints_of_one_afnemer_do_not_delay_another(app, api, maak_afnemer,
                                                               ontvangers, smtp):
    traag, snel = ontvangers
    a, b = maak_afnemer(), maak_afnemer()
    for n in range(4):
        assert api.post(f"/afnemers/{a['id']}/webhooks",
                        json={"url": f"{traag.url}/a{n}"}).status_code == 201
    assert api.post(f"/afnemers/{b['id']}/webhooks",
                    json={"url": f"{snel.url}/b"}).status_code == 201
    for _ in range(3):  # three deliveries to each of A's four endpoints
        _storing(app, a["id"])

    stop = threading.Event()
    werker = threading.Thread(target=draai, args=(app,),
                              kwargs=dict(stop=stop, interval=0.2, threads=16, per_endpoint=2))
    werker.start()
    try:
        time.sleep(0.5)  # A's first deliveries are in flight, hanging
        begin = time.monotonic()
        _storing(app, b["id"])
        deadline = begin + 2 * TRAAG
        while not snel.voor("/b") and time.monotonic() < deadline:
            time.sleep(0.02)
        assert snel.voor("/b"), "B's delivery did not arrive"
        wachttijd = snel.voor("/b")[0].tijd - begin
        print(f"B ontvangen na {wachttijd:.2f} s terwijl A's endpoints {TRAAG:.0f} s hangen")
        assert wachttijd < 1.5, f"B waited {wachttijd:.2f} s for A's hanging endpoints"
        deadline = time.monotonic() + 4 * TRAAG
        while len(traag.ontvangen) < 12 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        werker.join(timeout=4 * TRAAG)
    # Each of A's endpoints had at most two deliveries in flight at once: of its three,
    # the third arrived only after one of the first two was answered.
    for n in range(4):
        aankomsten = sorted(o.tijd for o in traag.voor(f"/a{n}"))
        assert len(aankomsten) == 3
        assert aankomsten[2] - aankomsten[0] >= TRAAG * 0.9, aankomsten
