"""Onboarding routes on the served product, both backends (issue 18's done-when): a DigiD
aansluiting followed along its public six-step route to production shows its ICT
security assessment due two calendar months after the activation; a step completed
after its deadline is recorded as late; a rejected step shows its reason to the afnemer;
another afnemer gets 404; Logius reads the pipeline as JSON and as CSV.
"""

from __future__ import annotations

import calendar
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import String, Uuid, bindparam, text

from core.db import UTCDateTime, make_engine
from tests.served.conftest import Served

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _plus_maanden(dag: date, maanden: int) -> date:
    """DOMAIN.md 'Reading periods': the day number kept, clamped to the month's end."""
    jaar, maand = divmod(dag.month - 1 + maanden, 12)
    jaar, maand = dag.year + jaar, maand + 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def _afnemer_met_digid(served: Served) -> tuple[str, str, str]:
    """A new afnemer with a DigiD production aansluiting: (afnemer id, path, beheerder token)."""
    afnemer = served.maak_afnemer()
    aansluiting = served.post(f"/afnemers/{afnemer['id']}/aansluitingen", served.logius_token,
                              json={"dienst": "digid", "omgeving": "productie",
                                    "onderdelen": ["midden"],
                                    "aanvraagOndertekendOp": "2026-11-02"}).json()
    pad = f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"
    return afnemer["id"], pad, served.token_voor(afnemer["id"])


def _rond_af(served: Served, pad: str, token: str, stap: str, **body):
    response = served.post(f"{pad}/route/{stap}/afronden", token, json=body)
    assert response.status_code == 200, (stap, response.text)
    return {s["stap"]: s for s in response.json()["stappen"]}


def test_a_digid_route_shows_the_security_assessment_due_two_months_after_activation(
        served: Served):
    _, pad, beheerder = _afnemer_met_digid(served)
    logius = served.logius_token
    _rond_af(served, pad, beheerder, "aanvraagformulier", bewijs="AF-2026-113")
    _rond_af(served, pad, logius, "preproductie-gegevens")
    _rond_af(served, pad, beheerder, "preproductie-test", bewijs="TR-2026-88")
    _rond_af(served, pad, beheerder, "productie-aanvraag")
    etag = served.get(pad, logius).headers["ETag"]
    vroeg = served.post(f"{pad}/statuswijzigingen", logius, json={"status": "actief"},
                        headers={"If-Match": etag})
    assert vroeg.status_code == 409 and vroeg.json()["openStappen"] == ["productie-aansluiting"]
    _rond_af(served, pad, logius, "productie-aansluiting")
    actief = served.post(f"{pad}/statuswijzigingen", logius, json={"status": "actief"},
                         headers={"If-Match": etag})
    assert actief.status_code == 201, actief.text
    geactiveerd = datetime.fromisoformat(served.get(pad, logius).json()["geactiveerdOp"])
    stappen = {s["stap"]: s for s in served.get(f"{pad}/route", beheerder).json()["stappen"]}
    assessment = stappen["ict-beveiligingsassessment"]
    assert assessment["status"] == "open" and assessment["aanZet"] == "afnemer"
    assert assessment["uiterlijk"] == _plus_maanden(
        geactiveerd.astimezone(AMSTERDAM).date(), 2).isoformat()
    assert assessment["termijn"] == "2 kalendermaanden na activering"
    assert assessment["bronsoort"] == "publieke-informatie"
    assert all(stappen[s]["status"] == "afgerond" for s in list(stappen)[:5])


def test_late_rejected_isolated_and_in_the_pipeline(served: Served):
    afnemer_id, pad, beheerder = _afnemer_met_digid(served)
    logius = served.logius_token
    _rond_af(served, pad, beheerder, "aanvraagformulier", bewijs="AF-2026-114")
    # The aanvraagformulier as if completed 30 days ago: the credentials are late now.
    engine = make_engine(served.env["AFNEMERSPORTAAL_DATABASE_URL"])
    try:
        with engine.begin() as verbinding:
            verbinding.execute(
                text("UPDATE aansluitroute_stappen SET afgerond_op = :op, open_sinds = :op "
                     "WHERE aansluiting_id = :id AND stap = :stap")
                .bindparams(bindparam("op", type_=UTCDateTime()), bindparam("id", type_=Uuid()),
                            bindparam("stap", type_=String())),
                {"op": datetime.now(UTC) - timedelta(days=30),
                 "id": uuid.UUID(pad.rsplit("/", 1)[1]), "stap": "aanvraagformulier"})
    finally:
        engine.dispose()
    pijplijn = served.get("/aansluitroutes/pijplijn?dienst=digid", logius)
    assert pijplijn.status_code == 200, pijplijn.text
    (dienst,) = pijplijn.json()["diensten"]
    stap = next(s for s in dienst["stappen"] if s["stap"] == "preproductie-gegevens")
    assert {"afnemerId": afnemer_id, "aansluitingId": pad.rsplit("/", 1)[1]} in [
        {k: t[k] for k in ("afnemerId", "aansluitingId")} for t in stap["teLaat"]]
    eerste = next(s for s in dienst["stappen"] if s["stap"] == "aanvraagformulier")
    assert eerste["afgerond"] >= 1 and eerste["doorlooptijdP90Dagen"] is not None
    csv = served.get("/aansluitroutes/pijplijn?dienst=digid", logius,
                     headers={"Accept": "text/csv"})
    assert csv.status_code == 200 and csv.headers["Content-Type"].startswith("text/csv")
    regel = next(r for r in csv.text.splitlines() if ",preproductie-gegevens," in r)
    assert f"{afnemer_id}/{pad.rsplit('/', 1)[1]}" in regel
    assert served.get("/aansluitroutes/pijplijn", beheerder).status_code == 403

    stappen = _rond_af(served, pad, logius, "preproductie-gegevens")
    assert stappen["preproductie-gegevens"]["status"] == "te-laat-afgerond"
    assert stappen["preproductie-gegevens"]["teLaat"] is True

    reden = "Het testrapport dekt de SAML-koppeling niet."
    _rond_af(served, pad, beheerder, "preproductie-test", bewijs="TR-1")
    afgewezen = served.post(f"{pad}/route/preproductie-test/afwijzen", logius,
                            json={"reden": reden})
    assert afgewezen.status_code == 200, afgewezen.text
    stap = next(s for s in served.get(f"{pad}/route", beheerder).json()["stappen"]
                if s["stap"] == "preproductie-test")
    assert (stap["status"], stap["redenAfwijzing"], stap["aanZet"]) == (
        "afgewezen", reden, "afnemer")

    ander = served.token_voor(served.maak_afnemer()["id"])
    assert served.get(f"{pad}/route", ander).status_code == 404
    assert served.post(f"{pad}/route/productie-aanvraag/afronden", ander,
                       json={}).status_code == 404
