"""The VWO's own routes (``dienst_api``): a gemeente's agreements with their Bijlage 1
register and Bijlage 2, the breaches as it sees them, the logboek entries about it and its
requests for help; Logius' subverwerkers, breaches, logboek and requests."""

from __future__ import annotations

from . import inbreuken, logius_overeenkomsten, overeenkomsten, register, subverwerkers, verzoeken

BLUEPRINTS = (overeenkomsten.blp, logius_overeenkomsten.blp, logius_overeenkomsten.gemeenten,
              register.blp, subverwerkers.blp, inbreuken.logius,
              inbreuken.gemeente, inbreuken.logboek, inbreuken.logius_logboek,
              verzoeken.gemeente, verzoeken.logius)
