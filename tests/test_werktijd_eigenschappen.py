"""Properties of the working-time arithmetic (core.werktijd), checked with hypothesis.

The moments are drawn from 2026-2028 and pulled towards the days that make the
arithmetic hard: both changes of the clocks (the last Sundays of March and October),
the holidays of the Algemene termijnenwet (art. 3) and the weekends beside them. The
calendars are the real holidays of those years plus random extra days off, and the
windows are 08:00-18:00 (SNO 2.8's office hours) or random ones, the night included.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from core.tijd import AMSTERDAM
from core.werktijd import (
    Kantoortijden,
    Werkkalender,
    als_uren,
    kantooruren_tussen,
    klokuren_tussen,
    maand_grenzen,
    plus_kantooruren,
    plus_klokuren,
    plus_werkdagen,
    uren_in_maand,
    venster_uren,
    werkdagen_tussen,
)
from tests.test_werktijd import FEESTDAGEN, KANTOORUREN

EERSTE, LAATSTE = date(2026, 1, 1), date(2028, 10, 31)
#: Days around which moments cluster: the clocks' changes and the holidays.
ANKERS = sorted({
    date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31),
    date(2028, 3, 26), date(2028, 10, 29), *FEESTDAGEN,
} - {d for d in FEESTDAGEN if d > LAATSTE})

INSTELLINGEN = settings(max_examples=200, deadline=None)


@st.composite
def momenten(draw) -> datetime:
    """A moment in UTC, half the time within four days of an anchor, at any microsecond."""
    if draw(st.booleans()):
        anker = datetime.combine(draw(st.sampled_from(ANKERS)), time(0), tzinfo=AMSTERDAM)
        moment = anker + timedelta(microseconds=draw(
            st.integers(-4 * 86_400 * 10**6, 4 * 86_400 * 10**6)))
    else:
        moment = draw(st.datetimes(datetime(2026, 1, 1), datetime(2028, 10, 31),
                                   timezones=st.just(UTC)))
    # The same moment in another offset, now and then: only the moment counts.
    return moment.astimezone(draw(st.sampled_from([UTC, AMSTERDAM])))


@st.composite
def kalenders(draw) -> Werkkalender:
    extra = draw(st.sets(st.dates(EERSTE, date(2028, 12, 31)), max_size=40))
    return Werkkalender(FEESTDAGEN | extra, range(2025, 2030))


@st.composite
def vensters(draw) -> Kantoortijden:
    if draw(st.booleans()):
        return KANTOORUREN
    # At least an hour long, so that 60 hours stay within a few months.
    begin = draw(st.integers(0, 22 * 60))
    eind = draw(st.integers(begin + 60, 24 * 60 - 1))
    return Kantoortijden(time(begin // 60, begin % 60), time(eind // 60, eind % 60))


uren = st.one_of(st.integers(0, 60),
                 st.integers(0, 60 * 3600).map(lambda s: timedelta(seconds=s)))


def _duur(n) -> timedelta:
    return n if isinstance(n, timedelta) else timedelta(hours=n)


@INSTELLINGEN
@given(momenten(), uren, vensters(), kalenders())
def test_the_office_time_to_the_deadline_is_exactly_the_hours(moment, n, venster, kalender):
    deadline = plus_kantooruren(moment, n, venster, kalender)
    assert deadline.tzinfo is UTC
    assert kantooruren_tussen(moment, deadline, venster, kalender) == _duur(n)


@INSTELLINGEN
@given(momenten(), uren, vensters(), kalenders())
def test_the_deadline_lies_in_a_window_of_a_working_day(moment, n, venster, kalender):
    deadline = plus_kantooruren(moment, n, venster, kalender)
    if not _duur(n):
        assert deadline == moment
        return
    lokaal = deadline.astimezone(AMSTERDAM)
    assert kalender.is_werkdag(lokaal.date())
    assert venster.begin < lokaal.time() <= venster.eind
    assert deadline > moment


@INSTELLINGEN
@given(momenten(), uren, vensters(), kalenders())
def test_the_deadline_is_the_first_moment_that_reaches_the_hours(moment, n, venster,
                                                                 kalender):
    deadline = plus_kantooruren(moment, n, venster, kalender)
    if _duur(n):
        vroeger = deadline - timedelta(microseconds=1)
        assert kantooruren_tussen(moment, vroeger, venster, kalender) < _duur(n)


@INSTELLINGEN
@given(momenten(), momenten(), uren, uren, vensters(), kalenders())
def test_deadlines_are_monotone_and_additive(m1, m2, a, b, venster, kalender):
    m1, m2 = sorted((m1, m2))
    a, b = sorted((_duur(a), _duur(b)))
    assert plus_kantooruren(m1, a, venster, kalender) <= plus_kantooruren(m2, a, venster,
                                                                           kalender)
    assert plus_kantooruren(m1, a, venster, kalender) <= plus_kantooruren(m1, b, venster,
                                                                           kalender)
    tussen = plus_kantooruren(m1, a, venster, kalender)
    assert plus_kantooruren(tussen, b, venster, kalender) == plus_kantooruren(
        m1, a + b, venster, kalender)


@INSTELLINGEN
@given(momenten(), momenten(), momenten(), vensters(), kalenders())
def test_office_time_adds_up_over_consecutive_stretches(a, b, c, venster, kalender):
    a, b, c = sorted((a, b, c))
    ab = kantooruren_tussen(a, b, venster, kalender)
    assert ab + kantooruren_tussen(b, c, venster, kalender) == kantooruren_tussen(
        a, c, venster, kalender)
    assert timedelta(0) <= ab <= klokuren_tussen(a, b)
    assert kantooruren_tussen(b, a, venster, kalender) == -ab


@INSTELLINGEN
@given(momenten(), st.integers(0, 200))
def test_clock_hours_are_utc_hours_and_the_local_clock_moves_with_the_offset(moment, n):
    deadline = plus_klokuren(moment, n)
    assert deadline - moment == timedelta(hours=n) == klokuren_tussen(moment, deadline)
    voor, na = moment.astimezone(AMSTERDAM), deadline.astimezone(AMSTERDAM)
    wandklok = na.replace(tzinfo=None) - voor.replace(tzinfo=None)
    assert wandklok == timedelta(hours=n) + (na.utcoffset() - voor.utcoffset())


@INSTELLINGEN
@given(st.dates(EERSTE, LAATSTE), st.integers(-40, 40), kalenders())
def test_working_days_count_back_what_they_add(dag, n, kalender):
    uitkomst = plus_werkdagen(dag, n, kalender)
    assert werkdagen_tussen(dag, uitkomst, kalender) == n
    if n:
        assert kalender.is_werkdag(uitkomst)
        assert (uitkomst > dag) == (n > 0)


@settings(max_examples=200, deadline=None)
@given(st.integers(2000, 2100), st.integers(1, 12))
def test_a_month_has_its_real_hours(jaar, maand):
    van, tot = maand_grenzen(jaar, maand)
    dagen = (date(jaar + maand // 12, maand % 12 + 1, 1) - date(jaar, maand, 1)).days
    assert uren_in_maand(jaar, maand) == 24 * dagen + {3: -1, 10: 1}.get(maand, 0)
    assert klokuren_tussen(van, tot) == timedelta(hours=uren_in_maand(jaar, maand))


@INSTELLINGEN
@given(st.integers(2026, 2028), st.integers(1, 12), vensters(), kalenders())
def test_a_months_window_hours_are_its_working_days_times_the_window(jaar, maand, venster,
                                                                     kalender):
    eerste = date(jaar, maand, 1)
    volgende = date(jaar + maand // 12, maand % 12 + 1, 1)
    werkdagen = werkdagen_tussen(eerste - timedelta(days=1), volgende - timedelta(days=1),
                                 kalender)
    per_dag = (datetime.combine(eerste, venster.eind) - datetime.combine(eerste, venster.begin))
    # The clocks change on Sundays, never working days: every window has its length.
    maand_tijd = kantooruren_tussen(*maand_grenzen(jaar, maand), venster, kalender)
    assert maand_tijd == werkdagen * per_dag
    assert venster_uren(*maand_grenzen(jaar, maand), venster, kalender) == als_uren(maand_tijd)
