"""The conformance kit (:mod:`core.sdk.testing`) run for de VWO, as an external
plugin package runs it in its own CI."""

from core.sdk.testing import Conformiteit


class TestConformiteit(Conformiteit):
    dienst = "vwo"
