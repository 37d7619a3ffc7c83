"""DigiD, the government's login for citizens, per the Serviceniveauovereenkomst DigiD 2.8.

An aansluiting chooses one or more authentication zekerheidsniveaus. The SNO (published
1 December 2017) has numbered chapters but no numbered articles, so references name the
chapter and the section: ``SNO 2 Oplostijden`` is the section Oplostijden of chapter 2.
The obligations are the service levels the product shows and acts on, in our own words.

One module per hook family: :mod:`.dienst` (identity), :mod:`.voorwaarden` (the SNO and
its figures), :mod:`.koppelvlakken`, :mod:`.kosten` (tariff schema and cost rule) and
:mod:`.prognoses` (capacity prognoses); :mod:`.plugin` holds only the hook
implementations, the module the entry point names.
"""
