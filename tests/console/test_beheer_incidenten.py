"""Logius' incident pages: the queue by time left, an incident's status steps and
changes, and the month's norm report as a plot, on both backends."""

from __future__ import annotations

from datetime import timedelta

from core.auth.principal import Rol
from core.tijd import AMSTERDAM, utcnow
from tests.console.conftest import zichtbare_tekst


def _melding(impact: str, urgentie: str, **extra) -> dict:
    return {"dienst": "digid", "omgeving": "productie", "impact": impact, "urgentie": urgentie,
            "omschrijving": f"Storing {impact}/{urgentie}", "functies": ["authenticatie-basis"],
            **extra}


def test_the_queue_is_sorted_by_time_left_and_a_status_step_goes_through(console_als, api):
    laag = api.post("/incidenten", json=_melding("laag", "laag")).get_json()
    hoog = api.post("/incidenten", json=_melding("hoog", "hoog")).get_json()
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    html = logius.tekst("/incidenten?dienst=digid")
    assert html.index(hoog["id"]) < html.index(laag["id"])
    assert f"P{hoog['prioriteit']}" in zichtbare_tekst(html) and "nog " in html
    pad = f"/incidenten/{hoog['id']}"
    assert "Storing hoog/hoog" in logius.tekst(pad)
    etag = api.get(f"/incidenten/{hoog['id']}").headers["ETag"]
    # Waiting for the afnemer needs a reason: the API's, beside the field; nothing changes.
    fout = logius.post(pad, {"actie": "status", "etag": etag, "status": "wacht-op-afnemer"})
    assert fout.status_code == 400 and 'data-veldfout="toelichting"' in fout.get_data(True)
    assert api.get(f"/incidenten/{hoog['id']}").get_json()["status"] == "gemeld"
    assert logius.post(pad, {"actie": "status", "etag": etag, "status": "in-behandeling",
                             "toelichting": "Opgepakt"}).status_code == 302
    assert api.get(f"/incidenten/{hoog['id']}").get_json()["status"] == "in-behandeling"
    etag = api.get(f"/incidenten/{hoog['id']}").headers["ETag"]
    assert logius.post(pad, {"actie": "wijzigen", "etag": etag, "impact": "hoog",
                             "urgentie": "hoog", "publiek": "ja",
                             "publiekeOmschrijving": "Inloggen lukt niet"}).status_code == 302
    na = api.get(f"/incidenten/{hoog['id']}").get_json()
    assert na["publiek"] is True and na["publiekeOmschrijving"] == "Inloggen lukt niet"
    # A stale ETag is the API's 412: nothing changes.
    assert logius.post(pad, {"actie": "status", "etag": etag, "status": "opgelost"}
                       ).status_code == 412
    assert api.get(f"/incidenten/{hoog['id']}").get_json()["status"] == "in-behandeling"


def test_the_norm_report_plots_the_apis_figures_and_gives_csv(console_als, api):
    nu = utcnow().astimezone(AMSTERDAM)
    gemeld = (nu - timedelta(minutes=30)).isoformat()
    gemaakt = api.post("/incidenten", json=_melding("hoog", "midden", gemeldOp=gemeld))
    assert gemaakt.status_code == 201, gemaakt.get_json()
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    pad = f"/incidenten/normen?dienst=digid&jaar={nu.year}&maand={nu.month}"
    html = logius.tekst(pad)
    rapport = api.get(f"/diensten/digid/normen/{nu.year}/{nu.month}").get_json()
    rij = next(r for r in rapport["incidenten"] if r["lopend"])
    tabel = zichtbare_tekst(html.split('data-testid="normen-tabel"')[1].split("</table>")[0])
    assert (f"{rij['omgeving']} P{rij['prioriteit']} {rij['binnenTermijn']} "
            f"{rij['buitenTermijn']} {rij['lopend']}") in tabel
    assert "<svg" in html and f"Norm {rij['norm']}" in zichtbare_tekst(html)
    csv = logius.get(pad + "&formaat=csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert f"{rij['omgeving']} P{rij['prioriteit']}" in csv.get_data(True)


def test_incidents_are_logius_only(console_als, maak_afnemer, api):
    incident = api.post("/incidenten", json=_melding("laag", "laag")).get_json()
    team = console_als(Rol.PRODUCTTEAM, dienst="digid")
    assert team.get("/incidenten").status_code == 403
    assert team.post(f"/incidenten/{incident['id']}", {"actie": "status", "etag": "*",
                                                       "status": "opgelost"}).status_code == 403
    assert api.get(f"/incidenten/{incident['id']}").get_json()["status"] == "gemeld"
    beheerder = console_als(Rol.AFNEMER_BEHEERDER, maak_afnemer()["id"])
    assert beheerder.get("/incidenten/normen").status_code == 403


def test_a_filter_the_api_refuses_is_shown_not_a_crash(console_als):
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    html = logius.tekst("/incidenten?prioriteit=veel")
    assert 'role="alert"' in html and "prioriteit" in html
