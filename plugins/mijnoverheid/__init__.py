"""MijnOverheid, the citizens' portal, per the Voorwaarden MijnOverheid productieomgeving 2.9.

An aansluiting chooses one or more of the three onderdelen of MO 3.1 (Berichtenbox,
Persoonlijke Gegevens, Lopende Zaken). What each costs is recorded as a rule with its
article; the amounts are tariff data, set every year (MO 3.8), and live in the tariff
table per year, never in code.

One module per hook family: :mod:`.dienst`, :mod:`.voorwaarden`, :mod:`.koppelvlakken`,
:mod:`.kosten` and :mod:`.prognoses`; :mod:`.plugin` holds only the hook
implementations, the module the entry point names.
"""
