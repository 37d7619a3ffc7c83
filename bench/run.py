"""Run every benchmark against a private PostgreSQL and print one line per benchmark.

    ./scripts/bench [--scale 2000] [--duur 15] [--uit bench/results/latest.json]

Each benchmark measures its own baseline in the same run, on the same machine, and the
summary line gives the ratio: ``name: value unit (ratio x baseline)``. All figures,
with the machine they came from, go to a JSON file.

- ``api``: gunicorn (2 sync workers) serving an authenticated, tenant-scoped page of
  20 aansluitingen, loaded by wrk; baseline: a bare Flask app answering the same JSON
  under the same gunicorn settings (``bench/kaal.py``).
- ``kostenrun``: the cost run of the whole usage year for every afnemer; baseline: one
  SQL aggregate over the same usage rows.
- ``normrapportage``: the year's norm report of a dienst over 50,000 incidents of the
  afnemers with their status histories (``bench/normrapportage.py``, which also runs on
  its own); baseline: one SQL aggregate over the same rows.
- ``fanout``: one announcement to every afnemer, each with a webhook on a local receiver
  (``bench/ontvanger.py``) that verifies every signature, delivered by 2 workers;
  baseline: the same number of signed POSTs sent without the outbox
  (``bench/kaal_zender.py``). Each event also mails the afnemer's technical contact,
  to a minimal SMTP sink (``bench/smtp_sink.py``).
- ``fanout-sigkill``: the same with one worker killed with SIGKILL halfway; counts
  events lost (none delivered) and duplicated (delivered more than once).

The PostgreSQL server runs with fsync off, as in the tests: figures are for the
application, not for the disk.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.postgres import running_server  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wacht_op_poort(poort: int, seconden: float = 30) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"niets luistert op poort {poort}")


def _cli(*args: str, env: dict) -> str:
    resultaat = subprocess.run([str(BIN / "afnemersportaal"), *args], env=env, cwd=ROOT,
                               capture_output=True, text=True)
    if resultaat.returncode:
        raise RuntimeError(f"afnemersportaal {' '.join(args)}: {resultaat.stderr[-2000:]}")
    return resultaat.stdout


def _psql(url: str, opdracht: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"),
                         autocommit=True) as verbinding:
        verbinding.execute(opdracht)


@contextmanager
def _proces(*cmd: str, env: dict, poort: int | None = None):
    proces = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        if poort:
            _wacht_op_poort(poort)
        yield proces
    finally:
        if proces.poll() is None:
            os.killpg(proces.pid, signal.SIGTERM)
            try:
                proces.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proces.pid, signal.SIGKILL)
                proces.wait()


# --- API throughput ------------------------------------------------------------------------

_EENHEID = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(url: str, duur: int, headers: dict[str, str]) -> dict:
    cmd = ["wrk", "-t2", "-c8", f"-d{duur}s", "--latency"]
    for naam, waarde in headers.items():
        cmd += ["-H", f"{naam}: {waarde}"]
    uit = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", uit).group(1))
    pct = {p: float(w) * _EENHEID[e] for p, w, e in
           re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", uit, re.M)}
    fouten = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", uit)
    if fouten:
        raise RuntimeError(f"wrk kreeg {fouten.group(1)} foute antwoorden van {url}")
    return {"req_per_s": rps, "p50_ms": pct["50"], "p99_ms": pct["99"]}


def bench_api(env: dict, afnemer_id: str, token: str, duur: int, werkmap: Path) -> dict:
    poort, kaal_poort = _vrije_poort(), _vrije_poort()
    pad = f"/api/v1/afnemers/{afnemer_id}/aansluitingen?paginaGrootte=20"
    gunicorn = [str(BIN / "gunicorn"), "-w", "2", "--log-level", "warning"]
    auth = {"Authorization": f"Bearer {token}"}
    with _proces(*gunicorn, "-b", f"127.0.0.1:{poort}", "core.app:create_app()",
                 env=env, poort=poort):
        verzoek = urllib.request.Request(f"http://127.0.0.1:{poort}{pad}", headers=auth)
        with urllib.request.urlopen(verzoek) as antwoord:
            body = antwoord.read()
        assert len(json.loads(body)["resultaten"]) == 20, "de afnemer heeft geen 20 aansluitingen"
        _wrk(f"http://127.0.0.1:{poort}{pad}", 2, auth)  # warm up
        app = _wrk(f"http://127.0.0.1:{poort}{pad}", duur, auth)
    (werkmap / "kaal.json").write_bytes(body)
    kaal_env = {**env, "BENCH_KAAL_BODY": str(werkmap / "kaal.json")}
    with _proces(*gunicorn, "-b", f"127.0.0.1:{kaal_poort}", "bench.kaal:create_app()",
                 env=kaal_env, poort=kaal_poort):
        _wrk(f"http://127.0.0.1:{kaal_poort}/kaal", 2, {})
        kaal = _wrk(f"http://127.0.0.1:{kaal_poort}/kaal", duur, {})
    return {"app": app, "baseline": kaal, "bytes": len(body),
            "ratio": app["req_per_s"] / kaal["req_per_s"],
            "p99_ratio": app["p99_ms"] / kaal["p99_ms"],
            "wrk": f"-t2 -c8 -d{duur}s"}


# --- cost run ------------------------------------------------------------------------------


def bench_kosten(app, jaar: int, herhalingen: int = 3) -> dict:
    from sqlalchemy import text

    from core.db import db
    from core.kosten.run import kostenrun

    aggregaat = text("SELECT afnemer_id, aansluiting_id, metriek, SUM(aantal) FROM verbruik "
                     "WHERE datum BETWEEN :van AND :tot GROUP BY afnemer_id, aansluiting_id, "
                     "metriek")
    grenzen = {"van": f"{jaar}-01-01", "tot": f"{jaar}-12-31"}
    runs, sqls = [], []
    with app.app_context():
        rijen = db.session.execute(text("SELECT count(*) FROM verbruik WHERE datum BETWEEN "
                                        ":van AND :tot"), grenzen).scalar()
        for _ in range(herhalingen):
            start = time.perf_counter()
            groepen = len(db.session.execute(aggregaat, grenzen).all())
            sqls.append(time.perf_counter() - start)
            db.session.rollback()
            start = time.perf_counter()
            run = kostenrun(jaar, door="bench")
            db.session.commit()
            runs.append(time.perf_counter() - start)
            assert not run.fouten, run.fouten
            afnemers, regels = run.aantal_afnemers, run.aantal_regels
    run_s, sql_s = statistics.median(runs), statistics.median(sqls)
    return {"verbruiksrijen": rijen, "groepen": groepen, "afnemers": afnemers,
            "kostenregels": regels, "run_s": runs, "sql_s": sqls, "run_mediaan_s": run_s,
            "sql_mediaan_s": sql_s, "ratio": run_s / sql_s}


# --- webhook fan-out -----------------------------------------------------------------------


def _totaal(poort: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{poort}/_totaal") as antwoord:
        return int(antwoord.read())


def _stand(poort: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{poort}/_stand") as antwoord:
        return json.load(antwoord)


def _aankondig(app, logius_token: str, titel: str) -> tuple[list[str], datetime]:
    """One announcement to every afnemer on Digipoort (every generated one); the message
    ids of its events that go to a webhook, and when the announcement was committed (the
    workers can start then: the moment is taken before anything else is read)."""
    from sqlalchemy import select

    from core.aankondigingen.models import Ontvanger
    from core.db import db
    from core.meldingen.models import Bezorging

    begin = datetime.now(UTC) + timedelta(days=7)
    response = app.test_client().post(
        "/api/v1/aankondigingen", headers={"Authorization": f"Bearer {logius_token}"},
        json={"type": "onderhoud", "dienst": "digipoort", "titel": titel,
              "omschrijving": "Gepland onderhoud.", "beginOp": begin.isoformat(),
              "eindeOp": (begin + timedelta(hours=4)).isoformat()})
    vastgelegd = datetime.now(UTC)
    if response.status_code != 201:
        raise RuntimeError(f"aankondiging: {response.status_code} {response.get_json()}")
    aankondiging_id = uuid.UUID(response.get_json()["id"])
    with app.app_context():
        ids = db.session.scalars(
            select(Bezorging.gebeurtenis_id)
            .join(Ontvanger, Ontvanger.gebeurtenis_id == Bezorging.gebeurtenis_id)
            .where(Ontvanger.aankondiging_id == aankondiging_id,
                   Bezorging.kanaal == "webhook")).all()
    return [str(uuid.UUID(str(i))) for i in ids], vastgelegd  # the webhook-id of each


def _bezorgd(app, gebeurtenissen: list[uuid.UUID], kanaal: str = "webhook"
             ) -> tuple[int, datetime | None]:
    """Deliveries of these events done so far, and when the last was recorded. The
    benchmark polls this while the workers run, so it must cost little: one statement
    with one array parameter, on the index of ``gebeurtenis_id``."""
    from sqlalchemy import text

    from core.db import db

    with app.app_context():
        aantal, laatste = db.session.execute(
            text("SELECT count(*), max(bezorgd_op) FROM bezorgingen "
                 "WHERE gebeurtenis_id = ANY(:ids) AND kanaal = :kanaal "
                 "AND status = 'bezorgd'"),
            {"ids": gebeurtenissen, "kanaal": kanaal}).one()
        db.session.rollback()
    return aantal, laatste


def _fanout(app, env: dict, ontvanger_poort: int, logius_token: str, titel: str,
            kill_halverwege: bool) -> dict:
    werker = [str(BIN / "afnemersportaal"), "worker", "--interval", "0.05"]
    # Whatever is due already (reminders the planner writes) goes out first, so the two
    # workers below only deliver the announcement; they do not plan.
    _cli("worker", "--eenmalig", env=env)
    env = {**env, "AFNEMERSPORTAAL_WORKER_PLANNER": "false"}
    al_ontvangen = _totaal(ontvanger_poort)
    with _proces(*werker, env=env) as a, _proces(*werker, env=env):
        time.sleep(3)  # both workers up and polling
        begin = datetime.now(UTC)
        ids, start = _aankondig(app, logius_token, titel)  # committed: delivering starts
        gebeurtenissen = [uuid.UUID(i) for i in ids]
        gedood_bij = None
        if kill_halverwege:
            # Halfway by what the receiver got, not by what the workers recorded: the
            # workers are then sending, holding claims, which is the case to test.
            while (ontvangen := _totaal(ontvanger_poort) - al_ontvangen) < len(ids) // 2:
                time.sleep(0.01)
            os.killpg(a.pid, signal.SIGKILL)
            gedood_bij = ontvangen
        while True:
            bezorgd, laatste = _bezorgd(app, gebeurtenissen)
            if bezorgd >= len(ids):
                break
            if (datetime.now(UTC) - start).total_seconds() > 600:
                raise RuntimeError(f"fan-out niet klaar: {bezorgd} van {len(ids)}")
            time.sleep(0.05)
        # From the commit to the last delivery recorded, both on this machine's clock:
        # not to when polling noticed it.
        duur = (laatste - start).total_seconds()
        # The same events also went to each afnemer's technical contact by e-mail, in
        # the same time.
        emails, _ = _bezorgd(app, gebeurtenissen, "email")
    per_id = _stand(ontvanger_poort)["perId"]
    ontvangen = [per_id.get(i, 0) for i in ids]
    return {"webhooks": len(ids), "aankondigen_s": (start - begin).total_seconds(),
            "seconden": duur,
            "per_s": len(ids) / duur, "emails_in_die_tijd": emails,
            "alle_bezorgingen_per_s": (len(ids) + emails) / duur,
            "verloren": sum(1 for n in ontvangen if n == 0),
            "dubbel": sum(n - 1 for n in ontvangen if n > 1),
            "gedood_na": gedood_bij}


def bench_fanout(app, env: dict, ontvanger_poort: int, geheimen_pad: Path, logius_token: str,
                 aantal: int) -> dict:
    basis = f"http://127.0.0.1:{ontvanger_poort}"
    zenders = [subprocess.Popen([PY, "-m", "bench.kaal_zender", basis, str(geheimen_pad),
                                 str(aantal // 2 + (aantal % 2 if i == 0 else 0)),
                                 env["AFNEMERSPORTAAL_WORKER_THREADS"], str(i * aantal)],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
               for i in range(2)]
    duren = []
    for zender in zenders:
        uit, _ = zender.communicate()
        if zender.returncode:
            raise RuntimeError("de kale zender faalde")
        duren.append(float(uit.strip()))
    kaal = aantal / max(duren)  # the two ran side by side
    gewoon = _fanout(app, env, ontvanger_poort, logius_token, "Onderhoud (bench)", False)
    gedood = _fanout(app, env, ontvanger_poort, logius_token, "Onderhoud (bench, SIGKILL)",
                     True)
    return {"baseline_per_s": kaal, "gewoon": gewoon, "sigkill": gedood,
            "ratio": gewoon["per_s"] / kaal, "sigkill_ratio": gedood["per_s"] / kaal,
            "ongeldige_handtekeningen": _stand(ontvanger_poort)["ongeldig"]}


# --- set-up and report ---------------------------------------------------------------------


def _machine() -> dict:
    cpu = ""
    try:
        cpu = next((r.split(":", 1)[1].strip() for r in
                    Path("/proc/cpuinfo").read_text().splitlines()
                    if r.startswith("model name")), "")
    except OSError:
        pass
    geheugen = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpus": os.cpu_count(), "cpu": cpu, "geheugen_gib": round(geheugen, 1),
            "python": platform.python_version(), "systeem": platform.platform()}


def _voorbereiden(app, geheimen_pad: Path) -> tuple[str, str, str]:
    """A token for the afnemer with the most aansluitingen, a Logius token, the secrets."""
    from sqlalchemy import func, select

    from core.aansluitingen.models import Aansluiting
    from core.auth import tokens
    from core.auth.principal import Rol
    from core.db import db
    from core.meldingen.geheimen import ontsleutel
    from core.meldingen.models import WebhookEndpoint

    with app.app_context():
        afnemer_id = db.session.execute(
            select(Aansluiting.afnemer_id).group_by(Aansluiting.afnemer_id)
            .order_by(func.count().desc()).limit(1)).scalar()
        eigen = tokens.issue(naam="bench", rol=Rol.AFNEMER_BEHEERDER, afnemer_id=afnemer_id,
                             dagen=1, door="bench")
        logius = tokens.issue(naam="bench logius", rol=Rol.LOGIUS_BEHEERDER, afnemer_id=None,
                              dagen=1, door="bench")
        sleutel = app.config["SECRET_KEY"]
        geheimen = {str(a): ontsleutel(g, sleutel) for a, g in db.session.execute(
            select(WebhookEndpoint.afnemer_id, WebhookEndpoint.geheim_versleuteld))}
        db.session.commit()
    geheimen_pad.write_text(json.dumps(geheimen))
    return str(afnemer_id), eigen.token, logius.token


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=2000, help="afnemers (default 2000)")
    parser.add_argument("--duur", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--uit", default=str(ROOT / "bench" / "results" / "latest.json"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk ontbreekt: ./scripts/bench installeert het (Debian-pakket wrk)")
    jaar = datetime.now(UTC).year - 1
    werkmap = Path(tempfile.mkdtemp(prefix="afp-bench-"))
    figuren: dict = {"machine": _machine(), "scale": args.scale, "jaar": jaar,
                     "gemeten_op": datetime.now(UTC).isoformat(timespec="seconds")}
    with running_server() as url:
        ontvanger_poort, smtp_poort = _vrije_poort(), _vrije_poort()
        env = {**os.environ, "AFNEMERSPORTAAL_DATABASE_URL": url,
               "AFNEMERSPORTAAL_SECRET_KEY": uuid.uuid4().hex,
               "AFNEMERSPORTAAL_SMTP_PORT": str(smtp_poort),
               "AFNEMERSPORTAAL_WORKER_LEASE_SECONDS": "5",
               "AFNEMERSPORTAAL_WORKER_THREADS": "16",
               "AFNEMERSPORTAAL_PLANNER_INTERVAL": "3600",
               "PYTHONPATH": str(ROOT)}
        os.environ.update({k: v for k, v in env.items() if k.startswith("AFNEMERSPORTAAL_")})
        _cli("db", "upgrade", env=env)
        start = time.perf_counter()
        uit = _cli("demo-data", "--scale", str(args.scale), "--jaar", str(jaar),
                   "--webhook-url", f"http://127.0.0.1:{ontvanger_poort}", env=env)
        figuren["generator"] = {"seconden": time.perf_counter() - start,
                                "uitvoer": uit.strip().splitlines()[-1]}
        print(f"# {figuren['generator']['uitvoer']}", flush=True)
        # What autovacuum would do after a bulk load, before anything is measured: else it
        # runs in the middle of a benchmark, and the planner has no statistics.
        _psql(url, "VACUUM ANALYZE")

        from core.app import create_app

        app = create_app()
        geheimen_pad = werkmap / "geheimen.json"
        afnemer_id, token, logius_token = _voorbereiden(app, geheimen_pad)

        figuren["api"] = api = bench_api(env, afnemer_id, token, args.duur, werkmap)
        print(f"api: {api['app']['req_per_s']:.0f} req/s ({api['ratio']:.2f} x baseline); "
              f"p50 {api['app']['p50_ms']:.1f} ms, p99 {api['app']['p99_ms']:.1f} ms "
              f"({api['p99_ratio']:.2f} x baseline p99)", flush=True)

        figuren["kostenrun"] = k = bench_kosten(app, jaar)
        print(f"kostenrun: {k['run_mediaan_s']:.2f} s for {k['verbruiksrijen']:,} usage rows "
              f"({k['ratio']:.2f} x baseline)", flush=True)

        from bench.normrapportage import bench_normen, regel, vul

        gevuld = vul(app, jaar, afnemers=args.scale)
        figuren["normrapportage"] = n = {**bench_normen(app, jaar), "rijen": gevuld}
        print(regel(gevuld, n), flush=True)

        smtp = [PY, "-m", "bench.smtp_sink", str(smtp_poort)]
        ontvanger = [PY, "-m", "bench.ontvanger", str(ontvanger_poort), str(geheimen_pad)]
        with _proces(*smtp, env=env, poort=smtp_poort), \
                _proces(*ontvanger, env=env, poort=ontvanger_poort):
            figuren["fanout"] = f = bench_fanout(app, env, ontvanger_poort, geheimen_pad,
                                                 logius_token, args.scale)
        g, s = f["gewoon"], f["sigkill"]
        print(f"fanout: {g['per_s']:.0f} signed deliveries/s with 2 workers, {g['webhooks']:,} "
              f"webhooks, {g['alle_bezorgingen_per_s']:.0f}/s with the e-mails, "
              f"{g['dubbel']} duplicated ({f['ratio']:.2f} x baseline)", flush=True)
        print(f"fanout-sigkill: {s['verloren']} events lost, {s['dubbel']} duplicated, "
              f"{s['per_s']:.0f} deliveries/s ({f['sigkill_ratio']:.2f} x baseline)",
              flush=True)
    shutil.rmtree(werkmap, ignore_errors=True)
    Path(args.uit).parent.mkdir(parents=True, exist_ok=True)
    Path(args.uit).write_text(json.dumps(figuren, indent=2, default=str) + "\n")
    print(f"# figures: {args.uit}")
    return 1 if f["sigkill"]["verloren"] or f["ongeldige_handtekeningen"] else 0


if __name__ == "__main__":
    sys.exit(main())
