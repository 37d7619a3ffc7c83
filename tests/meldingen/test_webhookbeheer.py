"""Webhooks as mature senders run them: the history of every attempt across
redeliveries, redelivery and replay limited per endpoint, secret rotation with both
signatures during the overlap, replay since a moment, and an endpoint that fails for
days switched off with an e-mail to its technical contacts.

In-process worker (``draai(..., eenmalig=True)``), real HTTP and SMTP receivers.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update
from standardwebhooks import Webhook

from core.db import db, utcnow
from core.meldingen import worker
from core.meldingen.models import Bezorging, WebhookEndpoint
from core.meldingen.worker import draai
from tests.meldingen.test_bezorging import _publiceer, _webhook
from tests.support.ontvangers import WebhookOntvanger


@pytest.fixture
def ontvanger():
    server = WebhookOntvanger()
    yield server
    server.close()


def _log(api, afnemer_id) -> list[dict]:
    return api.get(f"/afnemers/{afnemer_id}/bezorgingen?kanaal=webhook").get_json()["resultaten"]


def test_the_attempt_history_goes_on_across_redeliveries_and_keeps_the_newest(
        app, api, maak_afnemer, ontvanger, smtp):
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger)
    ontvanger.antwoord = lambda _o: 503
    _publiceer(app, afnemer["id"])
    draai(app, eenmalig=True, backoff_basis=0.0, max_pogingen=3)
    [log] = _log(api, afnemer["id"])
    assert log["status"] == "dood" and log["pogingen"] == 3
    pad = f"/afnemers/{afnemer['id']}/bezorgingen/{log['id']}"

    ontvanger.antwoord = lambda _o: 204
    assert api.post(f"{pad}/opnieuw").status_code == 202
    draai(app, eenmalig=True, backoff_basis=0.0, max_pogingen=3)
    assert api.get(pad).get_json()["pogingen"] == 1, "a redelivery starts a new series"

    pogingen = api.get(f"{pad}/pogingen").get_json()
    assert pogingen["paginering"]["totaalAantal"] == 4
    assert [p["nummer"] for p in pogingen["resultaten"]] == [4, 3, 2, 1]
    nieuwste, *eerdere = pogingen["resultaten"]
    assert (nieuwste["uitkomst"], nieuwste["httpStatus"]) == ("bezorgd", 204)
    assert {(p["uitkomst"], p["httpStatus"]) for p in eerdere} == {("http-status 503", 503)}
    assert all(p["adres"] == ontvanger.url + "/hook" and p["duurMs"] >= 0
               for p in pogingen["resultaten"])

    # Only the newest are kept.
    for _ in range(2):
        assert api.post(f"{pad}/opnieuw").status_code == 202
        draai(app, eenmalig=True, pogingen_bewaard=3)
    nummers = [p["nummer"] for p in api.get(f"{pad}/pogingen").get_json()["resultaten"]]
    assert nummers == [6, 5, 4]


def test_redelivery_is_limited_per_endpoint_and_a_due_one_is_not_queued_twice(
        app, api, maak_afnemer, ontvanger, smtp):
    app.config.update(WEBHOOK_HERBEZORGINGEN_PER_MINUUT=3)
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger)
    for _ in range(2):
        _publiceer(app, afnemer["id"])
    [eerste, tweede] = _log(api, afnemer["id"])
    pad = f"/afnemers/{afnemer['id']}/bezorgingen"
    # Not yet sent: already due, so asking again changes nothing and does not count.
    for _ in range(5):
        assert api.post(f"{pad}/{eerste['id']}/opnieuw").status_code == 202
    draai(app, eenmalig=True)
    assert len(ontvanger.voor("/hook")) == 2

    # Two count; the third asks for the first again while it is due: it does not.
    antwoorden = [api.post(f"{pad}/{b['id']}/opnieuw") for b in (eerste, tweede, eerste)]
    assert [a.status_code for a in antwoorden] == [202, 202, 202]
    draai(app, eenmalig=True)
    assert len(ontvanger.voor("/hook")) == 4
    assert api.post(f"{pad}/{tweede['id']}/opnieuw").status_code == 202  # the third
    antwoord = api.post(f"{pad}/{eerste['id']}/opnieuw")
    assert antwoord.status_code == 429, antwoord.get_json()
    assert antwoord.headers["Content-Type"] == "application/problem+json"
    assert antwoord.get_json()["code"] == "herbezorgen-beperkt"
    assert 1 <= int(antwoord.headers["Retry-After"]) <= 60
    # The window passes: allowed again.
    with app.app_context():
        db.session.execute(update(WebhookEndpoint).values(
            herbezorg_venster_op=utcnow() - timedelta(seconds=61)))
        db.session.commit()
    assert api.post(f"{pad}/{tweede['id']}/opnieuw").status_code == 202


def test_after_a_rotation_both_secrets_verify_during_the_overlap_then_only_the_new(
        app, api, maak_afnemer, ontvanger, smtp):
    afnemer = maak_afnemer()
    hook = _webhook(api, afnemer["id"], ontvanger)
    oud = hook["geheim"]
    pad = f"/afnemers/{afnemer['id']}/webhooks/{hook['id']}"
    voor = api.get(pad).headers["ETag"]
    antwoord = api.post(f"{pad}/geheimrotatie", json={"overlapUren": 2})
    assert antwoord.status_code == 200, antwoord.get_json()
    nieuw = antwoord.get_json()["geheim"]
    assert nieuw.startswith("whsec_") and nieuw != oud
    tot = antwoord.get_json()["vorigGeheimGeldigTot"]
    webhook = api.get(pad)
    assert webhook.get_json()["vorigGeheimGeldigTot"] == tot
    assert "geheim" not in webhook.get_json() and webhook.headers["ETag"] != voor

    _publiceer(app, afnemer["id"])
    draai(app, eenmalig=True)
    [ontvangen] = ontvanger.voor("/hook")
    handtekeningen = ontvangen.headers["webhook-signature"].split(" ")
    assert len(handtekeningen) == 2 and all(h.startswith("v1,") for h in handtekeningen)
    for geheim in (oud, nieuw):  # a receiver that knows either one verifies
        Webhook(geheim).verify(ontvangen.body, ontvangen.headers)

    with app.app_context():  # the overlap is over
        db.session.execute(update(WebhookEndpoint).values(
            geheim_vorig_tot=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    _publiceer(app, afnemer["id"])
    draai(app, eenmalig=True)
    laatste = ontvanger.voor("/hook")[-1]
    assert " " not in laatste.headers["webhook-signature"]
    Webhook(nieuw).verify(laatste.body, laatste.headers)
    with pytest.raises(Exception):  # noqa: B017 (the library's own verification error)
        Webhook(oud).verify(laatste.body, laatste.headers)

    # Bounds of the overlap; 0 ends the old one at once.
    assert api.post(f"{pad}/geheimrotatie", json={"overlapUren": 169}).status_code == 400
    nul = api.post(f"{pad}/geheimrotatie", json={"overlapUren": 0}).get_json()
    assert nul["vorigGeheimGeldigTot"] is None


def test_a_replay_queues_every_matching_event_since_a_moment_and_refuses_too_far_back(
        app, api, maak_afnemer, ontvanger, smtp):
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger, "/onderhoud", typen=["aankondiging.onderhoud"])
    with app.app_context():
        vanaf = utcnow()
    for type_ in ("aankondiging.onderhoud", "aankondiging.storing", "aankondiging.onderhoud"):
        _publiceer(app, afnemer["id"], type=type_)
    draai(app, eenmalig=True)
    assert len(ontvanger.voor("/onderhoud")) == 2
    # A second endpoint, made after the events: a replay brings them there too.
    nieuw = _webhook(api, afnemer["id"], ontvanger, "/nieuw")
    pad = f"/afnemers/{afnemer['id']}/webhooks/{nieuw['id']}/herhalen"
    antwoord = api.post(pad, json={"vanaf": vanaf.isoformat()})
    assert antwoord.status_code == 202, antwoord.get_json()
    assert antwoord.get_json()["aantal"] == 3
    # Asked again before the worker ran: they wait already, none is queued twice.
    assert api.post(pad, json={"vanaf": vanaf.isoformat()}).get_json()["aantal"] == 0
    draai(app, eenmalig=True)
    assert len(ontvanger.voor("/nieuw")) == 3
    [hook] = [w for w in api.get(f"/afnemers/{afnemer['id']}/webhooks").get_json()[
        "resultaten"] if w["url"].endswith("/onderhoud")]
    herhaald = api.post(f"/afnemers/{afnemer['id']}/webhooks/{hook['id']}/herhalen",
                        json={"vanaf": vanaf.isoformat()})
    assert herhaald.get_json()["aantal"] == 2  # the filter holds
    draai(app, eenmalig=True)
    ids = [o.headers["webhook-id"] for o in ontvanger.voor("/onderhoud")]
    assert len(ids) == 4 and len(set(ids)) == 2, "a replay keeps each event's message id"

    for te_ver in (utcnow() - timedelta(days=31), utcnow() + timedelta(hours=1)):
        fout = api.post(pad, json={"vanaf": te_ver.isoformat()})
        assert fout.status_code == 400
        assert [p["name"] for p in fout.get_json()["invalidParams"]] == ["vanaf"]


def test_an_endpoint_failing_longer_than_the_limit_is_switched_off_and_the_contacts_mailed(
        app, api, maak_afnemer, maak_contactpersoon, ontvanger, smtp, monkeypatch):
    """The worker's clock is moved on; any success in between starts the count again."""
    klok = [utcnow()]
    monkeypatch.setattr(worker, "utcnow", lambda: klok[0])
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"], rol="technisch", email="techniek@gemeente.example")
    maak_contactpersoon(afnemer["id"], rol="financieel", email="geld@gemeente.example")
    hook = _webhook(api, afnemer["id"], ontvanger)
    pad = f"/afnemers/{afnemer['id']}/webhooks/{hook['id']}"
    antwoorden = iter([500, 204, 500, 500, 500])
    ontvanger.antwoord = lambda _o: next(antwoorden)
    werk = dict(eenmalig=True, max_pogingen=100, backoff_basis=3600.0)

    _publiceer(app, afnemer["id"])  # for the algemeen contact: no mail here
    klok[0] = start = utcnow()
    draai(app, **werk)  # fails: the clock starts
    assert api.get(pad).get_json()["falendSinds"] is not None
    klok[0] = start + timedelta(days=3)  # its retry is delivered: the count starts again
    draai(app, **werk)
    assert api.get(pad).get_json()["falendSinds"] is None
    _publiceer(app, afnemer["id"])
    for dagen in (4, 8.9):  # failing since day 4: under five days at day 8.9
        klok[0] = start + timedelta(days=dagen)
        draai(app, **werk)
    webhook = api.get(pad).get_json()
    assert webhook["actief"] is True and webhook["uitgeschakeldOp"] is None
    assert smtp.aan("techniek@gemeente.example") == []

    klok[0] = start + timedelta(days=9, seconds=1)  # five days and a second
    draai(app, **werk)
    webhook = api.get(pad).get_json()
    assert webhook["actief"] is False and webhook["uitgeschakeldOp"] is not None
    assert "5 dagen" in webhook["uitgeschakeldReden"]
    statussen = [b["status"] for b in _log(api, afnemer["id"])]
    assert statussen == ["dood", "bezorgd"], "nothing more goes to a switched-off endpoint"
    draai(app, **werk)
    [mail] = smtp.aan("techniek@gemeente.example")
    assert "uitgeschakeld" in mail["Subject"] and ontvanger.url in mail.get_payload()
    assert smtp.aan("geld@gemeente.example") == []
    assert len(ontvanger.ontvangen) == 5

    # Switched on again by the afnemer: the portal's reason goes.
    etag = api.get(pad).headers["ETag"]
    aan = api.patch(pad, json={"actief": True}, headers={"If-Match": etag}).get_json()
    assert aan["actief"] and aan["uitgeschakeldOp"] is None and aan["falendSinds"] is None


def test_other_tenants_get_404_on_the_new_operations(app, api, maak_afnemer, token_voor,
                                                     ontvanger, smtp):
    eigen, ander = maak_afnemer(), maak_afnemer()
    hook = _webhook(api, eigen["id"], ontvanger)
    _publiceer(app, eigen["id"])
    [bezorging] = _log(api, eigen["id"])
    indringer = api.as_(token_voor(uuid.UUID(ander["id"])))
    for basis in (eigen["id"], ander["id"]):
        for methode, pad, body in (
                ("get", f"/bezorgingen/{bezorging['id']}/pogingen", None),
                ("post", f"/bezorgingen/{bezorging['id']}/opnieuw", None),
                ("post", f"/webhooks/{hook['id']}/geheimrotatie", {}),
                ("post", f"/webhooks/{hook['id']}/herhalen",
                 {"vanaf": utcnow().isoformat()})):
            antwoord = getattr(indringer, methode)(f"/afnemers/{basis}{pad}", json=body)
            assert antwoord.status_code in (403, 404), (pad, antwoord.status_code)
            if basis == ander["id"]:
                assert antwoord.status_code == 404, pad
    with app.app_context():
        assert db.session.get(Bezorging, uuid.UUID(bezorging["id"])).pogingen == 0
