"""GET /vragen?sorteer=beantwoordenUiterlijk: the earliest answer deadline first, sorted in
the database by the working day the API's own deadline falls on (DigiD: 3 working days
after the day asked, SNO 2 Reactietijden)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from core.db import db


def test_questions_sort_by_their_answer_deadline_in_the_database(app, api, maak_afnemer):
    afnemer = maak_afnemer()
    gesteld = {  # asked, in an order that is neither the deadline's nor its reverse
        "maandag": "2026-11-09T09:00:00+01:00",     # due Thursday 12 November
        "vrijdagavond": "2026-11-06T20:00:00+01:00",  # due Wednesday 11 November
        "donderdag": "2026-11-05T10:00:00+01:00",   # due Tuesday 10 November
        "zaterdag": "2026-11-07T10:00:00+01:00",    # due Wednesday 11 November too
    }
    ids = {}
    for naam, op in gesteld.items():
        response = api.post(f"/afnemers/{afnemer['id']}/vragen", json={
            "dienst": "digid", "soort": "vraag", "onderwerp": naam, "tekst": "Wanneer?",
            "gesteldOp": op})
        assert response.status_code == 201, response.get_json()
        ids[response.get_json()["id"]] = naam

    response = api.get("/vragen", query_string={
        "afnemerId": afnemer["id"], "sorteer": "beantwoordenUiterlijk", "beantwoord": "false"})
    assert response.status_code == 200, response.get_json()
    rijen = response.get_json()["resultaten"]
    assert [r["onderwerp"] for r in rijen] == ["donderdag", "vrijdagavond", "zaterdag", "maandag"]
    assert [r["beantwoordenUiterlijk"] for r in rijen] == [
        "2026-11-10", "2026-11-11", "2026-11-11", "2026-11-12"]
    standaard = api.get("/vragen", query_string={"afnemerId": afnemer["id"]}).get_json()
    assert [r["onderwerp"] for r in standaard["resultaten"]][0] == "maandag"

    # The key itself: a question on Saturday falls due on the same working day as one on
    # Friday evening (its working day is Friday's), Monday's a day later.
    from core import tijd
    from core.serviceniveau.vragen.models import Vraag
    from core.serviceniveau.vragen.volgorde import uiterlijk_sleutel

    van = Vraag.afnemer_id == uuid.UUID(afnemer["id"])
    with app.app_context():
        sleutel = uiterlijk_sleutel(select(Vraag.id).where(van), tijd.utcnow())
        waarden = {ids[str(i)]: k for i, k in db.session.execute(
            select(Vraag.id, sleutel).where(van))}
    assert waarden["vrijdagavond"] == waarden["zaterdag"] == waarden["donderdag"] + 1
    assert waarden["maandag"] == waarden["zaterdag"] + 1


def test_a_question_dated_back_to_the_calendars_first_day_still_sorts(api, maak_afnemer):
    """A Logius beheerder may date a telephone question back to the first day of the
    calendar (2000); the sort looks a week further back for the working day before it,
    which is outside the calendar, and answered 500 before."""
    afnemer = maak_afnemer()
    for onderwerp, op in (("oud", "2000-01-03T10:00:00+01:00"),
                          ("nieuw", "2026-11-05T10:00:00+01:00")):
        response = api.post(f"/afnemers/{afnemer['id']}/vragen", json={
            "dienst": "digid", "soort": "vraag", "onderwerp": onderwerp, "tekst": "Wanneer?",
            "gesteldOp": op})
        assert response.status_code == 201, response.get_json()
    response = api.get("/vragen", query_string={
        "afnemerId": afnemer["id"], "sorteer": "beantwoordenUiterlijk"})
    assert response.status_code == 200, response.get_json()
    assert [(r["onderwerp"], r["beantwoordenUiterlijk"]) for r in
            response.get_json()["resultaten"]] == [("oud", "2000-01-06"),
                                                    ("nieuw", "2026-11-10")]
