"""The parts a plugin brings itself: routes, tables, event types, settings, deadlines
and reminders.

- :mod:`core.uitbreidingen.typen`: the values the hooks return (cheap; the SDK
  re-exports them);
- :mod:`core.uitbreidingen.bijdragen`: :class:`Uitbreidingen`, which asks the plugins
  and checks their answers when the app is built;
- :mod:`core.uitbreidingen.migraties`: each plugin's own Alembic history.
"""
