"""How the worker builds an e-mail and picks its HTTP route, without a database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.mime.text import MIMEText

import pytest

from core.meldingen import worker
from core.meldingen.worker import Instellingen, Klus


def _klus(adres: str, onderwerp: str, tekst: str) -> Klus:
    return Klus(id=uuid.uuid4(), kanaal="email", adres=adres, pogingen=0,
                gebeurtenis_id=uuid.uuid4(), type="aankondiging.onderhoud",
                onderwerp=onderwerp, tekst=tekst, data={"artikel": "AV 6.1"},
                aangemaakt_op=datetime(2026, 3, 1, 9, tzinfo=UTC), geheim=None)


@pytest.mark.parametrize("adres", ["technisch@gemeente.example", "técnico@gemeente.example"])
@pytest.mark.parametrize("onderwerp", ["Onderhoud", "Onderhoud – zaterdag, één keer"])
def test_a_mail_reads_back_the_same_whichever_class_builds_it(adres, onderwerp):
    inst = Instellingen()
    klus = _klus(adres, onderwerp, "Gepland onderhoud van Digipoort, ëën avond.")
    bericht = worker.mail(klus, inst)
    # As sent: compat32 bytes through sendmail, or send_message with SMTPUTF8.
    ruw = (bericht.as_bytes() if isinstance(bericht, MIMEText)
           else bericht.as_bytes(policy=bericht.policy.clone(utf8=True)))
    gelezen = message_from_bytes(ruw, policy=policy.default)
    assert gelezen["Subject"] == onderwerp
    assert gelezen["To"] == adres
    assert gelezen["From"] == inst.afzender
    assert gelezen["X-Afnemersportaal-Gebeurtenis"] == str(klus.gebeurtenis_id)
    assert f".{klus.gebeurtenis_id.hex}.{klus.id.hex}@" in gelezen["Message-ID"]
    assert gelezen.get_content() == ("Gepland onderhoud van Digipoort, ëën avond.\n\n"
                                     "Grondslag: AV 6.1.\n")
    assert gelezen["Content-Transfer-Encoding"] == "8bit"


def test_webhooks_take_the_proxy_of_the_environment_except_for_no_proxy(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "intern.example")
    http = worker._Http(4)
    via = http.pool("https://afnemer.example/webhooks")
    assert via is not http._direct and via.proxy.host == "proxy.example"
    assert http.pool("https://api.intern.example/webhooks") is http._direct
    assert http.pool("http://afnemer.example/webhooks") is http._direct  # no HTTP_PROXY


def test_without_a_proxy_every_webhook_uses_the_shared_pool(monkeypatch):
    for naam in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY",
                 "all_proxy"):
        monkeypatch.delenv(naam, raising=False)
    http = worker._Http(4)
    assert http.pool("https://afnemer.example/webhooks") is http._direct
