"""Hypothesis profiles for the property tests of the readers.

``make test`` runs the ``default`` profile (a modest number of examples, so the suite
stays fast). The stress run of issue 9, at least 10,000 examples per reader, is

    HYPOTHESIS_PROFILE=stress .venv/bin/python -m pytest tests/fileio/test_readers_property.py -q

"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=40, deadline=None)
settings.register_profile(
    "stress",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
