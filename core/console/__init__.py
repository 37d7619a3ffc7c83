"""The web console: server-rendered pages behind the OIDC login."""
