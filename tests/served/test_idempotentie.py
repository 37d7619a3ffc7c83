"""Idempotency-Key over real HTTP, on both backends: a retry creates nothing twice, also
when the retries arrive at once on different gunicorn workers, and one afnemer's key
is never another's."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from tests.served.conftest import Served

PERSOON = {"naam": "Idem Potent", "email": "idem@voorbeeld.nl", "telefoon": "070 123 4567",
           "rol": "technisch"}


def _post(served: Served, afnemer_id: str, token: str, sleutel: str, body=PERSOON):
    return served.post(f"/afnemers/{afnemer_id}/contactpersonen", token, json=body,
                       headers={"Idempotency-Key": sleutel})


def _aantal(served: Served, afnemer_id: str, token: str) -> int:
    antwoord = served.get(f"/afnemers/{afnemer_id}/contactpersonen?paginaGrootte=100", token)
    assert antwoord.status_code == 200, antwoord.text
    return len(antwoord.json()["resultaten"])


def test_a_retried_post_creates_once_and_answers_the_same(served: Served):
    afnemer = served.maak_afnemer()["id"]
    token = served.token_voor(afnemer)
    sleutel = str(uuid.uuid4())
    eerste = _post(served, afnemer, token, sleutel)
    tweede = _post(served, afnemer, token, sleutel)
    assert eerste.status_code == tweede.status_code == 201, tweede.text
    assert tweede.content == eerste.content
    assert tweede.headers["Location"] == eerste.headers["Location"]
    assert tweede.headers["Idempotency-Replayed"] == "true"
    assert _aantal(served, afnemer, token) == 1
    anders = _post(served, afnemer, token, sleutel, {**PERSOON, "naam": "Iemand Anders"})
    assert anders.status_code == 422
    assert anders.json()["invalidParams"][0]["name"] == "Idempotency-Key"
    assert _aantal(served, afnemer, token) == 1


def test_concurrent_retries_create_exactly_one(served: Served):
    afnemer = served.maak_afnemer()["id"]
    token = served.token_voor(afnemer)
    sleutel = str(uuid.uuid4())
    with ThreadPoolExecutor(8) as pool:
        antwoorden = list(pool.map(lambda _: _post(served, afnemer, token, sleutel), range(8)))
    statussen = [a.status_code for a in antwoorden]
    assert set(statussen) <= {201, 409}, [a.text for a in antwoorden]
    nieuw = [a for a in antwoorden
             if a.status_code == 201 and "Idempotency-Replayed" not in a.headers]
    assert len(nieuw) == 1, statussen
    for a in antwoorden:
        if a.status_code == 201:
            assert a.content == nieuw[0].content
        else:
            assert a.json()["code"] == "idempotentie-bezig"
    assert _aantal(served, afnemer, token) == 1
    # Once the first is done, a retry gets its answer.
    assert _post(served, afnemer, token, sleutel).content == nieuw[0].content


def test_another_afnemer_with_the_same_key_gets_its_own_answer(served: Served):
    een, twee = served.maak_afnemer()["id"], served.maak_afnemer()["id"]
    token_een, token_twee = served.token_voor(een), served.token_voor(twee)
    sleutel = "bestelling-1"  # a key two integrations may well both choose
    a = _post(served, een, token_een, sleutel)
    b = _post(served, twee, token_twee, sleutel)
    assert a.status_code == b.status_code == 201, b.text
    assert "Idempotency-Replayed" not in b.headers
    assert b.json()["id"] != a.json()["id"]
    assert b.headers["Location"].split("/")[-3] == twee
    assert _aantal(served, een, token_een) == _aantal(served, twee, token_twee) == 1
