"""The ingestion pipeline: extract, split, classify, store, index and aggregate a strategy.

Runs in the background tasks (`tasks.py`); services.py queues it. Passages, index entries and
the profile of a strategy are always replaced in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError
from obieg.core.models import Run
from obieg.core.services import run_progress
from obieg.strategies import choices, classification, profiles, search
from obieg.strategies.classification import DocumentError, PassageLabels
from obieg.strategies.models import (
    Passage,
    PassageCorrection,
    Strategy,
    StrategyCategory,
    StrategyGoal,
)

# A language counts as one of the strategy's languages above this share of its passages.
LANGUAGE_SHARE = 0.05
# Above this many passages (about 30 pages) a document is first labelled by the classifier's
# lexical model, which is searchable in seconds, and then refined by the encoder in a second
# background run; the encoder needs a fraction of a second per passage on two cores.
QUICK_PASS_PASSAGES = 150
ProgressCallback = Callable[[int, str], None]


def document_error(exc: DocumentError) -> ApplicationError:
    return ApplicationError(str(exc), field="files", status=422, code=exc.code)


def _progress_for(run: Run | None) -> ProgressCallback:
    def report(percent: int, message: str) -> None:
        if run is not None:
            run_progress(run=run, percent=percent, message=message)

    return report


def _mark(strategy: Strategy, status: str, error: str = "") -> None:
    strategy.processing_status = status
    strategy.processing_error = error[:5000]
    strategy.save(update_fields=["processing_status", "processing_error", "updated_at"])


def strategy_process(
    *, strategy: Strategy, run: Run | None = None, quick: bool = False
) -> Strategy:
    """Extract, split, classify, aggregate and index a strategy's files (the ingest pipeline)."""
    progress = _progress_for(run)
    _mark(strategy, choices.ProcessingStatus.PROCESSING)
    try:
        pages = _extract(strategy, progress)
        passages = classification.split_into_passages(pages)
        if not passages:
            raise DocumentError("empty", _("No text was found in the document."))
        progress(
            15,
            _("%(n)s pages, %(p)s passages; classifying…") % {"n": len(pages), "p": len(passages)},
        )
        quick = (quick or len(passages) > QUICK_PASS_PASSAGES) and classification.has_quick_model()
        labelled, model = classification.classify_passages(
            passages,
            quick=quick,
            on_progress=lambda done, total: progress(
                15 + int(75 * done / total),
                _("classified %(done)s of %(total)s passages") % {"done": done, "total": total},
            ),
        )
        _store_passages(strategy=strategy, labelled=labelled, page_count=len(pages), model=model)
    except DocumentError as exc:
        _mark(strategy, choices.ProcessingStatus.FAILED, str(exc))
        raise document_error(exc) from exc
    except Exception as exc:
        _mark(strategy, choices.ProcessingStatus.FAILED, str(exc) or exc.__class__.__name__)
        raise
    progress(100, _("Ready: %(n)s passages indexed.") % {"n": len(labelled)})
    if quick:
        from obieg.strategies.services import strategy_queue_reclassify  # it imports this module

        strategy_queue_reclassify(strategy=strategy, user=run.created_by if run else None)
    return strategy


def _extract(strategy: Strategy, progress: ProgressCallback) -> list[str]:
    pages: list[str] = []
    files = list(strategy.files.all())
    if not files:
        raise DocumentError("missing", _("The strategy has no file to process."))
    for stored in files:
        progress(5, _("Extracting text from %(name)s") % {"name": stored.original_name})
        with stored.file.open("rb") as handle:
            data = handle.read()
        file_pages = classification.extract_pages(data, stored.original_name)
        if stored.page_count != len(file_pages):
            stored.page_count = len(file_pages)
            stored.save(update_fields=["page_count", "updated_at"])
        pages += file_pages
    return pages


def effective_labels(labels: PassageLabels, correction: PassageCorrection | None) -> dict[str, Any]:
    if correction is None:
        goals, targets = labels.goals, list(labels.targets)
        green_deal, taxonomy = labels.green_deal, labels.taxonomy
    else:
        goals, targets = list(correction.goals), list(correction.targets)
        green_deal, taxonomy = classification.categories_for_targets(targets)
    return {
        "goals": goals,
        "targets": targets,
        "goal_codes": _codes(str(g) for g in goals),
        "target_codes": _codes(targets),
        "green_deal_codes": _codes(green_deal),
        "taxonomy_codes": _codes(taxonomy),
        "is_corrected": correction is not None,
    }


def _codes(values: Any) -> str:
    values = list(values)
    return f" {' '.join(values)} " if values else ""


def _passage_row(strategy: Strategy, labels: PassageLabels) -> Passage:
    return Passage(
        strategy=strategy,
        index=labels.index,
        page=labels.page,
        text=labels.text,
        language=labels.language,
        scores=labels.scores,
        model_goals=labels.goals,
        model_targets=labels.targets,
        evidence=labels.evidence,
        **effective_labels(labels, None),
    )


@transaction.atomic
def _store_passages(
    *, strategy: Strategy, labelled: Sequence[PassageLabels], page_count: int, model: str
) -> None:
    """Replace the passages, index and profile in one transaction: all or nothing."""
    search.unindex_strategy(strategy.pk)
    strategy.passages.all().delete()
    created = Passage.objects.bulk_create(
        [_passage_row(strategy, labels) for labels in labelled], batch_size=500
    )
    search.index_passages((p.pk, p.text) for p in created)
    languages = Counter(p.language for p in labelled if p.language != "und")
    strategy.languages = [
        code for code, n in languages.most_common() if n >= LANGUAGE_SHARE * len(labelled)
    ]
    if languages and not strategy.title_translations.get(strategy.original_language):
        strategy.original_language = languages.most_common(1)[0][0]
    strategy.page_count = page_count
    strategy.passage_count = len(created)
    _finish(strategy, model)
    strategy_profile_refresh(strategy=strategy)


def _finish(strategy: Strategy, model: str) -> None:
    strategy.model_version = classification.model_version()
    strategy.model_name = model
    strategy.processing_status = choices.ProcessingStatus.READY
    strategy.processing_error = ""
    strategy.save()


def strategy_reclassify(*, strategy: Strategy, run: Run | None = None) -> Strategy:
    """Label the stored passages again with the current model; corrections keep winning.

    The strategy stays readable with its old labels until the new ones replace them at once;
    if this fails, the old labels stay and the run records why."""
    progress = _progress_for(run)
    passages = list(strategy.passages.order_by("index"))
    unlabelled = [PassageLabels(p.index, p.page, p.text) for p in passages]
    labelled, model = classification.classify_passages(
        unlabelled,
        on_progress=lambda done, total: progress(
            int(90 * done / total),
            _("classified %(done)s of %(total)s passages") % {"done": done, "total": total},
        ),
    )
    _store_labels(strategy=strategy, passages=passages, labelled=labelled, model=model)
    progress(100, _("Re-classified %(n)s passages.") % {"n": len(passages)})
    return strategy


@transaction.atomic
def _store_labels(
    *,
    strategy: Strategy,
    passages: Sequence[Passage],
    labelled: Sequence[PassageLabels],
    model: str,
) -> None:
    corrections = _latest_corrections(strategy)
    for passage, labels in zip(passages, labelled, strict=True):
        passage.language, passage.scores = labels.language, labels.scores
        passage.model_goals, passage.model_targets = labels.goals, labels.targets
        passage.evidence = labels.evidence
        for key, value in effective_labels(labels, corrections.get(passage.pk)).items():
            setattr(passage, key, value)
    Passage.objects.bulk_update(
        passages,
        [
            "language",
            "scores",
            "model_goals",
            "model_targets",
            "evidence",
            "goals",
            "targets",
            "goal_codes",
            "target_codes",
            "green_deal_codes",
            "taxonomy_codes",
            "is_corrected",
            "updated_at",
        ],
        batch_size=500,
    )
    _finish(strategy, model)
    strategy_profile_refresh(strategy=strategy)


def _latest_corrections(strategy: Strategy) -> dict[int, PassageCorrection]:
    latest: dict[int, PassageCorrection] = {}
    rows = PassageCorrection.objects.filter(passage__strategy=strategy).order_by("created_at", "pk")
    for correction in rows:
        latest[correction.passage_id] = correction
    return latest


def _labels_of(passage: Passage) -> profiles.EffectiveLabels:
    green_deal = passage.green_deal_codes.split()
    return profiles.EffectiveLabels(
        index=passage.index,
        goals=passage.goals,
        scores=passage.scores,
        targets={code: passage.model_targets.get(code, 1.0) for code in passage.targets},
        green_deal=green_deal,
        taxonomy=passage.taxonomy_codes.split(),
    )


@transaction.atomic
def strategy_profile_refresh(*, strategy: Strategy) -> None:
    """Aggregate the effective passage labels into the goal and category profile."""
    labels = [
        _labels_of(p)
        for p in strategy.passages.only(
            "index",
            "goals",
            "scores",
            "targets",
            "model_targets",
            "green_deal_codes",
            "taxonomy_codes",
        )
    ]
    StrategyGoal.objects.filter(strategy=strategy).delete()
    StrategyGoal.objects.bulk_create(
        StrategyGoal(strategy=strategy, **vars(summary))
        for summary in profiles.goal_profile(labels)
    )
    StrategyCategory.objects.filter(strategy=strategy).delete()
    names = classification.category_names()
    StrategyCategory.objects.bulk_create(
        StrategyCategory(
            strategy=strategy,
            scheme=scheme,
            key=c.key,
            name=names.get(c.key, c.key),
            share=c.share,
            passages=c.passages,
        )
        for scheme, attribute in (
            (choices.CategoryScheme.GREEN_DEAL, "green_deal"),
            (choices.CategoryScheme.TAXONOMY, "taxonomy"),
        )
        for c in profiles.category_profile(labels, attribute)
    )
