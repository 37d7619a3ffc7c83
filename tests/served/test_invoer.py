"""Broken by one request: input that once gave a 500, or was stored as sent, over real
HTTP against the served product on both backends. Each answers 400 problem+json naming
the field and its rule, and changes nothing; the afnemer's calendar feed keeps working.

The cases are raw bodies, as an attacker or a broken client sends them: ``requests``
would not encode a lone surrogate, and Python's own encoder would not nest 1,000 deep.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.tijd import vandaag
from tests.served.conftest import Served

JSON = {"Content-Type": "application/json"}
CONTACT = ('{"naam": %s, "email": "invoer@voorbeeld.nl", "telefoon": "070 123 4567", '
           '"rol": "technisch"}')


def _namen(response) -> set[str]:
    assert response.headers["Content-Type"].startswith("application/problem+json")
    return {p["name"] for p in response.json().get("invalidParams", [])}


@pytest.fixture(scope="module")
def afnemer(served: Served) -> dict:
    gemeente = served.maak_afnemer()
    return {**gemeente, "token": served.token_voor(gemeente["id"])}


def _contacten(served: Served, afnemer: dict) -> list[dict]:
    response = served.get(f"/afnemers/{afnemer['id']}/contactpersonen?paginaGrootte=100",
                          afnemer["token"])
    assert response.status_code == 200
    return response.json()["resultaten"]


@pytest.mark.parametrize(("naam", "waarom"), [
    ('"\\ud800"', "a lone surrogate: no database stores it"),
    ('"Jan\\u0000Jansen"', "NUL: PostgreSQL refuses it in text"),
    ('"Jan\\r\\nX-Kop: waarde"', "CR/LF in a name: a header or a log line of its own"),
    ('"Jan\\tJansen"', "a tab in a name of one line"),
    ('"Jan\\u0007"', "a control character"),
    ('"Jan\\u009bJansen"', "a C1 control character"),
])
def test_text_a_field_cannot_hold_is_refused_naming_it(served: Served, afnemer, naam, waarom):
    voor = _contacten(served, afnemer)
    response = served.post(f"/afnemers/{afnemer['id']}/contactpersonen", afnemer["token"],
                           data=(CONTACT % naam).encode(), headers=JSON)
    assert response.status_code == 400, (waarom, response.text)
    assert _namen(response) == {"naam"}, waarom
    assert _contacten(served, afnemer) == voor


def test_a_long_text_may_span_lines_but_a_name_may_not(served: Served, afnemer):
    """Descriptions (longer than 200 characters allowed) keep their line breaks."""
    response = served.post(f"/afnemers/{afnemer['id']}/wijzigingsmeldingen", afnemer["token"],
                           json={"omschrijving": "Eerste regel.\nTweede regel.",
                                 "dienst": "digid",
                                 "realisatiedatum": (vandaag() + timedelta(days=120)).isoformat()})
    assert response.status_code == 201, response.text
    assert response.json()["omschrijving"] == "Eerste regel.\nTweede regel."


@pytest.mark.parametrize("diepte", [33, 1000, 100_000])
def test_json_nested_too_deep_is_a_400_not_a_crash(served: Served, afnemer, diepte):
    voor = _contacten(served, afnemer)
    body = '{"naam": ' + "[" * diepte + "]" * diepte + "}"
    response = served.post(f"/afnemers/{afnemer['id']}/contactpersonen", afnemer["token"],
                           data=body.encode(), headers=JSON)
    assert response.status_code == 400, response.text[:500]
    assert _namen(response) <= {"naam", "body"} and _namen(response)
    assert _contacten(served, afnemer) == voor


def test_nesting_within_the_bound_reaches_the_schema(served: Served, afnemer):
    """32 levels pass the body check; the schema then says what is wrong with naam."""
    body = '{"naam": ' + "[" * 30 + "]" * 30 + "}"
    response = served.post(f"/afnemers/{afnemer['id']}/contactpersonen", afnemer["token"],
                           data=body.encode(), headers=JSON)
    assert response.status_code == 400
    assert "naam" in _namen(response)
    assert not any(p["code"] == "diepte" for p in response.json()["invalidParams"])


def test_afnemers_null_on_an_announcement_is_refused_not_sent_to_everyone(served: Served):
    """AV 2.6 makes every afnemer of the dienst the default only when the field is left
    out; null is a client's mistake and must not reach them all."""
    voor = served.get("/aankondigingen?paginaGrootte=1", served.logius_token).json()
    response = served.post("/aankondigingen", served.logius_token, json={
        "type": "dienstwijziging", "titel": "Wijziging", "omschrijving": "Voor niemand",
        "dienst": "digid", "wijzigingsdatum": (vandaag() + timedelta(days=7)).isoformat(),
        "afnemers": None})
    assert response.status_code == 400, response.text
    assert _namen(response) == {"afnemers"}
    na = served.get("/aankondigingen?paginaGrootte=1", served.logius_token).json()
    assert na["paginering"]["totaalAantal"] == voor["paginering"]["totaalAantal"]


@pytest.mark.parametrize("datum", ["9999-12-31", "2101-01-01", "1999-12-31", "0001-01-01"])
def test_a_date_outside_the_bounds_is_refused_and_the_feed_keeps_working(
        served: Served, afnemer, datum):
    """A realisatiedatum of 9999-12-31 once made the afnemer's iCalendar feed answer 500
    for good. Dates lie within 2000-01-01 and 2100-12-31, as the document says."""
    response = served.post(f"/afnemers/{afnemer['id']}/wijzigingsmeldingen", afnemer["token"],
                           json={"omschrijving": "Nieuw zaaksysteem", "dienst": "digid",
                                 "realisatiedatum": datum})
    assert response.status_code == 400, response.text
    assert _namen(response) == {"realisatiedatum"}
    assert "2100-12-31" in response.json()["invalidParams"][0]["reason"]
    sleutel = served.post(f"/afnemers/{afnemer['id']}/agenda-sleutel", afnemer["token"])
    assert sleutel.status_code == 201, sleutel.text
    feed = served.get(sleutel.json()["feedUrl"])
    assert feed.status_code == 200 and feed.text.startswith("BEGIN:VCALENDAR")


def test_the_document_states_the_bounds_of_a_date(served: Served):
    document = served.get("/openapi.json").json()
    schema = document["components"]["schemas"]
    velden = [v for s in schema.values() for v in s.get("properties", {}).values()
              if v.get("format") == "date" and not v.get("readOnly")]
    assert velden
    # Every one states its bounds: these, or a narrower range of its own.
    assert all("2000-01-01" in v.get("description", "") or v.get("x-minimum", "") >= "2000"
               for v in velden), [v for v in velden if "2000" not in v.get("description", "")]


@pytest.mark.parametrize("aantal", ["900.5", "900.0", '"900"', "true", "1e3"])
def test_a_non_integer_count_in_an_estimate_is_refused_not_truncated(served: Served, afnemer,
                                                                    aantal):
    body = ('{"jaar": 2027, "volumes": [{"dienst": "digipoort", "metriek": "berichten", '
            f'"aantal": {aantal}}}]}}')
    response = served.post(f"/afnemers/{afnemer['id']}/kosten/schattingen", afnemer["token"],
                           data=body.encode(), headers=JSON)
    assert response.status_code == 400, response.text
    assert _namen(response) == {"volumes.0.aantal"}
