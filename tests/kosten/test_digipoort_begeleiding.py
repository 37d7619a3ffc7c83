"""Individuele begeleiding as periods, through the API (DP tabel 1, DP Bedrijven,
DP Rijksoverheden).

DOMAIN.md's figure: EUR 4,400 incl. BTW per period of 3 months from the startmail, for a
niet-rijksoverheid; set as tariff data (``digipoort_tarieven``), never in code.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

import icalendar
import pytest

from core import tijd
from core.auth.principal import Rol
from plugins.digipoort.begeleiding import einde

B = "/afnemers/{}/digipoort-begeleidingen"


def _kies(api, afnemer_id: str, aansluiting_id: str, keuze: str = "individueel") -> dict:
    response = api.post(B.format(afnemer_id) + "/keuzes",
                        json={"aansluitingId": aansluiting_id, "keuze": keuze})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _periode(api, afnemer_id: str, aansluiting_id: str, startmail: str | None = None):
    body = {"aansluitingId": aansluiting_id}
    if startmail:
        body["startmail"] = startmail
    return api.post(B.format(afnemer_id) + "/perioden", json=body)


@pytest.mark.parametrize(("startmail", "tot"), [
    (date(2027, 1, 15), date(2027, 4, 14)),
    (date(2027, 11, 30), date(2028, 2, 28)),   # + 3 months: 2028-02-29 (leap year)
    (date(2028, 11, 30), date(2029, 2, 27)),   # + 3 months: clamped to 2029-02-28
    (date(2027, 12, 31), date(2028, 3, 30)),
    (date(2027, 1, 1), date(2027, 3, 31)),
])
def test_dp_tabel_1_a_period_is_three_calendar_months_from_the_startmail(startmail, tot):
    assert einde(startmail) == tot


def test_dp_tabel_1_the_offerte_shows_4400_incl_btw_per_period_before_the_choice(
        api, maak_afnemer, digipoort_tarieven):
    gemeente = maak_afnemer("gemeente")
    url = B.format(gemeente["id"]) + "/offertes"
    offerte = api.post(url, json={"keuze": "individueel", "jaar": 2027}).get_json()
    assert {k: offerte[k] for k in ("bedragInclBtw", "bedragExclBtw", "btw", "btwPercentage",
                                    "artikel", "valuta", "periodeduur")} == {
        "bedragInclBtw": "4400.00", "bedragExclBtw": "3636.36", "btw": "763.64",
        "btwPercentage": "21", "artikel": "DP tabel 1", "valuta": "EUR",
        "periodeduur": "3 kalendermaanden"}
    basis = api.post(url, json={"keuze": "basis", "jaar": 2027}).get_json()
    assert (basis["bedragInclBtw"], basis["artikel"]) == ("0.00", "DP tabel 1")
    for type_, artikel, extra in (("bedrijf", "DP Bedrijven", {"kvkNummer": "12345678"}),
                                  ("rijksoverheid", "DP Rijksoverheden", {})):
        afnemer = maak_afnemer(type_, **extra)
        gratis = api.post(B.format(afnemer["id"]) + "/offertes",
                          json={"keuze": "individueel", "jaar": 2027}).get_json()
        assert (gratis["bedragInclBtw"], gratis["artikel"]) == ("0.00", artikel)


def test_dp_tabel_1_a_startmail_inside_a_running_period_is_refused_naming_it(
        api, maak_afnemer, aangesloten, digipoort_tarieven, token_voor):
    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    # Only with the choice individueel.
    geweigerd = _periode(api, afnemer["id"], dp["id"], "2027-01-15")
    assert (geweigerd.status_code, geweigerd.get_json()["code"]) == (409, "keuze-past-niet")
    _kies(api, afnemer["id"], dp["id"])
    eerste = _periode(api, afnemer["id"], dp["id"], "2027-01-15")
    assert eerste.status_code == 201, eerste.get_json()
    eerste = eerste.get_json()
    assert (eerste["startmail"], eerste["tot"], eerste["soort"]) == (
        "2027-01-15", "2027-04-14", "startmail")
    for binnen in ("2027-04-14", "2027-02-01", "2026-12-01"):  # the last one runs into it
        dubbel = _periode(api, afnemer["id"], dp["id"], binnen)
        assert dubbel.status_code == 409, dubbel.get_json()
        probleem = dubbel.get_json()
        assert probleem["code"] == "periode-overlapt"
        assert probleem["periode"] == {"id": eerste["id"], "van": "2027-01-15",
                                       "tot": "2027-04-14"}
        assert "2027-01-15 t/m 2027-04-14" in probleem["detail"]
    # The afnemer's beheerder asks for the next period while this one runs: it starts the
    # day after it ends.
    beheerder = api.as_(token_voor(afnemer["id"]))
    verlenging = _periode(beheerder, afnemer["id"], dp["id"])
    assert verlenging.status_code == 201, verlenging.get_json()
    assert {k: verlenging.get_json()[k] for k in ("startmail", "tot", "soort")} == {
        "startmail": "2027-04-15", "tot": "2027-07-14", "soort": "verlenging"}
    perioden = beheerder.get(B.format(afnemer["id"]) + f"/perioden?aansluitingId={dp['id']}")
    assert [(p["startmail"], p["tot"]) for p in perioden.get_json()["resultaten"]] == [
        ("2027-01-15", "2027-04-14"), ("2027-04-15", "2027-07-14")]
    # A medewerker reads, never writes; another afnemer's principal sees nothing (404).
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    assert _periode(medewerker, afnemer["id"], dp["id"]).status_code == 403
    ander = api.as_(token_voor(maak_afnemer("gemeente")["id"]))
    assert ander.get(B.format(afnemer["id"]) + "/perioden").status_code == 404
    assert _periode(ander, afnemer["id"], dp["id"], "2028-01-01").status_code == 404
    # Every write is in the audit.
    audit = api.get(f"/afnemers/{afnemer['id']}/audit?paginaGrootte=100").get_json()
    soorten = [r.get("resourceType") or r.get("resource") for r in audit["resultaten"]]
    assert sum("begeleidingsperiode" in str(s).lower() for s in soorten) == 2, soorten


def test_dp_tabel_1_after_the_last_period_ended_only_a_new_startmail_starts_one(
        api, maak_afnemer, aangesloten, digipoort_tarieven, token_voor):
    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    _kies(api, afnemer["id"], dp["id"])
    assert _periode(api, afnemer["id"], dp["id"], "2025-06-02").status_code == 201
    beheerder = api.as_(token_voor(afnemer["id"]))
    te_laat = _periode(beheerder, afnemer["id"], dp["id"])
    assert (te_laat.status_code, te_laat.get_json()["code"]) == (409, "conflict")
    assert "startmail" in te_laat.get_json()["detail"]
    opnieuw = _periode(api, afnemer["id"], dp["id"], "2027-03-01")
    assert opnieuw.status_code == 201 and opnieuw.get_json()["soort"] == "startmail"


def test_dp_tabel_1_two_consecutive_periods_bill_8800_with_their_dates(
        app, api, maak_afnemer, aangesloten, digipoort_tarieven, token_voor):
    """Invoice and cost run: two lines of 4,400.00 incl. BTW, each naming its period."""
    from core.db import db
    from core.kosten.run import kostenrun

    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    kosten = _kies(api, afnemer["id"], dp["id"])["kostenPerPeriode"]
    assert kosten["bedragInclBtw"] == "4400.00"
    assert _periode(api, afnemer["id"], dp["id"], "2027-01-15").status_code == 201
    assert _periode(api.as_(token_voor(afnemer["id"])), afnemer["id"],
                    dp["id"]).status_code == 201
    facturen = api.get(f"/afnemers/{afnemer['id']}/facturen/2027").get_json()["facturen"]
    [verrekening] = [f for f in facturen if f["soort"] == "verrekening"]
    regels = [(r["omschrijving"], r["bedragInclBtw"], r["artikel"])
              for r in verrekening["regels"] if r["code"] == "individuele-begeleiding"]
    assert regels == [
        ("Individuele begeleiding 2027-01-15 t/m 2027-04-14", "4400.00", "DP tabel 1"),
        ("Individuele begeleiding 2027-04-15 t/m 2027-07-14", "4400.00", "DP tabel 1")]
    assert verrekening["totaal"]["bedragInclBtw"] == "8800.00"
    # The cost run (lines streamed with COPY on PostgreSQL) bills the same two periods.
    with app.app_context():
        run_id = str(kostenrun(2027, door="test").id)
        db.session.commit()
    run = api.get(f"/kostenruns/{run_id}/regels?afnemerId={afnemer['id']}").get_json()
    assert sorted((r["omschrijving"], r["bedragInclBtw"]) for r in run["resultaten"]
                  if r["code"] == "individuele-begeleiding") == [
        ("Individuele begeleiding 2027-01-15 t/m 2027-04-14", "4400.00"),
        ("Individuele begeleiding 2027-04-15 t/m 2027-07-14", "4400.00")]


def test_dp_tabel_1_a_running_period_ends_in_the_calendar_and_its_feed_and_is_exported(
        api, client, maak_afnemer, aangesloten, digipoort_tarieven, token_voor):
    """The last day of each period that has not ended is a deadline in the calendar and
    the iCalendar feed, saying when the next period must be asked for; an ended one is
    not. The choices and periods are in the afnemer's export, and in no one else's."""
    afnemer = maak_afnemer("gemeente")
    a = afnemer["id"]
    dp = aangesloten(a)
    keuze = _kies(api, a, dp["id"])
    vandaag = tijd.vandaag()
    afgelopen = _periode(api, a, dp["id"], "2025-06-02").get_json()
    lopend = _periode(api, a, dp["id"], vandaag.isoformat()).get_json()
    assert lopend["tot"] == einde(vandaag).isoformat() >= vandaag.isoformat()

    def eigen(lijst):
        return {d["datum"]: d for d in lijst if d["soort"] == "begeleidingsperiode-einde"}

    beheerder = api.as_(token_voor(a))
    agenda = eigen(beheerder.get(f"/afnemers/{a}/deadlines?paginaGrootte=100")
                   .get_json()["resultaten"])
    assert list(agenda) == [lopend["tot"]]
    post = agenda[lopend["tot"]]
    assert post["titel"] == "Digipoort: begeleidingsperiode loopt af"
    assert post["artikel"] == lopend["artikel"] == "DP tabel 1"
    assert f"{lopend['startmail']} t/m {lopend['tot']}" in post["omschrijving"]
    assert f"vóór het einde van deze, uiterlijk {lopend['tot']}" in post["omschrijving"]
    assert post["bron"].endswith(f"/digipoort-begeleidingen/perioden?aansluitingId={dp['id']}")

    # Once the next period is asked for, the running one says so and the new one ends later.
    volgende = _periode(beheerder, a, dp["id"]).get_json()
    agenda = eigen(beheerder.get(f"/afnemers/{a}/deadlines?paginaGrootte=100")
                   .get_json()["resultaten"])
    assert list(agenda) == [lopend["tot"], volgende["tot"]]
    assert (f"volgende periode is al vastgelegd: {volgende['startmail']} t/m "
            f"{volgende['tot']}") in agenda[lopend["tot"]]["omschrijving"]
    assert f"uiterlijk {volgende['tot']}" in agenda[volgende["tot"]]["omschrijving"]

    feed = api.post(f"/afnemers/{a}/agenda-sleutel").get_json()["feedUrl"]
    ics = client.get(feed.split("127.0.0.1:5000", 1)[-1])
    assert ics.status_code == 200
    events = {e.decoded("dtstart"): e
              for e in icalendar.Calendar.from_ical(ics.data).walk("VEVENT")
              if "begeleidingsperiode" in str(e["summary"])}
    eind = date.fromisoformat(lopend["tot"])
    assert set(events) == {eind, date.fromisoformat(volgende["tot"])}
    assert eind - timedelta(days=1) not in events
    assert "DP tabel 1" in str(events[eind]["description"])
    assert lopend["startmail"] in str(events[eind]["description"])

    # The export: both choices' and periods' rows under diensten/digipoort/, counted.
    response = beheerder.get(f"/afnemers/{a}/export")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.data)) as zip_:
        bestanden = {naam: json.loads(zip_.read(naam)) for naam in zip_.namelist()}
    keuzes = bestanden["diensten/digipoort/begeleidingskeuzes.json"]
    perioden = bestanden["diensten/digipoort/begeleidingsperioden.json"]
    assert [(k["id"], k["keuze"], k["aansluiting_id"]) for k in keuzes] == [
        (keuze["id"], "individueel", dp["id"])]
    assert sorted((p["id"], p["startmail"], p["tot"], p["soort"]) for p in perioden) == sorted(
        (p["id"], p["startmail"], p["tot"], p["soort"]) for p in (afgelopen, lopend, volgende))
    assert {p["afnemer_id"] for p in perioden + keuzes} == {a}
    aantallen = bestanden["manifest.json"]["aantallen"]
    assert aantallen["diensten/digipoort/begeleidingsperioden.json"] == 3
    # Another afnemer's export and calendar hold none of it.
    ander = maak_afnemer("gemeente")
    andere = api.get(f"/afnemers/{ander['id']}/export")
    with zipfile.ZipFile(io.BytesIO(andere.data)) as zip_:
        assert json.loads(zip_.read("diensten/digipoort/begeleidingsperioden.json")) == []
        assert lopend["id"] not in b"".join(zip_.read(n) for n in zip_.namelist()).decode()
    assert not eigen(api.get(f"/afnemers/{ander['id']}/deadlines").get_json()["resultaten"])
