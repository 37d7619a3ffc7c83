"""Maintenance windows from an Onderhoudsregel (core.serviceniveau.onderhoud), without
the API. Figures from DOMAIN.md (DigiD, SNO 2 Onderhoudsvenster): production at most
twice a month, at most 6 hours, 00:00-06:00, on the second Monday and the second
Wednesday of the month."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from core.serviceniveau.onderhoud import (
    Overtreding,
    beschrijf,
    nde_weekdag,
    toets,
    vensters,
    vensters_tussen,
)
from core.serviceniveau.typen import Onderhoudsregel
from core.tijd import AMSTERDAM
from plugins.digid.serviceniveau import SERVICENIVEAU

REGEL = SERVICENIVEAU.onderhoudsregel("productie")


def _lokaal(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def test_sno_2_onderhoudsvenster_second_monday_and_wednesday_of_march_2027():
    uit = vensters(REGEL, 2027, 3)
    assert [v.datum for v in uit] == [date(2027, 3, 8), date(2027, 3, 10)]
    assert [(v.begin, v.eind) for v in uit] == [
        (_lokaal(2027, 3, 8, 0), _lokaal(2027, 3, 8, 6)),
        (_lokaal(2027, 3, 10, 0), _lokaal(2027, 3, 10, 6))]
    assert uit[0].begin.tzinfo == UTC and uit[0].max_uren == 6
    assert uit[0].artikel == "SNO 2 Onderhoudsvenster"


def test_a_month_starting_on_a_wednesday_has_its_second_wednesday_first():
    # September 2027 starts on a Wednesday: the 8th, then Monday the 13th.
    assert [v.datum for v in vensters(REGEL, 2027, 9)] == [date(2027, 9, 8), date(2027, 9, 13)]


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_sno_2_onderhoudsvenster_every_month_has_the_second_monday_and_wednesday(jaar, maand):
    uit = vensters(REGEL, jaar, maand)
    assert len(uit) == 2
    maandag, woensdag = sorted(uit, key=lambda v: v.datum.weekday())
    assert maandag.datum.weekday() == 0 and 8 <= maandag.datum.day <= 14
    assert woensdag.datum.weekday() == 2 and 8 <= woensdag.datum.day <= 14
    assert all((v.eind - v.begin).total_seconds() == 6 * 3600 for v in uit)


def test_a_fifth_weekday_the_month_lacks_is_no_window():
    regel = Onderhoudsregel("productie", ((5, 0),), time(1), time(3), 1, 2, "X 1")
    assert nde_weekdag(2027, 2, 5, 0) is None
    assert vensters(regel, 2027, 2) == []
    assert [v.datum for v in vensters(regel, 2027, 3)] == [date(2027, 3, 29)]


def test_windows_between_two_days():
    uit = vensters_tussen(REGEL, date(2027, 3, 9), date(2027, 5, 10))
    assert [v.datum for v in uit] == [date(2027, 3, 10), date(2027, 4, 12), date(2027, 4, 14),
                                      date(2027, 5, 10)]


def test_the_rule_in_words():
    assert beschrijf(REGEL) == ("de tweede maandag en de tweede woensdag van de maand, "
                                "00:00-06:00")


def test_sno_2_onderhoudsvenster_inside_a_window_is_fine():
    assert toets(REGEL, _lokaal(2027, 3, 8, 1), _lokaal(2027, 3, 8, 5)) == []
    assert toets(REGEL, _lokaal(2027, 3, 10, 0), _lokaal(2027, 3, 10, 6)) == []


def test_sno_2_onderhoudsvenster_tuesday_10_to_18_breaks_window_and_duration():
    """The issue's case: a Tuesday 10:00-18:00, outside the window and 8 hours long."""
    bevindingen = toets(REGEL, _lokaal(2027, 3, 9, 10), _lokaal(2027, 3, 9, 18))
    assert {b.overtreding for b in bevindingen} == {Overtreding.BUITEN_VENSTER,
                                                     Overtreding.TE_LANG}
    assert all("SNO 2 Onderhoudsvenster" in b.reden for b in bevindingen)
    buiten = next(b for b in bevindingen if b.overtreding == Overtreding.BUITEN_VENSTER)
    assert "maandag 8 maart 00:00-06:00" in buiten.reden


def test_maintenance_running_past_the_window_is_outside_it():
    bevindingen = toets(REGEL, _lokaal(2027, 3, 8, 4), _lokaal(2027, 3, 8, 7))
    assert [b.overtreding for b in bevindingen] == [Overtreding.BUITEN_VENSTER]


def test_sno_2_onderhoudsvenster_at_most_6_hours_in_one_window_together():
    eerder = [(_lokaal(2027, 3, 8, 0), _lokaal(2027, 3, 8, 4))]
    bevindingen = toets(REGEL, _lokaal(2027, 3, 8, 3), _lokaal(2027, 3, 8, 6), eerder)
    assert bevindingen == []  # 00:00-06:00 together: 6 hours
    regel = Onderhoudsregel("productie", ((2, 0),), time(0), time(8), 2, 6, "X 1")
    bevindingen = toets(regel, _lokaal(2027, 3, 8, 5), _lokaal(2027, 3, 8, 8),
                        [(_lokaal(2027, 3, 8, 0), _lokaal(2027, 3, 8, 4))])
    assert [b.overtreding for b in bevindingen] == [Overtreding.TE_LANG]


def test_sno_2_onderhoudsvenster_at_most_twice_a_month():
    regel = Onderhoudsregel("productie", ((1, 0), (2, 0), (3, 0)), time(0), time(6), 2, 6,
                            "X 1")
    eerder = [(_lokaal(2027, 3, 1, 0), _lokaal(2027, 3, 1, 2)),
              (_lokaal(2027, 3, 8, 0), _lokaal(2027, 3, 8, 2))]
    bevindingen = toets(regel, _lokaal(2027, 3, 15, 0), _lokaal(2027, 3, 15, 2), eerder)
    assert [b.overtreding for b in bevindingen] == [Overtreding.TE_VAAK]
    # A second maintenance in a window already used is no extra time in the month.
    assert toets(regel, _lokaal(2027, 3, 8, 3), _lokaal(2027, 3, 8, 4), eerder) == []
