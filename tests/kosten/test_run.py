"""The cost run (``afnemersportaal kosten run``) in process: one aggregate query for all
usage, not one query per afnemer or per row."""

from __future__ import annotations

from sqlalchemy import event

from core.db import db
from core.kosten.run import kostenrun
from tests.kosten.conftest import maanden


def test_a_run_reads_all_usage_with_one_aggregate_query(
        app, api, maak_afnemer, aangesloten, digipoort_tarieven, laad_verbruik):
    for soort in ("gemeente", "provincie", "bedrijf", "waterschap"):
        afnemer = maak_afnemer(soort)
        dp = aangesloten(afnemer["id"])
        laad_verbruik(*maanden(dp["id"], 2027, 1200))
    statements: list[str] = []

    def noteer(_conn, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", noteer)
        try:
            run = kostenrun(2027, door="test")
            db.session.commit()
        finally:
            event.remove(db.engine, "before_cursor_execute", noteer)
    over_verbruik = [s for s in statements if "FROM verbruik" in s]
    assert len(over_verbruik) == 1 and "GROUP BY" in over_verbruik[0]
    assert (run.status, run.aantal_afnemers) == ("voltooid", 4)
    # Three niet-rijksoverheden: 1,200 x 0.59 each; the bedrijf nothing.
    assert f"{run.totaal_incl_btw:.2f}" == "2124.00"


def test_logius_reads_the_stored_runs_and_their_lines(app, api, maak_afnemer, aangesloten,
                                                      digipoort_tarieven, laad_verbruik,
                                                      token_voor):
    from core.auth.principal import Rol

    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    laad_verbruik(*maanden(dp["id"], 2027, 1000),
                  (dp["id"], "begeleidingsperioden", "2027-01-10", 1))
    with app.app_context():
        run_id = str(kostenrun(2027, door="test").id)
        db.session.commit()
    [run] = api.get("/kostenruns").get_json()["resultaten"]
    assert (run["id"], run["jaar"], run["status"], run["aantalAfnemers"]) == (
        run_id, 2027, "voltooid", 1)
    assert run["totaal"] == {"bedragExclBtw": "4123.96", "btw": "866.04",
                             "bedragInclBtw": "4990.00"}  # 487.60 + 3,636.36 excl.
    assert run["perDienst"] == [{"dienst": "digipoort", "totaal": run["totaal"]}]
    assert api.get(f"/kostenruns/{run_id}").get_json() == run
    regels = api.get(f"/kostenruns/{run_id}/regels?afnemerId={afnemer['id']}").get_json()
    assert [(r["code"], r["bedragInclBtw"]) for r in regels["resultaten"]] == [
        ("berichtenverkeer", "590.00"), ("individuele-begeleiding", "4400.00"),
        (None, "0.00")]
    assert api.get(f"/kostenruns/{afnemer['id']}").status_code == 404
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    for path in ("/kostenruns", f"/kostenruns/{run_id}", f"/kostenruns/{run_id}/regels"):
        assert medewerker.get(path).status_code == 403
