"""Prognoses of afnemers per aansluiting and period (AV 2.5), and DigiD capacity."""
