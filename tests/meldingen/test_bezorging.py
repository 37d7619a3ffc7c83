"""Delivery of the outbox to real receivers: signed webhooks and SMTP mail (AV 2.6).

The worker runs in-process here (``draai(..., eenmalig=True)``); the crash test in
test_worker_crash.py runs it as the real command and kills it.
"""

from __future__ import annotations

import random
import smtplib
import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update

from core.db import db, utcnow
from core.meldingen.models import Bezorging, Gebeurtenis
from core.meldingen.outbox import publiceer
from core.meldingen.worker import Instellingen, draai, wachttijd
from tests.support.ontvangers import SmtpOntvanger, WebhookOntvanger


@pytest.fixture
def ontvanger():
    server = WebhookOntvanger()
    yield server
    server.close()


def _webhook(api, afnemer_id, ontvanger, pad="/hook", **body) -> dict:
    response = api.post(f"/afnemers/{afnemer_id}/webhooks",
                        json={"url": ontvanger.url + pad, **body})
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    ontvanger.geheimen[pad] = created["geheim"]
    return created


def _publiceer(app, afnemer_id, type="aankondiging.voorwaardenwijziging", **data):
    with app.app_context():
        gebeurtenis = publiceer(type=type, afnemer_id=uuid.UUID(afnemer_id),
                                onderwerp="Nieuwe voorwaarden", tekst="De voorwaarden wijzigen.",
                                data=data)
        db.session.commit()
        return str(gebeurtenis.id)


def _werk(app, **overrides) -> int:
    return draai(app, eenmalig=True, **overrides)


def test_a_webhook_receives_a_verifiable_signed_event(app, api, maak_afnemer, ontvanger, smtp):
    """Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature (v1, HMAC)."""
    afnemer = maak_afnemer()
    hook = _webhook(api, afnemer["id"], ontvanger)
    assert hook["geheim"].startswith("whsec_")
    assert "geheim" not in api.get(f"/afnemers/{afnemer['id']}/webhooks/{hook['id']}").get_json()

    gebeurtenis_id = _publiceer(app, afnemer["id"], wijzigingsdatum="2027-03-01")
    assert _werk(app) == 1

    [ontvangen] = ontvanger.voor("/hook")
    assert ontvangen.geldig, "the signature verifies with the secret shown at creation"
    assert ontvangen.headers["webhook-id"] == gebeurtenis_id
    body = ontvangen.json
    assert body["id"] == gebeurtenis_id
    assert body["type"] == "nl.afnemersportaal.aankondiging.voorwaardenwijziging"
    assert body["data"]["id"] == gebeurtenis_id
    assert body["data"]["wijzigingsdatum"] == "2027-03-01"
    assert body["data"]["artikel"] == "AV 13.1"

    log = api.get(f"/afnemers/{afnemer['id']}/bezorgingen").get_json()["resultaten"]
    assert [(b["kanaal"], b["status"], b["pogingen"]) for b in log] == [("webhook", "bezorgd", 1)]


def test_a_forged_or_stale_signature_does_not_verify(app, api, maak_afnemer, ontvanger, smtp):
    """The receiver's check is real: another secret fails, so the pass above means something."""
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger)
    ontvanger.geheimen["/hook"] = "whsec_" + "A" * 43 + "="
    _publiceer(app, afnemer["id"])
    _werk(app)
    assert [o.geldig for o in ontvanger.voor("/hook")] == [False]


def test_email_goes_to_the_contacts_whose_role_fits(app, api, maak_afnemer, maak_contactpersoon,
                                                    smtp):
    """A terms change is for the algemeen contact (AV 2.4, AV 13.1), not the technical one."""
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"], rol="algemeen", email="algemeen@gemeente.example")
    maak_contactpersoon(afnemer["id"], rol="technisch", email="techniek@gemeente.example")
    gebeurtenis_id = _publiceer(app, afnemer["id"])
    _werk(app)
    [mail] = smtp.aan("algemeen@gemeente.example")
    assert mail["Subject"] == "Nieuwe voorwaarden"
    assert mail["X-Afnemersportaal-Gebeurtenis"] == gebeurtenis_id
    assert "AV 13.1" in mail.get_payload()
    assert smtp.aan("techniek@gemeente.example") == []

    _publiceer(app, afnemer["id"], type="aankondiging.onderhoud")
    _werk(app)
    assert len(smtp.aan("techniek@gemeente.example")) == 1
    assert len(smtp.aan("algemeen@gemeente.example")) == 1


def test_a_type_filter_limits_what_a_webhook_receives(app, api, maak_afnemer, ontvanger, smtp):
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger, "/alleen-onderhoud",
             typen=["aankondiging.onderhoud"])
    _webhook(api, afnemer["id"], ontvanger, "/familie", typen=["aankondiging.*"])
    _publiceer(app, afnemer["id"], type="aankondiging.voorwaardenwijziging")
    _publiceer(app, afnemer["id"], type="aankondiging.onderhoud")
    _publiceer(app, afnemer["id"], type="voorwaarden.afgewezen")
    _werk(app)
    # The filter names the short type; the CloudEvent's type is it in reverse-DNS form.
    assert [o.json["type"] for o in ontvanger.voor("/alleen-onderhoud")] == [
        "nl.afnemersportaal.aankondiging.onderhoud"]
    assert sorted(o.json["type"] for o in ontvanger.voor("/familie")) == [
        "nl.afnemersportaal.aankondiging.onderhoud",
        "nl.afnemersportaal.aankondiging.voorwaardenwijziging"]


def test_failures_are_retried_with_the_same_message_id(app, api, maak_afnemer, ontvanger, smtp):
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger)
    pogingen = iter([500, 503, 200])
    ontvanger.antwoord = lambda _o: next(pogingen)
    _publiceer(app, afnemer["id"])
    for _ in range(3):
        _werk(app, backoff_basis=0.0)
    ids = [o.headers["webhook-id"] for o in ontvanger.voor("/hook")]
    assert len(ids) == 3 and len(set(ids)) == 1
    [log] = api.get(f"/afnemers/{afnemer['id']}/bezorgingen").get_json()["resultaten"]
    assert (log["status"], log["pogingen"], log["laatsteFout"]) == ("bezorgd", 3, None)


def test_a_failed_delivery_waits_for_its_backoff(app, api, maak_afnemer, ontvanger, smtp):
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger)
    ontvanger.antwoord = lambda _o: 500
    _publiceer(app, afnemer["id"])
    _werk(app)  # default base: 30 s
    assert _werk(app) == 0, "not due again before its backoff has passed"
    [log] = api.get(f"/afnemers/{afnemer['id']}/bezorgingen").get_json()["resultaten"]
    assert log["status"] == "wachtend" and log["laatsteFout"] == "http-status 500"


def test_after_the_maximum_attempts_a_delivery_is_dead_and_can_be_redelivered(
    app, api, maak_afnemer, ontvanger, smtp
):
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger)
    ontvanger.antwoord = lambda _o: 500
    _publiceer(app, afnemer["id"])
    for _ in range(5):
        _werk(app, backoff_basis=0.0, max_pogingen=3)
    [log] = api.get(f"/afnemers/{afnemer['id']}/bezorgingen?status=dood").get_json()["resultaten"]
    assert log["pogingen"] == 3 and len(ontvanger.voor("/hook")) == 3

    ontvanger.antwoord = lambda _o: 200
    response = api.post(f"/afnemers/{afnemer['id']}/bezorgingen/{log['id']}/opnieuw")
    assert response.status_code == 202
    assert response.get_json()["status"] == "wachtend"
    _werk(app)
    nu = api.get(f"/afnemers/{afnemer['id']}/bezorgingen/{log['id']}").get_json()
    assert nu["status"] == "bezorgd"
    ids = {o.headers["webhook-id"] for o in ontvanger.voor("/hook")}
    assert len(ids) == 1, "a redelivery keeps the message id"


def test_an_unreachable_smtp_server_is_retried_not_lost(app, api, maak_afnemer,
                                                        maak_contactpersoon):
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"], rol="algemeen", email="a@gemeente.example")
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=9)  # nothing listens there
    _publiceer(app, afnemer["id"])
    _werk(app)
    [log] = api.get(f"/afnemers/{afnemer['id']}/bezorgingen").get_json()["resultaten"]
    assert log["kanaal"] == "email" and log["status"] == "wachtend" and log["pogingen"] == 1
    smtp = SmtpOntvanger()
    try:
        app.config.update(SMTP_PORT=smtp.port)
        with app.app_context():
            db.session.execute(update(Bezorging).values(
                volgende_poging_op=utcnow() - timedelta(seconds=1)))
            db.session.commit()
        _werk(app)
        assert len(smtp.aan("a@gemeente.example")) == 1
    finally:
        smtp.close()


def test_a_removed_webhook_kills_its_pending_deliveries_but_keeps_the_log(
    app, api, maak_afnemer, ontvanger, smtp
):
    afnemer = maak_afnemer()
    hook = _webhook(api, afnemer["id"], ontvanger)
    _publiceer(app, afnemer["id"])
    url = f"/afnemers/{afnemer['id']}/webhooks/{hook['id']}"
    assert api.delete(url, headers={"If-Match": "*"}).status_code == 204
    _werk(app)
    [log] = api.get(f"/afnemers/{afnemer['id']}/bezorgingen").get_json()["resultaten"]
    assert log["status"] == "dood" and "verwijderd" in log["laatsteFout"]
    assert ontvanger.voor("/hook") == []


def test_the_secret_is_stored_encrypted(app, api, maak_afnemer, ontvanger):
    afnemer = maak_afnemer()
    hook = _webhook(api, afnemer["id"], ontvanger)
    with app.app_context():
        opgeslagen = db.session.execute(text("SELECT geheim_versleuteld FROM webhook_endpoints")
                                        ).scalar_one()
    assert hook["geheim"] not in opgeslagen and hook["geheim"][6:] not in opgeslagen


@pytest.mark.parametrize("url, omgeving", [
    ("ftp://hooks.example/x", "development"),
    ("http://hooks.example/x", "development"),
    ("https://user:pw@hooks.example/x", "development"),
    ("http://127.0.0.1:8080/x", "production"),
])
def test_webhook_urls_must_be_https(database_urls, backend, api, maak_afnemer, url, omgeving):
    from tests.conftest import Api, make_app

    afnemer = maak_afnemer()
    app = make_app(database_urls[backend], ENVIRONMENT=omgeving, SECRET_KEY="vast",
                   OIDC_ISSUER="https://login.voorbeeld.example", OIDC_CLIENT_SECRET="eigen")
    client = Api(app.test_client(), api.token)
    response = client.post(f"/afnemers/{afnemer['id']}/webhooks", json={"url": url})
    assert response.status_code == 400
    assert response.get_json()["invalidParams"][0]["name"] == "url"


def test_the_event_feed_pages_forward_with_na(app, api, maak_afnemer):
    afnemer = maak_afnemer()
    eerste = _publiceer(app, afnemer["id"], type="aankondiging.storing")
    tweede = _publiceer(app, afnemer["id"], type="aankondiging.onderhoud")
    feed = api.get(f"/afnemers/{afnemer['id']}/gebeurtenissen").get_json()["resultaten"]
    assert [g["id"] for g in feed] == [eerste, tweede]
    na = feed[0]["aangemaaktOp"]
    verder = api.get(f"/afnemers/{afnemer['id']}/gebeurtenissen",
                     query_string={"na": na}).get_json()["resultaten"]
    assert [g["id"] for g in verder] == [tweede]
    gefilterd = api.get(f"/afnemers/{afnemer['id']}/gebeurtenissen?type=aankondiging.storing"
                        ).get_json()["resultaten"]
    assert [g["id"] for g in gefilterd] == [eerste]


def test_an_event_and_its_deliveries_commit_together_or_not_at_all(app, api, maak_afnemer,
                                                                  ontvanger):
    """Written in the change's own transaction: a rollback leaves neither behind."""
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger)
    with app.app_context():
        publiceer(type="aankondiging.storing", afnemer_id=uuid.UUID(afnemer["id"]),
                  onderwerp="x", tekst="y", data={})
        db.session.flush()
        assert db.session.scalar(select(func.count()).select_from(Bezorging)) == 1
        db.session.rollback()
    with app.app_context():
        assert db.session.execute(select(Gebeurtenis)).first() is None
        assert db.session.execute(select(Bezorging)).first() is None


def test_backoff_doubles_with_jitter_within_bounds():
    """Exponential backoff with equal jitter: between half and all of base x 2^(n-1)."""
    inst = Instellingen(backoff_basis=30.0, backoff_max=3600.0)
    rng = random.Random(7)
    for poging, nominaal in [(1, 30), (2, 60), (3, 120), (4, 240), (8, 3600), (20, 3600)]:
        waits = [wachttijd(poging, inst, rng) for _ in range(200)]
        assert min(waits) >= nominaal / 2 and max(waits) <= nominaal
        assert max(waits) - min(waits) > nominaal / 4, "jitter spreads the retries"


def test_after_a_key_rotation_old_keys_decrypt_and_a_missing_one_fails_only_its_delivery(
        app, api, maak_afnemer, ontvanger, smtp):
    """The worker once exited on InvalidToken after SECRET_KEY was rotated. The old key
    in OUDE_SECRET_KEYS still decrypts; without it, only the deliveries whose secret it
    cannot read fail (saying why), and everything else goes out."""
    afnemer = maak_afnemer()
    hook = _webhook(api, afnemer["id"], ontvanger, "/geroteerd")
    ontvanger.geheimen["/geroteerd"] = hook["geheim"]
    maak_contactpersoon = api.post(f"/afnemers/{afnemer['id']}/contactpersonen", json={
        "naam": "Techniek", "email": "rotatie@gemeente.example", "telefoon": "0701234567",
        "rol": "technisch"})
    assert maak_contactpersoon.status_code == 201
    oud = app.config["SECRET_KEY"]

    _publiceer(app, afnemer["id"], type="aankondiging.onderhoud")  # for techniek too
    _werk(app, secret_key="een-nieuwe-sleutel", backoff_basis=0.0)
    # Without the old key: the webhook fails (only it), the e-mail is delivered.
    assert ontvanger.voor("/geroteerd") == []
    assert len(smtp.aan("rotatie@gemeente.example")) == 1
    logs = api.get(f"/afnemers/{afnemer['id']}/bezorgingen").get_json()["resultaten"]
    [webhook] = [b for b in logs if b["kanaal"] == "webhook"]
    # Retried to the maximum (no backoff here), then dead, saying why.
    assert webhook["status"] == "dood" and webhook["laatsteFout"].startswith("sleutel")

    # With the old one beside the new, a redelivery is decrypted and signed with the
    # endpoint's own secret.
    opnieuw = api.post(f"/afnemers/{afnemer['id']}/bezorgingen/{webhook['id']}/opnieuw")
    assert opnieuw.status_code == 202, opnieuw.get_json()
    _werk(app, secret_key="een-nieuwe-sleutel", oude_sleutels=(oud,), backoff_basis=0.0)
    [ontvangen] = ontvanger.voor("/geroteerd")
    assert ontvangen.geldig


def test_an_outage_of_the_mail_server_longer_than_the_retries_loses_no_mail(
        app, api, maak_afnemer, maak_contactpersoon, smtp):
    """An e-mail that went dead during an SMTP outage of about an hour was never resent.
    An outage of our own mail server is not the afnemer's doing: it never uses up the
    attempts; the mail stays pending, tried again at least every five minutes, and goes
    out once the server answers. Here the outage outlasts the whole retry schedule."""
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"], rol="algemeen", email="storing@gemeente.example")
    smtp.stop()
    _publiceer(app, afnemer["id"])
    for _ in range(4):  # more attempts than the maximum of 2 set below
        _werk(app, max_pogingen=2, backoff_basis=0.0)
        time.sleep(1.05)  # the least wait between tries while the server is away
    [log] = [b for b in api.get(f"/afnemers/{afnemer['id']}/bezorgingen").get_json()[
        "resultaten"] if b["kanaal"] == "email"]
    assert log["status"] == "wachtend" and log["pogingen"] >= 3
    assert log["laatsteFout"].startswith("mailserver onbereikbaar")

    smtp.start()
    _werk(app, max_pogingen=2, backoff_basis=0.0)
    [mail] = smtp.aan("storing@gemeente.example")
    assert mail["Subject"] == "Nieuwe voorwaarden"
    [log] = [b for b in api.get(f"/afnemers/{afnemer['id']}/bezorgingen").get_json()[
        "resultaten"] if b["kanaal"] == "email"]
    assert log["status"] == "bezorgd"


def test_a_mail_the_server_refuses_still_uses_up_its_attempts():
    """Only an unreachable server keeps a mail pending; a mail the server refuses (an
    address it will not take) is the mail's own failure, and dies after its attempts."""
    from core.meldingen import worker

    assert not worker._mailserver_weg(smtplib.SMTPRecipientsRefused({}))
    assert worker._mailserver_weg(ConnectionRefusedError())
    assert worker._mailserver_weg(smtplib.SMTPServerDisconnected())
