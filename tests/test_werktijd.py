"""Working time (core.werktijd) with the figures of DOMAIN.md, DigiD (SNO 2.8).

- SNO 2.8: incidents of priority 2 are resolved within 10 office hours and of priority 3
  within 18, office hours being 08:00-18:00 on working days; priority 1 within 6 clock
  hours, 24x7.
- SNO 2.8: working days are calendar days minus weekends and the generally recognised
  public holidays (Algemene termijnenwet art. 3: here those of 2026-2028, Good Friday
  not among them, 5 May every year).
- SNO 2.8: availability is measured over the real hours of a month (production) or only
  over the window of working days 08:00-18:00 (pre-production).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest

from core.tijd import AMSTERDAM
from core.werktijd import (
    BuitenKalender,
    Kantoortijden,
    Werkkalender,
    als_uren,
    is_werkdag,
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

#: The generally recognised holidays (Algemene termijnenwet art. 3 lid 1) of 2026-2028:
#: New Year, Easter Monday, King's Day, 5 May, Ascension, Whit Monday, both Christmas days.
FEESTDAGEN = frozenset({
    date(2026, 1, 1), date(2026, 4, 6), date(2026, 4, 27), date(2026, 5, 5),
    date(2026, 5, 14), date(2026, 5, 25), date(2026, 12, 25), date(2026, 12, 26),
    date(2027, 1, 1), date(2027, 3, 29), date(2027, 4, 27), date(2027, 5, 5),
    date(2027, 5, 6), date(2027, 5, 17), date(2027, 12, 25), date(2027, 12, 26),
    date(2028, 1, 1), date(2028, 4, 17), date(2028, 4, 27), date(2028, 5, 5),
    date(2028, 5, 25), date(2028, 6, 5), date(2028, 12, 25), date(2028, 12, 26),
})
KALENDER = Werkkalender(FEESTDAGEN, range(2026, 2029))
#: SNO 2.8: the office hours of P2 and P3 incidents.
KANTOORUREN = Kantoortijden(time(8), time(18))
P2, P3, P1 = 10, 18, 6


def ams(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def lokaal(moment: datetime) -> datetime:
    return moment.astimezone(AMSTERDAM)


# --- working days ------------------------------------------------------------------------


def test_sno_2_8_working_days_are_weekdays_minus_the_holidays():
    assert is_werkdag(date(2027, 3, 25), KALENDER)  # Thursday
    assert is_werkdag(date(2027, 3, 26), KALENDER)  # Good Friday: no holiday in law
    assert not is_werkdag(date(2027, 3, 27), KALENDER)  # Saturday
    assert not is_werkdag(date(2027, 3, 28), KALENDER)  # Easter Sunday
    assert not is_werkdag(date(2027, 3, 29), KALENDER)  # Easter Monday
    assert not is_werkdag(date(2027, 5, 5), KALENDER)  # 5 May, also in 2027 (no lustrum)
    # A moment counts by its date in Amsterdam: 23:30 UTC on 4 May is 5 May there.
    assert not is_werkdag(datetime(2027, 5, 4, 23, 30, tzinfo=UTC), KALENDER)
    assert is_werkdag(datetime(2027, 5, 4, 21, 30, tzinfo=UTC), KALENDER)


def test_working_days_forward_and_back():
    # Friday plus one is Monday; Good Friday 2027 plus one is the Tuesday after Easter.
    assert plus_werkdagen(date(2027, 3, 19), 1, KALENDER) == date(2027, 3, 22)
    assert plus_werkdagen(date(2027, 3, 26), 1, KALENDER) == date(2027, 3, 30)
    # SNO 2.8: a question of Tuesday 4 May 2027 is answered within 3 working days: 5 and
    # 6 May (Liberation Day, Ascension) and the weekend do not count.
    assert plus_werkdagen(date(2027, 5, 4), 3, KALENDER) == date(2027, 5, 11)
    assert werkdagen_tussen(date(2027, 5, 4), date(2027, 5, 11), KALENDER) == 3
    assert plus_werkdagen(date(2027, 5, 11), -3, KALENDER) == date(2027, 5, 4)
    assert werkdagen_tussen(date(2027, 5, 11), date(2027, 5, 4), KALENDER) == -3
    assert plus_werkdagen(date(2027, 3, 27), 0, KALENDER) == date(2027, 3, 27)
    assert werkdagen_tussen(date(2027, 3, 27), date(2027, 3, 27), KALENDER) == 0


# --- office hours: SNO 2.8's P2 and P3 ---------------------------------------------------


@pytest.mark.parametrize(("gemeld", "uren", "uiterlijk"), [
    # A plain Monday: 10 office hours from 08:00 end at 18:00 the same day.
    (ams(2027, 3, 1, 8), P2, ams(2027, 3, 1, 18)),
    (ams(2027, 3, 1, 12), P2, ams(2027, 3, 2, 12)),
    # Before the window, after it, in the weekend: counting starts at the next 08:00.
    (ams(2027, 3, 1, 6, 30), P2, ams(2027, 3, 1, 18)),
    (ams(2027, 3, 1, 18), P2, ams(2027, 3, 2, 18)),
    (ams(2027, 3, 1, 21), P2, ams(2027, 3, 2, 18)),
    (ams(2027, 3, 6, 11), P2, ams(2027, 3, 8, 18)),
    # P3, 18 office hours, from Monday 08:00: Tuesday 16:00.
    (ams(2027, 3, 1, 8), P3, ams(2027, 3, 2, 16)),
    # Thursday before Easter 16:00: 2 hours on Thursday, 8 on Good Friday (a working day).
    (ams(2027, 3, 25, 16), P2, ams(2027, 3, 26, 16)),
    # Good Friday 16:00: the weekend (with the clocks going forward) and Easter Monday
    # are skipped; Tuesday 08:00 (now CEST) plus 8 hours.
    (ams(2027, 3, 26, 16), P2, ams(2027, 3, 30, 16)),
    # The Friday before Whitsun, 17:00: 1 hour, then Tuesday after Whit Monday.
    (ams(2027, 5, 14, 17), P2, ams(2027, 5, 18, 17)),
    # Tuesday 4 May 2027 12:00: 6 hours, then 5 May and Ascension Day are skipped.
    (ams(2027, 5, 4, 12), P2, ams(2027, 5, 7, 12)),
    # Christmas Eve 2026 (Thursday) 15:00: Christmas on Friday, the weekend, Monday 15:00.
    (ams(2026, 12, 24, 15), P2, ams(2026, 12, 28, 15)),
    # Christmas 2027 falls in the weekend: Friday 24th 15:00 to Monday 27th 15:00.
    (ams(2027, 12, 24, 15), P2, ams(2027, 12, 27, 15)),
    # New Year's Eve 2027 (Friday) 13:00: 1 January 2028 is a Saturday anyway.
    (ams(2027, 12, 31, 13), P3, ams(2028, 1, 4, 11)),
    # Reported on a holiday itself (King's Day 2027, a Tuesday).
    (ams(2027, 4, 27, 10), P2, ams(2027, 4, 28, 18)),
])
def test_sno_2_8_deadline_in_office_hours(gemeld, uren, uiterlijk):
    deadline = plus_kantooruren(gemeld, uren, KANTOORUREN, KALENDER)
    assert deadline == uiterlijk
    assert deadline.tzinfo is UTC
    assert kantooruren_tussen(gemeld, deadline, KANTOORUREN, KALENDER) == timedelta(hours=uren)


def test_a_p2_before_a_long_weekend_skips_all_of_it():
    """SNO 2.8, P2 10 office hours: Friday 26 March 2027 17:30 (Good Friday, a working
    day by law); Saturday, Easter Sunday with the clocks going forward, Easter Monday
    are skipped; 9.5 hours on Tuesday 30 March run to 17:30 CEST (15:30 UTC)."""
    deadline = plus_kantooruren(ams(2027, 3, 26, 17, 30), P2, KANTOORUREN, KALENDER)
    assert deadline == datetime(2027, 3, 30, 15, 30, tzinfo=UTC)
    assert lokaal(deadline).utcoffset() == timedelta(hours=2)


def test_zero_hours_is_the_moment_itself_and_negative_is_refused():
    zaterdag = ams(2027, 3, 6, 11)
    assert plus_kantooruren(zaterdag, 0, KANTOORUREN, KALENDER) == zaterdag
    with pytest.raises(ValueError):
        plus_kantooruren(zaterdag, -1, KANTOORUREN, KALENDER)


def test_hours_may_be_a_duration_or_a_fraction():
    maandag = ams(2027, 3, 1, 17)
    halfuur = plus_kantooruren(maandag, timedelta(minutes=90), KANTOORUREN, KALENDER)
    assert halfuur == ams(2027, 3, 2, 8, 30)
    assert plus_kantooruren(maandag, Decimal("1.5"), KANTOORUREN, KALENDER) == halfuur
    assert plus_kantooruren(maandag, 1.5, KANTOORUREN, KALENDER) == halfuur


def test_office_time_between_two_moments():
    # Friday 16:00 to Tuesday 10:00 after Easter 2027: 2 + 2 hours.
    assert kantooruren_tussen(ams(2027, 3, 26, 16), ams(2027, 3, 30, 10), KANTOORUREN,
                              KALENDER) == timedelta(hours=4)
    # Wholly in a weekend or at night: nothing; the other way round: negative.
    assert kantooruren_tussen(ams(2027, 3, 27, 9), ams(2027, 3, 28, 17), KANTOORUREN,
                              KALENDER) == timedelta(0)
    assert kantooruren_tussen(ams(2027, 3, 30, 10), ams(2027, 3, 26, 16), KANTOORUREN,
                              KALENDER) == -timedelta(hours=4)


def test_a_service_window_of_another_length():
    """SNO 2.8's service window for afnemers, 08:00-17:00: 9 hours a working day."""
    venster = Kantoortijden(time(8), time(17))
    assert plus_kantooruren(ams(2027, 3, 1, 8), P2, venster, KALENDER) == ams(2027, 3, 2, 9)
    assert str(venster) == "08:00-17:00"


def test_a_window_must_begin_before_it_ends_and_be_local_time():
    with pytest.raises(ValueError):
        Kantoortijden(time(18), time(8))
    with pytest.raises(ValueError):
        Kantoortijden(time(8), time(8))
    with pytest.raises(ValueError):
        Kantoortijden(time(8, tzinfo=UTC), time(18))


# --- clock hours: SNO 2.8's P1 -----------------------------------------------------------


def test_sno_2_8_p1_six_clock_hours_across_midnight():
    assert plus_klokuren(ams(2027, 6, 1, 21), P1) == ams(2027, 6, 2, 3)


def test_sno_2_8_p1_six_clock_hours_across_the_clocks_going_forward():
    """Sunday 28 March 2027, 02:00 CET becomes 03:00 CEST: from midnight, six real hours
    end at 07:00 on the clock (05:00 UTC): the clock moved seven."""
    deadline = plus_klokuren(ams(2027, 3, 28, 0), P1)
    assert deadline == datetime(2027, 3, 28, 5, tzinfo=UTC)
    assert lokaal(deadline).hour == 7
    assert klokuren_tussen(ams(2027, 3, 28, 0), deadline) == timedelta(hours=6)


def test_sno_2_8_p1_six_clock_hours_across_the_clocks_going_back():
    """Sunday 31 October 2027, 03:00 CEST becomes 02:00 CET: from midnight, six real
    hours end at 05:00 on the clock (04:00 UTC): the clock moved five."""
    deadline = plus_klokuren(ams(2027, 10, 31, 0), P1)
    assert deadline == datetime(2027, 10, 31, 4, tzinfo=UTC)
    assert lokaal(deadline).hour == 5


def test_other_offsets_in_and_utc_out():
    deadline = plus_klokuren(datetime(2027, 3, 28, 1, tzinfo=timezone(timedelta(hours=1))), 1)
    assert deadline == datetime(2027, 3, 28, 1, tzinfo=UTC) and deadline.tzinfo is UTC


# --- months and windows: SNO 2.8's availability -----------------------------------------


def test_real_hours_in_a_month_in_amsterdam():
    assert uren_in_maand(2027, 3) == 743
    assert uren_in_maand(2027, 10) == 745
    assert uren_in_maand(2027, 4) == 720
    assert uren_in_maand(2028, 2) == 696
    van, tot = maand_grenzen(2027, 3)
    assert (van, tot) == (datetime(2027, 2, 28, 23, tzinfo=UTC),
                          datetime(2027, 3, 31, 22, tzinfo=UTC))
    with pytest.raises(ValueError):
        maand_grenzen(2027, 13)


def test_sno_2_8_preproduction_is_measured_over_its_window_only():
    """March 2027 has 23 weekdays; Easter Monday (29th) is a holiday: 22 x 10 hours."""
    assert venster_uren(*maand_grenzen(2027, 3), KANTOORUREN, KALENDER) == Decimal(220)
    # An outage from Friday 17:00 to Monday 09:30 takes 1 + 1.5 hours of the window.
    assert venster_uren(ams(2027, 3, 5, 17), ams(2027, 3, 8, 9, 30), KANTOORUREN,
                        KALENDER) == Decimal("2.5")
    assert als_uren(timedelta(minutes=20)) == Decimal(1) / Decimal(3)


# --- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize("aanroep", [
    lambda m: plus_kantooruren(m, 1, KANTOORUREN, KALENDER),
    lambda m: kantooruren_tussen(m, ams(2027, 3, 1, 9), KANTOORUREN, KALENDER),
    lambda m: plus_klokuren(m, 1),
    lambda m: klokuren_tussen(ams(2027, 3, 1, 9), m),
    lambda m: is_werkdag(m, KALENDER),
    lambda m: venster_uren(m, ams(2027, 3, 1, 9), KANTOORUREN, KALENDER),
])
def test_a_naive_datetime_is_a_value_error(aanroep):
    with pytest.raises(ValueError, match="naief"):
        aanroep(datetime(2027, 3, 1, 8))


def test_a_calendar_knows_which_years_it_covers():
    with pytest.raises(BuitenKalender):
        is_werkdag(date(2029, 1, 2), KALENDER)
    # A deadline that would run past the calendar says so instead of guessing.
    with pytest.raises(BuitenKalender):
        plus_kantooruren(ams(2028, 12, 29, 17), P2, KANTOORUREN, KALENDER)
    assert is_werkdag(date(2040, 1, 2), Werkkalender(FEESTDAGEN))  # unbounded
    with pytest.raises(TypeError):
        Werkkalender({datetime(2027, 1, 1, tzinfo=UTC)})
