"""The Standaard Verwerkersovereenkomst Gemeenten 2.5 (VNG/IBD, 15 February 2024) as a dienst.

A gemeente that uses Logius diensten concludes this processing agreement with Logius.
The gemeente (its bestuursorgaan) is the verwerkingsverantwoordelijke and Logius the
verwerker (cf. MO 3.7), so ``Partij.AFNEMER`` stands for the controller and
``Partij.LOGIUS`` for the processor. The VWO text is CC BY-NC-SA: the obligations are
our own short paraphrases with the article they come from.

Besides its terms (:mod:`.voorwaarden`) and its description (:mod:`.dienst`) it is a
dienst with routes and tables of its own: :mod:`.models` and :mod:`.migraties` hold the
agreements per gemeente, the Bijlage 1 register with its versions, Logius'
subverwerkers, breaches with their timeline and requests; :mod:`.regels` and
:mod:`.catalogus` hold the rules and the lists of categories, with their article;
:mod:`.register`, :mod:`.weergave` and :mod:`.agenda` build the register, the answers
and the deadlines from them; :mod:`.api` holds the blueprints. :mod:`.plugin` holds only
the hook implementations, the module the entry point names.
"""
