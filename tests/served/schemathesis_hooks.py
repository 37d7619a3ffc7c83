"""Schemathesis hooks, for the served run (``SCHEMATHESIS_HOOKS``) and the in-process one.

Every date and moment the API takes lies within ``DATUM_VAN`` and ``DATUM_TOT`` (the
document says so in each field's description, which JSON Schema cannot enforce for a
``format``). Generated schema-valid data keeps to that, so that a positive case reaches
the operation's own rules instead of the bound.

A schema-valid ``Idempotency-Key`` the generator made becomes a fresh UUID before the
call, as an integration sends a new key with every new request: the generator repeats
its values (the document's example, the shortest string) across operations and bodies,
and every POST after the first would be a 422 for a reused key without reaching the
operation. Invalid keys go as generated (400). Replays have tests of their own
(``tests/test_idempotentie.py``, ``tests/served/test_idempotentie.py``).

Also: Python 3.11's ``ast.parse`` is not safe in threads (CPython gh-106905: "AST
constructor recursion depth mismatch", fixed in 3.12), and Hypothesis parses a lambda's
source to describe it while the run's two workers build strategies. Those descriptions
are made one at a time here.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
import uuid
from datetime import UTC, date, datetime, time

import schemathesis
from hypothesis import strategies as st
from hypothesis.internal import lambda_sources

from core.api.schemas import DATUM_TOT, DATUM_VAN
from core.idempotentie import HEADER, MAX_LENGTE, PATROON

schemathesis.openapi.format("date", st.dates(DATUM_VAN, DATUM_TOT).map(date.isoformat))
schemathesis.openapi.format("date-time", st.datetimes(
    datetime.combine(DATUM_VAN, time()), datetime.combine(DATUM_TOT, time(23, 59, 59)),
    timezones=st.just(UTC)).map(datetime.isoformat))


@schemathesis.hook
def before_call(context, case, **kwargs):
    for naam, waarde in list((case.headers or {}).items()):
        if (naam.lower() == HEADER.lower() and isinstance(waarde, str)
                and len(waarde) <= MAX_LENGTE and re.fullmatch(PATROON, waarde)):
            case.headers[naam] = str(uuid.uuid4())


if sys.version_info < (3, 12) and not hasattr(lambda_sources.lambda_description, "__wrapped__"):
    _een_tegelijk = threading.Lock()
    _beschrijving = lambda_sources.lambda_description

    @functools.wraps(_beschrijving)
    def _beschrijf(f):
        with _een_tegelijk:
            return _beschrijving(f)

    lambda_sources.lambda_description = _beschrijf
