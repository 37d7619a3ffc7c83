"""The Standaard Verwerkersovereenkomst Gemeenten 2.5 (VNG/IBD, 15 February 2024) as a dienst.

A gemeente that uses Logius diensten concludes this processing agreement with Logius.
The gemeente (its bestuursorgaan) is the verwerkingsverantwoordelijke and Logius the
verwerker (cf. MO 3.7), so ``Partij.AFNEMER`` stands for the controller and
``Partij.LOGIUS`` for the processor. The VWO text is CC BY-NC-SA: the obligations are
our own short paraphrases with the article they come from.

Two modules, for the two hooks it has: :mod:`.dienst` and :mod:`.voorwaarden`;
:mod:`.plugin` holds only the hook implementations, the module the entry point names.
"""
