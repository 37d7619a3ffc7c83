"""Making two requests overlap on purpose, to test a rule under concurrency."""

from __future__ import annotations

import threading


def houd_commits_samen(monkeypatch, module, deelnemers: int = 2) -> None:
    """Make ``module.commit`` wait until ``deelnemers`` requests reach it (at most 0.5 s).

    Both requests have then read and checked what they read before either commits: the
    window in which a missing lock would let both through.
    """
    barrier = threading.Barrier(deelnemers)
    echte_commit = module.commit

    def samen_committen():
        try:
            barrier.wait(timeout=0.5)
        except threading.BrokenBarrierError:
            pass
        echte_commit()

    monkeypatch.setattr(module, "commit", samen_committen)
