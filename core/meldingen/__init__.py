"""Notifications: the outbox, webhooks, e-mail and the worker that delivers them."""
