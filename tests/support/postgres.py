"""The test session's private PostgreSQL server: :mod:`core.sdk.postgres`, where the
plugin conformance kit finds it too."""

from core.sdk.postgres import PostgresUnavailable, running_server

__all__ = ["PostgresUnavailable", "running_server"]
