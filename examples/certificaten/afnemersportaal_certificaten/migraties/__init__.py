"""The dienst's Alembic revisions (``dienst_migraties``); core runs them, nothing imports
them. A package, so that a build ships the revision files with the code (Alembic skips
this ``__init__.py``)."""
