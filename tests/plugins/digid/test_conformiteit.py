"""The conformance kit (:mod:`core.sdk.testing`) run for DigiD, as an external
plugin package runs it in its own CI."""

from core.sdk.testing import Conformiteit


class TestConformiteit(Conformiteit):
    dienst = "digid"
    # the form the prognosis hooks get (as the API receives it)
    prognose_voorbeeld = {"authenticatiesPerMaand": [1000] * 12, "piekPerMinuut": 10}
