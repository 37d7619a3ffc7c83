"""Digipoort for e-factureren and DigiInkoop, per the Aansluitondersteuning Digipoort 2.5.

The source (published December 2017) is a web page without numbered articles, so
references name its section: ``DP Niet-rijksoverheden`` or ``DP tabel 1``. What an afnemer
pays depends on its doelgroep. The amounts in tabel 1 are tariff data that core keeps per
year; they are deliberately absent here.

One module per hook family: :mod:`.dienst`, :mod:`.voorwaarden`, :mod:`.koppelvlakken`,
:mod:`.kosten` and :mod:`.prognoses` (the yearly voorcalculatie); :mod:`.plugin` holds
only the hook implementations, the module the entry point names.
"""
