"""Background work: ingesting a strategy and re-labelling it with a new model."""

from __future__ import annotations

from django_tasks import task

from obieg.core.services import run_tracked
from obieg.strategies import ingestion
from obieg.strategies.models import Strategy


@task()
def strategy_ingest(*, strategy_id: int, run_id: int, quick: bool = False) -> None:
    """Extract, classify and index the files of one strategy (`quick`: lexical model first)."""
    with run_tracked(run_id=run_id) as run:
        strategy = Strategy.objects.get(pk=strategy_id)
        ingestion.strategy_process(strategy=strategy, run=run, quick=quick)


@task()
def strategy_reclassify(*, strategy_id: int, run_id: int, quick: bool = False) -> None:
    """Label the stored passages of one strategy with the current model."""
    with run_tracked(run_id=run_id) as run:
        ingestion.strategy_reclassify(strategy=Strategy.objects.get(pk=strategy_id), run=run)
