"""The baseline of the API benchmark: a bare Flask app that answers the same JSON.

It reads the body the real endpoint gave (``BENCH_KAAL_BODY``, a file) once, and answers
it with ``jsonify`` on every request: no database, no authentication, no schema.
Served by gunicorn exactly like the real app.
"""

from __future__ import annotations

import json
import os

from flask import Flask, jsonify


def create_app() -> Flask:
    app = Flask(__name__)
    with open(os.environ["BENCH_KAAL_BODY"], encoding="utf-8") as f:
        body = json.load(f)

    @app.get("/kaal")
    def kaal():
        return jsonify(body)

    return app
