"""GET /incidenten?sorteer=resterendeUren: the least time left first, sorted in the
database, in the order of the clock's own ``resterendeUren`` (DigiD: P1 6 clock hours in
production, P2 10 and P3 18 office hours; pauses and resolutions stop the clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

H, M, L = "hoog", "midden", "laag"


def test_the_queue_sorts_by_time_left_across_kinds_of_hours_pauses_and_resolutions(
        api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], omgeving="productie")
    nu = datetime.now(UTC).replace(microsecond=0)

    def melden(impact, urgentie, geleden: timedelta) -> str:
        response = api.post(f"/afnemers/{afnemer['id']}/incidenten", json={
            "dienst": "digid", "omgeving": "productie", "impact": impact, "urgentie": urgentie,
            "omschrijving": "Inloggen geeft een foutpagina.", "functies": ["authenticatie-midden"],
            "gemeldOp": (nu - geleden).isoformat()})
        assert response.status_code == 201, response.get_json()
        return response.get_json()["id"]

    def stap(incident_id, status, geleden: timedelta) -> None:
        response = api.post(f"/incidenten/{incident_id}/statuswijzigingen",
                            headers={"If-Match": "*"},
                            json={"status": status, "op": (nu - geleden).isoformat(),
                                  "toelichting": "Graag de foutmelding."})
        assert response.status_code == 201, response.get_json()

    uur = timedelta(hours=1)
    te_laat = melden(H, M, timedelta(days=30))            # P2, far over its 10 office hours
    p1 = melden(H, H, 2.5 * uur)                           # 3.5 clock hours left
    opgelost = melden(H, H, 5 * uur)                       # resolved with 4 hours left
    stap(opgelost, "opgelost", 3 * uur)
    gepauzeerd = melden(H, H, 10 * uur)                    # paused after 1 hour: 5 left
    stap(gepauzeerd, "in-behandeling", 9.5 * uur)
    stap(gepauzeerd, "wacht-op-afnemer", 9 * uur)
    p2 = melden(H, M, timedelta(days=3))                   # P2 paused at once: ~10 left
    stap(p2, "wacht-op-afnemer", timedelta(days=3) - timedelta(seconds=30))
    p3 = melden(L, L, timedelta(seconds=30))               # P3: ~18 office hours left
    # P3 running for two days: what is left depends on today's office hours.
    p3_lopend = melden(L, M, timedelta(days=2))

    def volgorde(**query):
        response = api.get("/incidenten", query_string={
            "sorteer": "resterendeUren", "afnemerId": afnemer["id"], **query})
        assert response.status_code == 200, response.get_json()
        return response.get_json()["resultaten"]

    rijen = volgorde()
    assert [r["id"] for r in rijen if r["id"] != p3_lopend] == [
        te_laat, p1, opgelost, gepauzeerd, p2, p3]
    # In the order of the clock's own time left (computed in Python, per incident).
    rest = [Decimal(r["resterendeUren"]) for r in rijen]
    assert rest == sorted(rest) and rest[0] < 0 and Decimal("4.00") in rest
    assert {r["oplostijd"]["soort"] for r in rijen} == {"klokuren", "kantooruren"}
    # Paged and filtered as the default order is: the open ones, two a page.
    tweede = volgorde(open="true", pagina=2, paginaGrootte=2)
    assert [r["id"] for r in tweede] == [r["id"] for r in rijen if r["id"] != opgelost][2:4]
    # Without sorteer: the newest report first, as before.
    standaard = api.get("/incidenten", query_string={"afnemerId": afnemer["id"]}).get_json()
    assert [r["id"] for r in standaard["resultaten"]][:3] == [p3, p1, opgelost]
    fout = api.get("/incidenten", query_string={"sorteer": "deadline"})
    assert fout.status_code == 400
    assert [p["name"] for p in fout.get_json()["invalidParams"]] == ["sorteer"]
