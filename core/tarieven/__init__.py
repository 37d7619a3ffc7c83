"""Tariffs per dienst per calendar year, and the BTW rate per year (MO 3.8)."""
