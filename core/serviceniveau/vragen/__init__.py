"""Questions and complaints to Logius about a dienst with a service level: the second
kind of melding, answered within the dienst's reaction term in working days."""
