"""Example values of the OpenAPI document, taken from the built-in diensten.

Like :mod:`core.demo` and :mod:`core.schaal` this is demo data: the one place in core,
beside those two, that names a dienst. Examples show what a real answer looks like, so
they use the diensten Logius runs; nothing in core's rules reads them
(``tests/plugins/test_core_noemt_geen_plugin.py`` holds core to that).
"""

from __future__ import annotations

#: A dienst, as its slug, its name and what its plugin says of it.
DIENST = "digid"
DIENST_NAAM = "DigiD"
DIENST_OMSCHRIJVING = "Inloggen bij de overheid met DigiD."
DIENST_URL = "https://www.logius.nl/domeinen/toegang/digid"
#: A dienst with tariffs and invoices, and one of its metrics.
DIENST_MET_KOSTEN = "digipoort"
METRIEK = "berichten"
VOORSCHOT = "Voorschot Digipoort 2027"
#: A dienst with koppelvlak versions.
DIENST_MET_KOPPELVLAKKEN = "mijnoverheid"
#: A file a dienst adds to an afnemer's data export (dienst_export).
EXPORT_DIENSTBESTAND = "diensten/vwo/overeenkomsten.json"

#: A prognosis form as DigiD's plugin asks it, and its field holding a shared capacity.
PROGNOSEFORMULIER = {"authenticatiesPerMaand": [12000] * 12, "piekPerMinuut": 300}
CAPACITEITSVELD = "piekPerMinuut"
PROGNOSEPLICHT = "DigiD vraagt twee keer per jaar een prognose (AV 2.5)."
DEADLINE = "Prognose DigiD inleveren"
ICAL_SAMENVATTING = "Prognose DigiD 2027 inleveren"

#: A maintenance announcement as a webhook carries it.
ONDERHOUD_ONDERWERP = "Gepland onderhoud DigiD op 14 november"
ONDERHOUD_TEKST = "Op 14 november van 06:00 tot 07:00 is DigiD niet beschikbaar."

#: A function of a dienst's service level, as an outage names it.
FUNCTIE = "authenticatie-midden"

#: One line of a cost CSV.
KOSTENREGEL_CSV = (
    "digipoort,3f0c2a4e-8b1d-4c6e-9a7f-2d5b8e1c4a90,berichtenverkeer,Exploitatie "
    "berichtenverkeer,DP tabel 1,12000,per bericht,0.59,true,5851.24,1228.76,7080.00\r\n")
