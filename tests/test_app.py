"""The app factory, configuration and the API conventions every response follows."""

from __future__ import annotations

import pytest

from core import create_app
from core.config import API_VERSION
from core.db import db
from core.migrate import SchemaNotCurrent
from tests.conftest import make_app

SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Cache-Control": "no-store",
}


def test_default_database_is_an_sqlite_file_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("AFNEMERSPORTAAL_DATABASE_URL", raising=False)
    app = make_app(create_app({"TESTING": True}).config["DATABASE_URL"])
    assert app.config["DATABASE_URL"].startswith("sqlite:///")
    assert app.config["DATABASE_URL"].endswith("instance/afnemersportaal.sqlite")


def test_environment_overrides_defaults(monkeypatch, postgresql_url):
    monkeypatch.setenv("AFNEMERSPORTAAL_DATABASE_URL", postgresql_url)
    monkeypatch.setenv("AFNEMERSPORTAAL_PAGE_SIZE", "7")
    app = create_app()
    db.dispose(app)
    assert app.config["DATABASE_URL"] == postgresql_url
    assert app.config["PAGE_SIZE"] == 7


def test_unmigrated_database_is_refused_with_the_command_to_run(tmp_path):
    url = f"sqlite:///{tmp_path / 'leeg.sqlite'}"
    with pytest.raises(SchemaNotCurrent, match="afnemersportaal db upgrade"):
        make_app(url, CHECK_SCHEMA=True)


def test_migrated_database_is_accepted(database_urls, backend):
    make_app(database_urls[backend], CHECK_SCHEMA=True)


def test_every_api_response_has_version_and_security_headers(api):
    for response in (api.get("/diensten"), api.get("/bestaat-niet"), api.as_(None).get("/afnemers")):
        assert response.headers["API-Version"] == API_VERSION
        for key, value in SECURITY.items():
            assert response.headers[key] == value
        assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_unknown_route_is_problem_json_404(api):
    response = api.get("/bestaat-niet")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 404 and body["title"] and body["detail"]


def test_trailing_slash_is_not_an_alias(api):
    assert api.get("/diensten").status_code == 200
    response = api.get("/diensten/")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_wrong_method_is_problem_json_405_with_allow(api):
    response = api.request("PUT", "/diensten")
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"
    assert "GET" in response.headers["Allow"]


def test_crash_is_problem_json_500_without_internals(database_urls, backend, logius_token):
    app = make_app(database_urls[backend], PROPAGATE_EXCEPTIONS=False)

    @app.get("/api/v1/kapot")
    def kapot():
        raise RuntimeError("geheime interne details")

    response = app.test_client().get(
        "/api/v1/kapot", headers={"Authorization": f"Bearer {logius_token}"}
    )
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert "geheime" not in response.get_data(as_text=True)
    assert response.get_json()["status"] == 500


def test_malformed_json_is_400(api):
    response = api.post("/afnemers", data="{niet json", content_type="application/json")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"


def test_outside_development_the_session_cookie_is_secure(database_urls):
    """Identity issue: HttpOnly, SameSite=Lax, and Secure outside development."""
    app = make_app(database_urls["sqlite"], ENVIRONMENT="production", SECRET_KEY="vast-geheim",
                   **PRODUCTIE_OIDC)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    # Host-only and for the whole site: no subdomain can set or shadow it.
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-afnemersportaal_sessie"
    assert app.config["SESSION_COOKIE_PATH"] == "/"
    dev = make_app(database_urls["sqlite"], ENVIRONMENT="development")
    assert dev.config["SESSION_COOKIE_SECURE"] is False


#: What production needs besides a secret key: its own issuer and console secret.
PRODUCTIE_OIDC = {"OIDC_ISSUER": "https://login.voorbeeld.example",
                  "OIDC_CLIENT_SECRET": "een-eigen-geheim"}


@pytest.mark.parametrize("weg", ["OIDC_ISSUER", "OIDC_CLIENT_SECRET"])
@pytest.mark.parametrize("als", ["niet gezet", "de ontwikkelwaarde"])
def test_production_refuses_the_development_issuer_and_console_secret(database_urls, weg, als):
    """The local provider's issuer and the console's development secret are defaults for
    development only: outside it the app does not start on them, naming the variable."""
    from core.config import ONTWIKKELWAARDEN

    config = {"DATABASE_URL": database_urls["sqlite"], "ENVIRONMENT": "production",
              "SECRET_KEY": "vast-geheim", **PRODUCTIE_OIDC}
    if als == "niet gezet":
        del config[weg]
    else:
        config[weg] = ONTWIKKELWAARDEN[weg]
    with pytest.raises(RuntimeError, match=f"AFNEMERSPORTAAL_{weg}"):
        create_app(config)


def test_production_refuses_to_start_without_a_secret_key(database_urls):
    with pytest.raises(RuntimeError, match="AFNEMERSPORTAAL_SECRET_KEY"):
        create_app({"DATABASE_URL": database_urls["sqlite"], "ENVIRONMENT": "production",
                    "SECRET_KEY": ""})


def test_development_keeps_its_secret_key_across_restarts(tmp_path):
    from core.config import load

    first = load(str(tmp_path), {"ENVIRONMENT": "development", "SECRET_KEY": ""})["SECRET_KEY"]
    again = load(str(tmp_path), {"ENVIRONMENT": "development", "SECRET_KEY": ""})["SECRET_KEY"]
    assert len(first) == 64 and first == again
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_the_root_leads_to_the_console(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/console/")
