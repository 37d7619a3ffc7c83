"""Service levels: what a dienst promises (``dienst_serviceniveau``) and core's engine
for it. This package's ``__init__`` stays empty so that :mod:`core.sdk` can import the
types (:mod:`core.serviceniveau.typen`) without the engine."""
