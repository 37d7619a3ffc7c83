"""The worker's own check against SSRF at delivery: outside development it connects
only to public addresses, judged on the address the socket actually reached, so a name
that resolves elsewhere after registration (DNS rebinding) still reaches nothing
internal. Against a real HTTP receiver on loopback: refused before a byte is sent."""

from __future__ import annotations

import ipaddress

import pytest
import urllib3

from core.meldingen.adressen import NietPubliek, niet_publiek, publiek, publieke_pool
from tests.support.ontvangers import WebhookOntvanger


@pytest.fixture
def ontvanger():
    server = WebhookOntvanger()
    yield server
    server.close()


def test_the_checked_pool_refuses_a_loopback_receiver_before_sending(ontvanger):
    pool = publieke_pool(num_pools=2)
    with pytest.raises(NietPubliek):
        pool.request("POST", ontvanger.url + "/hook", body=b"{}", retries=False)
    assert ontvanger.voor("/hook") == []
    # The same receiver through an unchecked pool (development) gets the request.
    status = urllib3.PoolManager().request("POST", ontvanger.url + "/hook", body=b"{}",
                                           retries=False).status
    assert status < 300
    assert len(ontvanger.voor("/hook")) == 1


def test_the_worker_uses_the_checked_pool_outside_development(ontvanger):
    """Instellingen.alleen_publiek (ENVIRONMENT other than development) picks it."""
    from core.meldingen import worker

    with pytest.raises(NietPubliek):
        worker._http(2, True).post(ontvanger.url + "/prod", b"{}", {}, timeout=5)
    assert ontvanger.voor("/prod") == []
    assert worker._http(2, False).post(ontvanger.url + "/dev", b"{}", {}, timeout=5) < 300
    assert len(ontvanger.voor("/dev")) == 1


@pytest.mark.parametrize(("adres", "verwacht"), [
    ("8.8.8.8", True), ("2001:4860:4860::8888", True), ("127.0.0.1", False),
    ("10.1.2.3", False), ("172.31.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False),
    ("224.0.0.1", False), ("::1", False), ("fd00::1", False), ("fe80::1", False),
    ("::ffff:10.0.0.1", False), ("::ffff:8.8.8.8", True),
])
def test_which_addresses_are_public(adres, verwacht):
    assert publiek(ipaddress.ip_address(adres)) is verwacht


def test_a_name_is_judged_by_every_address_it_resolves_to():
    assert niet_publiek("localhost") is not None
    assert niet_publiek("2130706433") is not None  # 127.0.0.1 written as one number
    assert "bestaat niet" in niet_publiek("bestaat-niet.invalid")
    assert niet_publiek("8.8.8.8") is None
