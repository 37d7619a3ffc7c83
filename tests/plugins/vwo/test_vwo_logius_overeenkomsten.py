"""Logius' list of every gemeente's agreements, on both backends: the filters compleet,
lopend and afnemerId are done in SQL and agree with each row's own compleet; each row names
its gemeente; only a Logius beheerder reads it."""

from __future__ import annotations

from core.auth.principal import Rol
from tests.plugins.vwo.test_vwo_api import (
    BIJLAGE2,
    _aangaan,
    _register,
    _vervangen,
    verwerking_body,
)

LIJST = "/diensten/vwo/overeenkomsten"


def _ids(api, **query) -> list[str]:
    antwoord = api.get(LIJST, query_string=query)
    assert antwoord.status_code == 200, antwoord.get_json()
    return [(o["afnemerNaam"], o["hoofdovereenkomstNaam"], o["compleet"])
            for o in antwoord.get_json()["resultaten"]]


def test_logius_lists_agreements_across_gemeenten_filtered_in_sql(
        api, maak_afnemer, maak_contactpersoon, token_voor):
    af = maak_afnemer("gemeente", naam="Gemeente Af")
    open_ = maak_afnemer("gemeente", naam="Gemeente Open")
    maak_contactpersoon(af["id"], rol="security", email="ciso@af.example",
                        bereikbaarheid="24x7")
    klaar = _aangaan(api, af, hoofdovereenkomstNaam="Compleet")
    assert api.post(_register(af, klaar), json=verwerking_body()).status_code == 201
    url = f"/afnemers/{af['id']}/vwo-overeenkomsten/{klaar['id']}"
    assert api.put(f"{url}/bijlage-2", json=BIJLAGE2, headers={
        "If-Match": api.get(url).headers["ETag"]}).status_code == 200
    oud = _aangaan(api, open_, hoofdovereenkomstNaam="Oud")
    assert _vervangen(api, open_, oud, hoofdovereenkomstNaam="Nieuw",
                      ingangsdatum="2026-01-15").status_code == 201
    beide = {"afnemerId": [af["id"], open_["id"]]}

    assert sorted(_ids(api, **beide)) == [("Gemeente Af", "Compleet", True),
                                          ("Gemeente Open", "Nieuw", False),
                                          ("Gemeente Open", "Oud", False)]
    assert _ids(api, compleet="true", **beide) == [("Gemeente Af", "Compleet", True)]
    assert _ids(api, compleet="false", lopend="true", **beide) == [
        ("Gemeente Open", "Nieuw", False)]
    assert _ids(api, lopend="false", **beide) == [("Gemeente Open", "Oud", False)]
    assert _ids(api, afnemerId=af["id"]) == [("Gemeente Af", "Compleet", True)]
    rij = api.get(LIJST, query_string={"afnemerId": af["id"]}).get_json()["resultaten"][0]
    assert rij["afnemerId"] == af["id"] and rij["ontbreekt"] == []

    assert api.get(LIJST, query_string={"afnemerId": "geen-id"}).status_code == 400
    gemeente = api.as_(token_voor(af["id"], Rol.AFNEMER_BEHEERDER))
    assert gemeente.get(LIJST).status_code == 403

    # The gemeenten, with whether an agreement runs for each (filtered in SQL too).
    zonder = api.get("/diensten/vwo/gemeenten", query_string={"lopendeOvereenkomst": "false"})
    assert zonder.status_code == 200, zonder.get_json()
    namen = {g["naam"] for g in zonder.get_json()["resultaten"]}
    assert "Gemeente Af" not in namen and "Gemeente Open" not in namen
    geen = maak_afnemer("gemeente", naam="Gemeente Zonder")
    rijen = api.get("/diensten/vwo/gemeenten").get_json()["resultaten"]
    assert {(g["naam"], g["lopendeOvereenkomst"]) for g in rijen} >= {
        ("Gemeente Af", True), ("Gemeente Open", True), ("Gemeente Zonder", False)}
    assert [g["id"] for g in api.get("/diensten/vwo/gemeenten", query_string={
        "lopendeOvereenkomst": "false"}).get_json()["resultaten"]] == [geen["id"]]
    assert gemeente.get("/diensten/vwo/gemeenten").status_code == 403
