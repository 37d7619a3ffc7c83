"""Limits, as deployed: a body larger than the configured maximum is refused before it
is read (413 problem+json, not a 22 MB upload answered with an 18 MB error), and an
answer lists at most the first 100 field errors with a count of all. Real HTTP against
``afnemersportaal serve`` on both backends.
"""

from __future__ import annotations

import uuid

from tests.served.conftest import Served

MB = 1024 * 1024


def test_a_body_over_the_limit_is_413_before_it_is_read(served: Served):
    afnemer = served.maak_afnemer()
    pad = f"/afnemers/{afnemer['id']}/contactpersonen"
    voor = served.get(pad, served.logius_token).json()["paginering"]["totaalAantal"]
    groot = b'{"naam": "' + b"x" * (17 * MB) + b'"}'
    response = served.post(pad, served.logius_token, data=groot,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413, response.text[:300]
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "verzoek-te-groot"
    assert len(response.content) < 2000
    assert served.get(pad, served.logius_token).json()["paginering"]["totaalAantal"] == voor
    # The API answers the next request as ever.
    assert served.get("/diensten", served.logius_token).status_code == 200


def test_an_upload_with_thousands_of_bad_rows_answers_the_first_100_and_a_count(
        served: Served):
    rijen = ["aansluitingId,metriek,datum,aantal"] + [
        f"{uuid.uuid4()},berichten,2027-01-31,{i}" for i in range(5000)]  # unknown ones
    response = served.post("/verbruik", served.logius_token, data="\n".join(rijen).encode(),
                           headers={"Content-Type": "text/csv"})
    assert response.status_code == 400, response.text[:300]
    body = response.json()
    assert len(body["invalidParams"]) == 100
    assert body["aantalFouten"] == 5000
    assert body["aantalOngeldigeRijen"] == 5000
    assert body["invalidParams"][0]["name"] == "rij.1.aansluitingId"
    assert len(response.content) < 30_000


def test_an_afnemer_has_at_most_its_quota_of_webhooks_and_live_tokens(served: Served):
    """200 webhooks and 100 tokens of one afnemer were accepted. Now the 26th webhook and
    the 51st live token are a 409 quotum-bereikt naming the limit; a revoked token
    frees its place."""
    afnemer = served.maak_afnemer()
    pad = f"/afnemers/{afnemer['id']}"
    for i in range(25):
        assert served.post(f"{pad}/webhooks", served.logius_token, json={
            "url": f"{served.ontvanger.url}/quota/{i}"}).status_code == 201
    te_veel = served.post(f"{pad}/webhooks", served.logius_token,
                          json={"url": f"{served.ontvanger.url}/quota/26"})
    assert te_veel.status_code == 409, te_veel.text
    assert te_veel.json()["code"] == "quotum-bereikt" and "25" in te_veel.json()["detail"]

    tokens = [served.post(f"{pad}/api-tokens", served.logius_token, json={
        "naam": f"koppeling {i}", "rol": "afnemer-medewerker"}) for i in range(50)]
    assert all(t.status_code == 201 for t in tokens)
    nog_een = {"naam": "nog een", "rol": "afnemer-medewerker"}
    geweigerd = served.post(f"{pad}/api-tokens", served.logius_token, json=nog_een)
    assert geweigerd.status_code == 409 and geweigerd.json()["code"] == "quotum-bereikt"
    eerste = tokens[0].json()["id"]
    ingetrokken = served.request("DELETE", f"{pad}/api-tokens/{eerste}", served.logius_token,
                                 headers={"If-Match": "*"})
    assert ingetrokken.status_code == 204, ingetrokken.text
    assert served.post(f"{pad}/api-tokens", served.logius_token,
                       json=nog_een).status_code == 201
