"""The conformance kit (:mod:`core.sdk.testing`) run for Digipoort, as an external
plugin package runs it in its own CI."""

from core.sdk.testing import Conformiteit


class TestConformiteit(Conformiteit):
    dienst = "digipoort"
    # the form the prognosis hooks get (as the API receives it)
    prognose_voorbeeld = {"berichten": 90000}
