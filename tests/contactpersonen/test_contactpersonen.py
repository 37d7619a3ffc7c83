"""``/afnemers/{id}/contactpersonen``: the contacts of AV 2.4 and VWO Bijlage 1 tabel 2."""

from __future__ import annotations

import threading
import uuid

import pytest

from core.auth.principal import Rol
from tests.support.gelijktijdig import houd_commits_samen

BODY = {"naam": "Fatima el Amrani", "email": "f.elamrani@voorbeeld.nl",
        "telefoon": "070 123 4567", "rol": "algemeen"}


def _url(afnemer_id, contact_id=None) -> str:
    url = f"/afnemers/{afnemer_id}/contactpersonen"
    return f"{url}/{contact_id}" if contact_id else url


def _names(response) -> set[str]:
    return {p["name"] for p in response.get_json()["invalidParams"]}


def _etag(api, afnemer_id, contact_id) -> str:
    return api.get(_url(afnemer_id, contact_id)).headers["ETag"]


def _alle(api, afnemer_id, query="") -> list[dict]:
    return api.get(_url(afnemer_id) + query).get_json()["resultaten"]


def _audit(api, afnemer_id) -> list[dict]:
    return api.get(f"/afnemers/{afnemer_id}/audit?resourceType=contactpersonen"
                   "&paginaGrootte=100").get_json()["resultaten"]


# --- create, read ------------------------------------------------------------------------


def test_create_answers_201_with_location_etag_and_the_stored_contact(api, maak_afnemer):
    afnemer = maak_afnemer()
    response = api.post(_url(afnemer["id"]), json={**BODY, "functie": "Functioneel beheerder"})
    assert response.status_code == 201
    created = response.get_json()
    assert created["naam"] == "Fatima el Amrani"
    assert created["functie"] == "Functioneel beheerder"
    assert created["email"] == "f.elamrani@voorbeeld.nl"
    assert created["rol"] == "algemeen"
    uuid.UUID(created["id"])
    assert created["aangemaaktOp"].endswith("+00:00")
    assert response.headers["Location"].endswith(
        f"/api/v1/afnemers/{afnemer['id']}/contactpersonen/{created['id']}")
    assert response.headers["ETag"]
    fetched = api.get(_url(afnemer["id"], created["id"]))
    assert fetched.status_code == 200
    assert fetched.get_json() == created
    assert fetched.headers["ETag"] == response.headers["ETag"]


def test_functie_is_optional_and_bereikbaarheid_defaults_to_kantooruren(api, maak_afnemer):
    afnemer = maak_afnemer()
    created = api.post(_url(afnemer["id"]), json=BODY).get_json()
    assert created["functie"] is None
    assert created["bereikbaarheid"] == "kantooruren"


@pytest.mark.parametrize("rol", ["algemeen", "technisch", "financieel", "privacy", "security"])
def test_each_of_the_five_roles_is_accepted_av_2_4(api, maak_afnemer, rol):
    afnemer = maak_afnemer()
    response = api.post(_url(afnemer["id"]), json={**BODY, "rol": rol})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["rol"] == rol


def test_an_unknown_role_is_refused_naming_rol(api, maak_afnemer):
    afnemer = maak_afnemer()
    for rol in ("directeur", "Algemeen", ""):
        response = api.post(_url(afnemer["id"]), json={**BODY, "rol": rol})
        assert response.status_code == 400, rol
        assert _names(response) == {"rol"}
    assert _alle(api, afnemer["id"]) == []


def test_reachability_outside_office_hours_is_24x7_vwo_bijlage_1_tabel_2(api, maak_afnemer):
    afnemer = maak_afnemer()
    for waarde in ("kantooruren", "24x7"):
        response = api.post(_url(afnemer["id"]), json={**BODY, "bereikbaarheid": waarde})
        assert response.status_code == 201
        assert response.get_json()["bereikbaarheid"] == waarde
    for waarde in ("altijd", "24/7", "werkdagen", None):
        response = api.post(_url(afnemer["id"]), json={**BODY, "bereikbaarheid": waarde})
        assert response.status_code == 400, waarde
        assert _names(response) == {"bereikbaarheid"}


def test_get_of_an_unknown_contact_is_404_problem(api, maak_afnemer):
    afnemer = maak_afnemer()
    response = api.get(_url(afnemer["id"], uuid.uuid4()))
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_get_answers_304_on_matching_if_none_match(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    contact = maak_contactpersoon(afnemer["id"])
    etag = _etag(api, afnemer["id"], contact["id"])
    url = _url(afnemer["id"], contact["id"])
    assert api.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert api.get(url, headers={"If-None-Match": '"999"'}).status_code == 200


# --- e-mail and telephone ----------------------------------------------------------------


@pytest.mark.parametrize("email", ["geen-adres", "a@", "@voorbeeld.nl", "a b@voorbeeld.nl",
                                   "x" * 250 + "@voorbeeld.nl", ""])
def test_an_invalid_email_is_refused_naming_email(api, maak_afnemer, email):
    afnemer = maak_afnemer()
    response = api.post(_url(afnemer["id"]), json={**BODY, "email": email})
    assert response.status_code == 400
    assert _names(response) == {"email"}


def test_email_is_trimmed_and_lowercased(api, maak_afnemer):
    afnemer = maak_afnemer()
    response = api.post(_url(afnemer["id"]), json={**BODY, "email": "  F.ElAmrani@Voorbeeld.NL "})
    assert response.status_code == 201
    assert response.get_json()["email"] == "f.elamrani@voorbeeld.nl"


@pytest.mark.parametrize(("invoer", "e164"), [
    ("070 123 4567", "+31701234567"),
    ("0701234567", "+31701234567"),
    ("06-12345678", "+31612345678"),
    ("+31 6 1234 5678", "+31612345678"),
    ("0031 70 123 4567", "+31701234567"),
    ("(070) 123 45 67", "+31701234567"),
    ("+32 2 555 12 12", "+3225551212"),
])
def test_telephone_is_stored_and_answered_in_e164(api, maak_afnemer, invoer, e164):
    afnemer = maak_afnemer()
    response = api.post(_url(afnemer["id"]), json={**BODY, "telefoon": invoer})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["telefoon"] == e164
    assert api.get(_url(afnemer["id"], response.get_json()["id"])).get_json()["telefoon"] == e164


@pytest.mark.parametrize("telefoon", ["12", "bel me", "070 123", "+31 70 123 4567 8901", "", 701234567])
def test_an_invalid_telephone_number_is_refused_naming_telefoon(api, maak_afnemer, telefoon):
    afnemer = maak_afnemer()
    response = api.post(_url(afnemer["id"]), json={**BODY, "telefoon": telefoon})
    assert response.status_code == 400
    assert _names(response) == {"telefoon"}


# --- validation: all errors at once ------------------------------------------------------


def test_all_field_errors_come_at_once_as_problem_json(api, maak_afnemer):
    afnemer = maak_afnemer()
    response = api.post(_url(afnemer["id"]), json={
        "naam": "   ", "email": "geen-adres", "telefoon": "12", "rol": "baas",
        "bereikbaarheid": "soms", "onbekend": 1})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 400
    assert body["code"] == "ongeldige-invoer"
    assert _names(response) == {"naam", "email", "telefoon", "rol", "bereikbaarheid", "onbekend"}
    for param in body["invalidParams"]:
        assert set(param) == {"name", "code", "reason"}
        assert param["reason"]
    for name in ("naam", "email", "telefoon", "rol", "bereikbaarheid"):
        assert name in body["detail"]
    assert _alle(api, afnemer["id"]) == []


def test_missing_required_fields_are_each_named_with_code_required(api, maak_afnemer):
    afnemer = maak_afnemer()
    response = api.post(_url(afnemer["id"]), json={})
    assert response.status_code == 400
    params = response.get_json()["invalidParams"]
    assert {p["name"] for p in params} == {"naam", "email", "telefoon", "rol"}
    assert {p["code"] for p in params} == {"required"}


def test_server_fields_cannot_be_sent(api, maak_afnemer):
    afnemer = maak_afnemer()
    response = api.post(_url(afnemer["id"]), json={**BODY, "id": str(uuid.uuid4()),
                                                    "aangemaaktOp": "2020-01-01T00:00:00Z"})
    assert response.status_code == 400
    assert _names(response) == {"id", "aangemaaktOp"}


# --- list and filter ---------------------------------------------------------------------


def test_list_shows_the_afnemers_contacts_sorted_by_name(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    for naam in ("Zoë", "Anne", "Mo"):
        maak_contactpersoon(afnemer["id"], naam=naam)
    response = api.get(_url(afnemer["id"]))
    assert response.status_code == 200
    body = response.get_json()
    assert [c["naam"] for c in body["resultaten"]] == ["Anne", "Mo", "Zoë"]
    assert body["paginering"]["totaalAantal"] == 3


def test_list_filters_by_rol(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    algemeen = maak_contactpersoon(afnemer["id"], rol="algemeen")
    security = maak_contactpersoon(afnemer["id"], rol="security", bereikbaarheid="24x7")
    maak_contactpersoon(afnemer["id"], rol="technisch")
    assert [c["id"] for c in _alle(api, afnemer["id"], "?rol=security")] == [security["id"]]
    assert [c["id"] for c in _alle(api, afnemer["id"], "?rol=algemeen")] == [algemeen["id"]]
    assert _alle(api, afnemer["id"], "?rol=privacy") == []
    assert len(_alle(api, afnemer["id"])) == 3
    response = api.get(_url(afnemer["id"]) + "?rol=baas")
    assert response.status_code == 400
    assert _names(response) == {"rol"}


def test_list_is_paginated(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    for i in range(3):
        maak_contactpersoon(afnemer["id"], naam=f"Persoon {i}")
    body = api.get(_url(afnemer["id"]) + "?pagina=2&paginaGrootte=2").get_json()
    assert [c["naam"] for c in body["resultaten"]] == ["Persoon 2"]
    assert body["paginering"] == {"pagina": 2, "paginaGrootte": 2, "totaalAantal": 3,
                                  "totaalPaginas": 2}


# --- update with If-Match ----------------------------------------------------------------


def test_patch_needs_if_match_428(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    contact = maak_contactpersoon(afnemer["id"])
    response = api.patch(_url(afnemer["id"], contact["id"]), json={"naam": "Nieuw"})
    assert response.status_code == 428
    assert response.mimetype == "application/problem+json"
    assert api.get(_url(afnemer["id"], contact["id"])).get_json() == contact


def test_patch_changes_only_the_fields_sent_and_gives_a_new_etag(
    api, maak_afnemer, maak_contactpersoon
):
    afnemer = maak_afnemer()
    contact = maak_contactpersoon(afnemer["id"], functie="CISO", rol="security")
    url = _url(afnemer["id"], contact["id"])
    etag = _etag(api, afnemer["id"], contact["id"])
    response = api.patch(url, json={"telefoon": "06 1234 5678", "bereikbaarheid": "24x7"},
                         headers={"If-Match": etag})
    assert response.status_code == 200
    updated = response.get_json()
    assert updated["telefoon"] == "+31612345678"
    assert updated["bereikbaarheid"] == "24x7"
    unchanged = {k: v for k, v in contact.items()
                 if k not in ("telefoon", "bereikbaarheid", "gewijzigdOp")}
    assert {k: updated[k] for k in unchanged} == unchanged
    assert updated["gewijzigdOp"] > contact["gewijzigdOp"]
    assert response.headers["ETag"] != etag
    assert api.get(url).get_json() == updated
    assert api.get(url).headers["ETag"] == response.headers["ETag"]


def test_patch_with_a_stale_etag_is_412_and_changes_nothing(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    contact = maak_contactpersoon(afnemer["id"])
    url = _url(afnemer["id"], contact["id"])
    oud = _etag(api, afnemer["id"], contact["id"])
    assert api.patch(url, json={"naam": "Eerste"}, headers={"If-Match": oud}).status_code == 200
    stale = api.patch(url, json={"naam": "Tweede"}, headers={"If-Match": oud})
    assert stale.status_code == 412
    assert stale.mimetype == "application/problem+json"
    assert api.get(url).get_json()["naam"] == "Eerste"


def test_patch_validates_like_create_and_names_every_bad_field(
    api, maak_afnemer, maak_contactpersoon
):
    afnemer = maak_afnemer()
    contact = maak_contactpersoon(afnemer["id"])
    url = _url(afnemer["id"], contact["id"])
    etag = _etag(api, afnemer["id"], contact["id"])
    response = api.patch(url, json={"naam": "Goed", "email": "kapot", "telefoon": "1",
                                    "rol": None, "bereikbaarheid": "nooit"},
                         headers={"If-Match": etag})
    assert response.status_code == 400
    assert _names(response) == {"email", "telefoon", "rol", "bereikbaarheid"}
    assert api.get(url).get_json() == contact
    assert _etag(api, afnemer["id"], contact["id"]) == etag


def test_patch_can_clear_functie_but_not_naam(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    contact = maak_contactpersoon(afnemer["id"], functie="Architect")
    url = _url(afnemer["id"], contact["id"])
    etag = _etag(api, afnemer["id"], contact["id"])
    refused = api.patch(url, json={"naam": None}, headers={"If-Match": etag})
    assert refused.status_code == 400
    assert _names(refused) == {"naam"}
    response = api.patch(url, json={"functie": None}, headers={"If-Match": etag})
    assert response.status_code == 200
    assert response.get_json()["functie"] is None


def test_patch_of_an_unknown_contact_is_404(api, maak_afnemer):
    afnemer = maak_afnemer()
    response = api.patch(_url(afnemer["id"], uuid.uuid4()), json={"naam": "X"},
                         headers={"If-Match": "*"})
    assert response.status_code == 404


# --- delete and the last algemeen contactpersoon (AV 2.4) --------------------------------


def test_delete_needs_if_match_and_removes_the_contact(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"], rol="algemeen")
    technisch = maak_contactpersoon(afnemer["id"], rol="technisch")
    url = _url(afnemer["id"], technisch["id"])
    assert api.delete(url).status_code == 428
    assert api.delete(url, headers={"If-Match": '"999"'}).status_code == 412
    assert api.get(url).status_code == 200
    response = api.delete(url, headers={"If-Match": _etag(api, afnemer["id"], technisch["id"])})
    assert response.status_code == 204
    assert response.data == b""
    assert api.get(url).status_code == 404
    assert [c["rol"] for c in _alle(api, afnemer["id"])] == ["algemeen"]


def test_the_last_algemeen_contact_cannot_be_deleted_av_2_4(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    algemeen = maak_contactpersoon(afnemer["id"], rol="algemeen")
    maak_contactpersoon(afnemer["id"], rol="technisch")
    url = _url(afnemer["id"], algemeen["id"])
    response = api.delete(url, headers={"If-Match": _etag(api, afnemer["id"], algemeen["id"])})
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "laatste-algemene-contactpersoon"
    assert "AV 2.4" in response.get_json()["detail"]
    assert api.get(url).get_json() == algemeen


def test_an_algemeen_contact_can_go_once_another_is_appointed_av_2_4(
    api, maak_afnemer, maak_contactpersoon
):
    afnemer = maak_afnemer()
    eerste = maak_contactpersoon(afnemer["id"], rol="algemeen")
    tweede = maak_contactpersoon(afnemer["id"], rol="algemeen")
    url = _url(afnemer["id"], eerste["id"])
    response = api.delete(url, headers={"If-Match": _etag(api, afnemer["id"], eerste["id"])})
    assert response.status_code == 204
    laatste = _url(afnemer["id"], tweede["id"])
    response = api.delete(laatste, headers={"If-Match": _etag(api, afnemer["id"], tweede["id"])})
    assert response.status_code == 409
    assert [c["id"] for c in _alle(api, afnemer["id"], "?rol=algemeen")] == [tweede["id"]]


def test_the_last_algemeen_contact_cannot_change_role_av_2_4(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    algemeen = maak_contactpersoon(afnemer["id"], rol="algemeen")
    url = _url(afnemer["id"], algemeen["id"])
    etag = _etag(api, afnemer["id"], algemeen["id"])
    response = api.patch(url, json={"rol": "technisch", "naam": "Ander"},
                         headers={"If-Match": etag})
    assert response.status_code == 409
    assert response.get_json()["code"] == "laatste-algemene-contactpersoon"
    assert api.get(url).get_json() == algemeen
    # Other fields of the last algemeen contact may change, and 'algemeen' may be re-sent.
    response = api.patch(url, json={"rol": "algemeen", "naam": "Ander"}, headers={"If-Match": etag})
    assert response.status_code == 200
    assert response.get_json()["naam"] == "Ander"


def test_an_algemeen_contact_may_change_role_when_another_remains_av_2_4(
    api, maak_afnemer, maak_contactpersoon
):
    afnemer = maak_afnemer()
    eerste = maak_contactpersoon(afnemer["id"], rol="algemeen")
    maak_contactpersoon(afnemer["id"], rol="algemeen")
    url = _url(afnemer["id"], eerste["id"])
    response = api.patch(url, json={"rol": "privacy"},
                         headers={"If-Match": _etag(api, afnemer["id"], eerste["id"])})
    assert response.status_code == 200
    assert response.get_json()["rol"] == "privacy"
    assert len(_alle(api, afnemer["id"], "?rol=algemeen")) == 1


def test_the_last_algemeen_rule_counts_per_afnemer_av_2_4(api, maak_afnemer, maak_contactpersoon):
    """Another afnemer's algemeen contact does not make this one's deletable."""
    eigen, ander = maak_afnemer(), maak_afnemer()
    algemeen = maak_contactpersoon(eigen["id"], rol="algemeen")
    maak_contactpersoon(ander["id"], rol="algemeen")
    maak_contactpersoon(ander["id"], rol="algemeen")
    response = api.delete(_url(eigen["id"], algemeen["id"]),
                          headers={"If-Match": _etag(api, eigen["id"], algemeen["id"])})
    assert response.status_code == 409


# --- who may do what ---------------------------------------------------------------------


def test_an_afnemer_beheerder_manages_its_own_contacts(api, maak_afnemer, token_voor):
    afnemer = maak_afnemer()
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    created = beheerder.post(_url(afnemer["id"]), json=BODY)
    assert created.status_code == 201
    contact = created.get_json()
    url = _url(afnemer["id"], contact["id"])
    response = beheerder.patch(url, json={"naam": "Nieuw"},
                               headers={"If-Match": created.headers["ETag"]})
    assert response.status_code == 200
    extra = beheerder.post(_url(afnemer["id"]), json={**BODY, "rol": "financieel"}).get_json()
    response = beheerder.delete(_url(afnemer["id"], extra["id"]),
                                headers={"If-Match": _etag(beheerder, afnemer["id"], extra["id"])})
    assert response.status_code == 204


def test_an_afnemer_medewerker_reads_but_may_not_write(
    api, maak_afnemer, maak_contactpersoon, token_voor
):
    afnemer = maak_afnemer()
    contact = maak_contactpersoon(afnemer["id"], rol="algemeen")
    extra = maak_contactpersoon(afnemer["id"], rol="technisch")
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    assert medewerker.get(_url(afnemer["id"])).status_code == 200
    assert medewerker.get(_url(afnemer["id"], contact["id"])).get_json() == contact
    etag = _etag(api, afnemer["id"], extra["id"])
    writes = [
        medewerker.post(_url(afnemer["id"]), json=BODY),
        medewerker.patch(_url(afnemer["id"], extra["id"]), json={"naam": "X"},
                         headers={"If-Match": etag}),
        medewerker.delete(_url(afnemer["id"], extra["id"]), headers={"If-Match": etag}),
    ]
    for response in writes:
        assert response.status_code == 403
        assert response.mimetype == "application/problem+json"
    assert api.get(_url(afnemer["id"], extra["id"])).get_json() == extra
    assert len(_alle(api, afnemer["id"])) == 2


def test_a_beheerder_of_afnemer_a_gets_404_on_afnemer_bs_contacts(
    api, maak_afnemer, maak_contactpersoon, token_voor
):
    a, b = maak_afnemer(), maak_afnemer()
    van_b = maak_contactpersoon(b["id"], rol="technisch")
    maak_contactpersoon(b["id"], rol="algemeen")
    als_a = api.as_(token_voor(a["id"], Rol.AFNEMER_BEHEERDER))
    requests = [
        als_a.get(_url(b["id"])),
        als_a.get(_url(b["id"], van_b["id"])),
        als_a.post(_url(b["id"]), json=BODY),
        als_a.patch(_url(b["id"], van_b["id"]), json={"naam": "X"}, headers={"If-Match": "*"}),
        als_a.delete(_url(b["id"], van_b["id"]), headers={"If-Match": "*"}),
        # B's contact under A's own afnemer id is just as unknown.
        als_a.get(_url(a["id"], van_b["id"])),
        als_a.patch(_url(a["id"], van_b["id"]), json={"naam": "X"}, headers={"If-Match": "*"}),
        als_a.delete(_url(a["id"], van_b["id"]), headers={"If-Match": "*"}),
    ]
    for response in requests:
        assert response.status_code == 404, response.request.path
        assert response.mimetype == "application/problem+json"
    assert api.get(_url(b["id"], van_b["id"])).get_json() == van_b
    assert len(_alle(api, b["id"])) == 2
    assert _alle(api, a["id"]) == []


def test_without_a_token_the_answer_is_401(api, maak_afnemer):
    afnemer = maak_afnemer()
    response = api.as_(None).get(_url(afnemer["id"]))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


# --- a failed request changes nothing ----------------------------------------------------


def test_failed_requests_change_nothing_and_leave_no_audit(
    api, maak_afnemer, maak_contactpersoon, token_voor
):
    afnemer = maak_afnemer()
    algemeen = maak_contactpersoon(afnemer["id"], rol="algemeen")
    url = _url(afnemer["id"], algemeen["id"])
    etag = _etag(api, afnemer["id"], algemeen["id"])
    lijst, audit = _alle(api, afnemer["id"]), _audit(api, afnemer["id"])
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    failures = [
        (api.post(_url(afnemer["id"]), json={**BODY, "email": "kapot"}), 400),
        (api.patch(url, json={"naam": "X", "telefoon": "1"}, headers={"If-Match": etag}), 400),
        (api.patch(url, json={"naam": "X"}), 428),
        (api.patch(url, json={"naam": "X"}, headers={"If-Match": '"999"'}), 412),
        (api.patch(url, json={"naam": "X", "rol": "technisch"}, headers={"If-Match": etag}), 409),
        (api.delete(url, headers={"If-Match": etag}), 409),
        (medewerker.post(_url(afnemer["id"]), json=BODY), 403),
        (medewerker.patch(url, json={"naam": "X"}, headers={"If-Match": etag}), 403),
    ]
    for response, status in failures:
        assert response.status_code == status, (status, response.get_json())
    assert _alle(api, afnemer["id"]) == lijst
    assert _etag(api, afnemer["id"], algemeen["id"]) == etag
    assert _audit(api, afnemer["id"]) == audit


# --- concurrency: AV 2.4 holds under simultaneous requests -------------------------------


@pytest.mark.parametrize("tweede", ["delete", "patch"])
def test_two_simultaneous_removals_keep_one_algemeen_contact_av_2_4(
    app, api, logius_token, maak_afnemer, maak_contactpersoon, monkeypatch, tweede
):
    """Two requests each remove one of the last two algemeen contacts at the same time
    (by deleting it, or by giving it another role).

    Both requests are held just before their commit, until both got there or one
    waited half a second. Without serialisation both would have checked 'there is
    another algemeen contact' and both would commit, leaving none.
    """
    from core.contactpersonen import views
    from tests.conftest import Api

    afnemer = maak_afnemer()
    contacts = [maak_contactpersoon(afnemer["id"], rol="algemeen") for _ in range(2)]
    etags = [_etag(api, afnemer["id"], c["id"]) for c in contacts]
    houd_commits_samen(monkeypatch, views)
    statuses: list[int] = []

    def remove(contact, etag, method):
        client = Api(app.test_client(), logius_token)
        url, headers = _url(afnemer["id"], contact["id"]), {"If-Match": etag}
        if method == "delete":
            response = client.delete(url, headers=headers)
        else:
            response = client.patch(url, json={"rol": "technisch"}, headers=headers)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=remove, args=(contacts[0], etags[0], "delete")),
               threading.Thread(target=remove, args=(contacts[1], etags[1], tweede))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=15)
    monkeypatch.undo()
    assert len(statuses) == 2
    assert 409 in statuses and set(statuses) <= {200, 204, 409}
    assert len(_alle(api, afnemer["id"], "?rol=algemeen")) == 1
