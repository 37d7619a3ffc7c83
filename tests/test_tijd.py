"""Reading periods (DOMAIN.md): calendar months keep the day number, clamped to the
last day of the target month; the rules of AV 2.8, AV 13 and MO 8 all count this way."""

from __future__ import annotations

from datetime import date

import pytest

from core.tijd import beschrijf, min_termijn, plus_maanden, plus_termijn
from core.types import Eenheid, Termijn
from core.voorwaarden.algemene import (
    AV_AANKONDIGINGSTERMIJN,
    AV_EINDE_NA_AFWIJZING,
    AV_WIJZIGINGSMELDING_TERMIJN,
)


@pytest.mark.parametrize(("dag", "maanden", "verwacht"), [
    (date(2027, 1, 31), 1, date(2027, 2, 28)),  # clamped to the end of February
    (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year
    (date(2027, 1, 15), 1, date(2027, 2, 15)),  # the day number is kept
    (date(2027, 3, 31), 1, date(2027, 4, 30)),
    (date(2027, 8, 31), 1, date(2027, 9, 30)),
    (date(2027, 12, 31), 1, date(2028, 1, 31)),  # over the turn of the year
    (date(2027, 11, 30), 3, date(2028, 2, 29)),
    (date(2027, 2, 28), 1, date(2027, 3, 28)),  # not 'the end of the next month'
    (date(2027, 5, 31), -3, date(2027, 2, 28)),  # counting back clamps too
    (date(2027, 1, 10), -1, date(2026, 12, 10)),
    (date(2027, 6, 15), 0, date(2027, 6, 15)),
])
def test_calendar_months_keep_the_day_clamped_to_month_end(dag, maanden, verwacht):
    assert plus_maanden(dag, maanden) == verwacht


def test_av_13_1_one_month_notice_from_31_january_is_28_february():
    assert plus_termijn(date(2027, 1, 31), AV_AANKONDIGINGSTERMIJN) == date(2027, 2, 28)
    assert plus_termijn(date(2028, 1, 31), AV_AANKONDIGINGSTERMIJN) == date(2028, 2, 29)


def test_av_13_2_delivery_ends_two_calendar_months_after_the_change_date():
    assert plus_termijn(date(2026, 12, 31), AV_EINDE_NA_AFWIJZING) == date(2027, 2, 28)
    assert plus_termijn(date(2027, 3, 15), AV_EINDE_NA_AFWIJZING) == date(2027, 5, 15)


def test_av_2_8_three_months_counted_back_give_the_last_day_to_report():
    """Realisation on 31 May: 28 February was the last day, since 1 March plus three
    months is already 1 June."""
    assert min_termijn(date(2027, 5, 31), AV_WIJZIGINGSMELDING_TERMIJN) == date(2027, 2, 28)
    assert plus_termijn(date(2027, 2, 28), AV_WIJZIGINGSMELDING_TERMIJN) <= date(2027, 5, 31)
    assert plus_termijn(date(2027, 3, 1), AV_WIJZIGINGSMELDING_TERMIJN) > date(2027, 5, 31)


def test_calendar_days_and_refused_units():
    assert plus_termijn(date(2027, 2, 27), Termijn(3, Eenheid.KALENDERDAGEN)) == date(2027, 3, 2)
    assert min_termijn(date(2027, 3, 2), Termijn(3, Eenheid.KALENDERDAGEN)) == date(2027, 2, 27)
    with pytest.raises(ValueError):
        plus_termijn(date(2027, 1, 1), Termijn(10, Eenheid.KANTOORUREN))


def test_periods_read_as_a_person_says_them():
    assert beschrijf(AV_AANKONDIGINGSTERMIJN) == "1 kalendermaand"
    assert beschrijf(AV_WIJZIGINGSMELDING_TERMIJN) == "3 kalendermaanden"
