"""Certificatenregister: an example dienst plugin for Afnemersportaal, in a package of its
own.

An afnemer registers the PKIoverheid server certificates of its connections (a name and
an expiry date) and hears in time when one is about to expire. The package shows every
part a dienst can bring: its terms, an afnemer route with a table and a migration of its
own, an event, a setting and the expiry dates in the deadline calendar. It imports from
core only ``core.sdk``, ``core.sdk.api`` and ``core.sdk.db``.
"""
