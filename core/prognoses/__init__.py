"""Prognoses of afnemers per aansluiting and period (AV 2.5), and the capacity the afnemers of a dienst share."""
