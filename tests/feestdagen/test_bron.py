"""Which holidays of the ``holidays`` package count (core.feestdagen.bron).

Algemene termijnenwet art. 3 lid 1 names the generally recognised holidays: New Year's
Day, Easter Monday, Whit Monday, both Christmas days, Ascension Day, the day the
monarch's birthday is celebrated, and 5 May, that last one with no condition on the
year. Good Friday is not among them. The package's ``public`` category for the
Netherlands differs on exactly those two points; these tests hold the choice to the law.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from dateutil.easter import easter

from core.feestdagen.bron import algemeen_erkende_feestdagen


def _wet(jaar: int) -> set[date]:
    """Art. 3 lid 1, computed independently of the package."""
    pasen = easter(jaar)
    if jaar >= 2014:  # Koningsdag, 27 April; the Saturday before when that is a Sunday
        vorst = date(jaar, 4, 27)
        vorst -= timedelta(days=1) if vorst.weekday() == 6 else timedelta(0)
    else:  # Koninginnedag, 30 April; the Saturday before when that was a Sunday
        vorst = date(jaar, 4, 30)
        vorst -= timedelta(days=1) if vorst.weekday() == 6 else timedelta(0)
    return {date(jaar, 1, 1), pasen + timedelta(days=1), vorst, date(jaar, 5, 5),
            pasen + timedelta(days=39), pasen + timedelta(days=50), date(jaar, 12, 25),
            date(jaar, 12, 26)}


@pytest.mark.parametrize("jaar", range(2000, 2101))
def test_art_3_lid_1_every_year_exactly_the_days_the_law_names(jaar):
    assert {dag for dag, _naam in algemeen_erkende_feestdagen(jaar)} == _wet(jaar)


def test_goede_vrijdag_is_not_a_generally_recognised_holiday():
    """The package has Good Friday as public; art. 3 lid 1 does not name it."""
    for jaar in (2025, 2026, 2027, 2030):
        goede_vrijdag = easter(jaar) - timedelta(days=2)
        assert goede_vrijdag in holidays.country_holidays("NL", years=jaar)
        assert goede_vrijdag not in dict(algemeen_erkende_feestdagen(jaar))


def test_5_may_counts_every_year_not_only_in_lustrum_years():
    """The package's public category has 5 May only in 2025, 2030, ...; the law every year."""
    assert date(2027, 5, 5) not in holidays.country_holidays("NL", years=2027)
    assert date(2030, 5, 5) in holidays.country_holidays("NL", years=2030)
    for jaar in (2026, 2027, 2028, 2029, 2030):
        assert dict(algemeen_erkende_feestdagen(jaar))[date(jaar, 5, 5)] == "Bevrijdingsdag"


def test_the_2027_days_and_their_dutch_names():
    assert algemeen_erkende_feestdagen(2027) == [
        (date(2027, 1, 1), "Nieuwjaarsdag"),
        (date(2027, 3, 29), "Tweede paasdag"),
        (date(2027, 4, 27), "Koningsdag"),
        (date(2027, 5, 5), "Bevrijdingsdag"),
        (date(2027, 5, 6), "Hemelvaartsdag"),
        (date(2027, 5, 17), "Tweede pinksterdag"),
        (date(2027, 12, 25), "Eerste kerstdag"),
        (date(2027, 12, 26), "Tweede kerstdag"),
    ]
