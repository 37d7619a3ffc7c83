"""The console's pages, one module per area; each registers its routes on
``core.console.views.bp`` when imported. Every module of this package is imported, so
a new area is a new module here and nothing else."""

from __future__ import annotations

import importlib
import pkgutil


def laad() -> None:
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")
