"""Lidmaatschappen and machine clients through the API (issue: identity, item 3 and 4)."""

from __future__ import annotations

import uuid

import pytest

from core.auth.principal import Rol
from core.db import db
from core.gebruikers import service
from core.gebruikers.models import Gebruiker, Lidmaatschap


def _url(afnemer_id, lid_id=None) -> str:
    base = f"/afnemers/{afnemer_id}/lidmaatschappen"
    return f"{base}/{lid_id}" if lid_id else base


def _nodig_uit(api, afnemer_id, email, rol="afnemer-beheerder"):
    return api.post(_url(afnemer_id), json={"email": email, "rol": rol})


def _inloggen(app, email, *, verified=True, subject=None) -> Gebruiker:
    with app.app_context():
        gebruiker = service.bij_inloggen(
            "http://op.example",
            {"sub": subject or uuid.uuid4().hex, "email": email, "email_verified": verified,
             "name": email.split("@")[0]},
        )
        db.session.commit()
        db.session.refresh(gebruiker)
        db.session.expunge(gebruiker)
        return gebruiker


def _actief(app, api, afnemer_id, email, rol="afnemer-beheerder") -> dict:
    lid = _nodig_uit(api, afnemer_id, email, rol).get_json()
    _inloggen(app, email)
    return api.get(_url(afnemer_id, lid["id"])).get_json()


def test_an_invitation_is_pending_until_a_verified_login(app, api, maak_afnemer):
    afnemer = maak_afnemer()
    response = _nodig_uit(api, afnemer["id"], "  Piet@Gemeente.Example ")
    assert response.status_code == 201
    lid = response.get_json()
    assert (lid["email"], lid["status"], lid["gebruikerId"]) == (
        "piet@gemeente.example", "uitgenodigd", None)
    assert response.headers["Location"].endswith(f"/lidmaatschappen/{lid['id']}")

    _inloggen(app, "piet@gemeente.example", verified=False)
    assert api.get(_url(afnemer["id"], lid["id"])).get_json()["status"] == "uitgenodigd"

    gebruiker = _inloggen(app, "PIET@gemeente.example")
    nu = api.get(_url(afnemer["id"], lid["id"])).get_json()
    assert nu["status"] == "actief"
    assert nu["gebruikerId"] == str(gebruiker.id)
    assert nu["geaccepteerdOp"] is not None


def test_an_invitation_for_a_known_verified_person_is_active_at_once(app, api, maak_afnemer):
    afnemer = maak_afnemer()
    gebruiker = _inloggen(app, "bekend@gemeente.example")
    lid = _nodig_uit(api, afnemer["id"], "bekend@gemeente.example", "afnemer-medewerker")
    assert lid.get_json()["status"] == "actief"
    assert lid.get_json()["gebruikerId"] == str(gebruiker.id)


def test_a_second_live_invitation_for_the_same_address_is_409(api, maak_afnemer):
    afnemer = maak_afnemer()
    assert _nodig_uit(api, afnemer["id"], "dubbel@gemeente.example").status_code == 201
    again = _nodig_uit(api, afnemer["id"], "DUBBEL@gemeente.example", "afnemer-medewerker")
    assert again.status_code == 409
    assert again.get_json()["code"] == "al-lid"


@pytest.mark.parametrize("body, veld", [
    ({"email": "geen-adres", "rol": "afnemer-beheerder"}, "email"),
    ({"email": "a@b.example", "rol": "logius-beheerder"}, "rol"),
    ({"email": "a@b.example"}, "rol"),
    ({"rol": "afnemer-beheerder"}, "email"),
])
def test_bad_invitations_name_the_field(api, maak_afnemer, body, veld):
    afnemer = maak_afnemer()
    response = api.post(_url(afnemer["id"]), json=body)
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    assert [p["name"] for p in response.get_json()["invalidParams"]] == [veld]
    assert api.get(_url(afnemer["id"])).get_json()["resultaten"] == []


def test_the_last_beheerder_cannot_be_ended_or_demoted(app, api, maak_afnemer):
    afnemer = maak_afnemer()
    enige = _actief(app, api, afnemer["id"], "enige@gemeente.example")
    etag = api.get(_url(afnemer["id"], enige["id"])).headers["ETag"]

    demote = api.patch(_url(afnemer["id"], enige["id"]), json={"rol": "afnemer-medewerker"},
                       headers={"If-Match": etag})
    assert demote.status_code == 409
    assert demote.get_json()["code"] == "laatste-beheerder"
    end = api.delete(_url(afnemer["id"], enige["id"]), headers={"If-Match": etag})
    assert end.status_code == 409
    nu = api.get(_url(afnemer["id"], enige["id"])).get_json()
    assert (nu["status"], nu["rol"]) == ("actief", "afnemer-beheerder")

    # With a second active beheerder, the first may step down.
    _actief(app, api, afnemer["id"], "tweede@gemeente.example")
    ok = api.patch(_url(afnemer["id"], enige["id"]), json={"rol": "afnemer-medewerker"},
                   headers={"If-Match": etag})
    assert ok.status_code == 200 and ok.get_json()["rol"] == "afnemer-medewerker"


def test_a_pending_invitation_does_not_count_as_a_beheerder(app, api, maak_afnemer):
    afnemer = maak_afnemer()
    enige = _actief(app, api, afnemer["id"], "enige@gemeente.example")
    _nodig_uit(api, afnemer["id"], "nog-niet@gemeente.example")
    response = api.delete(_url(afnemer["id"], enige["id"]), headers={"If-Match": "*"})
    assert response.status_code == 409


def test_ending_a_membership_takes_the_access_away(app, api, maak_afnemer):
    afnemer = maak_afnemer()
    _actief(app, api, afnemer["id"], "blijft@gemeente.example")
    lid = _actief(app, api, afnemer["id"], "gaat@gemeente.example", "afnemer-medewerker")
    with app.app_context():
        gebruiker = db.session.get(Gebruiker, uuid.UUID(lid["gebruikerId"]))
        assert service.principal_van_gebruiker(gebruiker, methode="t").mag_lezen(
            uuid.UUID(afnemer["id"]))
    assert api.delete(_url(afnemer["id"], lid["id"]), headers={"If-Match": "*"}).status_code == 204
    nu = api.get(_url(afnemer["id"], lid["id"])).get_json()
    assert nu["status"] == "beeindigd" and nu["beeindigdOp"] is not None
    with app.app_context():
        gebruiker = db.session.get(Gebruiker, uuid.UUID(lid["gebruikerId"]))
        assert not service.principal_van_gebruiker(gebruiker, methode="t").mag_lezen(
            uuid.UUID(afnemer["id"]))
    # Ended is final; the address can be invited anew.
    patch = api.patch(_url(afnemer["id"], lid["id"]), json={"rol": "afnemer-beheerder"},
                      headers={"If-Match": "*"})
    assert patch.status_code == 409
    assert _nodig_uit(api, afnemer["id"], "gaat@gemeente.example").status_code == 201


def test_list_filters_on_status(app, api, maak_afnemer):
    afnemer = maak_afnemer()
    _actief(app, api, afnemer["id"], "a@gemeente.example")
    _nodig_uit(api, afnemer["id"], "b@gemeente.example")
    alle = api.get(_url(afnemer["id"])).get_json()["resultaten"]
    assert [x["email"] for x in alle] == ["a@gemeente.example", "b@gemeente.example"]
    open_ = api.get(_url(afnemer["id"]) + "?status=uitgenodigd").get_json()["resultaten"]
    assert [x["email"] for x in open_] == ["b@gemeente.example"]
    assert api.get(_url(afnemer["id"]) + "?status=onzin").status_code == 400


def test_an_afnemer_medewerker_reads_members_but_changes_nothing(
    app, api, maak_afnemer, token_voor
):
    afnemer = maak_afnemer()
    lid = _actief(app, api, afnemer["id"], "beheer@gemeente.example")
    medewerker = api.as_(token_voor(uuid.UUID(afnemer["id"]), Rol.AFNEMER_MEDEWERKER))
    assert medewerker.get(_url(afnemer["id"])).status_code == 200
    for response in (
        medewerker.post(_url(afnemer["id"]), json={"email": "x@y.example",
                                                   "rol": "afnemer-beheerder"}),
        medewerker.patch(_url(afnemer["id"], lid["id"]), json={"rol": "afnemer-medewerker"},
                         headers={"If-Match": "*"}),
        medewerker.delete(_url(afnemer["id"], lid["id"]), headers={"If-Match": "*"}),
    ):
        assert response.status_code == 403
        assert response.content_type == "application/problem+json"
    assert len(api.get(_url(afnemer["id"])).get_json()["resultaten"]) == 1


def test_an_afnemer_beheerder_token_manages_members(app, api, maak_afnemer, token_voor):
    afnemer = maak_afnemer()
    beheerder = api.as_(token_voor(uuid.UUID(afnemer["id"]), Rol.AFNEMER_BEHEERDER))
    response = beheerder.post(_url(afnemer["id"]), json={"email": "nieuw@gemeente.example",
                                                         "rol": "afnemer-medewerker"})
    assert response.status_code == 201
    assert response.get_json()["uitgenodigdDoor"] == "test afnemer-beheerder"


def test_every_change_is_in_the_audit_log(app, api, maak_afnemer):
    afnemer = maak_afnemer()
    lid = _nodig_uit(api, afnemer["id"], "log@gemeente.example", "afnemer-medewerker").get_json()
    api.patch(_url(afnemer["id"], lid["id"]), json={"rol": "afnemer-beheerder"},
              headers={"If-Match": "*"})
    regels = api.get(f"/afnemers/{afnemer['id']}/audit?resourceType=lidmaatschappen"
                     ).get_json()["resultaten"]
    acties = sorted(r["actie"] for r in regels)
    assert acties == ["aangemaakt", "gewijzigd"]
    gewijzigd = next(r for r in regels if r["actie"] == "gewijzigd")
    assert gewijzigd["wijzigingen"]["rol"] == {"oud": "afnemer-medewerker",
                                               "nieuw": "afnemer-beheerder"}


def test_logius_beheerders_from_configuration_get_their_role_at_login(app):
    with app.app_context():
        gebruiker = service.bij_inloggen(
            "http://op.example", {"sub": "x", "email": "Chef@Logius.example",
                                  "email_verified": True},
            logius_beheerders=["chef@logius.example"])
        assert gebruiker.logius_rol == "logius-beheerder"
        niet = service.bij_inloggen(
            "http://op.example", {"sub": "y", "email": "chef@logius.example",
                                  "email_verified": False},
            logius_beheerders=["chef@logius.example"])
        assert niet.logius_rol is None
        db.session.rollback()


# -- machine clients -------------------------------------------------------------


def _clients(afnemer_id, client_id=None):
    base = f"/afnemers/{afnemer_id}/machine-clients"
    return f"{base}/{client_id}" if client_id else base


@pytest.mark.parametrize("body, veld", [
    ({"naam": "x"}, "clientId"),
    ({"clientId": "c1", "naam": "x", "scopes": ["admin"]}, "scopes"),
    ({"clientId": "c1", "naam": "x", "scopes": []}, "scopes"),
    ({"clientId": "", "naam": "x"}, "clientId"),
])
def test_bad_machine_client_registrations_name_the_field(api, maak_afnemer, body, veld):
    afnemer = maak_afnemer()
    response = api.post(_clients(afnemer["id"]), json=body)
    assert response.status_code == 400
    names = [p["name"] for p in response.get_json()["invalidParams"]]
    assert names and all(n.split(".")[0] == veld for n in names), names
    assert api.get(_clients(afnemer["id"])).get_json()["resultaten"] == []


def test_machine_client_defaults_to_read_and_revoke_is_final(api, maak_afnemer):
    afnemer = maak_afnemer()
    client = api.post(_clients(afnemer["id"]), json={"clientId": "zaak", "naam": "Zaak"})
    assert client.status_code == 201
    assert client.get_json()["scopes"] == ["read"]
    url = _clients(afnemer["id"], client.get_json()["id"])
    assert api.delete(url).status_code == 204
    assert api.get(url).get_json()["ingetrokkenOp"] is not None
    assert api.delete(url).status_code == 409


def test_a_client_id_cannot_be_taken_by_another_afnemer(api, maak_afnemer):
    a, b = maak_afnemer(), maak_afnemer()
    assert api.post(_clients(a["id"]), json={"clientId": "gedeeld", "naam": "A"}
                    ).status_code == 201
    response = api.post(_clients(b["id"]), json={"clientId": "gedeeld", "naam": "B"})
    assert response.status_code == 409
    assert api.get(_clients(b["id"])).get_json()["resultaten"] == []


def test_demo_data_invites_the_demo_people_and_binds_the_demo_client(app):
    from core import demo

    with app.app_context():
        afnemer = demo.load()
        demo.load()  # idempotent
        leden = db.session.query(Lidmaatschap).filter_by(afnemer_id=afnemer.id).all()
        assert sorted((lid.email, lid.rol, lid.status) for lid in leden) == [
            ("beheerder@voorbeeldstad.nl", "afnemer-beheerder", "uitgenodigd"),
            ("medewerker@voorbeeldstad.nl", "afnemer-medewerker", "uitgenodigd"),
        ]


def test_two_beheerders_ending_each_other_at_once_leave_one(app, api, maak_afnemer, backend):
    """The afnemer row is locked while the rule is checked, so of two simultaneous
    removals of the last two beheerders exactly one succeeds (on both engines)."""
    import threading

    for _ in range(3):
        afnemer = maak_afnemer()
        een = _actief(app, api, afnemer["id"], "een@gemeente.example")
        twee = _actief(app, api, afnemer["id"], "twee@gemeente.example")
        barrier = threading.Barrier(2)
        statuses: list[int] = []

        def end(lid_id: str) -> None:
            client = app.test_client()
            barrier.wait()
            response = client.delete(f"/api/v1{_url(afnemer['id'], lid_id)}",
                                     headers={"Authorization": f"Bearer {api.token}",
                                              "If-Match": "*"})
            statuses.append(response.status_code)

        threads = [threading.Thread(target=end, args=(x["id"],)) for x in (een, twee)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses) == [204, 409]
        actief = api.get(_url(afnemer["id"]) + "?status=actief").get_json()["resultaten"]
        assert len(actief) == 1
