"""Holidays as data, through the API (on SQLite and PostgreSQL).

Working days are Monday to Friday minus the generally recognised holidays (SNO 2.8;
Algemene termijnenwet art. 3). A year is seeded from the ``holidays`` package the first
time it is needed; a Logius beheerder adds, renames and deletes days (art. 3 lid 2 lets
further days be equated), each change kept with who and when. Everyone with a token
reads them.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time

import pytest
from sqlalchemy import func, select

from core.auth.principal import Rol
from core.db import db
from core.feestdagen import service
from core.feestdagen.models import Feestdag, Feestdagjaar
from core.tijd import AMSTERDAM
from core.werktijd import BuitenKalender, Kantoortijden, plus_kantooruren

KANTOORUREN = Kantoortijden(time(8), time(18))  # SNO 2.8, P2 and P3


def _dagen(api, jaar: int) -> dict[str, tuple[str, str]]:
    response = api.get(f"/feestdagen?jaar={jaar}&paginaGrootte=100")
    assert response.status_code == 200, response.get_json()
    return {d["datum"]: (d["naam"], d["bron"]) for d in response.get_json()["resultaten"]}


def test_a_year_is_seeded_on_first_use_with_the_days_of_art_3(api):
    dagen = _dagen(api, 2027)
    assert dagen == {
        "2027-01-01": ("Nieuwjaarsdag", "holidays"),
        "2027-03-29": ("Tweede paasdag", "holidays"),
        "2027-04-27": ("Koningsdag", "holidays"),
        "2027-05-05": ("Bevrijdingsdag", "holidays"),  # every year, not only in lustra
        "2027-05-06": ("Hemelvaartsdag", "holidays"),
        "2027-05-17": ("Tweede pinksterdag", "holidays"),
        "2027-12-25": ("Eerste kerstdag", "holidays"),
        "2027-12-26": ("Tweede kerstdag", "holidays"),
    }
    assert "2027-03-26" not in dagen  # Good Friday
    assert _dagen(api, 2027) == dagen  # seeded once
    eerste = api.get("/feestdagen?jaar=2027&paginaGrootte=100").get_json()["resultaten"][0]
    assert eerste["gewijzigdDoor"].startswith("holidays ")


def test_seeding_is_idempotent_and_safe_for_two_requests_at_once(app):
    klaar = threading.Barrier(2)
    fouten: list[BaseException] = []

    def zaai():
        try:
            with app.app_context():
                klaar.wait()
                service.zaai([2028])
                db.session.commit()
        except BaseException as exc:  # noqa: BLE001 (reported below)
            fouten.append(exc)

    draden = [threading.Thread(target=zaai) for _ in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert fouten == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Feestdagjaar)) == 1
        assert db.session.scalar(select(func.count()).select_from(Feestdag)) == 8
        assert service.zaai([2028]) is False


@pytest.mark.parametrize("rol", [Rol.AFNEMER_BEHEERDER, Rol.AFNEMER_MEDEWERKER])
def test_an_afnemer_reads_the_holidays_but_does_not_change_them(api, maak_afnemer,
                                                                 token_voor, rol):
    afnemer = api.as_(token_voor(maak_afnemer()["id"], rol))
    assert "2027-05-05" in _dagen(afnemer, 2027)
    etag = afnemer.get("/feestdagen/2027-05-05").headers["ETag"]
    # A medewerker's token cannot write at all (scope read); a beheerder's is no Logius.
    schrijven = "alleen-logius" if rol == Rol.AFNEMER_BEHEERDER else "onvoldoende-scope"
    for response, code in (
        (afnemer.post("/feestdagen", json={"datum": "2027-12-31", "naam": "Oudejaarsdag"}),
         schrijven),
        (afnemer.patch("/feestdagen/2027-05-05", json={"naam": "x"},
                       headers={"If-Match": etag}), schrijven),
        (afnemer.delete("/feestdagen/2027-05-05", headers={"If-Match": etag}), schrijven),
        (afnemer.get("/feestdagwijzigingen"), "alleen-logius"),
    ):
        assert response.status_code == 403, response.get_json()
        assert response.get_json()["code"] == code
    assert _dagen(api, 2027)["2027-05-05"] == ("Bevrijdingsdag", "holidays")


def test_a_productteam_reads_them_too(api, token_voor):
    team = api.as_(token_voor(None, Rol.PRODUCTTEAM, productteam_dienst="digid"))
    assert len(_dagen(team, 2026)) == 8
    assert team.post("/feestdagen", json={"datum": "2026-12-31",
                                          "naam": "x"}).status_code == 403


def test_logius_adds_a_day_with_location_and_etag_and_it_is_recorded(api):
    response = api.post("/feestdagen", json={"datum": "2027-12-31", "naam": "Oudejaarsdag"})
    assert response.status_code == 201, response.get_json()
    assert response.headers["Location"].endswith("/api/v1/feestdagen/2027-12-31")
    body = response.get_json()
    assert (body["datum"], body["naam"], body["bron"], body["gewijzigdDoor"]) == (
        "2027-12-31", "Oudejaarsdag", "beheerder", "test logius-beheerder")
    assert api.get("/feestdagen/2027-12-31").headers["ETag"] == response.headers["ETag"]
    assert _dagen(api, 2027)["2027-12-31"] == ("Oudejaarsdag", "beheerder")
    wijzigingen = api.get("/feestdagwijzigingen?jaar=2027").get_json()["resultaten"]
    assert [(w["datum"], w["actie"], w["wijzigingen"], w["doorNaam"]) for w in wijzigingen] == [
        ("2027-12-31", "aangemaakt",
         {"naam": {"nieuw": "Oudejaarsdag"}, "bron": {"nieuw": "beheerder"}},
         "test logius-beheerder")]
    assert wijzigingen[0]["door"].startswith("token:")


def test_a_day_in_a_year_not_seeded_yet_seeds_that_year_first(api):
    assert api.post("/feestdagen", json={"datum": "2031-12-31",
                                         "naam": "Oudejaarsdag"}).status_code == 201
    assert len(_dagen(api, 2031)) == 9


def test_a_date_that_is_a_holiday_already_is_409(api):
    response = api.post("/feestdagen", json={"datum": "2027-05-05", "naam": "Nog een"})
    assert response.status_code == 409
    assert response.get_json()["code"] == "feestdag-bestaat-al"
    assert _dagen(api, 2027)["2027-05-05"] == ("Bevrijdingsdag", "holidays")


def test_bad_input_names_every_field_and_its_rule_at_once(api):
    response = api.post("/feestdagen", json={"datum": "2027-02-30", "naam": " "})
    assert response.status_code == 400
    problem = response.get_json()
    assert response.content_type == "application/problem+json"
    assert {p["name"] for p in problem["invalidParams"]} == {"datum", "naam"}
    buiten = api.post("/feestdagen", json={"datum": "1999-12-31", "naam": "Oud"}).get_json()
    assert [(p["name"], p["code"]) for p in buiten["invalidParams"]] == [("datum", "range")]
    zonder = api.post("/feestdagen", json={}).get_json()
    assert {(p["name"], p["code"]) for p in zonder["invalidParams"]} == {
        ("datum", "required"), ("naam", "required")}
    lang = api.post("/feestdagen", json={"datum": "2027-12-31", "naam": "x" * 101})
    assert [p["name"] for p in lang.get_json()["invalidParams"]] == ["naam"]


def test_the_list_needs_a_year_in_range(api):
    for query in ("", "?jaar=1999", "?jaar=twee"):
        response = api.get(f"/feestdagen{query}")
        assert response.status_code == 400
        assert [p["name"] for p in response.get_json()["invalidParams"]] == ["jaar"]


def test_renaming_needs_the_etag_and_is_recorded(api):
    pad = "/feestdagen/2027-04-27"
    etag = api.get(pad).headers["ETag"]
    assert api.patch(pad, json={"naam": "Koningsdag 2027"}).status_code == 428
    gewijzigd = api.patch(pad, json={"naam": "Koningsdag 2027"}, headers={"If-Match": etag})
    assert gewijzigd.status_code == 200
    assert (gewijzigd.get_json()["naam"], gewijzigd.get_json()["bron"]) == (
        "Koningsdag 2027", "holidays")
    assert gewijzigd.headers["ETag"] != etag
    verouderd = api.patch(pad, json={"naam": "Anders"}, headers={"If-Match": etag})
    assert verouderd.status_code == 412
    assert verouderd.get_json()["code"] == "verouderde-versie"
    assert api.get(pad).get_json()["naam"] == "Koningsdag 2027"
    [regel] = api.get("/feestdagwijzigingen").get_json()["resultaten"]
    assert (regel["actie"], regel["wijzigingen"]) == (
        "gewijzigd", {"naam": {"oud": "Koningsdag", "nieuw": "Koningsdag 2027"}})


def test_a_deleted_day_stays_deleted_and_counts_as_a_working_day(api, app):
    pad = "/feestdagen/2027-03-29"
    assert api.delete(pad).status_code == 428
    etag = api.get(pad).headers["ETag"]
    assert api.delete(pad, headers={"If-Match": etag}).status_code == 204
    assert api.get(pad).status_code == 404
    assert "2027-03-29" not in _dagen(api, 2027)  # the year is not seeded again
    regels = api.get("/feestdagwijzigingen").get_json()["resultaten"]
    assert [(r["actie"], r["wijzigingen"]) for r in regels] == [
        ("verwijderd", {"naam": {"oud": "Tweede paasdag"}, "bron": {"oud": "holidays"}})]
    # SNO 2.8, P2 10 office hours from Good Friday 16:00: Monday now counts.
    with app.app_context():
        kalender = service.kalender(2027, 2027)
    deadline = plus_kantooruren(datetime(2027, 3, 26, 16, tzinfo=AMSTERDAM), 10,
                                KANTOORUREN, kalender)
    assert deadline == datetime(2027, 3, 29, 16, tzinfo=AMSTERDAM)


def test_unknown_dates_and_days_that_are_no_holiday_are_404(api):
    for pad in ("/feestdagen/2027-03-26", "/feestdagen/2027-02-30", "/feestdagen/1999-01-01",
                "/feestdagen/2101-01-01", "/feestdagen/morgen"):
        response = api.get(pad)
        assert response.status_code == 404, pad
        assert response.get_json()["code"] == "niet-gevonden"


def test_the_calendar_for_the_engine_spans_years_and_seeds_them(app):
    """SNO 2.8, P2 10 office hours (08:00-18:00 on working days), reported on Christmas
    Eve 2026 (Thursday) at 15:00: Christmas on Friday, the weekend; Monday 15:00. The
    calendar of 2026-2027 also reaches across New Year."""
    with app.app_context():
        kalender = service.kalender(2026, 2027)
        db.session.commit()
        assert kalender.jaren == range(2026, 2028)
        assert date(2026, 12, 25) in kalender.feestdagen
        assert date(2027, 5, 5) in kalender.feestdagen
        assert date(2026, 4, 3) not in kalender.feestdagen  # Good Friday 2026
        assert plus_kantooruren(datetime(2026, 12, 24, 15, tzinfo=AMSTERDAM), 10,
                                KANTOORUREN, kalender) == datetime(2026, 12, 28, 15,
                                                                    tzinfo=AMSTERDAM)
        assert plus_kantooruren(datetime(2026, 12, 31, 17, tzinfo=AMSTERDAM), 10,
                                KANTOORUREN, kalender) == datetime(2027, 1, 4, 17,
                                                                    tzinfo=AMSTERDAM)
        with pytest.raises(BuitenKalender):
            plus_kantooruren(datetime(2027, 12, 31, 17, tzinfo=AMSTERDAM), 10, KANTOORUREN,
                             kalender)
        assert {j for j in db.session.scalars(select(Feestdagjaar.jaar))} == {2026, 2027}
        with pytest.raises(ValueError):
            service.kalender(2027, 2026)
