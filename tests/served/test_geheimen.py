"""Secrets, as deployed: the served product's access log never holds a calendar feed's
key (which alone gives the afnemer's deadlines to whoever has the URL), and the product
does not start outside development on the development issuer or console secret. Over
real HTTP and the real command, on both backends."""

from __future__ import annotations

import subprocess
import time

import pytest

from tests.served.conftest import CLI, Served


def test_the_access_log_never_holds_a_feed_key(served: Served):
    afnemer = served.maak_afnemer()
    token = served.token_voor(afnemer["id"])
    sleutel = served.post(f"/afnemers/{afnemer['id']}/agenda-sleutel", token)
    assert sleutel.status_code == 201, sleutel.text
    feed_url = sleutel.json()["feedUrl"]
    geheim = feed_url.rstrip("/").rsplit("/", 1)[1].removesuffix(".ics")
    assert len(geheim) >= 16
    assert served.get(feed_url).status_code == 200
    assert served.get(feed_url + "?x=1").status_code == 200
    onbekend = feed_url.replace(geheim, "onbekende-sleutel-die-niet-bestaat")
    assert served.get(onbekend).status_code == 404
    for _ in range(50):  # gunicorn writes the line after the answer
        log = served.access_log.read_text()
        if log.count("/agenda/[verborgen]") >= 3:
            break
        time.sleep(0.1)
    assert log.count("/agenda/[verborgen]") >= 3
    assert geheim not in log
    assert "onbekende-sleutel-die-niet-bestaat" not in log


@pytest.mark.parametrize("weg", ["AFNEMERSPORTAAL_OIDC_ISSUER",
                                 "AFNEMERSPORTAAL_OIDC_CLIENT_SECRET"])
def test_serve_outside_development_refuses_the_development_issuer_and_secret(
        served: Served, weg):
    """In production mode the app once started with the local provider's issuer and the
    console secret ``dev-console-secret``. ``afnemersportaal serve`` now stops at once,
    naming what to set."""
    env = {**served.env, "AFNEMERSPORTAAL_ENVIRONMENT": "production",
           "AFNEMERSPORTAAL_SECRET_KEY": "een-vast-geheim",
           "AFNEMERSPORTAAL_OIDC_ISSUER": "https://login.voorbeeld.example",
           "AFNEMERSPORTAAL_OIDC_CLIENT_SECRET": "een-eigen-geheim"}
    env.pop(weg)
    start = subprocess.run([str(CLI), "serve", "--host", "127.0.0.1", "--port", "1"],
                           env=env, cwd=served.workdir, capture_output=True, text=True,
                           timeout=60, check=False)
    assert start.returncode != 0
    assert weg in start.stdout + start.stderr
    assert "Afnemersportaal op http" not in start.stdout
