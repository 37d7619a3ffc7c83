"""Usage (verbruik) per aansluiting, metric and day, and yearly forecasts (voorcalculaties)."""
