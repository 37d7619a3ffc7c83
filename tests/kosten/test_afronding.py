"""Rounding (core.kosten.afronding): to cents per line, ROUND_HALF_UP.

incl. BTW tariff: incl = rond(q x t), excl = rond(incl / (1 + p)), btw = incl - excl;
excl. BTW tariff: excl = rond(q x t), btw = rond(excl x p), incl = excl + btw.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.kosten.afronding import Bedragen, BtwOntbreekt, bedragen, rond

D = Decimal
BTW = D("21")


@pytest.mark.parametrize("waarde, verwacht", [
    ("0.005", "0.01"), ("0.0049", "0.00"), ("2.675", "2.68"), ("1.125", "1.13"),
    ("-0.005", "-0.01"), ("-2.675", "-2.68"), ("10", "10.00")])
def test_rond_is_half_up_to_cents(waarde, verwacht):
    assert str(rond(D(waarde))) == verwacht


def test_an_incl_btw_tariff_keeps_the_promised_incl_amount():
    """DP tabel 1: 10,000 x EUR 0.59 incl. BTW is exactly EUR 5,900.00 incl."""
    assert bedragen(10_000, D("0.59"), True, BTW, 2027) == Bedragen(
        D("4876.03"), D("1023.97"), D("5900.00"))
    # 4,400 / 1.21 = 3636.3636... -> 3636.36; BTW is the rest.
    assert bedragen(1, D("4400"), True, BTW, 2027) == Bedragen(
        D("3636.36"), D("763.64"), D("4400.00"))


def test_an_excl_btw_tariff_adds_rounded_btw():
    # 7 x 0.3333 = 2.3331 -> 2.33; 2.33 x 21 % = 0.4893 -> 0.49.
    assert bedragen(7, D("0.3333"), False, BTW, 2027) == Bedragen(
        D("2.33"), D("0.49"), D("2.82"))
    # 1 x 0.125 = 0.125 -> 0.13 (half up, not to even); 0.13 x 21 % = 0.0273 -> 0.03.
    assert bedragen(1, D("0.125"), False, BTW, 2027) == Bedragen(D("0.13"), D("0.03"),
                                                                  D("0.16"))


def test_the_line_is_rounded_before_btw_is_split_off():
    # 3 x 0.0050 = 0.015 -> 0.02 incl.; 0.02 / 1.21 = 0.01652 -> 0.02 excl, 0.00 BTW.
    assert bedragen(3, D("0.005"), True, BTW, 2027) == Bedragen(D("0.02"), D("0.00"),
                                                                 D("0.02"))


def test_zero_needs_no_btw_rate_but_an_amount_does():
    assert bedragen(12_000, D("0"), True, None, 2027) == Bedragen(D("0.00"), D("0.00"),
                                                                   D("0.00"))
    assert bedragen(0, D("4400"), True, None, 2027).incl_btw == D("0.00")
    with pytest.raises(BtwOntbreekt, match="2027"):
        bedragen(1, D("0.01"), False, None, 2027)


def test_a_total_is_the_sum_of_rounded_lines():
    regels = [bedragen(1, D("0.125"), False, BTW, 2027) for _ in range(3)]
    som = regels[0] + regels[1] + regels[2]
    assert som == Bedragen(D("0.39"), D("0.09"), D("0.48"))
    assert -som == Bedragen(D("-0.39"), D("-0.09"), D("-0.48"))
