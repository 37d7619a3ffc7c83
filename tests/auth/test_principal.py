"""The principal's decisions, independent of how it authenticated (DESIGN: roles)."""

from __future__ import annotations

import uuid

import pytest

from core.auth.principal import Principal, Rol

A, B = uuid.uuid4(), uuid.uuid4()


def _p(**kw) -> Principal:
    return Principal(id="t", naam="t", methode="test", **kw)


def test_productteam_manages_only_its_own_dienst_and_reads_no_afnemer():
    team = _p(logius_rollen=frozenset({Rol.PRODUCTTEAM}), productteam_dienst="digid")
    assert team.beheert_dienst("digid")
    assert not team.beheert_dienst("mijnoverheid")
    assert not team.mag_lezen(A) and not team.mag_beheren(A)


def test_logius_beheerder_manages_every_dienst_and_afnemer():
    logius = _p(logius_rollen=frozenset({Rol.LOGIUS_BEHEERDER}))
    assert logius.beheert_dienst("digipoort") and logius.mag_beheren(A) and logius.mag_lezen(B)


@pytest.mark.parametrize("rol, leest, beheert", [
    (Rol.AFNEMER_BEHEERDER, True, True),
    (Rol.AFNEMER_MEDEWERKER, True, False),
])
def test_afnemer_roles_hold_for_their_own_afnemer_only(rol, leest, beheert):
    p = _p(afnemer_rollen={A: rol})
    assert (p.mag_lezen(A), p.mag_beheren(A)) == (leest, beheert)
    assert (p.mag_lezen(B), p.mag_beheren(B)) == (False, False)
    assert not p.beheert_dienst("digid")


@pytest.mark.parametrize("scopes, get, post", [
    (frozenset({"read", "write"}), True, True),
    (frozenset({"read"}), True, False),
    (frozenset({"write"}), True, True),  # write implies read
    (frozenset(), False, False),
])
def test_scopes_decide_which_methods_a_credential_may_use(scopes, get, post):
    p = _p(scopes=scopes)
    assert p.heeft_scope_voor("GET") is get
    assert p.heeft_scope_voor("HEAD") is get
    for method in ("POST", "PATCH", "DELETE", "PUT"):
        assert p.heeft_scope_voor(method) is post
