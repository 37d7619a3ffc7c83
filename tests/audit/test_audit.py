"""``/afnemers/{id}/audit``: every write to an afnemer's data, with who, when and what.

The log is written by a session listener in the same transaction as the write, so a
write that fails leaves no row, and no view can forget to log.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.auth import tokens
from core.auth.principal import Rol
from core.db import db


def _audit(api, afnemer_id, query: str = "") -> list[dict]:
    response = api.get(f"/afnemers/{afnemer_id}/audit?paginaGrootte=100{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["resultaten"]


def _nieuwste(api, afnemer_id, query: str = "") -> dict:
    return _audit(api, afnemer_id, query)[0]


def _etag(api, path) -> str:
    return api.get(path).headers["ETag"]


@pytest.fixture
def actor_van(app):
    """The audit actor id of a token: ``token:<id>``."""

    def lookup(token: str) -> str:
        with app.app_context():
            return tokens.resolve(token).id

    return lookup


@pytest.fixture
def afnemer(maak_afnemer) -> dict:
    return maak_afnemer()


# --- afnemers ----------------------------------------------------------------------------


def test_registering_an_afnemer_is_logged_with_actor_time_and_values(
    api, logius_token, actor_van
):
    voor = datetime.now(UTC)
    created = api.post("/afnemers", json={"naam": "Gemeente Zwolle", "oin": "00000001001234567000",
                                          "type": "gemeente", "kvkNummer": "12345678"}).get_json()
    na = datetime.now(UTC)
    [regel] = _audit(api, created["id"])
    assert regel["actie"] == "aangemaakt"
    assert regel["resourceType"] == "afnemers"
    assert regel["resourceId"] == created["id"]
    assert regel["actor"] == actor_van(logius_token)
    assert regel["actorNaam"] == "test logius-beheerder"
    assert voor <= datetime.fromisoformat(regel["tijdstip"]) <= na
    assert regel["wijzigingen"]["naam"] == {"nieuw": "Gemeente Zwolle"}
    assert regel["wijzigingen"]["oin"] == {"nieuw": "00000001001234567000"}
    assert regel["wijzigingen"]["type"] == {"nieuw": "gemeente"}
    assert regel["wijzigingen"]["kvk_nummer"] == {"nieuw": "12345678"}
    assert regel["wijzigingen"]["id"] == {"nieuw": created["id"]}
    # Bookkeeping columns are not 'what changed'.
    assert not {"versie", "aangemaakt_op", "gewijzigd_op"} & set(regel["wijzigingen"])


def test_updating_an_afnemer_logs_only_the_changed_fields_old_and_new(api, afnemer):
    url = f"/afnemers/{afnemer['id']}"
    response = api.patch(url, json={"naam": "Gemeente Nieuwegein", "type": afnemer["type"]},
                         headers={"If-Match": _etag(api, url)})
    assert response.status_code == 200
    regel = _nieuwste(api, afnemer["id"])
    assert regel["actie"] == "gewijzigd"
    assert regel["resourceId"] == afnemer["id"]
    assert regel["wijzigingen"] == {"naam": {"oud": afnemer["naam"], "nieuw": "Gemeente Nieuwegein"}}
    assert len(_audit(api, afnemer["id"])) == 2


def test_an_update_that_changes_nothing_logs_nothing(api, afnemer):
    url = f"/afnemers/{afnemer['id']}"
    response = api.patch(url, json={"naam": afnemer["naam"]}, headers={"If-Match": _etag(api, url)})
    assert response.status_code == 200
    assert [r["actie"] for r in _audit(api, afnemer["id"])] == ["aangemaakt"]


# --- contactpersonen ---------------------------------------------------------------------


def test_contactpersoon_create_update_delete_are_each_logged(
    api, afnemer, maak_contactpersoon, token_voor, actor_van
):
    maak_contactpersoon(afnemer["id"], rol="algemeen")
    beheerder_token = token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER)
    beheerder = api.as_(beheerder_token)
    base = f"/afnemers/{afnemer['id']}/contactpersonen"
    created = beheerder.post(base, json={"naam": "Jan de Vries", "email": "jan@voorbeeld.nl",
                                         "telefoon": "0612345678", "rol": "security",
                                         "bereikbaarheid": "24x7"})
    contact = created.get_json()
    url = f"{base}/{contact['id']}"
    beheerder.patch(url, json={"telefoon": "070 123 4567"},
                    headers={"If-Match": created.headers["ETag"]})
    assert beheerder.delete(url, headers={"If-Match": _etag(api, url)}).status_code == 204

    regels = _audit(api, afnemer["id"], f"&resourceId={contact['id']}")
    assert [r["actie"] for r in regels] == ["verwijderd", "gewijzigd", "aangemaakt"]
    assert {r["resourceType"] for r in regels} == {"contactpersonen"}
    assert {r["actor"] for r in regels} == {actor_van(beheerder_token)}
    assert {r["actorNaam"] for r in regels} == {"test afnemer-beheerder"}
    verwijderd, gewijzigd, aangemaakt = regels
    assert aangemaakt["wijzigingen"]["telefoon"] == {"nieuw": "+31612345678"}
    assert aangemaakt["wijzigingen"]["bereikbaarheid"] == {"nieuw": "24x7"}
    assert aangemaakt["wijzigingen"]["afnemer_id"] == {"nieuw": afnemer["id"]}
    assert gewijzigd["wijzigingen"] == {"telefoon": {"oud": "+31612345678",
                                                     "nieuw": "+31701234567"}}
    assert verwijderd["wijzigingen"]["naam"] == {"oud": "Jan de Vries"}
    assert verwijderd["wijzigingen"]["telefoon"] == {"oud": "+31701234567"}
    assert all(r["id"] > s["id"] for r, s in zip(regels, regels[1:]))
    tijden = [r["tijdstip"] for r in regels]
    assert tijden == sorted(tijden, reverse=True)


# --- aansluitingen and their statuswijzigingen -------------------------------------------


def test_aansluiting_request_change_and_every_statuswijziging_are_logged(
    api, afnemer, maak_aansluiting
):
    aansluiting = maak_aansluiting(afnemer["id"], onderdelen=["midden"])
    url = f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"
    api.patch(url, json={"onderdelen": ["midden", "substantieel"]},
              headers={"If-Match": _etag(api, url)})
    for body in ({"status": "actief"},
                 {"status": "opgeschort", "grondslag": "AV 5.4", "reden": "Datalek."},
                 {"status": "actief"}):
        response = api.post(f"{url}/statuswijzigingen", json=body,
                            headers={"If-Match": _etag(api, url)})
        assert response.status_code == 201

    regels = _audit(api, afnemer["id"], f"&resourceType=aansluitingen&resourceId={aansluiting['id']}")
    assert [r["actie"] for r in regels] == ["gewijzigd"] * 4 + ["aangemaakt"]
    hervat, opgeschort, geactiveerd, onderdelen, aangevraagd = (r["wijzigingen"] for r in regels)
    assert aangevraagd["status"] == {"nieuw": "aangevraagd"}
    assert aangevraagd["dienst"] == {"nieuw": "digid"}
    assert aangevraagd["aanvraag_ondertekend_op"] == {"nieuw": "2026-01-15"}
    assert onderdelen == {"onderdelen": {"oud": ["midden"], "nieuw": ["midden", "substantieel"]}}
    assert geactiveerd["status"] == {"oud": "aangevraagd", "nieuw": "actief"}
    assert geactiveerd["geactiveerd_op"]["oud"] is None
    assert geactiveerd["geactiveerd_op"]["nieuw"] == api.get(url).get_json()["geactiveerdOp"]
    assert opgeschort == {
        "status": {"oud": "actief", "nieuw": "opgeschort"},
        "opschorting_grondslag": {"oud": None, "nieuw": "AV 5.4"},
        "opschorting_reden": {"oud": None, "nieuw": "Datalek."},
    }
    assert hervat == {
        "status": {"oud": "opgeschort", "nieuw": "actief"},
        "opschorting_grondslag": {"oud": "AV 5.4", "nieuw": None},
        "opschorting_reden": {"oud": "Datalek.", "nieuw": None},
    }


# --- api tokens --------------------------------------------------------------------------


def test_creating_and_revoking_an_api_token_is_logged_without_the_secret(
    api, afnemer, logius_token, actor_van
):
    response = api.post(f"/afnemers/{afnemer['id']}/api-tokens",
                        json={"naam": "Zaaksysteem", "rol": "afnemer-medewerker"})
    assert response.status_code == 201
    token = response.get_json()
    assert api.delete(f"/afnemers/{afnemer['id']}/api-tokens/{token['id']}").status_code == 204

    regels = _audit(api, afnemer["id"], f"&resourceType=api_tokens&resourceId={token['id']}")
    assert [r["actie"] for r in regels] == ["gewijzigd", "aangemaakt"]
    assert {r["actor"] for r in regels} == {actor_van(logius_token)}
    ingetrokken, aangemaakt = (r["wijzigingen"] for r in regels)
    assert aangemaakt["naam"] == {"nieuw": "Zaaksysteem"}
    assert aangemaakt["rol"] == {"nieuw": "afnemer-medewerker"}
    assert "hash" not in aangemaakt
    assert set(ingetrokken) == {"ingetrokken_op"}
    assert ingetrokken["ingetrokken_op"]["oud"] is None
    assert ingetrokken["ingetrokken_op"]["nieuw"] is not None
    everything = str(_audit(api, afnemer["id"]))
    assert token["token"] not in everything
    assert tokens.hash_token(token["token"]) not in everything


def test_the_actor_is_the_token_that_made_the_request(
    api, afnemer, maak_contactpersoon, token_voor, actor_van
):
    maak_contactpersoon(afnemer["id"])
    eerste, tweede = (token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER) for _ in range(2))
    base = f"/afnemers/{afnemer['id']}/contactpersonen"
    body = {"naam": "X", "email": "x@voorbeeld.nl", "telefoon": "0701234567", "rol": "technisch"}
    for token in (eerste, tweede):
        assert api.as_(token).post(base, json=body).status_code == 201
    regels = _audit(api, afnemer["id"], "&resourceType=contactpersonen")
    assert [r["actor"] for r in regels[:2]] == [actor_van(tweede), actor_van(eerste)]
    assert actor_van(eerste) != actor_van(tweede)


# --- failed writes -----------------------------------------------------------------------


def test_a_failed_write_leaves_no_audit_row(
    api, afnemer, maak_afnemer, maak_contactpersoon, maak_aansluiting, token_voor
):
    algemeen = maak_contactpersoon(afnemer["id"], rol="algemeen")
    aansluiting = maak_aansluiting(afnemer["id"])
    token = api.post(f"/afnemers/{afnemer['id']}/api-tokens",
                     json={"naam": "k", "rol": "afnemer-medewerker"}).get_json()
    api.delete(f"/afnemers/{afnemer['id']}/api-tokens/{token['id']}")
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    andere = maak_afnemer()
    voor = _audit(api, afnemer["id"])
    a_url = f"/afnemers/{afnemer['id']}"
    c_url = f"{a_url}/contactpersonen/{algemeen['id']}"
    s_url = f"{a_url}/aansluitingen/{aansluiting['id']}"
    failures = [
        (api.patch(a_url, json={"naam": "X", "oin": "kapot"}, headers={"If-Match": "*"}), 400),
        (api.patch(a_url, json={"oin": andere["oin"]}, headers={"If-Match": "*"}), 409),
        (api.patch(a_url, json={"naam": "X"}, headers={"If-Match": '"999"'}), 412),
        (api.post(f"{a_url}/contactpersonen", json={"naam": "X"}), 400),
        # refused after the delete was flushed (the AV 2.4 check counts what remains)
        (api.delete(c_url, headers={"If-Match": "*"}), 409),
        (api.patch(c_url, json={"rol": "privacy"}, headers={"If-Match": "*"}), 409),
        (medewerker.patch(c_url, json={"naam": "X"}, headers={"If-Match": "*"}), 403),
        (api.post(f"{a_url}/aansluitingen", json={
            "dienst": "digid", "omgeving": "productie", "onderdelen": ["basis"],
            "aanvraagOndertekendOp": "2026-01-01"}), 409),
        (api.post(f"{s_url}/statuswijzigingen", json={"status": "opgeschort"},
                  headers={"If-Match": "*"}), 409),
        (api.post(f"{s_url}/statuswijzigingen", json={"status": "actief"}), 428),
        (api.delete(f"{a_url}/api-tokens/{token['id']}"), 409),
        (api.post(f"{a_url}/api-tokens", json={"naam": "k", "rol": "logius-beheerder"}), 400),
    ]
    for response, status in failures:
        assert response.status_code == status, (status, response.get_json())
    assert _audit(api, afnemer["id"]) == voor


def test_a_write_refused_at_commit_leaves_no_audit_row(api, afnemer):
    """A concurrent update makes the flush itself fail (optimistic lock, 412): the audit
    row the listener added in that flush is rolled back with it."""
    from core.afnemers.models import Afnemer

    url = f"/afnemers/{afnemer['id']}"
    etag = _etag(api, url)
    voor = _audit(api, afnemer["id"])
    original = Afnemer.__mapper__.version_id_generator

    def concurrent(version):
        """Another writer bumps the version between this request's check and its flush."""
        with db.engine.begin() as connection:
            sqlite = connection.dialect.name == "sqlite"
            connection.exec_driver_sql(
                "UPDATE afnemers SET versie = versie + 1 WHERE id = "
                + ("?" if sqlite else "%s"),
                (afnemer["id"].replace("-", "") if sqlite else afnemer["id"],),
            )
        return original(version)

    Afnemer.__mapper__.version_id_generator = concurrent
    try:
        response = api.patch(url, json={"naam": "Te laat"}, headers={"If-Match": etag})
    finally:
        Afnemer.__mapper__.version_id_generator = original
    assert response.status_code == 412
    assert api.get(url).get_json()["naam"] == afnemer["naam"]
    assert _audit(api, afnemer["id"]) == voor


# --- reading the log ---------------------------------------------------------------------


def test_filters_by_resource_type_and_id(api, afnemer, maak_contactpersoon, maak_aansluiting):
    eerste = maak_contactpersoon(afnemer["id"])
    tweede = maak_contactpersoon(afnemer["id"])
    aansluiting = maak_aansluiting(afnemer["id"])
    alle = _audit(api, afnemer["id"])
    # The aanvraag also records the acceptance of the terms (AV 11.1), audited as well.
    # A requested aansluiting starts its onboarding route: its steps are audited too.
    assert {r["resourceType"] for r in alle} == {"afnemers", "contactpersonen", "aansluitingen",
                                                 "aansluitroute_stappen",
                                                 "voorwaarden_acceptaties"}
    contacten = _audit(api, afnemer["id"], "&resourceType=contactpersonen")
    assert {r["resourceId"] for r in contacten} == {eerste["id"], tweede["id"]}
    [alleen] = _audit(api, afnemer["id"], f"&resourceId={tweede['id']}")
    assert alleen["resourceId"] == tweede["id"]
    assert _audit(api, afnemer["id"], f"&resourceType=contactpersonen&resourceId={aansluiting['id']}") == []
    [afnemer_regel] = _audit(api, afnemer["id"], "&resourceType=afnemers")
    assert afnemer_regel["resourceId"] == afnemer["id"]
    response = api.get(f"/afnemers/{afnemer['id']}/audit?resourceType=gebruikers_x")
    assert response.status_code == 400
    assert {p["name"] for p in response.get_json()["invalidParams"]} == {"resourceType"}


def test_every_audited_resource_type_can_be_filtered(api, afnemer):
    from core.db import Base

    audited = {mapper.class_.__tablename__ for mapper in Base.registry.mappers
               if getattr(mapper.class_, "__audit__", False)}
    assert {"afnemers", "contactpersonen", "aansluitingen", "api_tokens"} <= audited
    for soort in sorted(audited):
        response = api.get(f"/afnemers/{afnemer['id']}/audit?resourceType={soort}")
        assert response.status_code == 200, (soort, response.get_json())


def test_the_log_is_paginated_newest_first(api, afnemer, maak_contactpersoon):
    for _ in range(4):
        maak_contactpersoon(afnemer["id"])
    alle = _audit(api, afnemer["id"])
    assert len(alle) == 5
    page = api.get(f"/afnemers/{afnemer['id']}/audit?paginaGrootte=2&pagina=3").get_json()
    assert page["paginering"]["totaalAantal"] == 5
    assert page["resultaten"] == alle[4:]
    assert page["resultaten"][0]["resourceType"] == "afnemers"


def test_the_log_is_read_only(api, afnemer):
    url = f"/afnemers/{afnemer['id']}/audit"
    for method in ("POST", "PATCH", "PUT", "DELETE"):
        response = api.request(method, url, json={})
        assert response.status_code == 405, method
    assert len(_audit(api, afnemer["id"])) == 1


# --- tenant isolation --------------------------------------------------------------------


@pytest.mark.parametrize("rol", [Rol.AFNEMER_BEHEERDER, Rol.AFNEMER_MEDEWERKER])
def test_afnemer_a_cannot_read_afnemer_bs_audit(api, maak_afnemer, maak_contactpersoon,
                                                token_voor, rol):
    a, b = maak_afnemer(), maak_afnemer()
    van_b = maak_contactpersoon(b["id"])
    als_a = api.as_(token_voor(a["id"], rol))
    response = als_a.get(f"/afnemers/{b['id']}/audit")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    # Nor through its own afnemer with a filter on B's resource.
    assert _audit(als_a, a["id"], f"&resourceId={van_b['id']}") == []
    assert _audit(als_a, a["id"], f"&resourceId={b['id']}") == []
    # A's own log: its registration and the token this test gave it, nothing of B.
    eigen = _audit(als_a, a["id"])
    assert [(r["resourceType"], r["actie"]) for r in eigen] == [
        ("api_tokens", "aangemaakt"), ("afnemers", "aangemaakt")]
    assert eigen[1]["resourceId"] == a["id"]


def test_each_afnemers_log_holds_only_its_own_writes(api, maak_afnemer, maak_contactpersoon):
    a, b = maak_afnemer(), maak_afnemer()
    van_a, van_b = maak_contactpersoon(a["id"]), maak_contactpersoon(b["id"])
    assert {r["resourceId"] for r in _audit(api, a["id"])} == {a["id"], van_a["id"]}
    assert {r["resourceId"] for r in _audit(api, b["id"])} == {b["id"], van_b["id"]}


def test_logius_tokens_leave_no_tenant_audit_row(app, api, afnemer, token_voor):
    """A Logius token belongs to no afnemer, so no afnemer's log shows its creation."""
    voor = _audit(api, afnemer["id"])
    token_voor(None, Rol.LOGIUS_BEHEERDER)
    assert _audit(api, afnemer["id"]) == voor
    token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER)
    nieuw = _nieuwste(api, afnemer["id"])
    assert nieuw["resourceType"] == "api_tokens"
    assert nieuw["actor"] == "systeem"
