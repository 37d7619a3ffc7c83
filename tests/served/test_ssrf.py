"""Webhooks and SSRF, as deployed: outside development a webhook goes only to a public
address. ``afnemersportaal serve`` runs a second time here, in production mode, on the
served product's own database, and every internal address an attacker would try is
refused at registration with 400 naming ``url``. The development server beside it
still takes a local receiver over http, which is what the other served tests use.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest
import requests

from tests.served.conftest import CLI, Served, _stop, _wacht_op
from tests.support.oidc import free_port

INTERN = [
    "https://169.254.169.254/latest/meta-data/",  # the cloud's metadata service
    "https://10.0.0.1/hook",
    "https://192.168.0.1/hook",
    "https://172.16.5.4/hook",
    "https://100.64.0.1/hook",  # shared address space (carrier-grade NAT)
    "https://[fd00::1]/hook",
    "https://[::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://127.0.0.1/hook",
    "https://2130706433/hook",  # 127.0.0.1 as one number
    "https://0x7f.1/hook",  # and in hexadecimal
    "https://0.0.0.0/hook",
    "https://localhost/hook",  # a name that resolves to loopback
    "https://bestaat-niet.invalid/hook",  # a name that does not resolve at all
]


@pytest.fixture(scope="module")
def productie(served: Served, tmp_path_factory) -> Iterator[str]:
    """The same product and database, served in production mode: its own secret, and the
    test's OpenID Provider as the issuer (not the development default)."""
    port = free_port()
    env = {**served.env, "AFNEMERSPORTAAL_ENVIRONMENT": "production",
           "AFNEMERSPORTAAL_SECRET_KEY": "productie-geheim-voor-de-test",
           "AFNEMERSPORTAAL_OIDC_CLIENT_SECRET": "productie-console-geheim"}
    log = tmp_path_factory.mktemp("productie") / "serve.log"
    with open(log, "w") as uit:
        server = subprocess.Popen(
            [str(CLI), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            env=env, cwd=served.workdir, stdout=uit, stderr=subprocess.STDOUT)
        try:
            _wacht_op(f"http://127.0.0.1:{port}/api/v1/openapi.json", server, log)
            yield f"http://127.0.0.1:{port}/api/v1"
        finally:
            _stop(server)


@pytest.fixture(scope="module")
def gemeente(served: Served) -> dict:
    afnemer = served.maak_afnemer()
    return {**afnemer, "token": served.token_voor(afnemer["id"])}


def _webhooks(api: str, gemeente: dict) -> list[str]:
    response = requests.get(f"{api}/afnemers/{gemeente['id']}/webhooks?paginaGrootte=100",
                            headers={"Authorization": f"Bearer {gemeente['token']}"},
                            timeout=30)
    assert response.status_code == 200, response.text
    return [w["url"] for w in response.json()["resultaten"]]


@pytest.mark.parametrize("url", INTERN)
def test_outside_development_a_webhook_to_an_internal_address_is_refused(
        productie, gemeente, url):
    response = requests.post(f"{productie}/afnemers/{gemeente['id']}/webhooks",
                             json={"url": url}, timeout=30,
                             headers={"Authorization": f"Bearer {gemeente['token']}"})
    assert response.status_code == 400, (url, response.text)
    assert response.headers["Content-Type"].startswith("application/problem+json")
    [fout] = response.json()["invalidParams"]
    assert fout["name"] == "url"
    assert url not in _webhooks(productie, gemeente)


def test_a_public_address_is_taken_in_production_and_a_local_one_only_in_development(
        served: Served, productie, gemeente):
    """8.8.8.8 is public: production takes it (nothing is sent on registering). The
    development server takes a receiver on loopback over http; production does not."""
    kop = {"Authorization": f"Bearer {gemeente['token']}"}
    publiek = requests.post(f"{productie}/afnemers/{gemeente['id']}/webhooks", headers=kop,
                            json={"url": "https://8.8.8.8/logius"}, timeout=30)
    assert publiek.status_code == 201, publiek.text
    lokaal = f"{served.ontvanger.url}/ssrf"
    assert served.post(f"/afnemers/{gemeente['id']}/webhooks", gemeente["token"],
                       json={"url": lokaal}).status_code == 201
    assert requests.post(f"{productie}/afnemers/{gemeente['id']}/webhooks", headers=kop,
                         json={"url": lokaal}, timeout=30).status_code == 400
