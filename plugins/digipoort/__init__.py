"""Digipoort: e-factureren and DigiInkoop, per the aansluitondersteuning 2.5."""
