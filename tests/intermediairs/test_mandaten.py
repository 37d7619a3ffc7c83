"""Intermediairs acting for afnemers under mandates, through the API (both backends)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from core.auth.principal import Rol
from core.db import db
from core.intermediairs.models import Mandaat
from core.intermediairs.service import meld_verlopen
from core.meldingen.models import Bezorging, Gebeurtenis
from core.tijd import vandaag

_kvk = iter(range(10**7))


def registreer(api, naam="Zaaksoftware B.V.") -> dict:
    response = api.post("/intermediairs", json={
        "naam": naam, "kvkNummer": f"9{next(_kvk):07d}", "email": "Beheer@Zaaksoftware.example"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def token_van(api, intermediair_id: str, **body) -> str:
    response = api.post(f"/intermediairs/{intermediair_id}/api-tokens",
                        json={"naam": "koppeling", **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["token"]


def mandaat(api, afnemer_id, intermediair_id, *, diensten=("mijnoverheid",),
            resources=("aansluitingen",), rechten=("lezen",), dagen=30):
    return api.post(f"/afnemers/{afnemer_id}/mandaten", json={
        "intermediairId": intermediair_id, "diensten": list(diensten),
        "resources": list(resources), "rechten": list(rechten),
        "geldigTot": (vandaag() + timedelta(days=dagen)).isoformat()})


@pytest.fixture
def opzet(api, maak_afnemer, maak_aansluiting):
    a, b = maak_afnemer(naam="Gemeente Aa"), maak_afnemer(naam="Gemeente Bee")
    ids = {
        "a": a["id"], "b": b["id"],
        "a_mo": maak_aansluiting(a["id"], dienst="mijnoverheid",
                                 onderdelen=("berichtenbox",))["id"],
        "a_digid": maak_aansluiting(a["id"], dienst="digid")["id"],
        "b_mo": maak_aansluiting(b["id"], dienst="mijnoverheid",
                                 onderdelen=("berichtenbox",))["id"],
    }
    intermediair = registreer(api)
    ids["intermediair"] = intermediair["id"]
    ids["token"] = token_van(api, intermediair["id"])
    return ids


def test_logius_registers_an_intermediair_with_a_kvk_nummer_of_8_digits(api, token_voor,
                                                                       maak_afnemer):
    fout = api.post("/intermediairs", json={"naam": "X", "kvkNummer": "1234567",
                                            "email": "x@voorbeeld.nl"})
    assert fout.status_code == 400
    assert [p["name"] for p in fout.get_json()["invalidParams"]] == ["kvkNummer"]
    intermediair = registreer(api)
    dubbel = api.post("/intermediairs", json={"naam": "Y", "kvkNummer": intermediair["kvkNummer"],
                                              "email": "y@voorbeeld.nl"})
    assert dubbel.status_code == 409
    afnemer = maak_afnemer()
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    assert beheerder.post("/intermediairs", json={"naam": "Z", "kvkNummer": "87654321",
                                                  "email": "z@voorbeeld.nl"}).status_code == 403
    # An afnemer finds the supplier it mandates by KvK-nummer; tokens are Logius' to give.
    gevonden = beheerder.get(f"/intermediairs?kvkNummer={intermediair['kvkNummer']}").get_json()
    assert [i["id"] for i in gevonden["resultaten"]] == [intermediair["id"]]
    assert beheerder.post(f"/intermediairs/{intermediair['id']}/api-tokens",
                          json={"naam": "x"}).status_code == 403


def test_a_mandate_asks_known_diensten_kinds_rights_and_a_sane_end(api, opzet, token_voor):
    fout = api.post(f"/afnemers/{opzet['a']}/mandaten", json={
        "intermediairId": opzet["intermediair"], "diensten": ["bestaatniet"],
        "resources": ["lidmaatschappen"], "rechten": [],
        "geldigTot": vandaag().isoformat()})
    assert fout.status_code == 400
    assert {p["name"] for p in fout.get_json()["invalidParams"]} == {
        "diensten", "resources.0", "rechten", "geldigTot"}
    assert mandaat(api, opzet["a"], opzet["intermediair"], dagen=800).status_code == 400
    medewerker = api.as_(token_voor(opzet["a"], Rol.AFNEMER_MEDEWERKER))
    assert mandaat(medewerker, opzet["a"], opzet["intermediair"]).status_code == 403


def test_a_read_mandate_reaches_its_dienst_and_kind_only(api, client, opzet, token_voor):
    als_i = api.as_(opzet["token"])
    a, b = opzet["a"], opzet["b"]
    # Without a mandate nothing of any afnemer exists for it.
    assert als_i.get(f"/afnemers/{a}/aansluitingen").status_code == 404
    assert als_i.get("/afnemers").get_json()["resultaten"] == []
    beheerder_a = api.as_(token_voor(a, Rol.AFNEMER_BEHEERDER))
    verleend = mandaat(beheerder_a, a, opzet["intermediair"])
    assert verleend.status_code == 201, verleend.get_json()
    assert verleend.get_json()["status"] == "actief"

    lijst = als_i.get(f"/afnemers/{a}/aansluitingen").get_json()["resultaten"]
    assert [x["id"] for x in lijst] == [opzet["a_mo"]]
    assert als_i.get(f"/afnemers/{a}/aansluitingen/{opzet['a_mo']}").status_code == 200
    assert als_i.get(
        f"/afnemers/{a}/aansluitingen/{opzet['a_mo']}/statuswijzigingen").status_code == 200
    wijzig = als_i.patch(f"/afnemers/{a}/aansluitingen/{opzet['a_mo']}",
                         json={"onderdelen": ["berichtenbox"]}, headers={"If-Match": "*"})
    assert wijzig.status_code == 403
    assert wijzig.get_json()["code"] == "alleen-lezen"
    # Another dienst, another kind, a route no mandate reaches, another afnemer: 404.
    for pad in (f"/afnemers/{a}/aansluitingen/{opzet['a_digid']}",
                f"/afnemers/{a}/aansluitingen/{opzet['a_digid']}/statuswijzigingen",
                f"/afnemers/{a}/incidenten", f"/afnemers/{a}/contactpersonen",
                f"/afnemers/{a}/mandaten", f"/afnemers/{a}/api-tokens",
                f"/afnemers/{b}", f"/afnemers/{b}/aansluitingen",
                f"/afnemers/{b}/aansluitingen/{opzet['b_mo']}",
                f"/afnemers/{uuid.uuid4()}/aansluitingen"):
        response = als_i.get(pad)
        assert response.status_code == 404, pad
        assert response.get_json()["code"] == "niet-gevonden"
    digid = als_i.patch(f"/afnemers/{a}/aansluitingen/{opzet['a_digid']}",
                        json={"onderdelen": ["midden"]}, headers={"If-Match": "*"})
    assert digid.status_code == 404
    # Asking for the other dienst by filter gives nothing.
    assert als_i.get(f"/afnemers/{a}/aansluitingen?dienst=digid").get_json()["resultaten"] == []
    # It sees the afnemer that mandated it, only to read.
    assert [x["id"] for x in als_i.get("/afnemers").get_json()["resultaten"]] == [a]
    assert als_i.get(f"/afnemers/{a}").status_code == 200
    assert als_i.patch(f"/afnemers/{a}", json={"naam": "Over"},
                       headers={"If-Match": "*"}).status_code == 403
    # Revoked: the very next request is a 404.
    mandaat_id = verleend.get_json()["id"]
    assert beheerder_a.delete(f"/afnemers/{a}/mandaten/{mandaat_id}").status_code == 204
    assert als_i.get(f"/afnemers/{a}/aansluitingen/{opzet['a_mo']}").status_code == 404
    assert als_i.get("/afnemers").get_json()["resultaten"] == []
    assert beheerder_a.delete(f"/afnemers/{a}/mandaten/{mandaat_id}").status_code == 409
    assert beheerder_a.get(f"/afnemers/{a}/mandaten/{mandaat_id}").get_json()["status"] == \
        "ingetrokken"


def test_a_write_mandate_writes_and_the_audit_says_who_for_whom(api, opzet):
    a = opzet["a"]
    assert mandaat(api, a, opzet["intermediair"], rechten=["lezen", "schrijven"],
                   resources=["aansluitingen", "incidenten"]).status_code == 201
    als_i = api.as_(opzet["token"])
    wijzig = als_i.patch(f"/afnemers/{a}/aansluitingen/{opzet['a_mo']}",
                         json={"onderdelen": ["berichtenbox", "lopende-zaken"]},
                         headers={"If-Match": "*"})
    assert wijzig.status_code == 200, wijzig.get_json()
    # A new aansluiting of a dienst outside the mandate does not exist for it.
    assert als_i.post(f"/afnemers/{a}/aansluitingen", json={
        "dienst": "digipoort", "omgeving": "productie", "onderdelen": [],
        "aanvraagOndertekendOp": "2026-01-05"}).status_code == 404
    audit = api.get(f"/afnemers/{a}/audit?resourceId={opzet['a_mo']}").get_json()["resultaten"]
    regel = audit[0]
    assert regel["actor"].startswith(f"intermediair:{opzet['intermediair']}:token:")
    assert regel["actorNaam"] == "Zaaksoftware B.V. namens Gemeente Aa"


def test_mandates_and_their_end_are_events_to_both_sides(app, api, opzet):
    a = opzet["a"]
    verleend = mandaat(api, a, opzet["intermediair"]).get_json()
    als_i = api.as_(opzet["token"])
    eigen = als_i.get(f"/intermediairs/{opzet['intermediair']}/mandaten").get_json()
    assert [m["id"] for m in eigen["resultaten"]] == [verleend["id"]]
    ander = registreer(api, "Andere Leverancier")
    assert api.as_(token_van(api, ander["id"])).get(
        f"/intermediairs/{opzet['intermediair']}/mandaten").status_code == 404
    assert api.delete(f"/afnemers/{a}/mandaten/{verleend['id']}").status_code == 204
    feed = api.get(f"/afnemers/{a}/gebeurtenissen").get_json()["resultaten"]
    assert {"mandaat.verleend", "mandaat.beeindigd"} <= {g["type"] for g in feed}
    with app.app_context():
        naar_intermediair = db.session.scalars(
            select(Gebeurtenis.type).join(Bezorging).where(
                Bezorging.adres == "beheer@zaaksoftware.example")).all()
    assert sorted(naar_intermediair) == ["mandaat.beeindigd", "mandaat.verleend"]


def test_an_expired_mandate_is_404_everywhere_and_its_end_is_announced_once(app, api, opzet):
    a = opzet["a"]
    verleend = mandaat(api, a, opzet["intermediair"], resources=["aansluitingen", "prognoses"])
    als_i = api.as_(opzet["token"])
    assert als_i.get(f"/afnemers/{a}/aansluitingen").status_code == 200
    with app.app_context():
        db.session.execute(update(Mandaat).where(Mandaat.id == uuid.UUID(
            verleend.get_json()["id"])).values(geldig_tot=vandaag() - timedelta(days=1)))
        db.session.commit()
    for pad in ("", "/aansluitingen", f"/aansluitingen/{opzet['a_mo']}", "/prognoses"):
        assert als_i.get(f"/afnemers/{a}{pad}").status_code == 404, pad
    assert als_i.get("/afnemers").get_json()["resultaten"] == []
    with app.app_context():
        assert meld_verlopen(vandaag()) == 1
        db.session.commit()
        assert meld_verlopen(vandaag()) == 0
    feed = api.get(f"/afnemers/{a}/gebeurtenissen").get_json()["resultaten"]
    einde = [g for g in feed if g["type"] == "mandaat.beeindigd"]
    assert len(einde) == 1 and einde[0]["data"]["reden"] == "verlopen"
