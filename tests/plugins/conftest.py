"""Fixtures of the plugin tests."""

from __future__ import annotations

import pytest

from core.plugins import Diensten, build_plugin_manager


@pytest.fixture(scope="module")
def diensten() -> Diensten:
    """The built-in plugins' contributions (a module may define its own ``diensten``)."""
    return Diensten(build_plugin_manager())
