"""Rate limits, as deployed: 200 wrong tokens a second were answered without any
throttling. ``afnemersportaal serve`` runs a second time here, on the served product's
own database, with small limits (20 requests a minute per token, 10 per address
without a valid one) and two worker processes, so the counters must be shared between
them. Real HTTP on both backends; the IETF ``RateLimit`` headers and 429 problem+json.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator

import pytest
import requests

from tests.served.conftest import CLI, Served, _stop, _wacht_op
from tests.support.oidc import free_port

PER_TOKEN, PER_ADRES = 20, 10
_PID = re.compile(r"^<(\d+)> ")


@pytest.fixture(scope="module")
def begrensd(served: Served, tmp_path_factory) -> Iterator[tuple[str, object]]:
    port = free_port()
    env = {**served.env, "AFNEMERSPORTAAL_RATELIMIT_TOKEN": str(PER_TOKEN),
           "AFNEMERSPORTAAL_RATELIMIT_ADRES": str(PER_ADRES)}
    log = tmp_path_factory.mktemp("snelheid") / "serve.log"
    with open(log, "w") as uit:
        server = subprocess.Popen(
            [str(CLI), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env=env, cwd=served.workdir, stdout=uit, stderr=subprocess.STDOUT)
        try:
            _wacht_op(f"http://127.0.0.1:{port}/api/v1/openapi.json", server, log)
            yield f"http://127.0.0.1:{port}/api/v1", log
        finally:
            _stop(server)


def _vers_venster() -> None:
    """The limits count per minute (a fixed window): start a test well inside one."""
    over = 60 - time.time() % 60
    if over < 12:
        time.sleep(over + 0.2)


def _vraag(api: str, token: str) -> requests.Response:
    # A new connection per request, so gunicorn spreads them over its worker processes.
    return requests.get(f"{api}/diensten", headers={"Authorization": f"Bearer {token}",
                                                    "Connection": "close"}, timeout=10)


def test_a_token_gets_its_quota_a_minute_then_429_with_ratelimit_headers(
        served: Served, begrensd):
    api, log = begrensd
    token = served.token_voor(served.afnemer_id, "afnemer-medewerker")
    _vers_venster()
    antwoorden = [_vraag(api, token) for _ in range(PER_TOKEN + 3)]
    assert [r.status_code for r in antwoorden] == [200] * PER_TOKEN + [429] * 3
    eerste, laatste_goede, te_veel = antwoorden[0], antwoorden[PER_TOKEN - 1], antwoorden[-1]
    assert eerste.headers["RateLimit-Policy"] == f'"token";q={PER_TOKEN};w=60'
    assert re.fullmatch(rf'"token";r={PER_TOKEN - 1};t=\d+', eerste.headers["RateLimit"])
    assert laatste_goede.headers["RateLimit"].startswith('"token";r=0;')
    assert te_veel.headers["Content-Type"].startswith("application/problem+json")
    assert te_veel.json()["code"] == "te-veel-verzoeken"
    assert 1 <= int(te_veel.headers["Retry-After"]) <= 60
    # Both worker processes answered: the budget is the server's, not each process's.
    pids = {m.group(1) for regel in log.read_text().splitlines() if (m := _PID.match(regel))}
    assert len(pids) == 2, pids
    # Another token of the same afnemer has a budget of its own.
    assert _vraag(api, served.token_voor(served.afnemer_id, "afnemer-medewerker")
                  ).status_code == 200


def test_wrong_tokens_from_one_address_are_throttled_before_they_are_checked(
        served: Served, begrensd):
    api, _log = begrensd
    _vers_venster()
    antwoorden = [_vraag(api, f"fout-{i}") for i in range(PER_ADRES + 5)]
    assert [r.status_code for r in antwoorden] == [401] * PER_ADRES + [429] * 5
    te_veel = antwoorden[-1]
    assert te_veel.json()["code"] == "te-veel-verzoeken"
    assert te_veel.headers["RateLimit-Policy"] == f'"adres";q={PER_ADRES};w=60'
    assert int(te_veel.headers["Retry-After"]) >= 1
    # Until the window ends the address is not heard, whatever it sends: a right token
    # would otherwise tell a guesser it had found one.
    assert _vraag(api, served.afnemer_token).status_code == 429


def test_the_served_product_reports_its_limits_on_every_api_answer(served: Served):
    response = served.get("/diensten", served.afnemer_token)
    assert response.status_code == 200
    assert response.headers["RateLimit-Policy"].startswith('"token";q=')
    assert re.fullmatch(r'"token";r=\d+;t=\d+', response.headers["RateLimit"])
