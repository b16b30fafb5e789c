from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from obieg.accounts.models import User
from obieg.symbiosis.models import MatchingRun
from obieg.symbiosis.services import matching_run_start


@pytest.fixture
def run_matching(django_capture_on_commit_callbacks: Any) -> Callable[..., MatchingRun]:
    """Start a matching run and let its task run inline (the test backend is immediate)."""

    def _run(user: User | None = None, objective: str = "tkm") -> MatchingRun:
        with django_capture_on_commit_callbacks(execute=True):
            matching_run = matching_run_start(user=user, objective=objective)
        matching_run.refresh_from_db()
        matching_run.run.refresh_from_db()
        return matching_run

    return _run
