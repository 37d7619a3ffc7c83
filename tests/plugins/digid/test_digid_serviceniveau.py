"""DigiD's service level (SNO DigiD 2.8) as its plugin declares it, figure by figure from
DOMAIN.md (DigiD), and what core refuses in a service level."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from decimal import Decimal

import pytest

from core.app import create_app
from core.hookspecs import hookimpl
from core.plugins import Diensten, PluginError, build_plugin_manager
from core.sdk import Niveau, Oplostijd, Serviceniveau, Uursoort
from core.uitbreidingen.bijdragen import Uitbreidingen
from tests import conftest
from tests.plugins.proef import plugin as proef

H, M, L = Niveau.HOOG, Niveau.MIDDEN, Niveau.LAAG


@pytest.fixture(scope="module")
def sno() -> Serviceniveau:
    pm = build_plugin_manager()
    return Uitbreidingen(pm, Diensten(pm), {}).serviceniveau("digid")


def test_hook_dienst_serviceniveau(sno):
    """DigiD declares SNO 2.8; the other built-in diensten declare no service level."""
    assert sno.bron == "Serviceniveauovereenkomst DigiD 2.8"
    pm = build_plugin_manager()
    gedeeld = Uitbreidingen(pm, Diensten(pm), {})
    assert [s for s in ("mijnoverheid", "digipoort", "vwo") if gedeeld.serviceniveau(s)] == []


@pytest.mark.parametrize(("impact", "urgentie", "prioriteit"), [
    (H, H, 1), (H, M, 2), (M, H, 2),
    (H, L, 3), (M, M, 3), (M, L, 3), (L, H, 3), (L, M, 3), (L, L, 3),
])
def test_sno_3_incidentbeheer_priority_is_impact_times_urgency(sno, impact, urgentie,
                                                                prioriteit):
    """SNO 3 Incidentbeheer: (H,H)=1; (H,M)=2; (M,H)=2; everything else 3."""
    assert sno.prioriteit(impact, urgentie) == prioriteit
    assert sno.prioriteit_artikel == "SNO 3 Incidentbeheer"


def test_sno_2_oplostijden_per_environment(sno):
    """SNO 2 Oplostijden: production P1 6 clock hours, P2 10 and P3 18 office hours;
    pre-production has no P1, P2 10 and P3 18 office hours; norm 85 % a month."""
    def tijd(omgeving, p):
        o = sno.oplostijd(omgeving, p)
        return o and (o.uren, o.soort)

    assert tijd("productie", 1) == (6, Uursoort.KLOKUREN)
    assert tijd("productie", 2) == (10, Uursoort.KANTOORUREN)
    assert tijd("productie", 3) == (18, Uursoort.KANTOORUREN)
    assert tijd("pre-productie", 1) is None
    assert tijd("pre-productie", 2) == (10, Uursoort.KANTOORUREN)
    assert tijd("pre-productie", 3) == (18, Uursoort.KANTOORUREN)
    assert sno.oplosnorm == Decimal("85")
    assert (sno.kantooruren.begin, sno.kantooruren.eind) == (time(8), time(18))
    assert sno.kantooruren_artikel == "SNO 2 Oplostijden"


def test_sno_2_reaction_time_notice_availability_and_maintenance(sno):
    """SNO 2: questions in 3 working days (99 %); a P1 told within 30 minutes;
    availability 99.5 % in production (24x7 minus maintenance) and 99 % in pre-production
    over working days 08:00-18:00; maintenance on the second Monday and second Wednesday,
    00:00-06:00, at most twice a month and 6 hours."""
    assert (sno.reactietermijn.werkdagen, sno.reactietermijn.norm) == (3, Decimal("99"))
    assert sno.meldtermijn_minuten == 30
    productie, pre = sno.norm("productie"), sno.norm("pre-productie")
    assert (productie.norm, productie.venster) == (Decimal("99.5"), None)
    assert pre.norm == Decimal("99")
    assert (pre.venster.begin, pre.venster.eind) == (time(8), time(18))
    regel = sno.onderhoudsregel("productie")
    assert regel.dagen == ((2, 0), (2, 2))
    assert (regel.begin, regel.eind, regel.max_per_maand, regel.max_uren) == (
        time(0), time(6), 2, 6)
    assert sno.onderhoudsregel("pre-productie") is None
    assert len(sno.functies) == 8


def test_a_service_level_checks_its_own_figures(sno):
    paren = dict(sno.prioriteiten)
    del paren[(L, L)]
    with pytest.raises(ValueError, match="alle negen paren.*laag/laag"):
        replace(sno, prioriteiten=paren)
    with pytest.raises(ValueError, match="percentage"):
        replace(sno, oplosnorm=Decimal("0"))
    with pytest.raises(ValueError, match="dubbele"):
        replace(sno, oplostijden=(*sno.oplostijden, sno.oplostijden[0]))
    with pytest.raises(ValueError, match="elk niveau"):
        replace(sno, impact=sno.impact[:2])


def _alleen_productie():
    info = proef.dienst_info()
    return replace(info, omgevingen=info.omgevingen[:1])


def _start(url, serviceniveau):
    plugin = type("Inline", (), {
        "dienst_info": staticmethod(hookimpl(_alleen_productie)),
        "dienst_voorwaarden": staticmethod(hookimpl(proef.dienst_voorwaarden)),
        "dienst_serviceniveau": staticmethod(hookimpl(lambda: serviceniveau)),
    })
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "test"},
                     plugins=[("proef", plugin)])
    conftest._open_apps.append(app)
    return app


def test_a_service_level_that_does_not_fit_its_dienst_stops_start_up(sno, database_urls):
    """Core checks what spans the dienst: the omgevingen named, and that every priority
    the matrix gives has a resolution time somewhere."""
    with pytest.raises(PluginError, match=r"plugin 'proef': dienst_serviceniveau: omgevingen "
                                          r"\['pre-productie'\] heeft de dienst niet"):
        _start(database_urls["sqlite"], sno)
    alleen_productie = replace(
        sno, beschikbaarheid=sno.beschikbaarheid[:1], onderhoud=sno.onderhoud,
        oplostijden=tuple(o for o in sno.oplostijden if o.omgeving == "productie"
                          and o.prioriteit != 3))
    with pytest.raises(PluginError, match=r"prioriteit \[3\] heeft in geen omgeving"):
        _start(database_urls["sqlite"], alleen_productie)
    with pytest.raises(PluginError, match="gaf geen Serviceniveau"):
        _start(database_urls["sqlite"], {"bron": "x"})
    goed = replace(alleen_productie, oplostijden=(
        *alleen_productie.oplostijden,
        Oplostijd("productie", 3, 18, Uursoort.KANTOORUREN, "Voorwaarden Proef 1.0 art. 5")))
    app = _start(database_urls["sqlite"], goed)
    with app.app_context():
        from core.uitbreidingen.bijdragen import uitbreidingen

        assert uitbreidingen().serviceniveau("proef") == goed
