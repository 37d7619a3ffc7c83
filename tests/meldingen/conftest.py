"""Fixtures for the delivery tests: a real SMTP server per test."""

from __future__ import annotations

import pytest

from tests.support.ontvangers import SmtpOntvanger


@pytest.fixture
def smtp(app):
    """An aiosmtpd server the app's worker sends to."""
    server = SmtpOntvanger()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port)
    yield server
    server.close()
