"""The conformance kit (:mod:`core.sdk.testing`) run for MijnOverheid, as an external
plugin package runs it in its own CI."""

from core.sdk.testing import Conformiteit


class TestConformiteit(Conformiteit):
    dienst = "mijnoverheid"
    # the form the prognosis hooks get (as the API receives it)
    prognose_voorbeeld = {"berichtenPerMaand": [1000] * 12}
