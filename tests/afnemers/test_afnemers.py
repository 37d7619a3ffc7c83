"""``/afnemers``: registration by Logius, OIN rules, updates with If-Match."""

from __future__ import annotations

from core.auth.principal import Rol
from tests.conftest import nieuw_oin


def _names(response) -> set[str]:
    return {p["name"] for p in response.get_json()["invalidParams"]}


def test_logius_registers_an_afnemer(api):
    body = {"naam": "Gemeente Utrecht", "oin": nieuw_oin(), "type": "gemeente"}
    response = api.post("/afnemers", json=body)
    assert response.status_code == 201
    created = response.get_json()
    assert created["naam"] == "Gemeente Utrecht"
    assert created["type"] == "gemeente"
    assert response.headers["Location"].endswith(f"/api/v1/afnemers/{created['id']}")
    assert response.headers["ETag"]
    assert api.get(f"/afnemers/{created['id']}").get_json() == created


def test_oin_of_19_digits_is_400_naming_oin(api):
    response = api.post("/afnemers", json={"naam": "X", "oin": "1" * 19, "type": "gemeente"})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 400
    assert "oin" in body["detail"]
    assert _names(response) == {"oin"}
    assert "20 cijfers" in body["invalidParams"][0]["reason"]


def test_oin_with_letters_or_21_digits_is_refused(api):
    for oin in ("0000000100123456700A", "1" * 21, ""):
        response = api.post("/afnemers", json={"naam": "X", "oin": oin, "type": "gemeente"})
        assert response.status_code == 400, oin
        assert "oin" in _names(response)


def test_all_field_errors_come_at_once(api):
    response = api.post("/afnemers", json={"oin": "123", "type": "vereniging", "extra": 1})
    assert response.status_code == 400
    assert _names(response) == {"naam", "oin", "type", "extra"}


def test_type_must_be_one_of_the_six(api):
    for soort in ("rijksoverheid", "gemeente", "provincie", "waterschap",
                  "overige niet-rijksoverheid", "bedrijf"):
        body = {"naam": f"Org {soort}", "oin": nieuw_oin(), "type": soort}
        assert api.post("/afnemers", json=body).status_code == 201, soort


def test_oin_is_unique(api):
    oin = nieuw_oin()
    assert api.post("/afnemers", json={"naam": "A", "oin": oin, "type": "gemeente"}).status_code == 201
    response = api.post("/afnemers", json={"naam": "B", "oin": oin, "type": "gemeente"})
    assert response.status_code == 409
    assert response.get_json()["code"] == "oin-bestaat-al"
    assert api.get("/afnemers").get_json()["paginering"]["totaalAantal"] == 1


def test_only_logius_registers_afnemers(api, maak_afnemer, token_voor):
    afnemer = maak_afnemer()
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    response = beheerder.post("/afnemers", json={"naam": "X", "oin": nieuw_oin(), "type": "gemeente"})
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"


def test_an_afnemer_token_lists_only_its_own_afnemer(api, maak_afnemer, token_voor):
    eigen, _ander = maak_afnemer(), maak_afnemer()
    response = api.as_(token_voor(eigen["id"], Rol.AFNEMER_MEDEWERKER)).get("/afnemers")
    assert [a["id"] for a in response.get_json()["resultaten"]] == [eigen["id"]]
    assert len(api.get("/afnemers").get_json()["resultaten"]) == 2


def test_list_is_paginated_with_link_header(api, maak_afnemer):
    for _ in range(5):
        maak_afnemer()
    response = api.get("/afnemers?pagina=2&paginaGrootte=2")
    body = response.get_json()
    assert len(body["resultaten"]) == 2
    assert body["paginering"] == {"pagina": 2, "paginaGrootte": 2, "totaalAantal": 5,
                                  "totaalPaginas": 3}
    assert 'rel="next"' in response.headers["Link"] and "pagina=3" in response.headers["Link"]
    assert api.get("/afnemers?paginaGrootte=101").status_code == 400
    assert api.get("/afnemers?pagina=0").status_code == 400


def test_list_filters_by_type_and_oin(api, maak_afnemer):
    gemeente, bedrijf = maak_afnemer("gemeente"), maak_afnemer("bedrijf")
    assert [a["id"] for a in api.get("/afnemers?type=bedrijf").get_json()["resultaten"]] == [
        bedrijf["id"]]
    found = api.get(f"/afnemers?oin={gemeente['oin']}").get_json()["resultaten"]
    assert [a["id"] for a in found] == [gemeente["id"]]


def test_list_searches_name_or_oin_and_filters_by_dienst(api, maak_afnemer, maak_aansluiting):
    """``zoek`` matches part of the name (any case) or the start of the OIN; ``dienst``
    keeps the afnemers with a lopende aansluiting on it, whom an announcement reaches."""
    digid = maak_afnemer(naam="Gemeente Zoekdorp 100%")
    mo, gestopt = maak_afnemer(), maak_afnemer()
    maak_aansluiting(digid["id"], dienst="digid")
    maak_aansluiting(mo["id"], dienst="mijnoverheid", onderdelen=("berichtenbox",))
    oud = maak_aansluiting(gestopt["id"], dienst="digid")
    etag = api.get(f"/afnemers/{gestopt['id']}/aansluitingen/{oud['id']}").headers["ETag"]
    assert api.post(f"/afnemers/{gestopt['id']}/aansluitingen/{oud['id']}/statuswijzigingen",
                    json={"status": "beeindigd"}, headers={"If-Match": etag}).status_code == 201

    def ids(query: str) -> list[str]:
        antwoord = api.get(f"/afnemers?{query}")
        assert antwoord.status_code == 200, antwoord.get_json()
        return [a["id"] for a in antwoord.get_json()["resultaten"]]

    assert ids("zoek=zoekDORP") == [digid["id"]]
    assert ids("zoek=100%25") == [digid["id"]]  # a literal %, not a wildcard
    assert ids(f"zoek={mo['oin'][:-3]}") == [mo["id"]]
    assert ids("dienst=digid") == [digid["id"]]
    assert ids("dienst=mijnoverheid&zoek=zoekdorp") == []


def test_update_needs_if_match(api, maak_afnemer):
    afnemer = maak_afnemer()
    url = f"/afnemers/{afnemer['id']}"
    assert api.patch(url, json={"naam": "Nieuw"}).status_code == 428
    etag = api.get(url).headers["ETag"]
    response = api.patch(url, json={"naam": "Nieuw"}, headers={"If-Match": etag})
    assert response.status_code == 200
    assert response.get_json()["naam"] == "Nieuw"
    assert response.headers["ETag"] != etag
    stale = api.patch(url, json={"naam": "Ouder"}, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert api.get(url).get_json()["naam"] == "Nieuw"


def test_failed_update_changes_nothing(api, maak_afnemer):
    afnemer = maak_afnemer()
    url = f"/afnemers/{afnemer['id']}"
    etag = api.get(url).headers["ETag"]
    response = api.patch(url, json={"naam": "Goed", "oin": "kapot"}, headers={"If-Match": etag})
    assert response.status_code == 400
    assert api.get(url).get_json() == afnemer
    assert api.get(url).headers["ETag"] == etag


def test_not_modified_on_matching_if_none_match(api, maak_afnemer):
    afnemer = maak_afnemer()
    url = f"/afnemers/{afnemer['id']}"
    etag = api.get(url).headers["ETag"]
    assert api.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_a_name_longer_than_the_maximum_is_refused_even_if_trimming_would_fit(api):
    """The documented maxLength (200) holds for what is sent: found by Schemathesis."""
    response = api.post("/afnemers", json={"naam": "\u00a0" + "x" * 200,
                                           "oin": "00000001009999999123", "type": "gemeente"})
    assert response.status_code == 400
    assert response.get_json()["invalidParams"][0]["name"] == "naam"
