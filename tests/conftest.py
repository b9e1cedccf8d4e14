"""Shared pytest configuration: Hypothesis profiles that keep property tests reproducible."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# `ci` (the default): derandomised, so every run draws the same examples, and without deadlines,
# which shared 2-core machines would otherwise trip. `HYPOTHESIS_PROFILE=dev` explores new examples
# on each run; a failure then prints the @reproduce_failure blob that replays it.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
