"""The rate-limit counters (core.snelheid): shared by forked processes, a fixed window of
60 seconds, and an in-process app that answers 429 with the IETF headers."""

from __future__ import annotations

import multiprocessing

import pytest

from core import create_app
from core.snelheid import VENSTER, GedeeldeTellers, LokaleTellers

NU = 1_800_000_000.0  # a moment at the start of a window (divisible by 60)


def _tel_in_kind(tellers: GedeeldeTellers, keer: int) -> None:
    for _ in range(keer):
        tellers.tel("token:kind", 1, NU + 1)


def test_shared_counters_count_across_forked_processes():
    tellers = GedeeldeTellers()
    context = multiprocessing.get_context("fork")
    kinderen = [context.Process(target=_tel_in_kind, args=(tellers, 50)) for _ in range(3)]
    for kind in kinderen:
        kind.start()
    for kind in kinderen:
        kind.join(timeout=20)
        assert kind.exitcode == 0
    assert tellers.tel("token:kind", 1, NU + 2) == (151, VENSTER - 2)


@pytest.mark.parametrize("soort", [LokaleTellers, GedeeldeTellers])
def test_a_new_window_starts_from_zero_and_keys_are_apart(soort):
    tellers = soort()
    assert tellers.tel("a", 1, NU) == (1, 60)
    assert tellers.tel("a", 1, NU + 59.5) == (2, 1)
    assert tellers.tel("b", 1, NU + 59.5) == (1, 1)
    assert tellers.tel("a", 1, NU + 60) == (1, 60)
    assert tellers.tel("a", 0, NU + 61) == (1, 59)


def test_a_full_neighbourhood_fails_open_rather_than_charging_another_key():
    tellers = GedeeldeTellers()
    tellers.SLOTS = tellers.PROBES = 4  # a tiny table: four live keys fill it
    for sleutel in "abcd":
        assert tellers.tel(sleutel, 1, NU)[0] == 1
    assert tellers.tel("e", 1, NU)[0] == 0  # not counted, not refused
    assert tellers.tel("e", 1, NU + VENSTER)[0] == 1  # the others' window has passed


def test_an_app_answers_429_problem_with_retry_after_once_a_token_is_over(database_urls):
    app = create_app({"DATABASE_URL": database_urls["sqlite"], "TESTING": True,
                      "SECRET_KEY": "test", "RATELIMIT_TOKEN": 3, "RATELIMIT_ADRES": 2})
    client = app.test_client()
    fout = [client.get("/api/v1/diensten", headers={"Authorization": "Bearer fout"})
            for _ in range(3)]
    assert [r.status_code for r in fout] == [401, 401, 429]
    assert fout[-1].headers["Content-Type"].startswith("application/problem+json")
    assert fout[-1].json["code"] == "te-veel-verzoeken"
    assert fout[-1].headers["RateLimit-Policy"] == '"adres";q=2;w=60'
    assert int(fout[-1].headers["Retry-After"]) >= 1
