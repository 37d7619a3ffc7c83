"""The ``afnemersportaal`` command: serve, database, demo data, tokens."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, ScriptInfo, with_appcontext
from sqlalchemy import select

from core.app import create_app
from core.auth import tokens
from core.auth.principal import AFNEMER_ROLLEN, Rol
from core.db import db


@click.group(cls=FlaskGroup, create_app=create_app, add_default_commands=False)
def main() -> None:
    """Afnemersportaal: selfservice voor afnemers van Logius-diensten."""


# with_appcontext=False: FlaskGroup would otherwise push one around the command.
@main.command(with_appcontext=False)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Threads per worker process: each answers one request at a time.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the API with gunicorn (refuses an un-migrated database).

    Workers are gunicorn's threaded kind (gthread): a connection that has sent nothing
    waits in the worker's poller, not in a thread, and a slow client that does send
    holds one thread of ``workers * threads``, so a few slow connections (slowloris)
    cannot block the API as they did a sync worker each. A client that stalls longer
    than ``timeout`` between bytes is dropped. For many hostile clients, put a
    buffering proxy in front (README, "In productie").

    Deliberately not ``@with_appcontext``: a worker forked with an app context pushed
    would reuse it for every request, and ``g`` (the database session, the principal,
    the ``Link`` header) would outlive its request. The app context of the schema
    check is closed before gunicorn starts, and every worker checks again.
    """
    from gunicorn.app.base import BaseApplication

    from core.migrate import SchemaNotCurrent, check_schema
    from core.toegangslog import Toegangslog
    from core.verzoek import context_actief

    app = ctx.ensure_object(ScriptInfo).load_app()
    if not os.environ.get("AFNEMERSPORTAAL_PUBLIC_URL"):
        # The OpenAPI servers, feed URLs and the iCalendar feed name where it listens.
        app.config["PUBLIC_URL"] = f"http://{host}:{port}"
    with app.app_context():
        try:
            check_schema(db.engine)
        except SchemaNotCurrent as exc:
            raise click.ClickException(str(exc)) from exc
    if context_actief():
        raise click.ClickException(
            "serve start niet binnen een actieve app-context: elk verzoek moet een eigen "
            "context en databasesessie krijgen")

    # Rate-limit counters in shared memory, inherited by every forked worker, so the
    # limits hold for the server as a whole (core.snelheid).
    from core import snelheid

    app.extensions[snelheid.EXTENSIE] = snelheid.GedeeldeTellers()

    # The schema check opened a connection in this (master) process; forked workers
    # must not share it, so each worker starts with an empty pool.
    db.dispose(app)

    def post_fork(_server, worker) -> None:
        db.dispose(app)
        if context_actief():  # pragma: no cover - guarded above; belt and braces
            worker.log.error("app context active after fork; worker stops")
            raise SystemExit(3)

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", threads)
            # Every answer closes its connection (keepalive 0, as the sync workers did):
            # idle kept-alive connections cannot pile up, and a client that leaves its
            # connection unread holds nothing here. A worker that stops answering its
            # arbiter for 30 s is replaced.
            self.cfg.set("keepalive", 0)
            self.cfg.set("timeout", 30)
            self.cfg.set("accesslog", "-")
            # Any request line: the app answers one that is too long with a 414 problem
            # (core.app.MAX_URL), not gunicorn with an HTML page.
            self.cfg.set("limit_request_line", 0)
            # The worker's pid first: which worker answered is visible in the log.
            self.cfg.set("access_log_format",
                         '%(p)s %(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms')
            # Without the secrets a URL carries (a calendar feed's key).
            self.cfg.set("logger_class", Toegangslog)
            self.cfg.set("post_fork", post_fork)
            # No control socket in the user's home directory.
            self.cfg.set("control_socket_disable", True)

        def load(self):
            return app

    click.echo(f"Afnemersportaal op http://{host}:{port}{'/api/v1/openapi.json'}")
    Server().run()


@main.group("db")
def db_group() -> None:
    """Database schema (Alembic migrations)."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True,
              help="Core's target revision; the diensten' tables follow only to 'head'.")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Bring the schema to the newest migration: core's, then every installed dienst's.

    Tables of a dienst whose plugin is no longer installed stay as they are; the
    command names them.
    """
    from core.migrate import upgrade
    from core.uitbreidingen import migraties
    from core.uitbreidingen.bijdragen import uitbreidingen

    url = current_app.config["DATABASE_URL"]
    upgrade(url, revision)
    click.echo(f"Database gemigreerd naar {revision}.")
    if revision != "head":
        return
    eigen = uitbreidingen().migraties()
    for slug, mig in eigen.items():
        migraties.upgrade(url, slug, mig)
        click.echo(f"Tabellen van dienst {slug} gemigreerd naar "
                   f"{migraties.head(slug, mig)}.")
    from core.plugins import diensten

    for prefix, tabellen in migraties.verweesd(
            db.engine, {d.slug for d in diensten().alle()}).items():
        click.echo(f"De plugin van {prefix}* is niet geïnstalleerd; zijn tabellen blijven "
                   f"ongewijzigd staan: {', '.join(tabellen)}.")


@db_group.command("downgrade")
@click.argument("revision")
@click.option("--dienst", default=None,
              help="Go back in this dienst's own history instead of core's.")
@with_appcontext
def db_downgrade(revision: str, dienst: str | None) -> None:
    """Go back to an earlier migration (``base`` empties the database, or with
    ``--dienst`` removes that dienst's tables)."""
    from core.migrate import downgrade
    from core.uitbreidingen import migraties
    from core.uitbreidingen.bijdragen import uitbreidingen

    url = current_app.config["DATABASE_URL"]
    if dienst is None:
        downgrade(url, revision)
        return
    eigen = uitbreidingen().migraties()
    if dienst not in eigen:
        raise click.UsageError(f"dienst {dienst!r} heeft geen eigen tabellen "
                               f"(met tabellen: {', '.join(eigen) or 'geen'})")
    migraties.downgrade(url, dienst, eigen[dienst], revision)
    click.echo(f"Tabellen van dienst {dienst} teruggezet naar {revision}.")


@db_group.command("current")
@with_appcontext
def db_current() -> None:
    """Show the schema's migration and the newest one, for core and each dienst."""
    from core.migrate import current_revision, head_revision
    from core.uitbreidingen import migraties
    from core.uitbreidingen.bijdragen import uitbreidingen

    click.echo(f"database: {current_revision(db.engine)}  nieuwste: {head_revision()}")
    for slug, mig in uitbreidingen().migraties().items():
        click.echo(f"dienst {slug}: {migraties.huidig(db.engine, slug)}  "
                   f"nieuwste: {migraties.head(slug, mig)}")


@main.command("backup")
@click.argument("bestand", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_cmd(bestand: Path) -> None:
    """Write a consistent copy of the whole database to BESTAND (mode 0600): SQLite's
    online backup API, or pg_dump --format=custom on PostgreSQL."""
    from core.backup import BackupFout, backup

    try:
        uit = backup(current_app.config["DATABASE_URL"], bestand)
    except BackupFout as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backup geschreven: {uit.pad.absolute()} ({uit.grootte:,} bytes)")
    click.echo(f"  database: {uit.backend} ({uit.methode}), in {uit.duur:.2f} s")
    click.echo(f"  tijdstip: {uit.tijdstip.isoformat(timespec='seconds')}")
    click.echo(f"  schema: {uit.schema}")
    for dienst, revisie in uit.diensten.items():
        click.echo(f"  dienst {dienst}: {revisie}")
    for opmerking in uit.opmerkingen:
        click.echo(f"  {opmerking}")


@main.command("restore")
@click.argument("bestand", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--vervang", is_flag=True,
              help="Replace the contents of a database that is not empty.")
@with_appcontext
def restore_cmd(bestand: Path, vervang: bool) -> None:
    """Restore a backup of `afnemersportaal backup` into the configured database (stop
    serve and worker first); refuses a database with rows unless --vervang."""
    from core.backup import BackupFout, restore, schema_staat
    from core.uitbreidingen.bijdragen import uitbreidingen

    url = current_app.config["DATABASE_URL"]
    db.dispose(current_app)
    try:
        uit = restore(url, bestand, vervang=vervang)
    except BackupFout as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Hersteld uit {uit.pad} ({uit.backend}, {uit.methode}) in {uit.duur:.2f} s")
    for opmerking in uit.opmerkingen:
        click.echo(f"  {opmerking}")
    _actueel, regels = schema_staat(url, uitbreidingen().migraties())
    for regel in regels:
        click.echo(regel)


@main.command("demo-data")
@click.option("--tokens/--geen-tokens", "met_tokens", default=False,
              help="Also create and print a Logius and an afnemer token.")
@click.option("--scale", "schaal", type=click.IntRange(1, 100_000),
              help="Also add N afnemers with aansluitingen, contactpersonen, a webhook and "
                   "a year of daily usage each (bulk loaded; once per database).")
@click.option("--jaar", type=click.IntRange(2018, 2100),
              help="The year of the usage for --scale (default: last year).")
@click.option("--webhook-url", help="For --scale: the base URL of every afnemer's webhook "
                                    "(the afnemer id is appended).")
@with_appcontext
def demo_data(met_tokens: bool, schaal: int | None, jaar: int | None,
              webhook_url: str | None) -> None:
    """Load the demo afnemers (idempotent), and with --scale N many more."""
    import time

    from core import demo
    from core import schaal as schaaldata
    from core.tijd import vandaag

    afnemer = demo.load()
    click.echo(f"Demo-afnemer: {afnemer.naam}  id={afnemer.id}")
    if schaal:
        start = time.perf_counter()
        try:
            tellingen = schaaldata.genereer(schaal, jaar or vandaag().year - 1,
                                            webhook_url=webhook_url)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        regels = ", ".join(f"{naam} {n:,}" for naam, n in tellingen.items())
        click.echo(f"Schaaldata: {regels} in {time.perf_counter() - start:.1f} s")
    if met_tokens:
        # The demo tokens printed before are revoked: only these work.
        nieuw = demo.nieuwe_tokens(afnemer)
        click.echo(f"AFNEMER_ID={afnemer.id}")
        for variabele, token in nieuw.items():
            click.echo(f"{variabele}={token}")


@main.group("token")
def token_group() -> None:
    """API tokens."""


@token_group.command("create")
@click.option("--naam", required=True, help="What the token is for.")
@click.option("--rol", required=True, type=click.Choice([r.value for r in Rol]))
@click.option("--afnemer", "oin", help="OIN of the afnemer (required for afnemer roles).")
@click.option("--dagen", default=90, show_default=True, type=click.IntRange(1, 366))
@click.option("--dienst", help="For productteam: the dienst (slug) whose reference data "
                               "(tariffs) the token manages.")
@with_appcontext
def token_create(naam: str, rol: str, oin: str | None, dagen: int, dienst: str | None) -> None:
    """Create a token and print it once."""
    from core.afnemers.models import Afnemer
    from core.plugins import diensten

    role = Rol(rol)
    if role == Rol.PRODUCTTEAM:
        bekend = {info.slug for info in diensten().alle()}
        if dienst not in bekend:
            raise click.UsageError(
                f"--dienst is verplicht voor productteam; kies uit {', '.join(sorted(bekend))}")
    elif dienst:
        raise click.UsageError("--dienst hoort alleen bij de rol productteam")
    afnemer_id = None
    if role in AFNEMER_ROLLEN:
        if not oin:
            raise click.UsageError(f"--afnemer is verplicht voor de rol {rol}")
        afnemer_id = db.session.execute(select(Afnemer.id).where(Afnemer.oin == oin)).scalar()
        if afnemer_id is None:
            raise click.UsageError(f"geen afnemer met OIN {oin}")
    elif oin:
        raise click.UsageError(f"de rol {rol} hoort niet bij één afnemer; laat --afnemer weg")
    nieuw = tokens.issue(naam=naam, rol=role, afnemer_id=afnemer_id, dagen=dagen,
                         door="cli", productteam_dienst=dienst)
    db.session.commit()
    click.echo(nieuw.token)
    click.echo(f"geldig tot {nieuw.record.verloopt_op.isoformat()}", err=True)


@main.command("worker")
@click.option("--eenmalig", is_flag=True,
              help="Deliver what is due now, then stop (for cron or tests).")
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(0.05, 60),
              help="Seconds to wait when nothing is due.")
@with_appcontext
def worker(eenmalig: bool, interval: float) -> None:
    """Deliver the outbox: webhooks and e-mail, with retries. Stops on SIGTERM/SIGINT."""
    import signal
    import threading

    from flask import current_app

    from core.meldingen.worker import draai

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    app = current_app._get_current_object()
    click.echo(f"worker gestart (pid {os.getpid()})", err=True)
    totaal = draai(app, eenmalig=eenmalig, interval=interval, stop=stop)
    click.echo(f"worker gestopt: {totaal} bezorgingen afgehandeld", err=True)


@main.group("kosten")
def kosten_group() -> None:
    """Costs: yearly cost runs."""


@kosten_group.command("run")
@click.option("--jaar", required=True, type=click.IntRange(2000, 2100),
              help="The calendar year to compute.")
@with_appcontext
def kosten_run(jaar: int) -> None:
    """Compute every afnemer's costs of a year and store them as a kostenrun."""
    from core.kosten.run import aantal_afnemers, kostenrun, totalen_per_dienst

    with click.progressbar(length=aantal_afnemers(), label=f"Kosten {jaar}",
                           file=sys.stderr) as balk:
        run = kostenrun(jaar, door="cli", voortgang=balk.update)
    db.session.commit()
    click.echo(f"Kostenrun {run.id} ({jaar}): {run.status}")
    click.echo(f"  afnemers: {run.aantal_afnemers}  regels: {run.aantal_regels}")
    click.echo(f"  totaal excl. btw: EUR {run.totaal_excl_btw:.2f}  btw: EUR "
               f"{run.totaal_btw:.2f}  incl. btw: EUR {run.totaal_incl_btw:.2f}")
    for dienst, excl, btw, incl in totalen_per_dienst(run):
        click.echo(f"  {dienst}: excl. EUR {excl:.2f}  btw EUR {btw:.2f}  incl. EUR {incl:.2f}")
    for fout in run.fouten:
        click.echo(f"  overgeslagen: {fout['afnemer']}: {fout['reden']}", err=True)
    if run.fouten:
        sys.exit(1)


@main.group("audit")
def audit_group() -> None:
    """The audit log: check its hash chain."""


@audit_group.command("verify")
@with_appcontext
def audit_verify() -> None:
    """Walk the audit log's hash chain in id order and check every row (exit 1 on a break).

    Prints the number of rows checked and the head hash (keep it elsewhere: a later
    run that no longer reaches it shows that rows were cut off the end).
    """
    from core.audit.keten import controleer

    uitkomst = controleer(db.session.connection())
    db.session.rollback()
    if not uitkomst.in_orde:
        click.echo(f"{uitkomst.gecontroleerd} auditregels in orde, dan een breuk bij "
                   f"auditregel {uitkomst.breuk_id}: {uitkomst.reden}", err=True)
        sys.exit(1)
    click.echo(f"{uitkomst.gecontroleerd} auditregels gecontroleerd: OK")
    if uitkomst.kop_id is not None:
        click.echo(f"kop: auditregel {uitkomst.kop_id}, hash {uitkomst.kop}")


@main.group("gebruiker")
def gebruiker_group() -> None:
    """People who log in to the console."""


@gebruiker_group.command("rol")
@click.argument("email")
@click.option("--rol", required=True,
              type=click.Choice([Rol.LOGIUS_BEHEERDER.value, Rol.PRODUCTTEAM.value, "geen"]),
              help="The Logius role; 'geen' takes it away.")
@click.option("--dienst", help="For productteam: the dienst (slug) whose reference data it "
                               "manages.")
@with_appcontext
def gebruiker_rol(email: str, rol: str, dienst: str | None) -> None:
    """Give a gebruiker (who has logged in once) a Logius role."""
    from flask import current_app

    from core.gebruikers.models import Gebruiker
    from core.gebruikers.service import normaliseer_email
    from core.plugins import diensten

    if rol == Rol.PRODUCTTEAM.value:
        bekend = {info.slug for info in diensten().alle()}
        if dienst not in bekend:
            raise click.UsageError(
                f"--dienst is verplicht voor productteam; kies uit {', '.join(sorted(bekend))}")
    elif dienst:
        raise click.UsageError("--dienst hoort alleen bij de rol productteam")
    gevonden = db.session.execute(
        select(Gebruiker).where(Gebruiker.email == normaliseer_email(email),
                                Gebruiker.email_geverifieerd.is_(True))
    ).scalars().all()
    if not gevonden:
        raise click.UsageError(
            f"geen gebruiker met het geverifieerde e-mailadres {email}; die moet eerst een "
            "keer inloggen")
    from core.console.sessies import beeindig_sessies

    for gebruiker in gevonden:
        gebruiker.logius_rol = None if rol == "geen" else rol
        gebruiker.productteam_dienst = dienst
        beeindig_sessies(gebruiker.id)  # the console logs in again, with the new role
    db.session.commit()
    current_app.logger.info("logius role of %s set to %s", email, rol)
    click.echo(f"{email}: {rol}{f' ({dienst})' if dienst else ''}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


@main.group("plugin")
def plugin_group() -> None:
    """Dienst plugins: a new plugin package from the template."""


@plugin_group.command("new", with_appcontext=False)
@click.argument("naam")
@click.option("--map", "doel", default=None, type=click.Path(file_okay=True, dir_okay=True),
              help="Where the package goes (default: ./NAAM); it must not exist yet.")
def plugin_new(naam: str, doel: str | None) -> None:
    """Make a new dienst plugin package NAAM (the dienst's slug) from the template: a
    pyproject with its entry point, the hook modules, one afnemer route, a table with its
    migration, one event, one setting and a conformance test that passes as it stands."""
    from pathlib import Path

    from core.sdk.sjabloon import SjabloonFout, controleer, maak

    try:
        namen = controleer(naam)
    except SjabloonFout as exc:
        raise click.BadParameter(str(exc), param_hint="NAAM") from exc
    map_ = Path(doel) if doel else Path(naam)
    try:
        gemaakt = maak(naam, map_)
    except SjabloonFout as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Plugin {namen.distributie} (dienst {naam}, package {namen.pakket}) "
               f"gemaakt in {map_}: {len(gemaakt)} bestanden.")
    click.echo("Verder: installeren naast het portaal, de tabellen aanmaken, de "
               "conformiteitstest draaien:")
    click.echo(f"  pip install -e {map_}")
    click.echo("  afnemersportaal db upgrade")
    click.echo(f"  pytest {map_ / 'tests'}")
