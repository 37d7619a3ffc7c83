"""Logius sees dead letters across afnemers in the console and redelivers one, on both
backends."""

from __future__ import annotations

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst
from tests.meldingen.conftest import smtp  # noqa: F401 (fixture)
from tests.meldingen.test_alle_bezorgingen import dode_bezorging, ontvanger  # noqa: F401


def test_dead_letters_of_every_afnemer_are_listed_and_one_is_redelivered(
        console_als, app, api, maak_afnemer, ontvanger, smtp):  # noqa: F811
    a, b = maak_afnemer(), maak_afnemer()
    dode_bezorging(app, api, a["id"], ontvanger)
    dode_bezorging(app, api, b["id"], ontvanger)
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    html = logius.tekst("/bezorgingen?kanaal=webhook")
    tekst = zichtbare_tekst(html)
    assert a["naam"] in tekst and b["naam"] in tekst and "http-status 503" in tekst
    [dood] = api.get(f"/bezorgingen?status=dood&kanaal=webhook&afnemerId={a['id']}"
                     ).get_json()["resultaten"]
    ontvanger.antwoord = lambda _o: 204
    assert logius.post("/bezorgingen/opnieuw", {"afnemerId": a["id"],
                                               "bezorgingId": dood["id"]}).status_code == 302
    na = api.get(f"/afnemers/{a['id']}/bezorgingen/{dood['id']}").get_json()
    assert na["status"] == "wachtend"
    # Someone else's forged redelivery changes nothing.
    [van_b] = api.get(f"/bezorgingen?status=dood&kanaal=webhook&afnemerId={b['id']}"
                      ).get_json()["resultaten"]
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, a["id"])
    assert beheerder.get("/bezorgingen").status_code == 403
    assert beheerder.post("/bezorgingen/opnieuw", {"afnemerId": b["id"],
                                                  "bezorgingId": van_b["id"]}).status_code == 403
    assert api.get(f"/afnemers/{b['id']}/bezorgingen/{van_b['id']}").get_json()["status"] \
        == "dood"
