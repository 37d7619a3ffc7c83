"""Onboarding routes: the steps a dienst's plugin declares (``dienst_route``) and each
aansluiting's progress along them."""
