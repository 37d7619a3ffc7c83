"""Settings: safe defaults in code, overridden by environment variables.

Every setting can be set as ``AFNEMERSPORTAAL_<NAME>`` in the environment; tests
pass a mapping to :func:`core.create_app` instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ENV_PREFIX = "AFNEMERSPORTAAL_"

#: Full semantic version of the public API (API-Version header, info.version).
API_VERSION = "1.0.0"
#: The major version, the only part that appears in the URI (ADR /core/uri-version).
API_PREFIX = "/api/v1"


#: Settings whose default only serves development (the local provider of oidc/): outside
#: it each must be set, and to something else than this.
ONTWIKKELWAARDEN = {"OIDC_ISSUER": "http://127.0.0.1:9000",
                    "OIDC_CLIENT_SECRET": "dev-console-secret"}


def _default_database_url(instance_path: str) -> str:
    return f"sqlite:///{Path(instance_path) / 'afnemersportaal.sqlite'}"


def load(instance_path: str, overrides: dict | None = None) -> dict:
    """Return the configuration mapping for one app instance."""
    config = {
        # The embedded default: an SQLite file in the instance folder.
        "DATABASE_URL": _default_database_url(instance_path),
        # Base URL under which the API is reachable, written into the OpenAPI servers.
        "PUBLIC_URL": "http://127.0.0.1:5000",
        # Plugins that must not be loaded even though they are installed (comma separated).
        "BLOCKED_PLUGINS": "",
        # Refuse to serve a database whose schema is not at the newest migration.
        "CHECK_SCHEMA": False,
        # The largest request body taken (bytes); more is a 413 before it is read. A
        # year of daily usage for a few hundred aansluitingen is well under it.
        "MAX_BODY_BYTES": 16 * 1024 * 1024,
        # Rate limits (core.snelheid), requests per 60 s: of one credential, and of one
        # client address without a valid one (anonymous or failed authentication).
        # 0 switches a limit off.
        "RATELIMIT_TOKEN": 600,
        "RATELIMIT_ADRES": 120,
        # How many webhooks and live API tokens one afnemer may have (core.quota).
        "MAX_WEBHOOKS_PER_AFNEMER": 25,
        "MAX_TOKENS_PER_AFNEMER": 50,
        # Default and maximum page sizes of list endpoints.
        "PAGE_SIZE": 20,
        "MAX_PAGE_SIZE": 100,
        # Lifetime of new API tokens when the request does not say (days).
        "API_TOKEN_DEFAULT_DAYS": 90,
        "API_TOKEN_MAX_DAYS": 366,
        # Encrypts stored secrets (webhooks) and signs what Flask signs. Unset, a key is
        # kept in the instance folder (development); set a fixed secret in production.
        "SECRET_KEY": "",
        # Console sessions (kept server-side, core.console.sessies): they end after this
        # many minutes without a request, and this many hours after login in any case.
        "CONSOLE_SESSIE_INACTIEF_MINUTEN": 30,
        "CONSOLE_SESSIE_MAX_UREN": 12,
        # After a rotation of SECRET_KEY: the earlier keys (comma separated), which still
        # decrypt the webhook secrets stored under them; the current key encrypts.
        "OUDE_SECRET_KEYS": "",
        # development | production: production refuses insecure defaults.
        "ENVIRONMENT": "development",
        # The OpenID Provider: console login (authorization code + PKCE) and the
        # access tokens of the API. Defaults: the local provider of oidc/.
        "OIDC_ISSUER": ONTWIKKELWAARDEN["OIDC_ISSUER"],
        "OIDC_CLIENT_ID": "afnemersportaal-console",
        "OIDC_CLIENT_SECRET": ONTWIKKELWAARDEN["OIDC_CLIENT_SECRET"],
        # The audience the issuer's access tokens must carry to be accepted here.
        "OIDC_AUDIENCE": "urn:afnemersportaal:api",
        # Accepted signing algorithms of access tokens (an allow-list).
        "OIDC_ALGORITHMS": "RS256,PS256,ES256",
        # Verified e-mail addresses that become logius-beheerder at login.
        "LOGIUS_BEHEERDERS": "",
        # Notifications (core/meldingen). Where Logius is told what afnemers report
        # (AV 2.8) and how they respond to announcements; comma-separated addresses.
        "LOGIUS_MELDINGEN_EMAIL": "servicecentrum@logius.example",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": 1025,
        "MAIL_AFZENDER": "Afnemersportaal <noreply@afnemersportaal.example>",
        # The CloudEvents ``source`` of every webhook (NL GOV profile: a URN naming the
        # organisation by its OIN and the system; the default is Logius' OIN). Another
        # operator or a test environment sets its own (core.meldingen.cloudevents).
        "CLOUDEVENTS_BRON": "urn:nld:oin:00000001822477348000:systeem:afnemersportaal",
        # The delivery worker: batch size, how long a claim holds (seconds), threads.
        # A thread mostly waits for a receiver's or the mail server's answer, so there
        # are more threads than cores: 16 sent 1.3-1.8 times what 8 did in the fan-out
        # benchmark. Each thread keeps one SMTP connection open.
        "WORKER_BATCH": 50,
        "WORKER_LEASE_SECONDS": 60,
        "WORKER_THREADS": 16,
        # Retries: after this many attempts a delivery is dead (until redelivered);
        # waits double from the base (seconds) up to the maximum, with jitter.
        "WEBHOOK_MAX_POGINGEN": 8,
        "WEBHOOK_BACKOFF_BASIS": 30.0,
        "WEBHOOK_BACKOFF_MAX": 21600.0,
        "WEBHOOK_TIMEOUT": 10.0,
        # At most this many deliveries to one endpoint in flight per worker, so a slow
        # endpoint holds no more than its share of the sending threads.
        "WEBHOOK_GELIJKTIJDIG_PER_ENDPOINT": 2,
        # An endpoint whose every attempt failed for this long (seconds; 5 days) is
        # switched off, and its afnemer's technical contacts are told by e-mail.
        "WEBHOOK_UITSCHAKELEN_NA": 5 * 24 * 3600.0,
        # Attempts kept per delivery in its history (the newest).
        "WEBHOOK_POGINGEN_BEWAARD": 50,
        # Redeliveries and replays one endpoint may ask for per minute; how far back a
        # replay may reach (days).
        "WEBHOOK_HERBEZORGINGEN_PER_MINUUT": 10,
        "WEBHOOK_HERHALEN_MAX_DAGEN": 30,
        # How often (seconds) the worker writes due reminders (sunsets...) to the outbox.
        "PLANNER_INTERVAL": 60.0,
        # Whether a worker plans those reminders at all; with many workers, one is enough.
        "WORKER_PLANNER": True,
    }
    for key in list(config):
        value = os.environ.get(ENV_PREFIX + key)
        if value is not None:
            config[key] = _coerce(value, config[key])
    if overrides:
        config.update(overrides)
    if not config["SECRET_KEY"]:
        if config["ENVIRONMENT"] != "development":
            raise RuntimeError(
                "Zet AFNEMERSPORTAAL_SECRET_KEY: buiten development is een vaste geheime "
                "sleutel verplicht."
            )
        config["SECRET_KEY"] = _instance_secret(instance_path)
    if config["ENVIRONMENT"] != "development":
        _geen_ontwikkelwaarden(config, gezet={k for k in config
                                              if os.environ.get(ENV_PREFIX + k) is not None}
                               | set(overrides or {}))
    return config


def _geen_ontwikkelwaarden(config: dict[str, Any], gezet: set[str]) -> None:
    """Outside development the app does not start on the local provider's issuer or the
    console's development secret: each is named, with the variable that sets it."""
    fout = [ENV_PREFIX + k for k, waarde in ONTWIKKELWAARDEN.items()
            if k not in gezet or not config[k] or config[k] == waarde]
    if fout:
        raise RuntimeError(
            f"Zet {' en '.join(fout)}: buiten development (AFNEMERSPORTAAL_ENVIRONMENT="
            f"{config['ENVIRONMENT']}) start de app niet met de waarde voor de lokale "
            "ontwikkel-provider.")


def _instance_secret(instance_path: str) -> str:
    """A development key that survives restarts, kept in the instance folder."""
    path = Path(instance_path) / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = os.urandom(32).hex()
        # Created 0600, never readable by others for a moment.
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(key)
        return key


def _coerce(value: str, default):
    if isinstance(default, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    return value
