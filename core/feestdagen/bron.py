"""Which days of the ``holidays`` package's Dutch calendar are holidays here.

The SNO (2.8) and DOMAIN.md count working days as weekdays minus the *generally
recognised* public holidays. That is the term of the Algemene termijnenwet, whose
article 3 lists them (lid 1): New Year's Day, Easter Monday and Whit Monday (the
second days of Easter and Pentecost), both Christmas days, Ascension Day, the day the
monarch's birthday is celebrated, and 5 May. The list has no condition on the year for
5 May, and Good Friday is not on it; lid 2 lets an order in council equate further
days with them, which a Logius beheerder then adds by hand.

The package's ``public`` category for the Netherlands follows common practice instead:
it holds Good Friday every year and 5 May only in lustrum years (2025, 2030, ...),
with 5 May of the other years in its ``optional`` category. So the choice is:

- both categories, ``public`` and ``optional``, so that 5 May is there every year;
- minus Good Friday, which the law does not name;
- minus Easter Sunday and Whit Sunday, which the law does not name either (they are
  Sundays, so this changes no working day, only keeps the table to the law's list).

The three days left out are found by their date (from Easter), not by a name a new
version of the package might spell differently.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from dateutil.easter import easter

#: Where seeded rows come from, with the package's version (kept per seeded year).
BRON = "holidays"
BRON_VERSIE = f"holidays {holidays.__version__}"
#: The categories of ``holidays.NL`` that together hold every day of art. 3 lid 1.
CATEGORIEEN = (holidays.PUBLIC, holidays.OPTIONAL)


def niet_in_de_wet(jaar: int) -> dict[date, str]:
    """The days the package has that art. 3 lid 1 does not name."""
    pasen = easter(jaar)
    return {pasen - timedelta(days=2): "Goede Vrijdag", pasen: "Eerste paasdag",
            pasen + timedelta(days=49): "Eerste pinksterdag"}


def algemeen_erkende_feestdagen(jaar: int) -> list[tuple[date, str]]:
    """The generally recognised holidays of ``jaar`` (Algemene termijnenwet art. 3 lid 1),
    sorted by date, with their Dutch names from the package."""
    dagen = holidays.country_holidays("NL", years=jaar, categories=CATEGORIEEN,
                                      language="nl")
    weg = niet_in_de_wet(jaar)
    return sorted((dag, naam) for dag, naam in dagen.items() if dag not in weg)
