"""Idempotency-Key on every POST (core.idempotentie), in-process on both backends.

The served tier (tests/served/test_idempotentie.py) adds concurrent requests over real
HTTP and gunicorn workers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from core.auth.principal import Rol
from core.db import db
from core.idempotentie import BEWAARTERMIJN, LEASE, IdempotentieSleutel
from core.tijd import utcnow

PERSOON = {"naam": "Idem Potent", "email": "idem@voorbeeld.nl", "telefoon": "070 123 4567",
           "rol": "technisch"}


@pytest.fixture
def afnemer(maak_afnemer):
    return maak_afnemer("gemeente")


def _personen(api, afnemer) -> list[str]:
    body = api.get(f"/afnemers/{afnemer['id']}/contactpersonen?paginaGrootte=100").get_json()
    return [p["id"] for p in body["resultaten"]]


def _post(api, afnemer, sleutel, body=PERSOON, pad="contactpersonen"):
    return api.post(f"/afnemers/{afnemer['id']}/{pad}", json=body,
                    headers={"Idempotency-Key": sleutel})


def _rijen(app, **waarden) -> None:
    with app.app_context():
        db.session.execute(update(IdempotentieSleutel).values(**waarden))
        db.session.commit()


def test_a_retry_gets_the_first_answer_and_creates_nothing(api, afnemer):
    voor = _personen(api, afnemer)
    eerste = _post(api, afnemer, "a1b2-retry")
    tweede = _post(api, afnemer, "a1b2-retry")
    assert eerste.status_code == tweede.status_code == 201
    assert tweede.get_data() == eerste.get_data()
    for header in ("Location", "ETag", "Content-Type"):
        assert tweede.headers[header] == eerste.headers[header]
    assert tweede.headers["Idempotency-Replayed"] == "true"
    assert "Idempotency-Replayed" not in eerste.headers
    assert tweede.headers["API-Version"] and tweede.headers["X-Content-Type-Options"]
    assert len(_personen(api, afnemer)) == len(voor) + 1
    # The draft's form, a Structured Field string, is the same key.
    assert _post(api, afnemer, '"a1b2-retry"').headers.get("Idempotency-Replayed") == "true"
    # Without a key, nothing changes: every POST creates.
    api.post(f"/afnemers/{afnemer['id']}/contactpersonen", json=PERSOON)
    api.post(f"/afnemers/{afnemer['id']}/contactpersonen", json=PERSOON)
    assert len(_personen(api, afnemer)) == len(voor) + 3


def test_the_same_key_for_another_request_is_422_naming_the_header(api, afnemer):
    voor = len(_personen(api, afnemer))
    assert _post(api, afnemer, "k-1").status_code == 201
    for antwoord in (_post(api, afnemer, "k-1", {**PERSOON, "naam": "Iemand Anders"}),
                     _post(api, afnemer, "k-1", {"naam": "x"}, pad="webhooks")):
        assert antwoord.status_code == 422, antwoord.get_json()
        probleem = antwoord.get_json()
        assert antwoord.mimetype == "application/problem+json"
        assert probleem["code"] == "idempotentie-sleutel-hergebruikt"
        assert probleem["invalidParams"][0]["name"] == "Idempotency-Key"
    assert len(_personen(api, afnemer)) == voor + 1


@pytest.mark.parametrize("sleutel", ["", " ", "x" * 256, "café", "a\x7fb", "a\tb"])
def test_a_key_that_is_no_key_is_400_naming_the_header(api, afnemer, sleutel):
    voor = len(_personen(api, afnemer))
    antwoord = _post(api, afnemer, sleutel)
    assert antwoord.status_code == 400, antwoord.get_json()
    assert antwoord.get_json()["invalidParams"][0]["name"] == "Idempotency-Key"
    assert len(_personen(api, afnemer)) == voor


def test_a_4xx_answer_is_kept_but_401_403_are_not(api, afnemer, token_voor):
    ongeldig = _post(api, afnemer, "k-400", {"naam": ""})
    opnieuw = _post(api, afnemer, "k-400", {"naam": ""})
    assert ongeldig.status_code == opnieuw.status_code == 400
    assert opnieuw.get_data() == ongeldig.get_data()
    assert opnieuw.headers["Idempotency-Replayed"] == "true"
    # A medewerker may only read: 403, not kept, so once the role allows it, it runs.
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    for _ in range(2):
        geweigerd = _post(medewerker, afnemer, "k-403")
        assert geweigerd.status_code == 403
        assert "Idempotency-Replayed" not in geweigerd.headers


def test_while_the_first_runs_409_and_after_a_crash_the_lease_ends(app, api, afnemer):
    voor = len(_personen(api, afnemer))
    assert _post(api, afnemer, "k-bezig").status_code == 201
    # As if the first request were still running (or its process had died just now).
    _rijen(app, status="bezig", antwoord_status=None, antwoord_body=None,
           aangemaakt_op=utcnow())
    bezig = _post(api, afnemer, "k-bezig")
    assert bezig.status_code == 409
    assert bezig.get_json()["code"] == "idempotentie-bezig"
    assert bezig.headers["Retry-After"]
    assert len(_personen(api, afnemer)) == voor + 1
    # Once the lease is over, a retry runs anew and its answer is the one kept.
    _rijen(app, aangemaakt_op=utcnow() - LEASE - timedelta(seconds=1))
    nieuw = _post(api, afnemer, "k-bezig")
    assert nieuw.status_code == 201 and "Idempotency-Replayed" not in nieuw.headers
    assert len(_personen(api, afnemer)) == voor + 2
    assert _post(api, afnemer, "k-bezig").get_data() == nieuw.get_data()


def test_a_key_expires_after_24_hours(app, api, afnemer):
    eerste = _post(api, afnemer, "k-oud")
    _rijen(app, aangemaakt_op=utcnow() - BEWAARTERMIJN - timedelta(seconds=1))
    later = _post(api, afnemer, "k-oud")
    assert later.status_code == 201 and "Idempotency-Replayed" not in later.headers
    assert later.get_json()["id"] != eerste.get_json()["id"]
    with app.app_context():  # the expired row made room; one row per key
        assert db.session.scalar(select(func.count()).select_from(IdempotentieSleutel)) == 1


def test_keys_are_per_principal(api, afnemer, maak_afnemer, token_voor):
    ander = maak_afnemer("gemeente")
    mijn = api.as_(token_voor(afnemer["id"]))
    jouw = api.as_(token_voor(ander["id"]))
    a = _post(mijn, afnemer, "gedeeld")
    b = _post(jouw, ander, "gedeeld")
    assert a.status_code == b.status_code == 201
    assert "Idempotency-Replayed" not in b.headers
    assert a.get_json()["id"] != b.get_json()["id"]
    # Each replays its own answer; the other's path with my key is my key reused.
    assert _post(mijn, afnemer, "gedeeld").get_data() == a.get_data()
    assert _post(jouw, ander, "gedeeld").get_data() == b.get_data()
    assert _post(jouw, afnemer, "gedeeld").status_code == 422


def test_a_csv_upload_is_replayed_not_applied_again(api, afnemer, maak_aansluiting):
    dp = maak_aansluiting(afnemer["id"], dienst="digipoort", onderdelen=["e-factureren"])
    csv = ("aansluitingId,metriek,datum,aantal\r\n"
           + "".join(f"{dp['id']},berichten,2027-01-{dag:02d},{dag}\r\n"
                     for dag in range(1, 29)))
    kop = {"Idempotency-Key": "upload-2027-01"}
    eerste = api.post("/verbruik", data=csv, content_type="text/csv", headers=kop)
    assert eerste.status_code == 200, eerste.get_json()
    assert eerste.get_json()["nieuw"] == 28
    tweede = api.post("/verbruik", data=csv, content_type="text/csv", headers=kop)
    assert tweede.get_json() == eerste.get_json()
    assert tweede.headers["Idempotency-Replayed"] == "true"
    # The fingerprint is of the raw body: one byte more is another request.
    anders = api.post("/verbruik", data=csv + "\r\n", content_type="text/csv", headers=kop)
    assert anders.status_code == 422
