"""The availability arithmetic (core.serviceniveau.beschikbaarheid), without the API.

Figures from DOMAIN.md (DigiD, SNO 2.8): production 24x7, 99.5 % a month; pre-production
working days 08:00-18:00, 99 %; the formula of SNO 2 Beschikbaarheid. The union of
intervals is checked with hypothesis against a minute-by-minute count.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from core.serviceniveau.beschikbaarheid import Record, meet, vereniging, verschil
from core.serviceniveau.typen import Onbeschikbaarheidssoort as Soort
from core.werktijd import Werkkalender
from plugins.digid.serviceniveau import SERVICENIVEAU

PRODUCTIE = SERVICENIVEAU.norm("productie")
PRE = SERVICENIVEAU.norm("pre-productie")
LATER = datetime(2030, 1, 1, tzinfo=UTC)
T0 = datetime(2027, 6, 1, tzinfo=UTC)


def _u(uren: float) -> datetime:
    return T0 + timedelta(hours=uren)


def test_sno_2_beschikbaarheid_formula_for_a_720_hour_month():
    """SNO 2 Beschikbaarheid: June 2027 (720 hours), 3 hours of outage and 8 of planned
    maintenance: (720 - 3 - 8) / (720 - 8) x 100, shown with 2 decimals rounded down."""
    records = [Record(_u(50), _u(53), Soort.STORING),
               Record(_u(300), _u(308), Soort.GEPLAND_ONDERHOUD)]
    meting = meet(PRODUCTIE, 2027, 6, records, None, LATER)
    assert (meting.uren_in_maand, meting.uren_onbeschikbaar, meting.uren_gepland_onderhoud) \
        == (Decimal("720.00"), Decimal("3.00"), Decimal("8.00"))
    assert meting.fractie == Fraction(100 * (720 - 3 - 8), 720 - 8)
    assert meting.percentage == Decimal("99.57")  # 99.5786... rounded down
    assert meting.gehaald is True and meting.afgesloten is True


def test_sno_2_beschikbaarheid_march_743_and_october_745_hours():
    """SNO 2 Beschikbaarheid over real hours: the clocks' changes in Europe/Amsterdam."""
    assert meet(PRODUCTIE, 2027, 3, [], None, LATER).uren_in_maand == Decimal("743.00")
    assert meet(PRODUCTIE, 2027, 10, [], None, LATER).uren_in_maand == Decimal("745.00")


def test_sno_2_beschikbaarheid_spoedonderhoud_counts_as_unavailable():
    records = [Record(_u(10), _u(12), Soort.SPOEDONDERHOUD)]
    meting = meet(PRODUCTIE, 2027, 6, records, None, LATER)
    assert meting.uren_onbeschikbaar == Decimal("2.00")
    assert meting.uren_gepland_onderhoud == 0


def test_overlap_counts_once_and_planned_maintenance_wins():
    records = [Record(_u(10), _u(14), Soort.STORING), Record(_u(12), _u(16), Soort.STORING),
               Record(_u(13), _u(15), Soort.SPOEDONDERHOUD),
               Record(_u(15), _u(18), Soort.GEPLAND_ONDERHOUD)]
    meting = meet(PRODUCTIE, 2027, 6, records, None, LATER)
    # Unavailable 10-16 is 6 hours, of which 15-16 is planned maintenance (15-18).
    assert meting.uren_onbeschikbaar == Decimal("5.00")
    assert meting.uren_gepland_onderhoud == Decimal("3.00")


def test_sno_2_beschikbaarheid_pre_productie_only_over_its_window():
    """SNO 2 Beschikbaarheid: pre-production working days 08:00-18:00, norm 99 %. June
    2027 has 22 working days (no holidays), so 220 measured hours."""
    # Friday 4 June 06:00-10:00 UTC is 08:00-12:00 local: 4 window hours; the weekend
    # after it counts nothing.
    records = [Record(datetime(2027, 6, 4, 6, tzinfo=UTC), datetime(2027, 6, 4, 10, tzinfo=UTC),
                      Soort.STORING),
               Record(datetime(2027, 6, 5, 8, tzinfo=UTC), datetime(2027, 6, 6, 20, tzinfo=UTC),
                      Soort.STORING)]
    meting = meet(PRE, 2027, 6, records, Werkkalender(), LATER)
    assert meting.uren_in_maand == Decimal("220.00")
    assert meting.uren_onbeschikbaar == Decimal("4.00")
    assert meting.norm.norm == Decimal(99)
    assert meting.fractie == Fraction(100 * (220 - 4), 220)
    assert meting.gehaald is False  # 98.18 %


def test_a_holiday_is_no_window_hour_in_pre_productie():
    kalender = Werkkalender(frozenset({date(2027, 6, 4)}))
    records = [Record(datetime(2027, 6, 4, 6, tzinfo=UTC), datetime(2027, 6, 4, 10, tzinfo=UTC),
                      Soort.STORING)]
    meting = meet(PRE, 2027, 6, records, kalender, LATER)
    assert (meting.uren_in_maand, meting.uren_onbeschikbaar) == (Decimal("210.00"), 0)


def test_records_are_cut_at_the_month_and_a_running_one_counts_until_now():
    nu = _u(24 * 29 + 20)  # 30 June 20:00 UTC
    records = [Record(T0 - timedelta(hours=5), _u(1), Soort.STORING),
               Record(_u(24 * 29 + 18), None, Soort.STORING)]
    meting = meet(PRODUCTIE, 2027, 6, records, None, nu)
    # June starts at 00:00 in Amsterdam, 31 May 22:00 UTC: 3 hours of the first record,
    # and 2 of the running one.
    assert meting.uren_onbeschikbaar == Decimal("5.00")
    assert meting.afgesloten is False


def test_a_month_of_only_planned_maintenance_has_no_percentage():
    begin, _ = T0, None
    meting = meet(PRODUCTIE, 2027, 6, [Record(begin - timedelta(days=1), begin
                                              + timedelta(days=31), Soort.GEPLAND_ONDERHOUD)],
                  None, LATER)
    assert meting.percentage is None and meting.gehaald is None


def test_the_percentage_is_rounded_down_so_it_never_shows_a_norm_not_met():
    # 3.6 hours out of 720: 99.5 exactly is met; a microsecond more is not, and shows 99.49.
    grens = timedelta(hours=3.6)
    gehaald = meet(PRODUCTIE, 2027, 6, [Record(_u(1), _u(1) + grens, Soort.STORING)], None,
                   LATER)
    assert (gehaald.percentage, gehaald.gehaald) == (Decimal("99.50"), True)
    net_niet = meet(PRODUCTIE, 2027, 6, [Record(_u(1), _u(1) + grens + timedelta(
        microseconds=1), Soort.STORING)], None, LATER)
    assert (net_niet.percentage, net_niet.gehaald) == (Decimal("99.49"), False)


# --- the union of intervals, property-based ----------------------------------------------

MINUTEN = st.tuples(st.integers(0, 600), st.integers(0, 600))


def _intervallen(paren):
    return [(_u(0) + timedelta(minutes=a), _u(0) + timedelta(minutes=b)) for a, b in paren]


def _minuten(paren) -> set[int]:
    return {m for a, b in paren for m in range(a, b)}


def _als_minuten(intervallen) -> set[int]:
    return {m for b, e in intervallen
            for m in range(int((b - _u(0)).total_seconds() // 60),
                           int((e - _u(0)).total_seconds() // 60))}


@settings(max_examples=300, deadline=None)
@given(st.lists(MINUTEN, max_size=12))
def test_the_union_covers_exactly_the_minutes_of_its_intervals(paren):
    unie = vereniging(_intervallen(paren))
    assert _als_minuten(unie) == _minuten(paren)
    # Sorted, and neither overlapping nor touching.
    assert all(e1 < b2 for (_, e1), (b2, _) in zip(unie, unie[1:]))
    assert all(b < e for b, e in unie)


@settings(max_examples=300, deadline=None)
@given(st.lists(MINUTEN, max_size=8), st.lists(MINUTEN, max_size=8))
def test_the_difference_is_the_minutes_of_a_not_in_b(a, b):
    rest = verschil(vereniging(_intervallen(a)), vereniging(_intervallen(b)))
    assert _als_minuten(rest) == _minuten(a) - _minuten(b)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(MINUTEN, st.sampled_from(list(Soort))), max_size=10))
def test_every_measured_hour_is_counted_once(records):
    """Unavailable plus planned is the union of all records, whatever overlaps."""
    lijst = [Record(_u(0) + timedelta(minutes=a), _u(0) + timedelta(minutes=b), s)
             for (a, b), s in records]
    meting = meet(PRODUCTIE, 2027, 6, lijst, None, LATER)
    alles = _minuten([p for p, _ in records])
    gepland = _minuten([p for p, s in records if s == Soort.GEPLAND_ONDERHOUD])
    assert meting.gepland_onderhoud_us == len(gepland) * 60_000_000
    assert meting.onbeschikbaar_us == len(alles - gepland) * 60_000_000
