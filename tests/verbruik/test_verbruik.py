"""Usage: loaded by Logius or the dienst's productteam as JSON or CSV, read by the afnemer.

The key of a row is aansluiting + metriek + datum: the same key again is a correction,
never a second row. A bad row means nothing of the upload is written, and the answer
names every bad row with its number and reason.
"""

from __future__ import annotations

import uuid

import pytest

from core.auth.principal import Rol


@pytest.fixture
def afnemer(maak_afnemer):
    return maak_afnemer("gemeente")


@pytest.fixture
def dp(afnemer, maak_aansluiting):
    return maak_aansluiting(afnemer["id"], dienst="digipoort", onderdelen=["e-factureren"])


@pytest.fixture
def mo(afnemer, maak_aansluiting):
    return maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=["berichtenbox"])


def regel(aansluiting, datum="2027-01-31", aantal=100, metriek="berichten") -> dict:
    return {"aansluitingId": aansluiting["id"], "metriek": metriek, "datum": datum,
            "aantal": aantal}


def opgeslagen(api, afnemer, query: str = "") -> list[tuple]:
    body = api.get(f"/afnemers/{afnemer['id']}/verbruik?paginaGrootte=100{query}").get_json()
    return [(r["dienst"], r["metriek"], r["datum"], r["aantal"]) for r in body["resultaten"]]


def audit(api, afnemer) -> list[dict]:
    body = api.get(f"/afnemers/{afnemer['id']}/audit?resourceType=verbruik").get_json()
    return body["resultaten"]


def test_json_rows_are_stored_and_read_back_by_the_afnemer(api, afnemer, dp, mo, token_voor):
    response = api.post("/verbruik", json={"regels": [
        regel(dp, "2027-01-31", 800), regel(dp, "2027-02-28", 900), regel(mo, "2027-01-31", 5),
        regel(dp, "2027-03-01", 1, "begeleidingsperioden")]})
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"aantalRegels": 4, "nieuw": 4, "gecorrigeerd": 0,
                                   "ongewijzigd": 0}
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    assert opgeslagen(medewerker, afnemer) == [
        ("digipoort", "berichten", "2027-01-31", 800),
        ("mijnoverheid", "berichten", "2027-01-31", 5),
        ("digipoort", "berichten", "2027-02-28", 900),
        ("digipoort", "begeleidingsperioden", "2027-03-01", 1),
    ]
    assert opgeslagen(medewerker, afnemer, "&dienst=mijnoverheid") == [
        ("mijnoverheid", "berichten", "2027-01-31", 5)]
    assert opgeslagen(medewerker, afnemer, f"&aansluitingId={dp['id']}&metriek=berichten"
                                           "&van=2027-02-01&tot=2027-02-28") == [
        ("digipoort", "berichten", "2027-02-28", 900)]
    [nieuw] = audit(api, afnemer)
    assert (nieuw["actie"], nieuw["wijzigingen"]) == ("aangemaakt",
                                                      {"aantalRegels": {"nieuw": 4}})


def test_the_same_key_again_is_a_correction_not_a_double(api, afnemer, dp):
    """Idempotent ingest: same value changes nothing; another value replaces, audited."""
    eerste = [regel(dp, "2027-01-31", 800), regel(dp, "2027-02-28", 900)]
    assert api.post("/verbruik", json={"regels": eerste}).status_code == 200
    zelfde = api.post("/verbruik", json={"regels": eerste}).get_json()
    assert zelfde == {"aantalRegels": 2, "nieuw": 0, "gecorrigeerd": 0, "ongewijzigd": 2}
    correctie = api.post("/verbruik", json={"regels": [regel(dp, "2027-01-31", 750)]}).get_json()
    assert correctie == {"aantalRegels": 1, "nieuw": 0, "gecorrigeerd": 1, "ongewijzigd": 0}
    assert opgeslagen(api, afnemer) == [("digipoort", "berichten", "2027-01-31", 750),
                                        ("digipoort", "berichten", "2027-02-28", 900)]
    gewijzigd = [r for r in audit(api, afnemer) if r["actie"] == "gewijzigd"]
    assert [(r["resourceId"], r["wijzigingen"], r["actor"].startswith("token:"))
            for r in gewijzigd] == [(dp["id"], {
                "sleutel": {"metriek": "berichten", "datum": "2027-01-31"},
                "aantal": {"oud": 800, "nieuw": 750}}, True)]


def test_csv_upload_is_the_same_as_json(api, afnemer, dp):
    csv = (f"aansluitingId,metriek,datum,aantal\r\n"
           f"{dp['id']},berichten,2027-01-31,800\r\n"
           f"{dp['id']},berichten,2027-02-28,900\r\n")
    response = api.post("/verbruik", data=csv, content_type="text/csv")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["nieuw"] == 2
    # Semicolons (a Dutch spreadsheet), any column order, a byte order mark: all fine.
    puntkomma = (f"\ufeffdatum;aantal;metriek;aansluitingId\n"
                 f"2027-01-31;810;berichten;{dp['id']}\n\n")
    correctie = api.post("/verbruik", data=puntkomma.encode(),
                         content_type="text/csv; charset=utf-8")
    assert correctie.get_json() == {"aantalRegels": 1, "nieuw": 0, "gecorrigeerd": 1,
                                    "ongewijzigd": 0}
    assert opgeslagen(api, afnemer)[0] == ("digipoort", "berichten", "2027-01-31", 810)


def test_a_csv_upload_with_bad_rows_names_every_one_and_changes_nothing(api, afnemer, dp, mo):
    api.post("/verbruik", json={"regels": [regel(dp, "2027-01-31", 800)]})
    voor = opgeslagen(api, afnemer)
    onbekend = uuid.uuid4()
    csv = "\n".join([
        "aansluitingId,metriek,datum,aantal",
        f"{dp['id']},berichten,2027-01-31,700",          # 1: a good correction
        f"{dp['id']},berichten,2027-02-30,10",           # 2: no such date
        f"{dp['id']},stuks,2027-03-31,10",               # 3: not a Digipoort metric
        f"{mo['id']},berichten,2027-03-31,-4",           # 4: negative
        f"{onbekend},berichten,2027-03-31,10",           # 5: unknown aansluiting
        f"{dp['id']},begeleidingsperioden,2027-04-01,2",  # 6: one period per row
        f"{dp['id']},berichten,2027-01-31,5",            # 7: same key as row 1
        f"{dp['id']},berichten,2027-05-31",              # 8: a field short
        "niet-een-uuid,berichten,31-05-2027,veel",      # 9: three bad fields
        f"{dp['id']},berichten,2027-06-30,60",           # 10: good
    ])
    response = api.post("/verbruik", data=csv, content_type="text/csv")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["aantalOngeldigeRijen"] == 8
    assert {(p["name"], p["code"]) for p in body["invalidParams"]} == {
        ("rij.2.datum", "date"), ("rij.3.metriek", "onbekend"), ("rij.4.aantal", "type"),
        ("rij.5.aansluitingId", "onbekend"), ("rij.6.aantal", "maximum"),
        ("rij.7.datum", "dubbel"), ("rij.8.body", "kolommen"),
        ("rij.9.aansluitingId", "uuid"), ("rij.9.datum", "date"), ("rij.9.aantal", "type"),
    }
    redenen = {p["name"]: p["reason"] for p in body["invalidParams"]}
    assert "Rij 1" in redenen["rij.7.datum"]
    assert "begeleidingsperioden" in redenen["rij.3.metriek"]
    assert opgeslagen(api, afnemer) == voor
    assert [r["actie"] for r in audit(api, afnemer)] == ["aangemaakt"]


def test_a_csv_row_reports_all_its_errors(api, afnemer, dp):
    """Not only the first error of a row: a missing field does not hide a bad date, and a
    bad field does not hide an unknown aansluiting, a maximum or a repeated key."""
    onbekend = uuid.uuid4()
    csv = "\n".join([
        "aansluitingId;metriek;datum;aantal",
        f"{onbekend};;2027-13-01;-1",                       # 1: four errors
        f"{dp['id']};begeleidingsperioden;2027-04-01;3",    # 2: above the maximum
        f"{dp['id']};begeleidingsperioden;2027-04-01;7",    # 3: maximum and row 2's key
        f"{onbekend};berichten;2027-04-01;veel",            # 4: unknown and not a number
        f"{dp['id']};stuks;2027-04-01;1",                   # 5: unknown metric
        f"{dp['id']};stuks;2027-04-01;",                    # 6: metric, key and missing
    ])
    response = api.post("/verbruik", data=csv, content_type="text/csv")
    assert response.status_code == 400
    body = response.get_json()
    assert body["aantalOngeldigeRijen"] == 6
    assert sorted((p["name"], p["code"]) for p in body["invalidParams"]) == sorted([
        ("rij.1.aansluitingId", "onbekend"), ("rij.1.metriek", "required"),
        ("rij.1.datum", "date"), ("rij.1.aantal", "type"),
        ("rij.2.aantal", "maximum"),
        ("rij.3.aantal", "maximum"), ("rij.3.datum", "dubbel"),
        ("rij.4.aansluitingId", "onbekend"), ("rij.4.aantal", "type"),
        ("rij.5.metriek", "onbekend"),
        ("rij.6.aantal", "required"), ("rij.6.metriek", "onbekend"), ("rij.6.datum", "dubbel"),
    ])
    assert opgeslagen(api, afnemer) == []


def test_json_rows_with_bad_fields_are_all_reported(api, afnemer, dp, maak_aansluiting):
    digid = maak_aansluiting(afnemer["id"], dienst="digid")
    response = api.post("/verbruik", json={"regels": [
        regel(dp), {"aansluitingId": dp["id"], "metriek": "berichten", "datum": "2027-01-01"},
        {**regel(dp, "2027-02-01"), "extra": 1}, regel(digid, "2027-01-01"),
        {**regel(dp, "2027-03-01"), "aantal": True}, {**regel(dp, "2027-04-01"), "aantal": 1.5},
        regel(dp, "1999-12-31"), "geen object"]})
    assert response.status_code == 400
    namen = {p["name"] for p in response.get_json()["invalidParams"]}
    assert namen == {"rij.2.aantal", "rij.3.extra", "rij.4.metriek", "rij.5.aantal",
                     "rij.6.aantal", "rij.7.datum", "rij.8.body"}
    assert opgeslagen(api, afnemer) == []


@pytest.mark.parametrize("body, naam", [
    ({}, "regels"), ({"regels": []}, "regels"), ({"regels": {}}, "regels"),
    ({"regels": [], "extra": 1}, "extra"), ([], "body")])
def test_a_body_without_rows_is_400(api, body, naam):
    response = api.post("/verbruik", json=body)
    assert response.status_code == 400
    assert naam in {p["name"] for p in response.get_json()["invalidParams"]}


def test_csv_without_the_header_is_400(api, dp):
    response = api.post("/verbruik", data=f"{dp['id']},berichten,2027-01-31,1",
                        content_type="text/csv")
    assert response.status_code == 400
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["kopregel"]


def test_other_media_types_are_415_and_bad_json_400(api):
    assert api.post("/verbruik", data="x", content_type="text/plain").status_code == 415
    response = api.post("/verbruik", data="{kapot", content_type="application/json")
    assert response.status_code == 400


def test_afnemers_do_not_load_usage(api, afnemer, dp, token_voor):
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    response = beheerder.post("/verbruik", json={"regels": [regel(dp)]})
    assert response.status_code == 403
    assert opgeslagen(api, afnemer) == []


def test_a_productteam_loads_its_own_dienst_only(api, afnemer, dp, mo, token_voor):
    team = api.as_(token_voor(None, Rol.PRODUCTTEAM, productteam_dienst="digipoort"))
    assert team.post("/verbruik", json={"regels": [regel(dp)]}).status_code == 200
    response = team.post("/verbruik", json={"regels": [regel(dp, "2027-02-28"), regel(mo)]})
    assert response.status_code == 403
    assert "rijen 2" in response.get_json()["detail"]
    assert opgeslagen(api, afnemer) == [("digipoort", "berichten", "2027-01-31", 100)]
    # A productteam reads no afnemer's data.
    assert team.get(f"/afnemers/{afnemer['id']}/verbruik").status_code == 404


def test_an_afnemer_reads_only_its_own_usage(api, maak_afnemer, maak_aansluiting, token_voor):
    a, b = maak_afnemer(), maak_afnemer()
    dp_b = maak_aansluiting(b["id"], dienst="digipoort", onderdelen=["e-factureren"])
    api.post("/verbruik", json={"regels": [regel(dp_b)]})
    als_a = api.as_(token_voor(a["id"], Rol.AFNEMER_BEHEERDER))
    assert als_a.get(f"/afnemers/{b['id']}/verbruik").status_code == 404
    assert als_a.get(f"/afnemers/{a['id']}/verbruik?aansluitingId={dp_b['id']}"
                     ).get_json()["resultaten"] == []


def test_a_large_upload_goes_in_one_request(api, afnemer, dp):
    from datetime import date, timedelta

    dagen = [date(2027, 1, 1) + timedelta(days=n) for n in range(365)]
    rijen = [regel(dp, d.isoformat(), n) for n, d in enumerate(dagen)]
    assert api.post("/verbruik", json={"regels": rijen}).get_json()["nieuw"] == 365
    again = api.post("/verbruik", json={"regels": rijen}).get_json()
    assert (again["nieuw"], again["ongewijzigd"]) == (0, 365)
    totaal = api.get(f"/afnemers/{afnemer['id']}/verbruik?paginaGrootte=1").get_json()
    assert totaal["paginering"]["totaalAantal"] == 365


def test_csv_the_parser_refuses_is_400_naming_the_row(api, afnemer, dp):
    csv = (f"aansluitingId,metriek,datum,aantal\n{dp['id']},berichten,2027-01-31,1\n"
           f"{dp['id']},{'x' * 200_000},2027-01-31,1\n")
    response = api.post("/verbruik", data=csv, content_type="text/csv")
    assert response.status_code == 400
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["rij.2.body"]
    assert opgeslagen(api, afnemer) == []
