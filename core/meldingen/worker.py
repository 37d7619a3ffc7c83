"""The delivery worker: takes due deliveries from the outbox and sends them.

- **Claiming.** One statement marks a batch of due deliveries as taken until
  ``now + lease`` and returns them: ``UPDATE ... WHERE id IN (SELECT ... FOR UPDATE
  SKIP LOCKED)``. On PostgreSQL several workers run side by side without taking the
  same row; SQLite runs the statement under its write lock (one worker at a time).
- **At least once.** A worker that dies (even by SIGKILL) leaves its claims behind;
  when the lease runs out, another worker takes them. A delivery sent just before
  the crash is then sent again, with the same message id, so receivers can drop the
  duplicate (Standard Webhooks: ``webhook-id``).
- **Retries** back off exponentially with jitter; after ``WEBHOOK_MAX_POGINGEN``
  attempts a delivery is dead (``dood``) until someone asks to redeliver it. Every
  attempt is kept in its history (:mod:`core.meldingen.pogingen`), and an endpoint that
  fails for days on end is switched off there.
- **Fairness.** Attempts are recorded as they end and a free thread takes the next due
  delivery at once (:class:`Zender`); no endpoint has more than ``per_endpoint``
  attempts in flight, so one afnemer's hanging endpoints do not hold the others'.
- **Throughput.** The sending threads share one HTTP connection pool (urllib3, with
  the proxy and CA settings of the environment) and each keeps its SMTP connection
  open between deliveries; a mail is built with the ``email`` package's compat32
  classes; decrypted secrets and their signers are cached per process; the outcomes
  that end together are written with one statement for all successes and one per failure.
"""

from __future__ import annotations

import functools
import logging
import os
import random
import smtplib
import socket
import ssl
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.charset import Charset
from email.header import Header
from email.message import EmailMessage
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import formatdate, make_msgid, parseaddr, parsedate_to_datetime

import requests
import urllib3
from cryptography.fernet import InvalidToken
from flask import Flask
from sqlalchemy import Update, any_, func, or_, select, update
from standardwebhooks import Webhook

from core.db import db, utcnow
from core.meldingen import cloudevents
from core.meldingen import pogingen as poginglog
from core.meldingen.adressen import NietPubliek, publieke_pool
from core.meldingen.geheimen import ontsleutel
from core.meldingen.models import (
    Bezorging,
    BezorgStatus,
    Gebeurtenis,
    Kanaal,
    WebhookEndpoint,
    WorkerHartslag,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Instellingen:
    batch: int = 50
    lease: timedelta = timedelta(seconds=60)
    max_pogingen: int = 8
    backoff_basis: float = 30.0
    backoff_max: float = 6 * 3600.0
    http_timeout: float = 10.0
    threads: int = 16
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    afzender: str = "Afnemersportaal <noreply@afnemersportaal.example>"
    secret_key: str = ""
    #: Earlier secret keys, after a rotation: they still decrypt, the current one encrypts.
    oude_sleutels: tuple[str, ...] = ()
    #: Whether this worker also writes due reminders (one planning worker is enough).
    plannen: bool = True
    #: Outside development a webhook connects only to public addresses (core.meldingen.
    #: adressen), checked on the address actually connected to.
    alleen_publiek: bool = False
    #: Deliveries to one endpoint in flight at once (per worker): a hanging endpoint
    #: holds at most this many of the sending threads.
    per_endpoint: int = 2
    #: An endpoint failing for longer than this is switched off (core.meldingen.pogingen).
    uitschakelen_na: timedelta = timedelta(days=5)
    #: Attempts kept per delivery.
    pogingen_bewaard: int = 50
    #: The CloudEvents ``source`` and the base URL of ``dataref`` (core.meldingen.cloudevents).
    bron: str = cloudevents.STANDAARD_BRON
    basis_url: str = ""

    @classmethod
    def van(cls, app: Flask, **overrides) -> Instellingen:
        c = app.config
        values = dict(
            batch=c["WORKER_BATCH"], lease=timedelta(seconds=c["WORKER_LEASE_SECONDS"]),
            max_pogingen=c["WEBHOOK_MAX_POGINGEN"], backoff_basis=c["WEBHOOK_BACKOFF_BASIS"],
            backoff_max=c["WEBHOOK_BACKOFF_MAX"], http_timeout=c["WEBHOOK_TIMEOUT"],
            threads=c["WORKER_THREADS"], smtp_host=c["SMTP_HOST"], smtp_port=c["SMTP_PORT"],
            afzender=c["MAIL_AFZENDER"], secret_key=c["SECRET_KEY"],
            oude_sleutels=tuple(k.strip() for k in c["OUDE_SECRET_KEYS"].split(",")
                                if k.strip()),
            plannen=c["WORKER_PLANNER"], alleen_publiek=c["ENVIRONMENT"] != "development",
            bron=c["CLOUDEVENTS_BRON"], basis_url=c["PUBLIC_URL"],
        )
        values.update(
            per_endpoint=c["WEBHOOK_GELIJKTIJDIG_PER_ENDPOINT"],
            uitschakelen_na=timedelta(seconds=c["WEBHOOK_UITSCHAKELEN_NA"]),
            pogingen_bewaard=c["WEBHOOK_POGINGEN_BEWAARD"])
        values.update(overrides)
        return cls(**values)


def wachttijd(poging: int, inst: Instellingen, rng: random.Random = random) -> float:
    """Seconds before the next attempt after ``poging`` failed attempts.

    Exponential (basis x 2^(poging-1), capped) with 'equal jitter': half of it is
    fixed, the other half random, so retries of many deliveries spread out but never
    come sooner than half the nominal wait.
    """
    nominaal = min(inst.backoff_max, inst.backoff_basis * 2 ** max(0, poging - 1))
    return nominaal / 2 + rng.uniform(0, nominaal / 2)


@dataclass
class Klus:
    """What the sending threads need, read before the claim's transaction ends."""

    id: uuid.UUID
    kanaal: str
    adres: str
    pogingen: int
    gebeurtenis_id: uuid.UUID
    type: str
    onderwerp: str
    tekst: str
    data: dict
    aangemaakt_op: datetime
    geheim: str | None
    #: Why this delivery cannot be sent at all (its secret does not decrypt), if so.
    fout: str | None = None
    webhook_id: uuid.UUID | None = None
    #: After a rotation of the endpoint's secret, during the overlap: the previous one,
    #: signed with as well.
    vorig_geheim: str | None = None
    #: Attempts before this one, across redeliveries (its number in the history is one more).
    pogingen_totaal: int = 0
    #: The delivery's afnemer (``None`` for Logius' own mail).
    voor_afnemer: uuid.UUID | None = None
    afnemer_id: uuid.UUID | None = None


def claim_opdracht(inst: Instellingen, nu: datetime, dialect: str,
                   aantal: int | None = None) -> Update:
    """The statement that claims the next batch (at most ``aantal``) and returns its keys.

    Fair to every endpoint: no endpoint gets more than ``per_endpoint`` deliveries in
    flight. An endpoint already at its cap (claims not yet run out) is passed over
    while choosing, so its backlog cannot fill the batch; of the rest, each endpoint's
    first deliveries up to what its cap leaves are taken (a window over the chosen
    rows, numbered per endpoint). E-mail has no endpoint and no cap.
    """
    aantal = inst.batch if aantal is None else aantal
    bezig = (select(Bezorging.webhook_id, func.count().label("n"))
             .where(Bezorging.status == BezorgStatus.WACHTEND.value,
                    Bezorging.webhook_id.is_not(None), Bezorging.geclaimd_tot >= nu)
             .group_by(Bezorging.webhook_id))
    vol = bezig.having(func.count() >= inst.per_endpoint).with_only_columns(
        Bezorging.webhook_id)
    kandidaten = (
        select(Bezorging.id, Bezorging.webhook_id, Bezorging.volgende_poging_op)
        .where(Bezorging.status == BezorgStatus.WACHTEND.value,
               Bezorging.volgende_poging_op <= nu,
               or_(Bezorging.geclaimd_tot.is_(None), Bezorging.geclaimd_tot < nu),
               or_(Bezorging.webhook_id.is_(None), Bezorging.webhook_id.not_in(vol)))
        .order_by(Bezorging.volgende_poging_op)
        .limit(aantal * 4)
        .with_for_update(skip_locked=True)
        .subquery("kandidaten")
    )
    lopend = bezig.subquery("lopend")
    rang = func.row_number().over(partition_by=kandidaten.c.webhook_id,
                                  order_by=(kandidaten.c.volgende_poging_op, kandidaten.c.id))
    genummerd = (
        select(kandidaten.c.id, kandidaten.c.webhook_id, kandidaten.c.volgende_poging_op,
               (rang + func.coalesce(lopend.c.n, 0)).label("plaats"))
        .select_from(kandidaten.outerjoin(lopend, lopend.c.webhook_id == kandidaten.c.webhook_id))
        .subquery("genummerd")
    )
    te_doen = (
        select(genummerd.c.id)
        .where(or_(genummerd.c.webhook_id.is_(None), genummerd.c.plaats <= inst.per_endpoint))
        .order_by(genummerd.c.volgende_poging_op)
        .limit(aantal)
    )
    if dialect == "postgresql":
        # The batch is chosen and locked once, as an array, and claimed by key. As a
        # subquery in ``id IN (...)``, a plan made while the outbox was empty (idle
        # workers poll it, and the driver prepares the claim) ran the choice again for
        # every row of the table once an announcement to 2,000 afnemers had filled it:
        # a claim took seconds and took far more than its batch, leases ran out and
        # other workers sent the same events again. tests/meldingen/test_claim_plan.py
        # makes that plan.
        gekozen = Bezorging.id == any_(func.array(te_doen.scalar_subquery()))
    else:
        # SQLite has no arrays and keeps no plans between connections; it serialises
        # writers, so the plain subquery claims exactly one batch there.
        gekozen = Bezorging.id.in_(te_doen.scalar_subquery())
    return (update(Bezorging).where(gekozen).values(geclaimd_tot=nu + inst.lease)
            .returning(Bezorging.id))


def claim(inst: Instellingen, *, werker: str = "", aantal: int | None = None) -> list[Klus]:
    nu = utcnow()
    opdracht = claim_opdracht(inst, nu, db.session.get_bind().dialect.name, aantal)
    ids = db.session.scalars(opdracht, execution_options={"synchronize_session": False}).all()
    if not ids:
        db.session.commit()
        return []
    rows = db.session.execute(
        select(Bezorging, Gebeurtenis, WebhookEndpoint.geheim_versleuteld, WebhookEndpoint.url,
               WebhookEndpoint.geheim_vorig_versleuteld, WebhookEndpoint.geheim_vorig_tot)
        .join(Gebeurtenis, Bezorging.gebeurtenis_id == Gebeurtenis.id)
        .outerjoin(WebhookEndpoint, Bezorging.webhook_id == WebhookEndpoint.id)
        .where(Bezorging.id.in_(ids))
    ).all()
    db.session.commit()
    klussen = []
    for b, g, versleuteld, url, vorig_versleuteld, vorig_tot in rows:
        geheim, fout, vorig = None, None, None
        if versleuteld:
            try:
                geheim = _ontsleuteld(versleuteld, inst.secret_key, inst.oude_sleutels)
                if vorig_versleuteld and vorig_tot is not None and vorig_tot > nu:
                    vorig = _ontsleuteld(vorig_versleuteld, inst.secret_key,
                                         inst.oude_sleutels)
            except InvalidToken:  # a key rotated without its old one: this one only
                fout = ("sleutel: het geheim van het endpoint is met geen van de sleutels "
                        "te ontsleutelen (zet de vorige in OUDE_SECRET_KEYS)")
        klussen.append(Klus(
            # A webhook goes to its endpoint's URL as it is now: a PATCH of the URL
            # also moves retries and redeliveries of earlier events.
            id=b.id, kanaal=b.kanaal, adres=url or b.adres, pogingen=b.pogingen,
            gebeurtenis_id=g.id, type=g.type, onderwerp=g.onderwerp, tekst=g.tekst,
            data=g.data, aangemaakt_op=g.aangemaakt_op, geheim=geheim, fout=fout,
            webhook_id=b.webhook_id, vorig_geheim=vorig, pogingen_totaal=b.pogingen_totaal,
            voor_afnemer=b.afnemer_id, afnemer_id=g.afnemer_id))
    return klussen


@functools.lru_cache(maxsize=4096)
def _ontsleuteld(versleuteld: str, secret_key: str, oude: tuple[str, ...] = ()) -> str:
    """Decrypting is costly and the ciphertext of an endpoint never changes."""
    return ontsleutel(versleuteld, secret_key, oude)


@functools.lru_cache(maxsize=4096)
def _ondertekenaar(geheim: str) -> Webhook:
    return Webhook(geheim)


def payload(klus: Klus, inst: Instellingen) -> str:
    """The webhook body: a CloudEvent in the NL GOV profile (core.meldingen.cloudevents)."""
    return cloudevents.body(
        gebeurtenis_id=klus.gebeurtenis_id, type_=klus.type, aangemaakt_op=klus.aangemaakt_op,
        onderwerp=klus.onderwerp, tekst=klus.tekst, data=klus.data, afnemer_id=klus.afnemer_id,
        bron=inst.bron, basis_url=inst.basis_url)


_lokaal = threading.local()


class _Http:
    """Connection pools for the webhooks, shared by the sending threads (urllib3 pools
    are thread-safe): a delivery to a known host is one request on a kept connection.

    Like requests, it takes the proxy from ``HTTPS_PROXY``/``HTTP_PROXY`` (not for hosts
    in ``NO_PROXY``) and the CA bundle from ``REQUESTS_CA_BUNDLE`` or ``CURL_CA_BUNDLE``,
    else certifi's. urllib3 itself costs a third of the CPU of a requests session per
    delivery, which is most of a delivery's cost.
    """

    def __init__(self, verbindingen: int, alleen_publiek: bool = False) -> None:
        ca = (os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
              or requests.certs.where())
        self._opties = {"maxsize": verbindingen, "ca_certs": ca, "cert_reqs": "CERT_REQUIRED"}
        self._direct = (publieke_pool(num_pools=50, **self._opties) if alleen_publiek
                        else urllib3.PoolManager(num_pools=50, **self._opties))
        self._proxies = {schema: url for schema, url in urllib.request.getproxies().items()
                         if schema in ("http", "https")}
        self._via: dict[str, urllib3.ProxyManager] = {}
        self._slot = threading.Lock()

    def pool(self, url: str) -> urllib3.PoolManager:
        if not self._proxies:
            return self._direct
        deel = urllib3.util.parse_url(url)
        proxy = self._proxies.get(deel.scheme or "")
        if proxy is None or urllib.request.proxy_bypass(deel.host or ""):
            return self._direct
        with self._slot:
            if proxy not in self._via:
                self._via[proxy] = urllib3.ProxyManager(proxy, num_pools=50, **self._opties)
            return self._via[proxy]

    def post(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        return self.verstuur(url, body, headers, timeout).status

    def verstuur(self, url: str, body: bytes, headers: dict[str, str],
                 timeout: float) -> urllib3.BaseHTTPResponse:
        return self.pool(url).request(
            "POST", url, body=body, headers=headers, redirect=False, retries=False,
            timeout=urllib3.Timeout(connect=timeout, read=timeout))


@functools.cache
def _http(verbindingen: int, alleen_publiek: bool = False) -> _Http:
    return _Http(verbindingen, alleen_publiek)


def verstuur_webhook(klus: Klus, inst: Instellingen) -> int:
    body = payload(klus, inst)
    msg_id = str(klus.gebeurtenis_id)  # the CloudEvent's id: one per event, on every attempt
    nu = datetime.fromtimestamp(int(time.time()), UTC)  # the library reads it as UTC
    handtekening = handtekeningen(klus, msg_id, nu, body)
    antwoord = _http(inst.threads, inst.alleen_publiek).verstuur(
        klus.adres, body.encode(), timeout=inst.http_timeout,
        headers={"Content-Type": cloudevents.MEDIA_TYPE, "webhook-id": msg_id,
                 "webhook-timestamp": str(int(nu.timestamp())),
                 "webhook-signature": handtekening,
                 "User-Agent": "Afnemersportaal-webhooks/1"},
    )
    if not 200 <= antwoord.status < 300:
        raise HttpStatus(antwoord.status, _retry_after(antwoord.headers.get("Retry-After")))
    return antwoord.status


def handtekeningen(klus: Klus, msg_id: str, moment: datetime, body: str) -> str:
    """``webhook-signature``: ``v1,<sig>`` with the endpoint's secret and, during the
    overlap after a rotation, a second one with the previous secret, space-separated
    (Standard Webhooks), so a receiver that still knows only the old secret verifies."""
    geheimen = [klus.geheim or "", *([klus.vorig_geheim] if klus.vorig_geheim else [])]
    return " ".join(_ondertekenaar(g).sign(msg_id, moment, body) for g in geheimen)


def _retry_after(waarde: str | None) -> float | None:
    """Seconds from a Retry-After header (seconds, or an HTTP date), if it has one."""
    if not waarde:
        return None
    if waarde.strip().isdigit():
        return float(waarde.strip())
    try:
        moment = parsedate_to_datetime(waarde)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


class HttpStatus(RuntimeError):
    """The receiver answered, but not with 2xx; with its Retry-After, if it gave one."""

    def __init__(self, status: int, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.retry_after = retry_after


class Fout(str):
    """Why an attempt failed (the text the afnemer reads), and what follows from the
    answer: wait at least ``wacht`` seconds (429 or 503 with Retry-After), or switch the
    endpoint off (410 Gone: the receiver says it is gone for good)."""

    wacht: float | None = None
    uitschakelen: bool = False


def foutsoort(exc: BaseException) -> str:
    """What an afnemer reads of a failed webhook delivery: a coarse category, never the
    connection's own words ("connection refused", "reset", "wrong version number"),
    which would make the worker a port scanner of whatever a URL points at. The full
    error goes to the server's log."""
    if isinstance(exc, HttpStatus):
        return f"http-status {exc.status}"
    if isinstance(exc, NietPubliek):
        return "geweigerd: geen publiek adres"
    if isinstance(exc, urllib3.exceptions.NewConnectionError):  # refused, unreachable, DNS
        return "geweigerd"  # (urllib3 makes it a ConnectTimeoutError too: ask first)
    if isinstance(exc, (TimeoutError, urllib3.exceptions.TimeoutError)):
        return "timeout"
    if isinstance(exc, (ssl.SSLError, urllib3.exceptions.SSLError)):
        return "tls"
    return "geweigerd"


#: UTF-8 bodies as 8bit, as ``EmailMessage.set_content`` writes short lines.
_UTF8 = Charset("utf-8")
_UTF8.body_encoding = None
#: SMTP ends lines with CRLF (RFC 5321 2.3.8). smtplib fixes bare LFs only in a str
#: message, not in bytes: written with LF, a message longer than 1,000 bytes reached a
#: strict server as one overlong line, and was refused.
_CRLF = compat32.clone(linesep="\r\n")


def mail(klus: Klus, inst: Instellingen) -> EmailMessage | MIMEText:
    """The e-mail of a delivery. ASCII addresses (nearly all) get a compat32
    ``MIMEText``: the same message on the wire for a quarter of the CPU of an
    ``EmailMessage``, whose header objects cost more than sending it. An address
    outside ASCII needs SMTPUTF8, which ``EmailMessage`` and ``send_message`` handle."""
    artikel = klus.data.get("artikel")
    tekst = klus.tekst + (f"\n\nGrondslag: {artikel}." if artikel else "")
    if klus.adres.isascii() and inst.afzender.isascii():
        bericht = MIMEText(tekst if tekst.endswith("\n") else tekst + "\n", "plain", _UTF8)
        onderwerp = klus.onderwerp if klus.onderwerp.isascii() else Header(klus.onderwerp, "utf-8")
    else:
        bericht, onderwerp = EmailMessage(), klus.onderwerp
        bericht.set_content(tekst)
    bericht["From"] = inst.afzender
    bericht["To"] = klus.adres
    bericht["Subject"] = onderwerp
    bericht["Date"] = formatdate(klus.aangemaakt_op.timestamp(), localtime=False)
    # Stable across retries, so a mail client shows a resent message only once.
    bericht["Message-ID"] = make_msgid(idstring=f"{klus.gebeurtenis_id.hex}.{klus.id.hex}",
                                       domain="afnemersportaal.example")
    bericht["X-Afnemersportaal-Gebeurtenis"] = str(klus.gebeurtenis_id)
    bericht["X-Afnemersportaal-Type"] = klus.type
    return bericht


def _stuur(smtp: smtplib.SMTP, bericht: EmailMessage | MIMEText, inst: Instellingen,
           klus: Klus) -> None:
    if isinstance(bericht, EmailMessage):
        smtp.send_message(bericht)
    else:
        smtp.sendmail(parseaddr(inst.afzender)[1], [klus.adres], bericht.as_bytes(policy=_CRLF))


def verstuur_email(klus: Klus, inst: Instellingen) -> None:
    bericht = mail(klus, inst)
    sleutel = (inst.smtp_host, inst.smtp_port)
    open_, smtp = getattr(_lokaal, "smtp", (None, None))
    if smtp is not None and open_ == sleutel:
        try:
            _stuur(smtp, bericht, inst, klus)
            return
        except (smtplib.SMTPServerDisconnected, OSError):
            pass  # the server closed an idle connection: open a new one below
        except smtplib.SMTPException:
            _sluit_smtp()
            raise
    _sluit_smtp()
    smtp = smtplib.SMTP(inst.smtp_host, inst.smtp_port, timeout=inst.http_timeout)
    _lokaal.smtp = (sleutel, smtp)
    with _smtp_slot:
        _smtp_open.add(smtp)
    try:
        _stuur(smtp, bericht, inst, klus)
    except Exception:
        _sluit_smtp()
        raise


#: Every SMTP connection the sending threads hold, so the worker closes them on stopping.
_smtp_open: set[smtplib.SMTP] = set()
_smtp_slot = threading.Lock()


def _sluit_smtp() -> None:
    _open, smtp = getattr(_lokaal, "smtp", (None, None))
    _lokaal.smtp = (None, None)
    if smtp is not None:
        _sluit(smtp)


def _sluit(smtp: smtplib.SMTP) -> None:
    with _smtp_slot:
        _smtp_open.discard(smtp)
    try:
        smtp.quit()
    except Exception:
        smtp.close()


def sluit_verbindingen() -> None:
    """Close the kept SMTP connections (the threads that held them are done)."""
    with _smtp_slot:
        open_ = list(_smtp_open)
    for smtp in open_:
        _sluit(smtp)


def probeer(klus: Klus, inst: Instellingen) -> poginglog.Uitkomst:
    """One attempt, timed, with the receiver's HTTP status if it answered."""
    op, begin, meting = utcnow(), time.perf_counter(), {}
    fout = verstuur(klus, inst, meting)
    return poginglog.Uitkomst(fout, op, round((time.perf_counter() - begin) * 1000),
                              meting.get("status"))


def verstuur(klus: Klus, inst: Instellingen, meting: dict | None = None) -> str | None:
    """Send one delivery; the error text, or ``None`` when it was accepted. A webhook's
    HTTP status goes into ``meting["status"]``."""
    meting = {} if meting is None else meting
    if klus.fout:
        return klus.fout
    if klus.kanaal == Kanaal.WEBHOOK.value and klus.geheim is None:
        return "Definitief: het webhook-endpoint is verwijderd."
    try:
        if klus.kanaal == Kanaal.WEBHOOK.value:
            meting["status"] = verstuur_webhook(klus, inst)
        else:
            verstuur_email(klus, inst)
    except Exception as exc:  # every failure is a retry, whatever its kind
        if isinstance(exc, HttpStatus):
            meting["status"] = exc.status
        if klus.kanaal == Kanaal.WEBHOOK.value:
            log.warning("webhook %s naar %s: %s: %s", klus.id, klus.adres,
                        type(exc).__name__, exc)
            fout = Fout(foutsoort(exc))
            if isinstance(exc, HttpStatus) and exc.status in (429, 503):
                fout.wacht = exc.retry_after
            if isinstance(exc, HttpStatus) and exc.status == 410:
                fout = Fout(f"{fout}: het endpoint is uitgeschakeld (410 Gone)")
                fout.uitschakelen = True
            return fout
        if _mailserver_weg(exc):
            return f"{MAILSERVER_WEG}: {type(exc).__name__}: {exc}"[:2000]
        return f"{type(exc).__name__}: {exc}"[:2000]
    return None


def vastleggen_bezorgd(klussen: list[Klus]) -> None:
    """Record successes: one statement for the whole batch."""
    if not klussen:
        return
    nu = utcnow()
    db.session.execute(
        update(Bezorging).where(Bezorging.id.in_([k.id for k in klussen]))
        .values(pogingen=Bezorging.pogingen + 1, pogingen_totaal=Bezorging.pogingen_totaal + 1,
                laatste_poging_op=nu, geclaimd_tot=None,
                status=BezorgStatus.BEZORGD.value, bezorgd_op=nu, laatste_fout=None),
        execution_options={"synchronize_session": False},
    )
    poginglog.gelukt(k.webhook_id for k in klussen)


#: How a failed e-mail begins when the mail server itself could not be reached.
MAILSERVER_WEG = "mailserver onbereikbaar"
#: While the mail server is away, its e-mails are tried again at least this often, and
#: not more often than this.
MAILSERVER_WACHT_MAX, MAILSERVER_WACHT_MIN = 300.0, 1.0


def _mailserver_weg(exc: BaseException) -> bool:
    """Whether an e-mail failed because our own mail server could not be reached (an
    outage on Logius' side), not because of the message or the address."""
    return isinstance(exc, (smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected,
                            ConnectionError, TimeoutError)) or (
        isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException))


def vastleggen(klus: Klus, fout: str | None, inst: Instellingen) -> None:
    nu = utcnow()
    poging = klus.pogingen + 1
    values: dict = {"pogingen": poging, "pogingen_totaal": klus.pogingen_totaal + 1,
                    "laatste_poging_op": nu, "geclaimd_tot": None}
    if fout is None:
        values.update(status=BezorgStatus.BEZORGD.value, bezorgd_op=nu, laatste_fout=None)
    elif fout.startswith(MAILSERVER_WEG):
        # Not the afnemer's doing and nothing wrong with the mail: an outage of our mail
        # server never uses up its attempts. It stays pending, tried again at least every
        # five minutes, and goes out once the server answers.
        values.update(laatste_fout=str(fout), volgende_poging_op=nu + timedelta(seconds=max(
            MAILSERVER_WACHT_MIN, min(wachttijd(poging, inst), MAILSERVER_WACHT_MAX))))
    elif getattr(fout, "uitschakelen", False):
        # 410 Gone: the receiver is gone for good. This delivery dies and the endpoint
        # is switched off (actief false) until the afnemer switches it on again.
        values.update(status=BezorgStatus.DOOD.value, laatste_fout=str(fout))
        db.session.execute(update(WebhookEndpoint).where(
            WebhookEndpoint.id == klus.webhook_id).values(
                actief=False, uitgeschakeld_op=nu, versie=WebhookEndpoint.versie + 1,
                uitgeschakeld_reden="De ontvanger antwoordde 410 Gone: het endpoint bestaat "
                                    "niet meer."),
            execution_options={"synchronize_session": False})
    elif poging >= inst.max_pogingen or fout.startswith("Definitief"):
        values.update(status=BezorgStatus.DOOD.value, laatste_fout=str(fout))
    else:
        wacht = wachttijd(poging, inst)
        if getattr(fout, "wacht", None) is not None:  # the receiver's own Retry-After
            wacht = min(max(wacht, fout.wacht), inst.backoff_max)
        values.update(laatste_fout=str(fout), volgende_poging_op=nu + timedelta(seconds=wacht))
    db.session.execute(
        update(Bezorging).where(Bezorging.id == klus.id).values(**values),
        execution_options={"synchronize_session": False},
    )
    if (klus.kanaal == Kanaal.WEBHOOK.value and klus.webhook_id is not None
            and poginglog.telt_voor_endpoint(fout)):
        # Failing since when? Past WEBHOOK_UITSCHAKELEN_NA the endpoint goes off.
        poginglog.mislukt(klus.webhook_id, nu, inst.uitschakelen_na)


def leg_vast(klaar: list[tuple[Klus, poginglog.Uitkomst]], inst: Instellingen) -> None:
    """Record the outcomes of finished attempts, in one transaction: all successes in
    one statement, each failure in its own, and every attempt in the history."""
    vastleggen_bezorgd([k for k, u in klaar if u.fout is None])
    for klus, uitkomst in klaar:
        if uitkomst.fout:
            vastleggen(klus, uitkomst.fout, inst)
            log.warning("bezorging %s naar %s mislukt: %s", klus.id, klus.adres, uitkomst.fout)
    poginglog.vastleggen([(k.id, k.voor_afnemer, k.pogingen_totaal + 1, k.adres, u)
                          for k, u in klaar], inst.pogingen_bewaard)
    db.session.commit()


#: After the first of the attempts in flight ends, the worker waits at most this long for
#: others that end about as soon, to record them together.
VERZAMEL = 0.1


class Zender:
    """Keeps the sending threads busy without waiting for the slowest of a batch.

    Before, a round claimed a batch, sent it and waited for all of it: one afnemer's
    hanging endpoints held every other afnemer's deliveries until they timed out (1.1 s
    became 21.1 s). Now each attempt is recorded when it ends, and a thread that comes
    free takes the next due delivery at once; the claim gives no endpoint more than
    ``per_endpoint`` attempts in flight (:func:`claim_opdracht`), so a slow endpoint
    holds only its share of the threads.
    """

    def __init__(self, inst: Instellingen, pool: ThreadPoolExecutor, interval: float) -> None:
        self.inst, self.pool, self.interval = inst, pool, interval
        self.lopend: dict[Future, Klus] = {}
        self._geclaimd_op = float("-inf")
        self._meer = True  # the last claim was full: more may be due at once

    def ronde(self) -> tuple[int, int]:
        """Record what ended, claim for the free threads. Returns (claimed, recorded)."""
        klaar = [f for f in self.lopend if f.done()]
        if klaar:
            leg_vast([(self.lopend.pop(f), self._uitkomst(f)) for f in klaar], self.inst)
        vrij = self.inst.threads - len(self.lopend)
        if vrij <= 0 or not (self._meer or klaar or not self.lopend
                             or time.monotonic() - self._geclaimd_op >= self.interval):
            return 0, len(klaar)
        aantal = min(self.inst.batch, vrij)
        klussen = claim(self.inst, aantal=aantal)
        self._geclaimd_op, self._meer = time.monotonic(), len(klussen) == aantal
        for klus in klussen:
            self.lopend[self.pool.submit(probeer, klus, self.inst)] = klus
        return len(klussen), len(klaar)

    @staticmethod
    def _uitkomst(toekomst: Future) -> poginglog.Uitkomst:
        try:
            return toekomst.result()
        except Exception as exc:  # a bug in sending, not the receiver: retried all the same
            log.exception("versturen mislukte onverwacht")
            return poginglog.Uitkomst(f"{type(exc).__name__}: {exc}"[:2000], utcnow(), 0)

    def wacht(self, seconden: float) -> None:
        """Until an attempt in flight ends (and those ending with it), or ``seconden``."""
        if not self.lopend:
            return
        klaar, rest = wait(self.lopend, timeout=seconden, return_when=FIRST_COMPLETED)
        if klaar and rest:
            wait(rest, timeout=VERZAMEL, return_when=ALL_COMPLETED)

    def afronden(self, app: Flask) -> None:
        """On stopping: let the attempts in flight end and record them."""
        if not self.lopend:
            return
        wait(self.lopend)
        try:
            with app.app_context():
                leg_vast([(k, self._uitkomst(f)) for f, k in self.lopend.items()], self.inst)
        except Exception:  # their claims run out and they are sent again
            log.exception("uitkomsten bij het stoppen niet vastgelegd")
        self.lopend.clear()


def _plan_veilig() -> None:
    """Due reminders into the outbox; a failure here must not stop the deliveries."""
    from core.meldingen.planner import plan

    try:
        aantal = plan()
    except Exception:
        db.session.rollback()
        log.exception("herinneringen plannen mislukt")
        return
    if aantal:
        log.info("%d herinneringen gepland", aantal)


def draai(app: Flask, *, eenmalig: bool = False, interval: float = 1.0,
          stop: threading.Event | None = None, **overrides) -> int:
    """Run until stopped (or, with ``eenmalig``, until nothing is due). Returns the count."""
    inst = Instellingen.van(app, **overrides)
    db.plan_steeds_opnieuw(app)
    stop = stop or threading.Event()
    totaal = 0
    gepland_op = 0.0
    storingen = 0
    hartslag = Hartslag(app)
    try:
        with ThreadPoolExecutor(max_workers=inst.threads) as pool:
            zender = Zender(inst, pool, interval)
            while not stop.is_set():
                hartslag.klop(storingen)
                try:
                    with app.app_context():
                        if inst.plannen and (time.monotonic() - gepland_op
                                             >= app.config["PLANNER_INTERVAL"]):
                            gepland_op = time.monotonic()
                            _plan_veilig()
                        geclaimd, aantal = zender.ronde()
                except Exception as exc:  # the database away or locked, a dropped connection
                    storingen += 1
                    hartslag.storing(exc)
                    wacht = min(STORING_WACHT_MAX, STORING_WACHT * 2 ** (storingen - 1))
                    log.exception("bezorgronde mislukt (%d keer achter elkaar); opnieuw over "
                                  "%.1f s", storingen, wacht)
                    _herstel(app)
                    if eenmalig and storingen >= 3:
                        raise
                    stop.wait(wacht)
                    continue
                storingen = 0
                hartslag.rondes += 1
                totaal += aantal
                if zender.lopend:
                    if not geclaimd or len(zender.lopend) >= inst.threads:
                        zender.wacht(interval)
                elif not geclaimd and not aantal:
                    if eenmalig:
                        break
                    stop.wait(interval)
            zender.afronden(app)
    finally:
        sluit_verbindingen()
    return totaal


class Hartslag:
    """This worker's row in ``worker_hartslagen``, written at most every
    :data:`HARTSLAG_INTERVAL` seconds (and at once after a failure), in a session of its
    own. Writing it may fail as the round did: it is tried again next time."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.naam = f"{socket.gethostname()}:{os.getpid()}"[:200]
        self.gestart_op = utcnow()
        self.rondes = 0
        self.fout: tuple[str, datetime] | None = None
        self._geschreven, self._storingen = 0.0, 0
        self._fout: tuple[str, datetime] | None = None

    def storing(self, exc: BaseException) -> None:
        self.fout = (f"{type(exc).__name__}: {exc}"[:2000], utcnow())

    def klop(self, storingen: int) -> None:
        # A failure, or the recovery, or a failure not yet written: say it now.
        veranderd = storingen != self._storingen or self.fout != self._fout
        if not veranderd and time.monotonic() - self._geschreven < HARTSLAG_INTERVAL:
            return
        waarden = {"gestart_op": self.gestart_op, "laatst_op": utcnow(),
                   "rondes": self.rondes, "storingen": storingen}
        if self.fout is not None:
            waarden.update(laatste_storing=self.fout[0], laatste_storing_op=self.fout[1])
        try:
            with self.app.app_context():
                bijgewerkt = db.session.execute(
                    update(WorkerHartslag).where(WorkerHartslag.naam == self.naam)
                    .values(**waarden)).rowcount
                if not bijgewerkt:
                    db.session.add(WorkerHartslag(naam=self.naam, **waarden))
                db.session.commit()
            self._geschreven, self._storingen, self._fout = (time.monotonic(), storingen,
                                                             self.fout)
        except Exception:  # the database is what failed: the round says so
            log.debug("hartslag niet geschreven", exc_info=True)


#: How often a worker writes its pulse; Logius' status calls it alive within 30 s.
HARTSLAG_INTERVAL = 5.0


#: After a failed round (database locked or away, a dropped connection) the worker
#: waits this long, doubling per failure in a row up to the maximum, and tries again:
#: it never stops on an error of its own; claims it held expire and are claimed again.
STORING_WACHT, STORING_WACHT_MAX = 0.5, 30.0


def _herstel(app: Flask) -> None:
    """After a failed round: end the session's transaction and drop pooled connections
    that may be broken, so the next round starts clean."""
    with app.app_context():
        try:
            db.session.rollback()
            db.session.close()
        except Exception:  # the connection itself is gone
            log.warning("rollback na een mislukte ronde mislukte ook", exc_info=True)
    db.dispose(app)
