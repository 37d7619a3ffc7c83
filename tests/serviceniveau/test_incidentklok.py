"""The clock of an incident (core.serviceniveau.incidenten.klok), without the API.

DigiD's figures (DOMAIN.md; SNO 2 Oplostijden): P1 6 clock hours, P2 10 office hours,
office hours 08:00-18:00 on working days. Hypothesis checks the rules over random
histories: paused time is not counted, the deadline is where the running time reaches
the resolution time, and a resolution is in time exactly when its running time is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from core.serviceniveau.incidenten.klok import (
    OVERGANGEN,
    Kantooruren,
    Klokuren,
    Stap,
    Status,
    bereken,
    trajecten,
)
from core.werktijd import Kantoortijden, Werkkalender

VENSTER = Kantoortijden(time(8), time(18))
# Whit Monday 2026 and Christmas 2026 as the holidays of the test calendar.
KALENDER = Werkkalender(frozenset({date(2026, 5, 25), date(2026, 12, 25), date(2026, 12, 28)}))
KANTOOR = Kantooruren(VENSTER, KALENDER)
MAANDAG = datetime(2026, 11, 2, 7, tzinfo=UTC)  # 08:00 in Amsterdam


def _u(uren: float) -> datetime:
    return MAANDAG + timedelta(hours=uren)


def test_p2_without_steps_is_due_ten_office_hours_later_sno_2_oplostijden():
    klok = bereken(MAANDAG, [], timedelta(hours=10), KANTOOR, _u(1))
    assert klok.oplossen_uiterlijk == _u(10)  # Monday 18:00
    assert klok.loopt and klok.binnen_termijn is None
    assert klok.verstreken == timedelta(hours=1)


def test_a_pause_moves_the_deadline_by_its_office_hours_only():
    stappen = [Stap(Status.WACHT_OP_AFNEMER, _u(9)),  # Monday 17:00
               Stap(Status.IN_BEHANDELING, _u(24 + 2))]  # Tuesday 10:00
    klok = bereken(MAANDAG, stappen, timedelta(hours=10), KANTOOR, _u(24 + 3))
    # Paused one office hour on Monday and two on Tuesday; the night does not count.
    assert klok.gepauzeerd == timedelta(hours=3)
    assert klok.oplossen_uiterlijk == _u(24 + 3)  # Tuesday 11:00
    assert klok.verstreken == timedelta(hours=10) and klok.binnen_termijn is None


def test_while_paused_the_deadline_is_as_if_the_clock_ran_again_now():
    stappen = [Stap(Status.WACHT_OP_AFNEMER, _u(2))]
    klok = bereken(MAANDAG, stappen, timedelta(hours=10), KANTOOR, _u(5))
    assert not klok.loopt
    # 8 office hours from Monday 13:00: 5 on Monday, 3 on Tuesday.
    assert klok.oplossen_uiterlijk == _u(24 + 3)
    assert klok.resterend == timedelta(hours=8)


def test_a_p1_on_clock_hours_counts_the_real_hours_of_the_night_the_clocks_go_forward():
    gemeld = datetime(2026, 3, 28, 22, tzinfo=UTC)  # 23:00 CET
    klok = bereken(gemeld, [Stap(Status.OPGELOST, gemeld + timedelta(hours=6))],
                   timedelta(hours=6), Klokuren(), gemeld + timedelta(days=1))
    assert klok.oplossen_uiterlijk == datetime(2026, 3, 29, 4, tzinfo=UTC)  # 06:00 CEST
    assert klok.binnen_termijn is True and klok.opgelost_op == klok.oplossen_uiterlijk


def test_resolved_outside_office_hours_after_the_deadline_took_no_office_hour_more():
    # Due Monday 18:00; resolved Monday 21:00: still 10 office hours.
    klok = bereken(MAANDAG, [Stap(Status.OPGELOST, _u(13))], timedelta(hours=10), KANTOOR,
                   _u(30))
    assert klok.binnen_termijn is True
    # Resolved Tuesday 08:30: half an office hour late.
    laat = bereken(MAANDAG, [Stap(Status.OPGELOST, _u(24.5))], timedelta(hours=10), KANTOOR,
                   _u(30))
    assert laat.binnen_termijn is False and laat.resterend == -timedelta(minutes=30)


def test_a_reopened_incident_runs_again_and_the_last_resolution_counts():
    stappen = [Stap(Status.OPGELOST, _u(1)), Stap(Status.IN_BEHANDELING, _u(3)),
               Stap(Status.OPGELOST, _u(4))]
    klok = bereken(MAANDAG, stappen, timedelta(hours=10), KANTOOR, _u(9))
    assert klok.opgelost_op == _u(4) and klok.verstreken == timedelta(hours=2)
    assert klok.binnen_termijn is True


# --- properties --------------------------------------------------------------------------

LOPEND = (Status.GEMELD, Status.IN_BEHANDELING)


@st.composite
def geschiedenissen(draw):
    """A valid history: steps along OVERGANGEN at increasing moments."""
    status, moment, stappen = Status.GEMELD, MAANDAG, []
    for _ in range(draw(st.integers(0, 8))):
        opties = OVERGANGEN[status]
        if not opties:
            break
        status = draw(st.sampled_from(opties))
        moment += timedelta(minutes=draw(st.integers(0, 60 * 30)))
        stappen.append(Stap(status, moment))
    return stappen


@settings(max_examples=200, deadline=None)
@given(geschiedenissen(), st.integers(1, 40), st.booleans(), st.integers(0, 60 * 24 * 5))
def test_the_clock_counts_running_time_only_and_the_deadline_is_where_it_reaches_the_term(
        stappen, uren, kantoor, later):
    uurklok = KANTOOR if kantoor else Klokuren()
    nu = (stappen[-1].op if stappen else MAANDAG) + timedelta(minutes=later)
    oplostijd = timedelta(hours=uren)
    klok = bereken(MAANDAG, stappen, oplostijd, uurklok, nu)
    lopend, pauzes, status, _ = trajecten(MAANDAG, stappen)
    gelopen = sum((uurklok.tussen(v, t or nu) for v, t in lopend), timedelta(0))
    assert klok.verstreken == gelopen
    assert klok.gepauzeerd == sum((uurklok.tussen(v, t or nu) for v, t in pauzes),
                                  timedelta(0))
    assert klok.resterend == oplostijd - gelopen
    assert klok.loopt == (status in LOPEND)
    # Running time up to the deadline is the resolution time (when it was reached, or
    # would be if the clock runs on from where it stands).
    tot_uiterlijk = sum((uurklok.tussen(v, min(t or klok.oplossen_uiterlijk,
                                               klok.oplossen_uiterlijk))
                         for v, t in lopend if v <= klok.oplossen_uiterlijk), timedelta(0))
    if klok.loopt or gelopen >= oplostijd:
        assert tot_uiterlijk == oplostijd
    if klok.opgelost_op is not None:
        assert klok.binnen_termijn == (gelopen <= oplostijd)
    else:
        assert klok.binnen_termijn == (False if gelopen > oplostijd else None)


JAREN = Werkkalender(frozenset({date(2026, 4, 6), date(2026, 5, 25), date(2026, 12, 25),
                                date(2027, 1, 1)}), range(2026, 2028))


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 30),
                    timezones=st.just(UTC)),
       st.integers(0, 60 * 24 * 400))
def test_office_time_over_long_spans_from_running_totals_equals_walking_every_day(
        van, minuten):
    """Also over both DST changes of 2026 and 2027 and the holidays of the calendar."""
    from core.werktijd import kantooruren_tussen

    tot = min(van + timedelta(minutes=minuten), datetime(2027, 12, 31, 12, tzinfo=UTC))
    snel = Kantooruren(VENSTER, JAREN)
    assert snel.tussen(van, tot) == kantooruren_tussen(van, tot, VENSTER, JAREN)


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 20),
                    timezones=st.just(UTC)),
       st.integers(0, 60 * 60))
def test_a_deadline_from_the_day_table_equals_plus_kantooruren(van, minuten):
    from core.werktijd import plus_kantooruren

    duur = timedelta(minutes=minuten)
    assert Kantooruren(VENSTER, JAREN).plus(van, duur) == plus_kantooruren(
        van, duur, VENSTER, JAREN)
