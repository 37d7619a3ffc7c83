"""A deliberately broken dienst, for the test that the conformance kit
(:mod:`core.sdk.testing`) catches what it should (``tests/plugins/test_conformiteit.py``).

Each fault is marked ``FOUT`` where it is made:

- its item route reads a note by id alone, so afnemer B reads afnemer A's note;
- its PATCH is documented with If-Match but never checks it;
- placing a note also publishes an event it never declared (a core type, through core's
  outbox instead of :func:`core.sdk.api.publiceer`, which would have refused it);
- a declared event type and an obligation of its terms cite no article;
- a reminder is of a type it does not declare;
- its migration's downgrade leaves its table behind.
"""
