"""Settings: safe defaults in code, overridden by environment variables.

Every setting can be set as ``AFNEMERSPORTAAL_<NAME>`` in the environment; tests
pass a mapping to :func:`core.create_app` instead.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_PREFIX = "AFNEMERSPORTAAL_"

#: Full semantic version of the public API (API-Version header, info.version).
API_VERSION = "1.0.0"
#: The major version, the only part that appears in the URI (ADR /core/uri-version).
API_PREFIX = "/api/v1"


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
        # Default and maximum page sizes of list endpoints.
        "PAGE_SIZE": 20,
        "MAX_PAGE_SIZE": 100,
        # Lifetime of new API tokens when the request does not say (days).
        "API_TOKEN_DEFAULT_DAYS": 90,
        "API_TOKEN_MAX_DAYS": 366,
        "SECRET_KEY": os.urandom(32).hex(),
        "ENVIRONMENT": "development",
    }
    for key in list(config):
        value = os.environ.get(ENV_PREFIX + key)
        if value is not None:
            config[key] = _coerce(value, config[key])
    if overrides:
        config.update(overrides)
    return config


def _coerce(value: str, default):
    if isinstance(default, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(value)
    return value
