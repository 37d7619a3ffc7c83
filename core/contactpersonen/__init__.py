"""contactpersonen."""
