"""The collector settings of a batch run are the run's own: restored when it ends."""

from __future__ import annotations

import gc

from communique.batch.work import BATCH_GC_THRESHOLD, batch_gc


def test_batch_gc_tunes_then_restores_the_collector():
    before = gc.get_threshold()
    with batch_gc():
        assert gc.get_threshold()[0] == BATCH_GC_THRESHOLD
        assert gc.get_freeze_count() > 0  # what existed at the start is left out of collections
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_batch_gc_restores_after_an_error():
    before = gc.get_threshold()
    try:
        with batch_gc():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
