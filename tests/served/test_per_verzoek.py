"""One app context and one database session per request, over real HTTP.

A server whose workers reuse one app context for every request leaks ``g`` from one
request into the next: the ``Link`` header of one afnemer's list on another's
answer (or on a 401 without any token), reads that alternate between old and new
data after a write, and a stale ``If-Match`` accepted because the session still
holds the old row. Each test here failed that way against such a server.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.served.conftest import WORKERS, Served

LEZINGEN = 50


def _lijst_met_link(served: Served, afnemer_id: str, token: str) -> str:
    """A list answer with a ``Link`` header (page size 1, so there is a next page)."""
    response = served.get(f"/afnemers/{afnemer_id}/contactpersonen?paginaGrootte=1", token)
    assert response.status_code == 200, response.text
    assert afnemer_id in response.headers["Link"]
    return response.headers["Link"]


def test_the_server_runs_several_workers_and_answers_from_each(served: Served):
    for _ in range(60):
        assert served.get("/diensten", served.afnemer_token).status_code == 200
    assert len(served.pids()) >= 2, "every request went to one worker"


def test_a_401_without_token_never_carries_the_link_header_of_an_earlier_list(served: Served):
    for _ in range(4 * WORKERS):
        _lijst_met_link(served, served.afnemer_id, served.afnemer_token)
        response = served.get(f"/afnemers/{served.afnemer_id}")
        assert response.status_code == 401
        assert "Link" not in response.headers, response.headers
        assert "contactpersonen" not in response.text  # nothing of the list before it


def test_another_afnemers_answer_never_carries_the_link_of_the_first(served: Served):
    b = served.maak_afnemer()
    b_token = served.token_voor(b["id"])
    served.post(f"/afnemers/{b['id']}/contactpersonen", b_token, json={
        "naam": "Een", "email": "een@b.example", "telefoon": "0701234567", "rol": "technisch"})
    for _ in range(4 * WORKERS):
        _lijst_met_link(served, served.afnemer_id, served.afnemer_token)
        response = served.get(f"/afnemers/{b['id']}", b_token)
        assert response.status_code == 200
        assert "Link" not in response.headers, response.headers
        for waarde in response.headers.values():
            assert served.afnemer_id not in waarde


@pytest.fixture(params=["api-token", "oauth"])
def token(request, served: Served) -> str:
    """Both kinds of credential: an API token (its use is written now and then) and an
    access token of the OpenID Provider (nothing written at all)."""
    return served.afnemer_token if request.param == "api-token" else served.oauth_token()


def _contactpersoon(served: Served, token: str) -> tuple[str, str]:
    url = f"/afnemers/{served.afnemer_id}/contactpersonen"
    response = served.post(url, token, json={
        "naam": "Lees Na Schrijf", "email": "lns@voorbeeldstad.nl", "telefoon": "0701234567",
        "rol": "technisch"})
    assert response.status_code == 201, response.text
    return f"{url}/{response.json()['id']}", response.headers["ETag"]


def _afnemer(served: Served, token: str) -> tuple[str, str, str]:
    """The afnemer itself: Logius renames it, the afnemer reads."""
    pad = f"/afnemers/{served.afnemer_id}"
    response = served.get(pad, token)
    assert response.status_code == 200, response.text
    return pad, response.headers["ETag"], served.logius_token


def _eigen_contactpersoon(served: Served, token: str) -> tuple[str, str, str]:
    return (*_contactpersoon(served, token), token)


@pytest.mark.parametrize("maak", [_afnemer, _eigen_contactpersoon],
                         ids=["afnemer", "contactpersoon"])
def test_after_each_write_50_reads_over_all_workers_show_it(served: Served, token: str, maak):
    pad, etag, schrijver = maak(served, token)
    naam_voor = served.get(pad, token).json()["naam"]
    with ThreadPoolExecutor(4) as pool:
        for ronde in range(5):
            naam = f"{naam_voor.split(' (')[0]} ({ronde})"
            response = served.patch(pad, schrijver, headers={"If-Match": etag},
                                    json={"naam": naam})
            assert response.status_code == 200, response.text
            etag = response.headers["ETag"]
            lezingen = list(pool.map(lambda _i: served.get(pad, token), range(LEZINGEN)))
            gezien = {(r.status_code, r.headers.get("ETag"), r.json()["naam"])
                      for r in lezingen}
            assert gezien == {(200, etag, naam)}, gezien
            # And the list shows it too.
            if "contactpersonen" in pad:
                lijst = served.get(pad.rsplit("/", 1)[0] + "?paginaGrootte=100", token).json()
                assert naam in {c["naam"] for c in lijst["resultaten"]}
    assert len(served.pids()) >= 2


SOORTEN = pytest.mark.parametrize("maak", [_afnemer, _eigen_contactpersoon],
                                   ids=["afnemer", "contactpersoon"])


@SOORTEN
@pytest.mark.parametrize("ronde", range(3))
def test_two_patches_with_the_same_etag_at_once_exactly_one_gets_412(served: Served, token: str,
                                                                      maak, ronde):
    pad, etag, schrijver = maak(served, token)
    # Every worker has read (and, in a leaking server, kept) the row at this version.
    for _ in range(2 * WORKERS):
        assert served.get(pad, token).status_code == 200
    start = threading.Barrier(2)

    def wijzig(naam: str):
        start.wait()
        return served.patch(pad, schrijver, headers={"If-Match": etag},
                            json={"naam": f"{naam} {ronde}"})

    with ThreadPoolExecutor(2) as pool:
        antwoorden = list(pool.map(wijzig, ["Eerste", "Tweede"]))
    statussen = sorted(r.status_code for r in antwoorden)
    assert statussen == [200, 412], [(r.status_code, r.text) for r in antwoorden]
    winnaar = next(r for r in antwoorden if r.status_code == 200)
    verliezer = next(r for r in antwoorden if r.status_code == 412)
    assert verliezer.headers["Content-Type"] == "application/problem+json"
    for _ in range(2 * WORKERS):
        nu = served.get(pad, token)
        assert nu.json()["naam"] == winnaar.json()["naam"]
        assert nu.headers["ETag"] == winnaar.headers["ETag"]


@SOORTEN
def test_a_stale_if_match_after_a_write_is_412_on_every_worker(served: Served, token: str, maak):
    pad, oud, schrijver = maak(served, token)
    for _ in range(2 * WORKERS):  # every worker has read it at the old version
        assert served.get(pad, schrijver).status_code == 200
    nieuw = f"Nieuw {uuid.uuid4().hex[:6]}"
    response = served.patch(pad, schrijver, headers={"If-Match": oud}, json={"naam": nieuw})
    assert response.status_code == 200
    for _ in range(3 * WORKERS):
        stale = served.patch(pad, schrijver, headers={"If-Match": oud},
                             json={"naam": "Oud overschreven"})
        assert stale.status_code == 412, stale.text
    assert served.get(pad, token).json()["naam"] == nieuw


def test_the_document_names_the_port_it_is_served_on(served: Served):
    document = served.get("/openapi.json").json()
    assert [s["url"] for s in document["servers"]] == [served.api]
