"""The guard of core.verzoek: a request never shares an app context with another."""

from __future__ import annotations

from flask import g


def test_a_request_that_begins_inside_an_active_app_context_is_refused_loudly(app, client,
                                                                                caplog):
    with app.app_context():
        g.link_header = '<https://elders.example/geheim>; rel="next"'
        response = client.get("/api/v1/diensten")
    assert response.status_code == 500
    assert response.content_type == "application/problem+json"
    assert response.get_json()["code"] == "gedeelde-context"
    assert "Link" not in response.headers
    assert "already active" in caplog.text


def test_each_request_gets_its_own_g_and_database_session(database_urls, backend,
                                                           logius_token):
    """After a request, nothing of it is left: the next one starts with an empty g."""
    from tests.conftest import make_app

    app = make_app(database_urls[backend])  # a hook of its own, on an app of its own
    client = app.test_client()
    gezien = []

    @app.after_request
    def noteer(response):
        from core.db import db

        # The objects themselves, so that their ids cannot be reused.
        gezien.append((g._get_current_object(), db.session))
        return response

    for _ in range(3):
        assert client.get("/api/v1/afnemers?paginaGrootte=1",
                          headers={"Authorization": f"Bearer {logius_token}"}).status_code == 200
    assert len({id(context) for context, _ in gezien}) == 3
    assert len({id(sessie) for _, sessie in gezien}) == 3


def test_serve_refuses_to_start_inside_an_active_app_context(app):
    """Workers forked with a context pushed would reuse it for every request."""
    from click.testing import CliRunner
    from flask.cli import ScriptInfo

    from core.cli import main

    with app.app_context():
        result = CliRunner().invoke(main, ["serve", "--port", "1"],
                                    obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code != 0
    assert "actieve app-context" in result.output
