"""Individuele begeleiding as periods (DP tabel 1), the rules without the database.

- **Choice.** Every doelgroep starts with basis aansluitondersteuning, free (DP tabel 1).
  The afnemer may choose individuele begeleiding instead; that costs a niet-rijksoverheid
  the tariff of DP tabel 1 per period and is free for bedrijven (DP Bedrijven) and
  rijksoverheden (DP Rijksoverheden).
- **Periods.** A period starts on the day of the aansluitteam's startmail and lasts three
  calendar months (DP tabel 1). "Three months" is read as everywhere in the product: the
  startmail's date plus three months keeps its day number, clamped to the last day of the
  month; the period ends the day before that date. So 2027-01-15 runs to 2027-04-14, and
  2027-11-30 (plus three months is 2028-02-29) to 2028-02-28.
- **Extension.** A longer need is another period, asked for at Logius (DP tabel 1); it is
  new period of its own, starting the day after the current one ends or later, and
  never inside a period already recorded.
"""

from __future__ import annotations

from datetime import date, timedelta

from core.sdk import plus_maanden

from .dienst import BEGELEIDINGSPERIODE

#: What a period (its length, its price, its extension) rests on.
ARTIKEL = "DP tabel 1"
BASIS = "basis"
INDIVIDUEEL = "individueel"
KEUZES = (BASIS, INDIVIDUEEL)
#: What recorded a period: the aansluitteam's startmail (Logius) or the afnemer's request
#: for another period while one runs.
STARTMAIL = "startmail"
VERLENGING = "verlenging"
SOORTEN = (STARTMAIL, VERLENGING)


def einde(startmail: date) -> date:
    """The last day (inclusive) of the period that starts at ``startmail``."""
    return plus_maanden(startmail, BEGELEIDINGSPERIODE.aantal) - timedelta(days=1)


def overlapt(van: date, tot: date, ander_van: date, ander_tot: date) -> bool:
    """Whether two periods (both ends inclusive) share a day."""
    return van <= ander_tot and ander_van <= tot


def omschrijving(van: date, tot: date) -> str:
    """The cost line of one period, with its dates as the invoice shows them."""
    return f"Individuele begeleiding {van.isoformat()} t/m {tot.isoformat()}"
