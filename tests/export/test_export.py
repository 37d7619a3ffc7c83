"""The afnemer's data export (``core.export``): what goes in is decided per table.

The served tier (``tests/served/test_export.py``) reads the zip of the deployed product;
here, without a database: every table of core that holds an afnemer's rows is exported
or left out with a reason, so a new table cannot be forgotten silently.
"""

from __future__ import annotations

from core.export.service import BESTANDEN, UITGESLOTEN
from core.models import Base


def test_every_table_with_an_afnemer_id_is_exported_or_left_out_with_a_reason():
    van_afnemer = {t.name for t in Base.metadata.tables.values() if "afnemer_id" in t.c}
    geexporteerd = {b.tabel for b in BESTANDEN}
    assert van_afnemer - geexporteerd - set(UITGESLOTEN) == set()
    assert geexporteerd & set(UITGESLOTEN) == set()
    assert set(UITGESLOTEN) <= van_afnemer
    # A column left out exists, and a file name is unique.
    for bestand in BESTANDEN:
        tabel = Base.metadata.tables.get(bestand.tabel)
        if tabel is not None:
            assert bestand.zonder <= set(tabel.c.keys()), bestand
    assert len({b.naam for b in BESTANDEN}) == len(BESTANDEN)
