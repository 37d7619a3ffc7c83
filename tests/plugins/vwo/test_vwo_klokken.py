"""The breach clocks of the VWO 2.5 as arithmetic (DOMAIN.md, VWO): 24 clock hours for
Logius to inform the gemeente, without the investigation time (VWO 5.1), and 72 hours for
the gemeente's own decision on the AP from its ``bekendOp`` (VWO 5.4). Properties over
any set of investigation stretches, and the night the clocks change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from plugins.vwo.regels import AP_MELDEN, GEMEENTE_INFORMEREN, KLOKKEN, Pauze, klokken, uiterlijk

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BEGIN = datetime(2026, 1, 1, tzinfo=UTC)

minuten = st.integers(min_value=0, max_value=60 * 24 * 10)
stretches = st.lists(st.tuples(minuten, st.integers(min_value=1, max_value=60 * 48)),
                     max_size=6)


def _pauzes(ruw) -> list[Pauze]:
    return [Pauze(BEGIN + timedelta(minutes=a), BEGIN + timedelta(minutes=a + d))
            for a, d in ruw]


def _gepauzeerd_tussen(pauzes: list[Pauze], van: datetime, tot: datetime) -> timedelta:
    """The time between two moments that lies in at least one pause (overlaps once)."""
    stukken = sorted((max(p.van, van), min(p.tot, tot)) for p in pauzes
                     if p.tot > van and p.van < tot)
    totaal, rand = timedelta(0), van
    for begin, eind in stukken:
        begin = max(begin, rand)
        if eind > begin:
            totaal += eind - begin
            rand = eind
    return totaal


@given(start=minuten, ruw=stretches)
def test_the_24_hours_of_vwo_5_1_are_the_running_time_without_any_investigation(start, ruw):
    begin = BEGIN + timedelta(minutes=start)
    pauzes = _pauzes(ruw)
    einde = uiterlijk(begin, 24, pauzes)
    assert einde is not None
    assert einde - begin - _gepauzeerd_tussen(pauzes, begin, einde) == timedelta(hours=24)
    # The deadline never lands inside a pause: it would have moved on.
    assert not any(p.van < einde <= p.tot for p in pauzes)


@given(start=minuten, ruw=stretches)
def test_investigation_never_brings_the_vwo_5_1_deadline_forward(start, ruw):
    begin = BEGIN + timedelta(minutes=start)
    assert uiterlijk(begin, 24, _pauzes(ruw)) >= begin + timedelta(hours=24)


def test_an_investigation_still_running_leaves_the_vwo_5_1_deadline_open_until_it_ends():
    begin = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    lopend = Pauze(begin + timedelta(hours=3), None)
    assert uiterlijk(begin, 24, [lopend]) is None
    # One that only begins after the deadline has passed changes nothing.
    laat = Pauze(begin + timedelta(hours=30), None)
    assert uiterlijk(begin, 24, [laat]) == begin + timedelta(hours=24)


def test_an_investigation_from_before_the_breach_was_established_counts_only_after_it_vwo_5_1():
    begin = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    pauze = Pauze(begin - timedelta(hours=5), begin + timedelta(hours=2))
    assert uiterlijk(begin, 24, [pauze]) == begin + timedelta(hours=26)


def test_the_vwo_5_1_clock_counts_real_hours_across_the_autumn_clock_change():
    """24 hours from Saturday noon before the October change end at 11:00 on Sunday:
    that night has 25 hours on the wall clock."""
    begin = datetime(2026, 10, 24, 12, 0, tzinfo=AMSTERDAM)
    einde = uiterlijk(begin, 24, ())
    assert einde.astimezone(AMSTERDAM).replace(tzinfo=None) == datetime(2026, 10, 25, 11, 0)


def test_the_ap_clock_of_vwo_5_4_runs_from_bekendop_and_ignores_the_investigation():
    vastgesteld = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    bekend = datetime(2026, 12, 3, 9, 15, tzinfo=UTC)
    onderzoek = [Pauze(vastgesteld + timedelta(hours=1), vastgesteld + timedelta(hours=7))]
    informeren, ap = klokken(vastgesteld_op=vastgesteld, bekend_op=bekend,
                             onderzoek=onderzoek, voldaan={"ap-melden": bekend})
    assert (informeren.definitie, ap.definitie) == (GEMEENTE_INFORMEREN, AP_MELDEN)
    assert informeren.uiterlijk == vastgesteld + timedelta(hours=30)
    assert ap.uiterlijk == bekend + timedelta(hours=72)
    assert ap.op_tijd is True and informeren.op_tijd is None


def test_before_the_gemeente_records_bekendop_only_logius_clock_runs_vwo_5_4():
    vastgesteld = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    standen = klokken(vastgesteld_op=vastgesteld, bekend_op=None, onderzoek=[], voldaan={})
    assert [s.definitie.id for s in standen] == ["gemeente-informeren"]


def test_another_clock_is_one_more_entry_in_the_list():
    """A NIS2-like early warning of 24 hours from bekendOp needs no code, only data."""
    from dataclasses import replace

    vroeg = replace(AP_MELDEN, id="vroege-waarschuwing", uren=24, artikel="NIS2 art. 23")
    bekend = datetime(2026, 12, 3, 9, 15, tzinfo=UTC)
    standen = klokken(vastgesteld_op=bekend - timedelta(days=1), bekend_op=bekend,
                      onderzoek=[], voldaan={}, definities=(*KLOKKEN, vroeg))
    assert standen[-1].uiterlijk == bekend + timedelta(hours=24)
