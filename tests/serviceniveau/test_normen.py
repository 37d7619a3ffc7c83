"""The monthly norms through the API, on both backends, with DigiD's figures (DOMAIN.md;
SNO 2 Oplostijden: 85 % of a month's incidents resolved within their resolution time;
SNO 2 Reactietijden: 99 % of questions and complaints answered within 3 working days)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from core.auth.principal import Rol
from core.tijd import AMSTERDAM

H, M, L = "hoog", "midden", "laag"


@pytest.fixture
def afnemer(maak_afnemer, maak_aansluiting) -> dict:
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], omgeving="productie")
    maak_aansluiting(afnemer["id"], omgeving="pre-productie")
    return afnemer


@pytest.fixture
def meld(api, afnemer):
    def melden(gemeld: str, impact=H, urgentie=M, omgeving="productie",
               opgelost: str | None = None) -> dict:
        response = api.post(f"/afnemers/{afnemer['id']}/incidenten", json={
            "dienst": "digid", "omgeving": omgeving, "impact": impact, "urgentie": urgentie,
            "omschrijving": "Storing", "functies": ["authenticatie-basis"],
            "gemeldOp": gemeld})
        assert response.status_code == 201, response.get_json()
        incident = response.get_json()
        if opgelost:
            stap = api.post(f"/incidenten/{incident['id']}/statuswijzigingen",
                            headers={"If-Match": "*"}, json={"status": "opgelost",
                                                             "op": opgelost})
            assert stap.status_code == 201, stap.get_json()
            incident = stap.get_json()
        return incident

    return melden


def _rij(rapport: dict, omgeving: str, prioriteit: int) -> dict:
    return next(r for r in rapport["incidenten"]
                if (r["omgeving"], r["prioriteit"]) == (omgeving, prioriteit))


def test_the_month_gives_the_share_in_time_per_omgeving_and_priority_against_85_percent(
        api, meld, token_voor, afnemer):
    """SNO 2 Oplostijden: per month 85 % of the incidents within the resolution time."""
    # P2 on Monday 2 November 2026 08:00 CET, due 18:00: six in time, one late.
    for _ in range(6):
        meld("2026-11-02T08:00:00+01:00", opgelost="2026-11-02T17:00:00+01:00")
    meld("2026-11-02T08:00:00+01:00", opgelost="2026-11-03T09:00:00+01:00")
    # P3, 18 office hours: one in time; one still open, long past its time: late.
    meld("2026-11-04T08:00:00+01:00", L, L, opgelost="2026-11-04T12:00:00+01:00")
    meld("2026-11-04T08:00:00+01:00", L, L)
    # Reported at 00:30 on 1 November in Amsterdam (still October in UTC): November.
    meld("2026-11-01T00:30:00+01:00", L, M, opgelost="2026-11-02T09:00:00+01:00")
    # The last evening of October counts in October.
    meld("2026-10-31T23:30:00+01:00", L, M)
    als_afnemer = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    response = als_afnemer.get("/diensten/digid/normen/2026/11")
    assert response.status_code == 200, response.get_json()
    rapport = response.get_json()
    assert rapport["van"] == "2026-10-31T23:00:00+00:00"
    assert rapport["tot"] == "2026-11-30T23:00:00+00:00"
    p2 = _rij(rapport, "productie", 2)
    assert (p2["aantal"], p2["binnenTermijn"], p2["buitenTermijn"], p2["lopend"]) == (7, 6, 1, 0)
    assert p2["percentage"] == "85.71" and p2["norm"] == "85.00" and p2["gehaald"] is True
    assert p2["oplostijd"] == {"uren": 10, "soort": "kantooruren",
                               "artikel": "SNO 2 Oplostijden"}
    p3 = _rij(rapport, "productie", 3)
    assert (p3["aantal"], p3["binnenTermijn"], p3["buitenTermijn"]) == (3, 2, 1)
    assert p3["percentage"] == "66.66"  # rounded down: never better than it is
    assert p3["gehaald"] is False
    geen = _rij(rapport, "pre-productie", 2)
    assert geen["aantal"] == 0 and geen["percentage"] is None and geen["gehaald"] is None
    # Pre-production has no P1 (SNO 2 Oplostijden): no row for it.
    assert [(r["omgeving"], r["prioriteit"]) for r in rapport["incidenten"]] == [
        ("productie", 1), ("productie", 2), ("productie", 3), ("pre-productie", 2),
        ("pre-productie", 3)]
    oktober = api.get("/diensten/digid/normen/2026/10").get_json()
    assert _rij(oktober, "productie", 3)["buitenTermijn"] == 1


def test_an_incident_that_can_still_make_it_is_pending(api, meld):
    nu = datetime.now(UTC)
    incident = meld(nu.isoformat(), L, L)  # P3 reported just now: 18 office hours to go
    assert incident["binnenTermijn"] is None
    lokaal = nu.astimezone(AMSTERDAM)
    rapport = api.get(f"/diensten/digid/normen/{lokaal.year}/{lokaal.month}").get_json()
    p3 = _rij(rapport, "productie", 3)
    assert (p3["aantal"], p3["lopend"], p3["percentage"]) == (0, 1, None)


def test_questions_and_complaints_count_together_against_99_percent_sno_2_reactietijden(
        api, afnemer):
    def stel(soort, gesteld, beantwoord):
        vraag = api.post(f"/afnemers/{afnemer['id']}/vragen", json={
            "dienst": "digid", "soort": soort, "onderwerp": "Vraag", "tekst": "Vraag",
            "gesteldOp": gesteld}).get_json()
        if beantwoord:
            assert api.post(f"/vragen/{vraag['id']}/antwoord", json={
                "antwoord": "Antwoord", "beantwoordOp": beantwoord}).status_code == 201

    # Asked Monday 2 November, due Thursday 5 November.
    for _ in range(3):
        stel("vraag", "2026-11-02T10:00:00+01:00", "2026-11-05T16:00:00+01:00")
    stel("klacht", "2026-11-02T10:00:00+01:00", "2026-11-06T09:00:00+01:00")
    vragen = api.get("/diensten/digid/normen/2026/11").get_json()["vragenEnKlachten"]
    assert (vragen["aantal"], vragen["binnenTermijn"], vragen["buitenTermijn"]) == (4, 3, 1)
    assert (vragen["vragen"], vragen["klachten"]) == (3, 1)
    assert vragen["percentage"] == "75.00" and vragen["norm"] == "99.00"
    assert vragen["gehaald"] is False and vragen["werkdagen"] == 3
    assert vragen["artikel"] == "SNO 2 Reactietijden"


def test_the_year_sums_its_months_and_both_come_as_csv(api, meld):
    meld("2026-11-02T08:00:00+01:00", opgelost="2026-11-02T17:00:00+01:00")
    meld("2026-03-02T08:00:00+01:00", opgelost="2026-03-04T09:00:00+01:00")
    jaar = api.get("/diensten/digid/normen/2026").get_json()
    assert [m["maand"] for m in jaar["maanden"]] == list(range(1, 13))
    p2 = _rij(jaar["totaal"], "productie", 2)
    assert (p2["aantal"], p2["binnenTermijn"], p2["percentage"], p2["gehaald"]) == (
        2, 1, "50.00", False)
    assert _rij(jaar["maanden"][2], "productie", 2)["buitenTermijn"] == 1
    maand_csv = api.get("/diensten/digid/normen/2026/11", headers={"Accept": "text/csv"})
    assert maand_csv.status_code == 200 and maand_csv.mimetype == "text/csv"
    rijen = list(csv.reader(io.StringIO(maand_csv.get_data(as_text=True))))
    assert rijen[0] == ["periode", "melding", "omgeving", "prioriteit", "termijn", "aantal",
                        "binnenTermijn", "buitenTermijn", "lopend", "percentage", "norm",
                        "gehaald", "artikel"]
    assert ["2026-11", "incident", "productie", "2", "10 kantooruren", "1", "1", "0", "0",
            "100.00", "85.00", "true", "SNO 2 Oplostijden"] in rijen
    assert rijen[-1][:5] == ["2026-11", "vraag-of-klacht", "", "", "3 werkdagen"]
    jaar_csv = api.get("/diensten/digid/normen/2026", headers={"Accept": "text/csv"})
    rijen = list(csv.reader(io.StringIO(jaar_csv.get_data(as_text=True))))
    assert len(rijen) == 1 + 13 * 6
    assert ["2026", "incident", "productie", "2", "10 kantooruren", "2", "1", "1", "0",
            "50.00", "85.00", "false", "SNO 2 Oplostijden"] in rijen


def test_a_dienst_without_service_level_has_no_norms_and_no_service_level(api):
    for pad in ("/diensten/mijnoverheid/normen/2026/11", "/diensten/mijnoverheid/normen/2026",
                "/diensten/mijnoverheid/serviceniveau", "/diensten/bestaat-niet/serviceniveau"):
        response = api.get(pad)
        assert response.status_code == 404, pad
        assert response.content_type == "application/problem+json"
    assert api.get("/diensten/digid/normen/2026/13").status_code == 404


def test_the_service_level_shows_the_definitions_matrix_and_terms_sno_3_incidentbeheer(api):
    sn = api.get("/diensten/digid/serviceniveau").get_json()
    assert sn["bron"].startswith("Serviceniveauovereenkomst DigiD")
    assert {d["niveau"] for d in sn["impact"]} == {H, M, L}
    assert all(d["omschrijving"] for d in sn["impact"] + sn["urgentie"])
    matrix = {(p["impact"], p["urgentie"]): p["prioriteit"] for p in sn["prioriteiten"]}
    assert matrix == {(H, H): 1, (H, M): 2, (M, H): 2, (H, L): 3, (M, M): 3, (M, L): 3,
                      (L, H): 3, (L, M): 3, (L, L): 3}
    assert sn["prioriteitArtikel"] == "SNO 3 Incidentbeheer"
    assert {(o["omgeving"], o["prioriteit"], o["uren"], o["soort"]) for o in sn["oplostijden"]
            } == {("productie", 1, 6, "klokuren"), ("productie", 2, 10, "kantooruren"),
                  ("productie", 3, 18, "kantooruren"), ("pre-productie", 2, 10, "kantooruren"),
                  ("pre-productie", 3, 18, "kantooruren")}
    assert sn["oplosnorm"] == "85.00" and sn["kantooruren"] == {"begin": "08:00",
                                                                 "eind": "18:00"}
    assert sn["reactietermijn"]["werkdagen"] == 3 and sn["meldtermijnMinuten"] == 30
    assert "authenticatie-midden" in {f["slug"] for f in sn["functies"]}
