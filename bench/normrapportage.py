"""Benchmark of the monthly norm report: a year of one dienst's incidents, 50,000 of them
from 2,000 afnemers with their whole status histories, and 10,000 questions.

    .venv/bin/python -m bench.normrapportage [--afnemers 2000] [--incidenten 50000]

Measured, each the median of a few runs on the same rows:

- ``jaar``: the year report (``core.serviceniveau.normen.rapportage.jaarrapport``: twelve
  months and the year, every incident's deadline derived from its history in office or
  clock hours with the working-day calendar);
- ``maand``: one month's report;
- ``api``: ``GET /diensten/{slug}/normen/{jaar}`` in-process, with a token, as JSON;
- baseline: one SQL aggregate over the same rows (incidents joined with their status
  steps, grouped by Amsterdam month, omgeving and priority), which counts what SQL can
  count without knowing office hours, pauses or holidays.

The PostgreSQL server is the private one of the tests (fsync off), started here; the
figures are ratios to the baseline of the same run, as in ``bench/run.py``, which also
runs this benchmark on its own data.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DIENST = "digid"
AGGREGAAT = """
SELECT date_trunc('month', i.gemeld_op AT TIME ZONE 'Europe/Amsterdam') AS maand,
       i.omgeving, i.prioriteit, count(*) AS stappen,
       count(*) FILTER (WHERE s.status = 'opgelost') AS opgelost,
       max(s.op) AS laatste
FROM incidenten i JOIN incident_stappen s ON s.incident_id = i.id AND s.soort = 'status'
WHERE i.dienst = :dienst AND i.gemeld_op >= :van AND i.gemeld_op < :tot
GROUP BY 1, 2, 3
"""


def _afnemers(aantal: int, rng: random.Random) -> list[uuid.UUID]:
    """``aantal`` afnemers: those there are (as ``demo-data --scale`` made them), and new
    ones for the rest."""
    from sqlalchemy import select

    from core.afnemers.models import Afnemer
    from core.db import bulk_laden, db

    ids = list(db.session.scalars(select(Afnemer.id).order_by(Afnemer.id).limit(aantal)))
    nu = datetime.now(UTC)
    nieuw = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(aantal - len(ids))]
    bulk_laden(Afnemer.__table__, ("id", "naam", "oin", "type", "aangemaakt_op",
                                   "gewijzigd_op", "versie"),
               ((a, f"Bench {i}", f"00000007{i:012d}", "gemeente", nu, nu, 1)
                for i, a in enumerate(nieuw)))
    return ids + nieuw


def vul(app, jaar: int, afnemers: int = 2000, incidenten: int = 50_000, vragen: int = 10_000,
        seed: int = 2026) -> dict:
    """Write the year's incidents (with their steps) and questions, in bulk."""
    from core.db import bulk_laden, db
    from core.serviceniveau.incidenten.models import Incident, IncidentStap
    from core.serviceniveau.vragen.models import Vraag

    rng = random.Random(seed)
    van = datetime(jaar, 1, 1, tzinfo=UTC)
    seconden = int((datetime(jaar + 1, 1, 1, tzinfo=UTC) - van).total_seconds())
    with app.app_context():
        wie = _afnemers(afnemers, rng)
        incident_rijen, stap_rijen = [], []
        for n in range(incidenten):
            afnemer = rng.choice(wie)
            omgeving = "productie" if rng.random() < 0.8 else "pre-productie"
            prioriteit = rng.choices((1, 2, 3), (5, 30, 65))[0]
            if omgeving == "pre-productie" and prioriteit == 1:
                prioriteit = 2
            impact, urgentie = {1: ("hoog", "hoog"), 2: ("hoog", "midden"),
                                3: ("laag", "laag")}[prioriteit]
            gemeld = van + timedelta(seconds=rng.randrange(seconden))
            iid = uuid.UUID(int=rng.getrandbits(128), version=4)
            stappen = [("gemeld", "gemeld", gemeld)]
            t = gemeld + timedelta(minutes=rng.randint(5, 120))
            stappen.append(("status", "in-behandeling", t))
            if rng.random() < 0.2:
                t += timedelta(minutes=rng.randint(10, 240))
                stappen.append(("status", "wacht-op-afnemer", t))
                t += timedelta(minutes=rng.randint(30, 60 * 24))
                stappen.append(("status", "in-behandeling", t))
            if rng.random() < 0.97:
                uren = 8 if prioriteit == 1 else 72
                t += timedelta(minutes=rng.randint(10, uren * 60))
                stappen.append(("status", "opgelost", t))
                if rng.random() < 0.8:
                    t += timedelta(hours=rng.randint(1, 72))
                    stappen.append(("status", "gesloten", t))
            incident_rijen.append((iid, afnemer, DIENST, omgeving, impact, urgentie, prioriteit,
                                   False, f"Bench-incident {n}", "[]", stappen[-1][1], gemeld,
                                   "bench", gemeld, t, 1))
            for volgnummer, (soort, status, op) in enumerate(stappen, start=1):
                stap_rijen.append((uuid.UUID(int=rng.getrandbits(128), version=4), iid, afnemer,
                                   volgnummer, soort, status,
                                   impact if soort == "gemeld" else None,
                                   urgentie if soort == "gemeld" else None,
                                   prioriteit if soort == "gemeld" else None, op, op, "bench",
                                   "Bench"))
        bulk_laden(Incident.__table__, (
            "id", "afnemer_id", "dienst", "omgeving", "impact", "urgentie", "prioriteit",
            "calamiteit", "omschrijving", "functies", "status", "gemeld_op", "gemeld_door",
            "aangemaakt_op", "gewijzigd_op", "versie"), incident_rijen)
        bulk_laden(IncidentStap.__table__, (
            "id", "incident_id", "afnemer_id", "volgnummer", "soort", "status", "impact",
            "urgentie", "prioriteit", "op", "vastgelegd_op", "door", "door_naam"), stap_rijen)
        vraag_rijen = []
        for n in range(vragen):
            gesteld = van + timedelta(seconds=rng.randrange(seconden))
            antwoord = (gesteld + timedelta(minutes=rng.randint(30, 60 * 24 * 6))
                        if rng.random() < 0.97 else None)
            vraag_rijen.append((uuid.UUID(int=rng.getrandbits(128), version=4),
                                rng.choice(wie), DIENST, rng.choice(("vraag", "klacht")),
                                f"Bench-vraag {n}", "-", gesteld, "bench",
                                "-" if antwoord else None, antwoord,
                                "bench" if antwoord else None, gesteld, gesteld, 1))
        bulk_laden(Vraag.__table__, (
            "id", "afnemer_id", "dienst", "soort", "onderwerp", "tekst", "gesteld_op",
            "gesteld_door", "antwoord", "beantwoord_op", "beantwoord_door", "aangemaakt_op",
            "gewijzigd_op", "versie"), vraag_rijen)
        db.session.commit()
    return {"afnemers": len(wie), "incidenten": len(incident_rijen),
            "stappen": len(stap_rijen), "vragen": len(vraag_rijen)}


def _mediaan(functie, herhalingen: int) -> tuple[float, list[float]]:
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - start)
    return statistics.median(tijden), tijden


def bench_normen(app, jaar: int, herhalingen: int = 3) -> dict:
    """The report against the baseline, on the rows :func:`vul` wrote."""
    from sqlalchemy import text

    from core.auth import tokens
    from core.auth.principal import Rol
    from core.db import db
    from core.serviceniveau.meldregels import serviceniveau
    from core.serviceniveau.normen.rapportage import jaarrapport, maandrapport
    from core.werktijd import maand_grenzen

    van, _ = maand_grenzen(jaar, 1)
    _, tot = maand_grenzen(jaar, 12)
    grenzen = {"dienst": DIENST, "van": van, "tot": tot}
    with app.app_context():
        sn = serviceniveau(DIENST)
        nu = datetime.now(UTC)
        jaarrapport(DIENST, sn, jaar, nu)  # seeds the holidays of the years, once
        db.session.commit()
        token = tokens.issue(naam="bench normen", rol=Rol.LOGIUS_BEHEERDER, afnemer_id=None,
                             dagen=1, door="bench").token
        db.session.commit()

        def sql():
            groepen = db.session.execute(text(AGGREGAAT), grenzen).all()
            db.session.rollback()
            return groepen

        def jaar_():
            rapport = jaarrapport(DIENST, sn, jaar, nu)
            db.session.rollback()
            return rapport

        def maand():
            maandrapport(DIENST, sn, jaar, 6, nu)
            db.session.rollback()

        sql_s, sqls = _mediaan(sql, herhalingen)
        jaar_s, jaren = _mediaan(jaar_, herhalingen)
        maand_s, maanden = _mediaan(maand, herhalingen)
        groepen = len(sql())
        rapport = jaar_()
    client = app.test_client()

    def api():
        antwoord = client.get(f"/api/v1/diensten/{DIENST}/normen/{jaar}",
                              headers={"Authorization": f"Bearer {token}"})
        assert antwoord.status_code == 200, antwoord.get_json()

    api_s, apis = _mediaan(api, herhalingen)
    totaal = {(r["omgeving"], r["prioriteit"]): r for r in rapport["totaal"]["incidenten"]}
    return {"groepen": groepen, "sql_s": sqls, "jaar_s": jaren, "maand_s": maanden,
            "api_s": apis, "sql_mediaan_s": sql_s, "jaar_mediaan_s": jaar_s,
            "maand_mediaan_s": maand_s, "api_mediaan_s": api_s, "ratio": jaar_s / sql_s,
            "api_ratio": api_s / sql_s,
            "aandeel": {f"{o}/P{p}": r["percentage"] for (o, p), r in totaal.items()},
            "vragen": rapport["totaal"]["vragen_en_klachten"]["percentage"]}


def regel(gevuld: dict, n: dict) -> str:
    return (f"normrapportage: year report {n['jaar_mediaan_s']:.2f} s for "
            f"{gevuld['incidenten']:,} incidents ({gevuld['stappen']:,} steps) of "
            f"{gevuld['afnemers']:,} afnemers and {gevuld['vragen']:,} questions "
            f"({n['ratio']:.1f} x baseline {n['sql_mediaan_s'] * 1000:.0f} ms); one month "
            f"{n['maand_mediaan_s']:.2f} s; via the API {n['api_mediaan_s']:.2f} s "
            f"({n['api_ratio']:.1f} x baseline)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--afnemers", type=int, default=2000)
    parser.add_argument("--incidenten", type=int, default=50_000)
    parser.add_argument("--vragen", type=int, default=10_000)
    parser.add_argument("--herhalingen", type=int, default=3)
    args = parser.parse_args()
    import os

    from tests.support.postgres import running_server

    jaar = datetime.now(UTC).year - 1
    with running_server() as url:
        os.environ["AFNEMERSPORTAAL_DATABASE_URL"] = url
        os.environ.setdefault("AFNEMERSPORTAAL_SECRET_KEY", uuid.uuid4().hex)
        from core.app import create_app
        from core.migrate import upgrade

        upgrade(url)
        app = create_app()
        start = time.perf_counter()
        gevuld = vul(app, jaar, args.afnemers, args.incidenten, args.vragen)
        print(f"# {gevuld['incidenten']:,} incidents, {gevuld['stappen']:,} steps and "
              f"{gevuld['vragen']:,} questions of {jaar} written in "
              f"{time.perf_counter() - start:.1f} s", flush=True)
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"),
                             autocommit=True) as verbinding:
            verbinding.execute("VACUUM ANALYZE")
        n = bench_normen(app, jaar, args.herhalingen)
        print(regel(gevuld, n))
        print(f"# share in time per omgeving/priority over the year: {n['aandeel']}; "
              f"questions {n['vragen']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
