"""Backup and restore of the whole database: ``afnemersportaal backup`` / ``restore``.

A copy of a running SQLite file is not a backup: in WAL mode committed rows may
still be in ``-wal`` beside it, and a copy taken during a write is torn. So SQLite
is copied with its online backup API, in steps of :data:`STAP_PAGINAS` pages: each
step reads one consistent snapshot and lets go again, and a write between two steps
makes SQLite start over, so the copy always is the database at a single moment. A
source that keeps changing faster than the steps finish is copied in one step after
:data:`MAX_HERSTARTS` restarts (in WAL mode a reader never blocks a writer).
PostgreSQL is dumped with ``pg_dump --format=custom``, which reads in one snapshot
and blocks no writer.

Either way the file holds every table in the database: core's, each dienst's own
tables and every Alembic version table (``alembic_version``,
``<slug>_alembic_version``). It is written with mode 0600 under a temporary name and
renamed into place, so a failed or interrupted backup never leaves a half file under
the name asked for.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from core.db import make_engine
from core.tijd import utcnow

#: The first bytes of each backend's backup file.
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
#: Pages per step of SQLite's backup API (4 MiB at the default page size).
STAP_PAGINAS = 1024
#: Restarts (the source changed between two steps) before one step copies all.
MAX_HERSTARTS = 3
#: Core's version table; each dienst's has its slug's prefix (``vwo_alembic_version``).
VERSIETABEL = "alembic_version"


class BackupFout(RuntimeError):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass
class Resultaat:
    """What a backup wrote or a restore read."""

    pad: Path
    backend: str
    #: Version table -> revision: ``alembic_version`` and each dienst's own.
    revisies: dict[str, str | None]
    tijdstip: datetime
    duur: float
    grootte: int = 0
    methode: str = ""
    #: Notes for the operator (restarts of the SQLite copy, tables dropped, ...).
    opmerkingen: list[str] = field(default_factory=list)

    @property
    def schema(self) -> str | None:
        return self.revisies.get(VERSIETABEL)

    @property
    def diensten(self) -> dict[str, str | None]:
        return {tabel[: -len("_" + VERSIETABEL)]: rev for tabel, rev in
                sorted(self.revisies.items()) if tabel != VERSIETABEL}


def backend_van(database_url: str) -> str:
    naam = make_url(database_url).get_backend_name()
    if naam not in ("sqlite", "postgresql"):
        raise BackupFout(f"backup kent alleen SQLite en PostgreSQL, niet {naam}")
    return naam


def soort_bestand(pad: Path) -> str | None:
    """``sqlite``, ``postgresql`` or None: which backend's backup a file is."""
    with open(pad, "rb") as bestand:
        begin = bestand.read(len(SQLITE_MAGIC))
    if begin.startswith(SQLITE_MAGIC):
        return "sqlite"
    if begin.startswith(PG_MAGIC):
        return "postgresql"
    return None


def _is_versietabel(naam: str) -> bool:
    return naam == VERSIETABEL or naam.endswith("_" + VERSIETABEL)


# -- writing the file ----------------------------------------------------------------------


def _schrijf_atomair(doel: Path, vul) -> int:
    """Have ``vul(tijdelijk_pad)`` fill a 0600 file beside ``doel``, make it durable and
    rename it to ``doel``. Returns the size."""
    doel = doel.absolute()
    if doel.is_dir():
        raise BackupFout(f"{doel} is een map; geef een bestandsnaam")
    if not doel.parent.is_dir():
        raise BackupFout(f"de map {doel.parent} bestaat niet")
    # mkstemp creates the file with O_EXCL and mode 0600, whatever the umask.
    fd, naam = tempfile.mkstemp(dir=doel.parent, prefix=f".{doel.name}.", suffix=".tmp")
    os.close(fd)
    tijdelijk = Path(naam)
    try:
        vul(tijdelijk)
        os.chmod(tijdelijk, 0o600)
        with open(tijdelijk, "rb") as bestand:
            os.fsync(bestand.fileno())
        os.replace(tijdelijk, doel)
    except BaseException:
        tijdelijk.unlink(missing_ok=True)
        raise
    map_fd = os.open(doel.parent, os.O_RDONLY)
    try:
        os.fsync(map_fd)
    finally:
        os.close(map_fd)
    return doel.stat().st_size


# -- SQLite --------------------------------------------------------------------------------


def _sqlite_pad(database_url: str) -> Path:
    naam = make_url(database_url).database
    if not naam or naam == ":memory:":
        raise BackupFout("een SQLite-database in het geheugen heeft geen backup")
    return Path(naam)


def _sqlite_open(pad: Path, modus: str) -> sqlite3.Connection:
    uri = f"file:{urllib.parse.quote(str(pad.absolute()))}?mode={modus}"
    verbinding = sqlite3.connect(uri, uri=True, isolation_level=None)
    verbinding.execute("PRAGMA busy_timeout=5000")
    return verbinding


def _sqlite_revisies(verbinding: sqlite3.Connection) -> dict[str, str | None]:
    tabellen = [r[0] for r in verbinding.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    uit = {}
    for tabel in sorted(filter(_is_versietabel, tabellen)):
        rij = verbinding.execute(f'SELECT version_num FROM "{tabel}"').fetchone()  # nosec B608: a table name from sqlite_master
        uit[tabel] = rij[0] if rij else None
    return uit


def _sqlite_gevuld(verbinding: sqlite3.Connection) -> list[str]:
    """The tables with at least one row, version tables left out."""
    tabellen = [r[0] for r in verbinding.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return [t for t in sorted(tabellen) if not _is_versietabel(t)
            and verbinding.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()]  # nosec B608: a table name from sqlite_master


class _TeVaakHerstart(Exception):
    pass


def _sqlite_kopieer(bron: sqlite3.Connection, doel: sqlite3.Connection) -> int:
    """Copy ``bron`` into ``doel`` with the backup API; returns the number of restarts."""
    herstarts = 0
    vorige: int | None = None

    def voortgang(_status: int, over: int, _totaal: int) -> None:
        nonlocal herstarts, vorige
        if vorige is not None and over > vorige:  # the source changed: SQLite restarted
            herstarts += 1
            if herstarts > MAX_HERSTARTS:
                raise _TeVaakHerstart
        vorige = over

    try:
        bron.backup(doel, pages=STAP_PAGINAS, progress=voortgang, sleep=0.01)
    except _TeVaakHerstart:
        # Abandoned before the end, the destination's transaction was rolled back.
        bron.backup(doel, pages=-1)
    return herstarts


def _sqlite_backup(database_url: str, doel: Path) -> Resultaat:
    bronpad = _sqlite_pad(database_url)
    if not bronpad.is_file():
        raise BackupFout(f"de SQLite-database {bronpad} bestaat niet")
    resultaat = Resultaat(pad=doel, backend="sqlite", revisies={}, tijdstip=utcnow(),
                          duur=0.0, methode="SQLite online backup-API")

    def vul(tijdelijk: Path) -> None:
        bron = _sqlite_open(bronpad, "rw")
        kopie = _sqlite_open(tijdelijk, "rw")
        try:
            resultaat.tijdstip = utcnow()
            herstarts = _sqlite_kopieer(bron, kopie)
            if herstarts:
                resultaat.opmerkingen.append(
                    f"de database veranderde tijdens het kopiëren; {herstarts}x opnieuw begonnen")
            # One self-contained file: the copy takes the source's WAL flag otherwise.
            kopie.execute("PRAGMA journal_mode=DELETE")
            controle = kopie.execute("PRAGMA quick_check").fetchone()[0]
            if controle != "ok":
                raise BackupFout(f"de kopie is beschadigd: {controle}")
            resultaat.revisies = _sqlite_revisies(kopie)
        finally:
            kopie.close()
            bron.close()

    start = time.perf_counter()
    resultaat.grootte = _schrijf_atomair(doel, vul)
    resultaat.duur = time.perf_counter() - start
    return resultaat


def _sqlite_restore(database_url: str, bestand: Path, vervang: bool) -> Resultaat:
    doelpad = _sqlite_pad(database_url)
    bron = _sqlite_open(bestand, "ro")
    try:
        controle = bron.execute("PRAGMA quick_check").fetchone()[0]
        if controle != "ok":
            raise BackupFout(f"{bestand} is beschadigd: {controle}")
        revisies = _sqlite_revisies(bron)
        if VERSIETABEL not in revisies:
            raise BackupFout(f"{bestand} is geen backup van het afnemersportaal "
                             "(geen tabel alembic_version)")
        if not doelpad.parent.is_dir():
            raise BackupFout(f"de map {doelpad.parent} bestaat niet")
        doel = sqlite3.connect(str(doelpad), isolation_level=None)
        try:
            doel.execute("PRAGMA busy_timeout=5000")
            gevuld = _sqlite_gevuld(doel)
            if gevuld and not vervang:
                raise _niet_leeg(database_url, gevuld)
            resultaat = Resultaat(pad=bestand, backend="sqlite", revisies=revisies,
                                  tijdstip=utcnow(), duur=0.0,
                                  methode="SQLite online backup-API")
            start = time.perf_counter()
            # One step: the target changes in a single write transaction, and a reader
            # sees either all of the old database or all of the restored one.
            bron.backup(doel, pages=-1)
            doel.execute("PRAGMA journal_mode=WAL")
            resultaat.duur = time.perf_counter() - start
        finally:
            doel.close()
    finally:
        bron.close()
    resultaat.grootte = bestand.stat().st_size
    return resultaat


# -- PostgreSQL ----------------------------------------------------------------------------


def _pg_verbinding(database_url: str) -> tuple[str, dict[str, str]]:
    """The libpq connection URI without the password, and the environment with the
    password in ``PGPASSWORD``: a password is never on a command line (``ps`` shows it)."""
    url = make_url(database_url)
    omgeving = dict(os.environ)
    if url.password:
        omgeving["PGPASSWORD"] = str(url.password)
    uri = url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)
    return uri, omgeving


def _hoofdversie(programma: str) -> int | None:
    try:
        uit = subprocess.run([programma, "--version"], capture_output=True, text=True,
                             timeout=30).stdout
    except OSError:
        return None
    gevonden = re.search(r"\)\s+(\d+)", uit)
    return int(gevonden.group(1)) if gevonden else None


def pg_programma(naam: str, server: int) -> str:
    """``pg_dump`` or ``pg_restore`` for a server of major version ``server``: from PATH
    or Debian's ``/usr/lib/postgresql/<versie>/bin``; the one of the server's own version
    if there are several, else the oldest newer one (an older one refuses the server)."""
    kandidaten = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{naam}"))
    if gevonden := shutil.which(naam):
        kandidaten.append(gevonden)
    versies = {pad: _hoofdversie(pad) for pad in dict.fromkeys(kandidaten)}
    passend = sorted((v, pad) for pad, v in versies.items() if v is not None and v >= server)
    for versie, pad in passend:
        if versie == server:
            return pad
    if passend:
        return passend[0][1]
    gezien = ", ".join(f"{pad} ({v})" for pad, v in versies.items()) or "geen"
    raise BackupFout(
        f"{naam} voor PostgreSQL {server} niet gevonden (gezien: {gezien}); installeer "
        f"postgresql-client-{server} of zet {naam} van versie {server} of nieuwer op PATH")


def _pg_server(database_url: str, tellen: bool = True) -> tuple[int, list[str]]:
    """The server's major version and the tables with rows (version tables left out;
    none looked at unless ``tellen``)."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as verbinding:
            versie = int(verbinding.execute(text("SHOW server_version_num")).scalar()) // 10000
            tabellen = inspect(verbinding).get_table_names() if tellen else []
            gevuld = [t for t in sorted(tabellen) if not _is_versietabel(t)
                      and verbinding.execute(text(f'SELECT 1 FROM "{t}" LIMIT 1')).first()]  # nosec B608: a table name from the catalogue
        return versie, gevuld
    finally:
        engine.dispose()


def _draai(args: list[str], omgeving: dict[str, str], wat: str) -> str:
    proces = subprocess.run(args, env=omgeving, capture_output=True, text=True)
    if proces.returncode != 0:
        raise BackupFout(f"{wat} mislukt (exit {proces.returncode}): "
                         f"{proces.stderr.strip()[-2000:]}")
    return proces.stdout


_DATA = re.compile(r"^\d+; \d+ \d+ TABLE DATA (\S+) (\S+) ", re.MULTILINE)
_COPY = re.compile(r"^COPY (?:\S+\.)?\"?(\w+)\"? \(version_num\) FROM stdin;\n(.*?)^\\\.$",
                   re.MULTILINE | re.DOTALL)


def _pg_revisies(pg_restore: str, bestand: Path) -> tuple[dict[str, str | None], set[str]]:
    """The revisions in a dump's version tables, and every table the dump holds."""
    inhoud = _draai([pg_restore, "--list", str(bestand)], dict(os.environ),
                    f"pg_restore --list {bestand}")
    tabellen = {tabel for _schema, tabel in _DATA.findall(inhoud)}
    tabellen |= set(re.findall(r"^\d+; \d+ \d+ TABLE (?!DATA )\S+ (\S+) ", inhoud,
                               re.MULTILINE))
    versietabellen = sorted(filter(_is_versietabel, tabellen))
    revisies: dict[str, str | None] = dict.fromkeys(versietabellen)
    if versietabellen:
        args = [pg_restore, "--data-only", "--file=-"]
        args += [f"--table={t}" for t in versietabellen]
        sql = _draai([*args, str(bestand)], dict(os.environ), "pg_restore --data-only")
        for tabel, rijen in _COPY.findall(sql):
            revisies[tabel] = rijen.strip().splitlines()[0] if rijen.strip() else None
    return revisies, tabellen


def _pg_backup(database_url: str, doel: Path) -> Resultaat:
    uri, omgeving = _pg_verbinding(database_url)
    server, _gevuld = _pg_server(database_url, tellen=False)
    pg_dump = pg_programma("pg_dump", server)
    pg_restore = pg_programma("pg_restore", server)
    resultaat = Resultaat(pad=doel, backend="postgresql", revisies={}, tijdstip=utcnow(),
                          duur=0.0, methode=f"pg_dump --format=custom (PostgreSQL {server})")

    def vul(tijdelijk: Path) -> None:
        resultaat.tijdstip = utcnow()
        # --file into the 0600 file made for it: pg_dump truncates it, the mode stays.
        _draai([pg_dump, "--format=custom", "--no-password", f"--file={tijdelijk}",
                f"--dbname={uri}"], omgeving, "pg_dump")
        resultaat.revisies, _tabellen = _pg_revisies(pg_restore, tijdelijk)

    start = time.perf_counter()
    resultaat.grootte = _schrijf_atomair(doel, vul)
    resultaat.duur = time.perf_counter() - start
    return resultaat


def _pg_restore(database_url: str, bestand: Path, vervang: bool) -> Resultaat:
    uri, omgeving = _pg_verbinding(database_url)
    server, gevuld = _pg_server(database_url)
    pg_restore = pg_programma("pg_restore", server)
    revisies, in_dump = _pg_revisies(pg_restore, bestand)
    if VERSIETABEL not in revisies:
        raise BackupFout(f"{bestand} is geen backup van het afnemersportaal "
                         "(geen tabel alembic_version)")
    if gevuld and not vervang:
        raise _niet_leeg(database_url, gevuld)
    resultaat = Resultaat(pad=bestand, backend="postgresql", revisies=revisies,
                          tijdstip=utcnow(), duur=0.0,
                          methode=f"pg_restore (PostgreSQL {server})")
    start = time.perf_counter()
    # Tables the backup does not hold (a later migration's) would survive --clean and
    # then contradict the restored schema revision: they go first.
    engine = make_engine(database_url)
    try:
        with engine.begin() as verbinding:
            overig = sorted(set(inspect(verbinding).get_table_names()) - in_dump)
            for tabel in overig:
                verbinding.execute(text(f'DROP TABLE IF EXISTS "{tabel}" CASCADE'))
    finally:
        engine.dispose()
    if overig:
        resultaat.opmerkingen.append(
            f"tabellen die niet in de backup staan verwijderd: {', '.join(overig)}")
    _draai([pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction",
            "--exit-on-error", "--no-password", f"--dbname={uri}", str(bestand)],
           omgeving, "pg_restore")
    resultaat.duur = time.perf_counter() - start
    resultaat.grootte = bestand.stat().st_size
    return resultaat


# -- the two operations --------------------------------------------------------------------


def _niet_leeg(database_url: str, gevuld: list[str]) -> BackupFout:
    getoond = ", ".join(gevuld[:5]) + (f" en {len(gevuld) - 5} meer" if len(gevuld) > 5 else "")
    return BackupFout(
        f"de database {make_url(database_url).render_as_string(hide_password=True)} is niet "
        f"leeg (rijen in {getoond}); herstellen zou die overschrijven. Geef --vervang om "
        "haar inhoud door de backup te vervangen.")


def backup(database_url: str, doel: Path) -> Resultaat:
    """Write a consistent copy of the whole database to ``doel`` (mode 0600)."""
    try:
        if backend_van(database_url) == "sqlite":
            return _sqlite_backup(database_url, doel)
        return _pg_backup(database_url, doel)
    except (sqlite3.Error, OSError) as exc:
        raise BackupFout(f"backup naar {doel} mislukt: {exc}") from exc


def restore(database_url: str, bestand: Path, vervang: bool = False) -> Resultaat:
    """Restore ``bestand`` into the database. Refuses a database with rows unless
    ``vervang``, and a backup of the other backend."""
    backend = backend_van(database_url)
    if not bestand.is_file():
        raise BackupFout(f"{bestand} bestaat niet")
    try:
        soort = soort_bestand(bestand)
    except OSError as exc:
        raise BackupFout(f"{bestand} is niet te lezen: {exc}") from exc
    if soort is None:
        raise BackupFout(f"{bestand} is geen backup van dit programma (geen SQLite-bestand "
                         "en geen pg_dump-archief in custom-formaat)")
    if soort != backend:
        namen = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupFout(
            f"{bestand} is een {namen[soort]}-backup, maar de geconfigureerde database is "
            f"{namen[backend]}; herstel hem in een {namen[soort]}-database (zet "
            "AFNEMERSPORTAAL_DATABASE_URL), of zet de gegevens over met een eigen export")
    try:
        if backend == "sqlite":
            return _sqlite_restore(database_url, bestand, vervang)
        return _pg_restore(database_url, bestand, vervang)
    except (sqlite3.Error, OSError) as exc:
        raise BackupFout(f"herstel uit {bestand} mislukt: {exc}") from exc


def schema_staat(database_url: str, migraties: dict) -> tuple[bool, list[str]]:
    """Whether the (restored) database's schema is what this code expects: core's
    revision (core/migrate.py) and every installed dienst's; with lines to print."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from core.migrate import MIGRATIONS, UPGRADE_COMMAND, current_revision, head_revision
    from core.uitbreidingen import migraties as dienstmigraties

    engine = make_engine(database_url)
    try:
        huidig, nieuwste = current_revision(engine), head_revision()
        achter = dienstmigraties.achter(engine, migraties)
    finally:
        engine.dispose()
    if huidig == nieuwste and not achter:
        return True, [f"Schema staat op {huidig}, de nieuwste migratie van deze code: "
                      "geen upgrade nodig."]
    try:
        bekend = ScriptDirectory(str(MIGRATIONS)).get_revision(huidig) is not None
    except CommandError:
        bekend = False
    if huidig is not None and not bekend:
        return False, [f"Schema staat op {huidig}, een migratie die deze code niet kent: de "
                       "backup is van een nieuwere versie. Installeer die versie (een "
                       "downgrade kan deze code niet doen)."]
    regels = []
    if huidig != nieuwste:
        regels.append(f"Schema staat op {huidig}; de code verwacht {nieuwste}.")
    regels += [regel[0].upper() + regel[1:] + "." for regel in achter]
    regels.append(f"Voer uit: {UPGRADE_COMMAND}")
    return False, regels
