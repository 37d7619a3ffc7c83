"""Availability through the API, on both backends: Logius records unavailability
(``/diensten/{slug}/onbeschikbaarheid``), everyone with a token reads the month and the
year (``/diensten/{slug}/beschikbaarheid/...``).

Figures from DOMAIN.md (DigiD, SNO 2.8): production 24x7 minus the maintenance window,
99.5 % a month; pre-production working days 08:00-18:00, 99 %; the formula of SNO 2
Beschikbaarheid; emergency maintenance counts as unavailability.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import ROUND_DOWN, Decimal

import pytest
from sqlalchemy import func, select

from core.auth.principal import Rol
from core.db import db
from core.serviceniveau.beschikbaarheid_models import (
    Onbeschikbaarheid,
    OnbeschikbaarheidWijziging,
)
from core.tijd import AMSTERDAM

PAD = "/diensten/digid/onbeschikbaarheid"
FUNCTIES = ["authenticatie-midden"]


def _t(*args) -> str:
    return datetime(*args, tzinfo=AMSTERDAM).isoformat()


def _leg_vast(api, van, tot, soort="storing", omgeving="productie", functies=FUNCTIES,
              **extra) -> dict:
    response = api.post(PAD, json={"omgeving": omgeving, "van": van, "tot": tot,
                                   "soort": soort, "functies": functies, **extra})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _maand(api, jaar, maand, omgeving="productie", **query) -> dict:
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    response = api.get(f"/diensten/digid/beschikbaarheid/{jaar}/{maand}?omgeving={omgeving}"
                       f"{extra}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _formule(uren: int, onbeschikbaar, gepland) -> str:
    """SNO 2 Beschikbaarheid, with the API's 2 decimals rounded down."""
    uren, onbeschikbaar, gepland = Decimal(uren), Decimal(onbeschikbaar), Decimal(gepland)
    exact = (uren - onbeschikbaar - gepland) / (uren - gepland) * 100
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_DOWN))


def _tellingen(app) -> tuple[int, int]:
    with app.app_context():
        return (db.session.scalar(select(func.count()).select_from(Onbeschikbaarheid)),
                db.session.scalar(select(func.count()).select_from(OnbeschikbaarheidWijziging)))


def test_sno_2_beschikbaarheid_8_hours_planned_and_3_of_outage_in_a_720_hour_month(api):
    """SNO 2 Beschikbaarheid: June 2026 has 720 hours; 3 hours of outage and 8 of planned
    maintenance give (720 - 3 - 8) / (720 - 8) x 100."""
    _leg_vast(api, _t(2026, 6, 3, 10), _t(2026, 6, 3, 13))
    _leg_vast(api, _t(2026, 6, 8, 0), _t(2026, 6, 8, 8), soort="gepland-onderhoud")
    maand = _maand(api, 2026, 6)
    assert maand["urenInMaand"] == "720.00"
    assert maand["urenOnbeschikbaar"] == "3.00"
    assert maand["urenGeplandOnderhoud"] == "8.00"
    assert maand["percentage"] == _formule(720, 3, 8) == "99.57"
    assert maand["norm"] == "99.50" and maand["gehaald"] is True
    assert maand["artikel"] == "SNO 2 Beschikbaarheid"
    assert (maand["dienst"], maand["omgeving"], maand["venster"]) == ("digid", "productie",
                                                                      None)
    assert maand["afgesloten"] is True


@pytest.mark.parametrize(("maand", "uren"), [(3, "743.00"), (10, "745.00"), (2, "672.00")])
def test_sno_2_beschikbaarheid_real_hours_march_743_october_745(api, maand, uren):
    assert _maand(api, 2026, maand)["urenInMaand"] == uren
    assert _maand(api, 2026, maand)["percentage"] == "100.00"


def test_sno_2_beschikbaarheid_spoedonderhoud_is_unavailability(api):
    _leg_vast(api, _t(2026, 3, 3, 22), _t(2026, 3, 4, 2), soort="spoedonderhoud")
    maand = _maand(api, 2026, 3)
    assert (maand["urenOnbeschikbaar"], maand["urenGeplandOnderhoud"]) == ("4.00", "0.00")
    assert maand["percentage"] == _formule(743, 4, 0)
    assert maand["gehaald"] is False  # 99.46 % < 99.5 %


def test_overlap_is_counted_once_and_planned_maintenance_wins_the_hour(api):
    _leg_vast(api, _t(2026, 6, 3, 10), _t(2026, 6, 3, 13))
    _leg_vast(api, _t(2026, 6, 3, 12), _t(2026, 6, 3, 14), soort="spoedonderhoud")
    _leg_vast(api, _t(2026, 6, 3, 13, 30), _t(2026, 6, 3, 16), soort="gepland-onderhoud")
    maand = _maand(api, 2026, 6)
    # Unavailable 10:00-14:00 once, minus 13:30-14:00 which is planned maintenance.
    assert (maand["urenOnbeschikbaar"], maand["urenGeplandOnderhoud"]) == ("3.50", "2.50")
    assert maand["percentage"] == _formule(720, Decimal("3.5"), Decimal("2.5"))


def test_sno_2_beschikbaarheid_pre_productie_only_over_working_days_8_to_18(api):
    """SNO 2 Beschikbaarheid: pre-production working days 08:00-18:00, norm 99 %. June
    2026 has 22 working days (no holidays): 220 hours."""
    # Friday 5 June 16:00 to Monday 8 June 10:00: 2 hours on Friday, 2 on Monday.
    _leg_vast(api, _t(2026, 6, 5, 16), _t(2026, 6, 8, 10), omgeving="pre-productie")
    # A night outage outside the window counts nothing.
    _leg_vast(api, _t(2026, 6, 9, 1), _t(2026, 6, 9, 5), omgeving="pre-productie")
    maand = _maand(api, 2026, 6, omgeving="pre-productie")
    assert (maand["urenInMaand"], maand["urenOnbeschikbaar"]) == ("220.00", "4.00")
    assert maand["norm"] == "99.00" and maand["venster"] == "08:00-18:00"
    assert maand["percentage"] == _formule(220, 4, 0) == "98.18"
    assert maand["gehaald"] is False
    # Production is measured apart: nothing recorded there.
    assert _maand(api, 2026, 6)["urenOnbeschikbaar"] == "0.00"


def test_pre_productie_leaves_out_the_holidays(api):
    """May 2026 has 21 weekdays, of which 5 May, Ascension Day (14 May) and Whit Monday
    (25 May) are holidays (core.feestdagen: Algemene termijnenwet art. 3, 5 May every
    year): 18 working days, 180 window hours; the outage on Ascension Day counts nothing."""
    _leg_vast(api, _t(2026, 5, 14, 9), _t(2026, 5, 14, 12), omgeving="pre-productie")
    maand = _maand(api, 2026, 5, omgeving="pre-productie")
    assert (maand["urenInMaand"], maand["urenOnbeschikbaar"]) == ("180.00", "0.00")


def test_the_year_view_has_twelve_months(api):
    _leg_vast(api, _t(2026, 3, 3, 10), _t(2026, 3, 3, 13))
    _leg_vast(api, _t(2026, 3, 31, 23), _t(2026, 4, 1, 2))  # one hour in March, two in April
    response = api.get("/diensten/digid/beschikbaarheid/2026?omgeving=productie")
    assert response.status_code == 200, response.get_json()
    jaar = response.get_json()
    assert jaar["jaar"] == 2026 and jaar["norm"] == "99.50"
    assert [m["maand"] for m in jaar["maanden"]] == list(range(1, 13))
    maart, april = jaar["maanden"][2], jaar["maanden"][3]
    assert (maart["urenInMaand"], maart["urenOnbeschikbaar"]) == ("743.00", "4.00")
    assert (april["urenInMaand"], april["urenOnbeschikbaar"]) == ("720.00", "2.00")
    assert jaar["maanden"][9]["urenInMaand"] == "745.00"
    assert maart == {k: v for k, v in _maand(api, 2026, 3).items() if k in maart}


def test_per_function(api):
    _leg_vast(api, _t(2026, 6, 3, 10), _t(2026, 6, 3, 13), functies=["mijn-digid"])
    assert _maand(api, 2026, 6)["urenOnbeschikbaar"] == "3.00"
    maand = _maand(api, 2026, 6, functie="authenticatie-midden")
    assert maand["urenOnbeschikbaar"] == "0.00" and maand["functie"] == "authenticatie-midden"


def test_a_running_outage_counts_until_now_and_is_closed_with_patch(api):
    begin = datetime.now(UTC) - timedelta(hours=2)
    record = _leg_vast(api, begin.isoformat(), None)
    assert record["tot"] is None and record["duurUren"] is None
    lokaal = begin.astimezone(AMSTERDAM)
    maand = _maand(api, lokaal.year, lokaal.month)
    assert maand["afgesloten"] is False
    assert Decimal(maand["urenOnbeschikbaar"]) >= Decimal("1.99")
    pad = f"{PAD}/{record['id']}"
    etag = api.get(pad).headers["ETag"]
    tot = begin + timedelta(minutes=90)
    response = api.patch(pad, json={"tot": tot.isoformat()}, headers={"If-Match": etag})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["duurUren"] == "1.50"
    assert response.headers["ETag"] != etag


def test_correct_and_delete_need_the_etag_and_are_kept_in_the_history(app, api):
    record = _leg_vast(api, _t(2026, 6, 3, 10), _t(2026, 6, 3, 13),
                       omschrijving="Storing bij een leverancier.")
    pad = f"{PAD}/{record['id']}"
    gelezen = api.get(pad)
    assert gelezen.status_code == 200 and gelezen.get_json() == record
    etag = gelezen.headers["ETag"]
    assert api.patch(pad, json={"soort": "spoedonderhoud"}).status_code == 428
    assert api.patch(pad, json={"soort": "spoedonderhoud"},
                     headers={"If-Match": '"99"'}).status_code == 412
    response = api.patch(pad, json={"soort": "spoedonderhoud"}, headers={"If-Match": etag})
    assert response.status_code == 200, response.get_json()
    gewijzigd = response.get_json()
    assert gewijzigd["soort"] == "spoedonderhoud"
    assert {k: v for k, v in gewijzigd.items() if k not in ("soort", "gewijzigdOp")} == {
        k: v for k, v in record.items() if k not in ("soort", "gewijzigdOp")}
    assert api.delete(pad, headers={"If-Match": etag}).status_code == 412
    assert api.delete(pad, headers={"If-Match": response.headers["ETag"]}).status_code == 204
    assert api.get(pad).status_code == 404
    assert _maand(api, 2026, 6)["urenOnbeschikbaar"] == "0.00"
    historie = api.get(f"/diensten/digid/onbeschikbaarheidswijzigingen?onbeschikbaarheidId="
                       f"{record['id']}").get_json()["resultaten"]
    assert [h["actie"] for h in historie] == ["verwijderd", "gewijzigd", "aangemaakt"]
    assert historie[1]["wijzigingen"] == {"soort": {"oud": "storing", "nieuw": "spoedonderhoud"}}
    assert all(h["doorNaam"] for h in historie)


def test_the_list_filters_on_omgeving_soort_and_month(api):
    a = _leg_vast(api, _t(2026, 6, 3, 10), _t(2026, 6, 3, 13))
    b = _leg_vast(api, _t(2026, 6, 30, 23), _t(2026, 7, 1, 1), soort="spoedonderhoud")
    c = _leg_vast(api, _t(2026, 7, 2, 9), _t(2026, 7, 2, 10), omgeving="pre-productie")

    def ids(query=""):
        response = api.get(f"{PAD}{query}")
        assert response.status_code == 200, response.get_json()
        return [r["id"] for r in response.get_json()["resultaten"]]

    assert ids() == [c["id"], b["id"], a["id"]]
    assert ids("?maand=2026-07") == [c["id"], b["id"]]
    assert ids("?maand=2026-06&soort=storing") == [a["id"]]
    assert ids("?omgeving=pre-productie") == [c["id"]]


def test_every_afnemer_reads_availability_and_only_logius_writes(api, maak_afnemer, token_voor):
    record = _leg_vast(api, _t(2026, 6, 3, 10), _t(2026, 6, 3, 13))
    afnemer = maak_afnemer()  # no aansluiting on DigiD
    for rol in (Rol.AFNEMER_BEHEERDER, Rol.AFNEMER_MEDEWERKER):
        als = api.as_(token_voor(uuid.UUID(afnemer["id"]), rol))
        assert als.get("/diensten/digid/beschikbaarheid/2026/6?omgeving=productie"
                       ).status_code == 200
        assert als.get(f"{PAD}/{record['id']}").status_code == 200
        assert als.get(PAD).status_code == 200
        geweigerd = als.post(PAD, json={"omgeving": "productie", "van": _t(2026, 6, 1),
                                        "soort": "storing", "functies": FUNCTIES})
        assert geweigerd.status_code == 403
        # A medewerker's token has only the read scope, which is refused first.
        assert geweigerd.get_json()["code"] in ("alleen-logius", "onvoldoende-scope")
        etag = als.get(f"{PAD}/{record['id']}").headers["ETag"]
        assert als.patch(f"{PAD}/{record['id']}", json={"soort": "spoedonderhoud"},
                         headers={"If-Match": etag}).status_code == 403
        assert als.delete(f"{PAD}/{record['id']}", headers={"If-Match": etag}
                          ).status_code == 403
        assert als.get("/diensten/digid/onbeschikbaarheidswijzigingen").status_code == 403
    assert api.get(f"{PAD}/{record['id']}").get_json() == record
    assert api.get("/diensten/digid/beschikbaarheid/2026/6",
                   headers={"Authorization": ""}).status_code == 401


def test_bad_input_names_every_field_and_its_rule_and_changes_nothing(app, api):
    before = _tellingen(app)
    morgen = datetime.now(UTC) + timedelta(days=1)
    response = api.post(PAD, json={
        "omgeving": "acceptatie", "van": _t(2026, 6, 3, 13), "tot": _t(2026, 6, 3, 10),
        "soort": "storing", "functies": ["authenticatie-midden", "inloggen-met-vingers"]})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    fouten = {p["name"]: p["reason"] for p in response.get_json()["invalidParams"]}
    assert set(fouten) == {"omgeving", "tot", "functies.1"}
    assert "pre-productie" in fouten["omgeving"] and "productie" in fouten["omgeving"]
    assert "na het begin" in fouten["tot"]
    assert "authenticatie-midden" in fouten["functies.1"]
    assert "Serviceniveauovereenkomst DigiD" in fouten["functies.1"]
    response = api.post(PAD, json={"omgeving": "productie", "van": morgen.isoformat(),
                                   "soort": "onweer", "functies": []})
    assert {p["name"] for p in response.get_json()["invalidParams"]} == {"soort", "functies"}
    response = api.post(PAD, json={"omgeving": "productie", "van": morgen.isoformat(),
                                   "soort": "storing", "functies": FUNCTIES})
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["van"]
    assert "toekomst" in response.get_json()["invalidParams"][0]["reason"]
    assert _tellingen(app) == before
    # A correction that breaks a rule changes nothing either.
    record = _leg_vast(api, _t(2026, 6, 3, 10), _t(2026, 6, 3, 13))
    pad = f"{PAD}/{record['id']}"
    response = api.patch(pad, json={"van": _t(2026, 6, 3, 14)},
                         headers={"If-Match": api.get(pad).headers["ETag"]})
    assert response.status_code == 400
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["tot"]
    assert api.get(pad).get_json() == record


def test_a_report_names_a_bad_omgeving_or_function(api):
    response = api.get("/diensten/digid/beschikbaarheid/2026/6?omgeving=acceptatie")
    assert response.status_code == 400
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["omgeving"]
    response = api.get("/diensten/digid/beschikbaarheid/2026/6")
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["omgeving"]
    response = api.get("/diensten/digid/beschikbaarheid/2026?omgeving=productie&functie=x")
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["functie"]
    assert api.get("/diensten/digid/beschikbaarheid/2026/13?omgeving=productie"
                   ).status_code == 404


@pytest.mark.parametrize("pad", [
    "/diensten/digipoort/beschikbaarheid/2026/6?omgeving=productie",
    "/diensten/digipoort/beschikbaarheid/2026?omgeving=productie",
    "/diensten/digipoort/onbeschikbaarheid",
    "/diensten/digipoort/onderhoudsvensters?maand=2026-06",
    "/diensten/bestaat-niet/beschikbaarheid/2026/6?omgeving=productie",
    f"/diensten/digid/onbeschikbaarheid/{uuid.UUID(int=7)}",
])
def test_a_dienst_without_a_service_level_or_an_unknown_id_is_404(api, pad):
    response = api.get(pad)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "niet-gevonden"


def test_a_dienst_without_a_service_level_says_so(app, api):
    before = _tellingen(app)
    response = api.post("/diensten/digipoort/onbeschikbaarheid", json={
        "omgeving": "productie", "van": _t(2026, 6, 3, 10), "soort": "storing",
        "functies": FUNCTIES})
    assert response.status_code == 404
    assert "geen serviceniveau" in response.get_json()["detail"]
    assert _tellingen(app) == before


def test_a_record_of_one_dienst_is_not_found_under_another(api):
    record = _leg_vast(api, _t(2026, 6, 3, 10), _t(2026, 6, 3, 13))
    assert api.get(f"/diensten/mijnoverheid/onbeschikbaarheid/{record['id']}").status_code == 404
