"""Afnemersportaal core: tenants, people, access, terms and the plugin contract."""

from core.app import create_app

__all__ = ["create_app"]
