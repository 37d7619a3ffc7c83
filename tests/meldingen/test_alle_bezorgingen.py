"""``GET /bezorgingen``: Logius sees the dead letters of every afnemer, each with its
afnemer, and redelivers one through that afnemer's log."""

from __future__ import annotations

import pytest

from core.auth.principal import Rol
from core.meldingen.worker import draai
from tests.meldingen.test_bezorging import _publiceer, _webhook
from tests.support.ontvangers import WebhookOntvanger


@pytest.fixture
def ontvanger():
    server = WebhookOntvanger()
    yield server
    server.close()


def dode_bezorging(app, api, afnemer_id: str, ontvanger) -> None:
    """A webhook delivery to ``afnemer_id`` that gave up after its attempts."""
    _webhook(api, afnemer_id, ontvanger)
    ontvanger.antwoord = lambda _o: 503
    _publiceer(app, afnemer_id)
    draai(app, eenmalig=True, backoff_basis=0.0, max_pogingen=2)


def test_logius_lists_dead_letters_across_afnemers(app, api, maak_afnemer, ontvanger, smtp,
                                                    token_voor):
    a, b = maak_afnemer(), maak_afnemer()
    dode_bezorging(app, api, a["id"], ontvanger)
    dode_bezorging(app, api, b["id"], ontvanger)
    dood = api.get("/bezorgingen?status=dood&kanaal=webhook").get_json()["resultaten"]
    assert sorted(d["afnemerId"] for d in dood) == sorted([a["id"], b["id"]])
    assert api.get("/status").get_json()["outbox"]["dood"] >= len(dood)
    alleen_a = api.get(f"/bezorgingen?status=dood&afnemerId={a['id']}").get_json()
    assert {d["afnemerId"] for d in alleen_a["resultaten"]} == {a["id"]}
    ontvanger.antwoord = lambda _o: 204
    [van_a] = [d for d in dood if d["afnemerId"] == a["id"]]
    assert api.post(f"/afnemers/{a['id']}/bezorgingen/{van_a['id']}/opnieuw").status_code == 202
    assert van_a["id"] not in {d["id"] for d in api.get(
        "/bezorgingen?status=dood").get_json()["resultaten"]}
    token = token_voor(a["id"], Rol.AFNEMER_BEHEERDER)
    assert api.as_(token).get("/bezorgingen?status=dood").status_code == 403
