from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from obieg.core.choices import RunStatus
from obieg.core.errors import ApplicationError
from obieg.core.models import Run
from obieg.core.search_text import normalise_for_search
from obieg.core.services import enqueue_on_commit, run_create
from obieg.directory.models import Organisation
from obieg.directory.selectors import country_get_by_code, region_get_by_code
from obieg.directory.services import unique_slug
from obieg.strategies import choices, classification, ingestion, search
from obieg.strategies.classification import DocumentError, PassageLabels
from obieg.strategies.models import (
    Passage,
    PassageCorrection,
    Strategy,
    StrategyFile,
)

METADATA_FIELDS = (
    "title",
    "title_translations",
    "original_language",
    "kind",
    "status",
    "territory_name",
    "territory_level",
    "adopted_on",
    "period_start",
    "period_end",
    "source_url",
    "is_sample",
    "is_published",
)
# Page names under /strategies/ that a strategy's slug must not hide.
RESERVED_SLUGS = {
    "upload",
    "search",
    "compare",
    "v4",
    "open-data",
    "passages",
    "reclassify-outdated",
}


@dataclass(frozen=True)
class UploadedDocument:
    """A file as received: its name and its bytes."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _too_large(name: str) -> ApplicationError:
    limit = settings.UPLOAD_MAX_BYTES
    return ApplicationError(
        _("%(name)s is larger than the limit of %(mb)s MB.")
        % {"name": name, "mb": round(limit / 1024 / 1024, 1)},
        field="files",
        status=413,
        code="too_large",
    )


def documents_from_uploads(files: Sequence[Any]) -> list[UploadedDocument]:
    """Read uploaded files, refusing one over the size limit before reading it."""
    documents = []
    for upload in files:
        if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
            raise _too_large(upload.name)
        documents.append(UploadedDocument(name=upload.name or "document", data=upload.read()))
    return documents


def check_document(document: UploadedDocument) -> str:
    """Refuse, before anything is stored, a file that is too big, unreadable or already here."""
    if len(document.data) > settings.UPLOAD_MAX_BYTES:
        raise _too_large(document.name)
    if not document.data:
        raise ApplicationError(
            _("%(name)s is empty.") % {"name": document.name},
            field="files",
            status=422,
            code="empty",
        )
    try:
        kind = classification.sniff_upload(document.data, document.name)
    except DocumentError as exc:
        raise ingestion.document_error(exc) from exc
    existing = (
        StrategyFile.objects.filter(sha256=document.sha256).select_related("strategy").first()
    )
    if existing is not None:
        raise ApplicationError(
            _("%(name)s is already in the portal as “%(title)s”.")
            % {"name": document.name, "title": existing.strategy.title},
            field="files",
            status=409,
            code="duplicate",
            extra={"strategy_id": existing.strategy_id, "strategy_slug": existing.strategy.slug},
        )
    return kind


def _organisation(organisation_id: int | None) -> Organisation | None:
    if not organisation_id:
        return None
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ApplicationError(
            _("Organisation %(id)s does not exist.") % {"id": organisation_id},
            field="organisation_id",
            status=422,
        )
    return organisation


def _normalise_kind(kind: str) -> str:
    value = (kind or choices.StrategyKind.OTHER).strip().lower().replace("-", "_")
    if value not in choices.StrategyKind.values:
        raise ApplicationError(
            _("Unknown kind “%(kind)s”; use one of %(known)s.")
            % {"kind": kind, "known": ", ".join(choices.StrategyKind.values)},
            field="kind",
            status=422,
        )
    return value


def _check_period(start: int | None, end: int | None) -> None:
    if start and end and end < start:
        raise ApplicationError(
            _("The period ends before it starts."), field="period_end", status=422
        )


def strategy_search_text(strategy: Strategy) -> str:
    parts = [strategy.title, strategy.territory_name, *strategy.title_translations.values()]
    return normalise_for_search(" ".join(p for p in parts if p))


def _title_from(name: str) -> str:
    return Path(name).stem.replace("_", " ").replace("-", " ").strip()[:500] or name


@transaction.atomic
def strategy_upload(
    *,
    documents: Sequence[UploadedDocument],
    user: Any,
    title: str = "",
    kind: str = "",
    country: str | None = None,
    region: str | None = None,
    organisation_id: int | None = None,
    synchronous: bool = False,
    **metadata: Any,
) -> list[Strategy]:
    """Store each file as a strategy and queue its processing; refuse bad files at once.

    With `synchronous`, processing runs in this process right after the commit (for the
    command line and the demo, which may run without a worker) with the quick lexical model;
    the encoder's refinement is then queued for the worker."""
    if not documents:
        raise ApplicationError(_("Choose at least one file."), field="files", status=422)
    hashes = [d.sha256 for d in documents]
    if len(set(hashes)) != len(hashes):
        raise ApplicationError(
            _("The same file was given twice."), field="files", status=409, code="duplicate"
        )
    formats = [check_document(d) for d in documents]
    country_obj = country_get_by_code(code=country)
    common = {
        "kind": _normalise_kind(kind),
        "country": country_obj,
        "region": region_get_by_code(code=region, country=country_obj),
        "organisation": _organisation(organisation_id),
        **{k: v for k, v in metadata.items() if v is not None},
    }
    _check_period(common.get("period_start"), common.get("period_end"))
    return [
        _strategy_create(
            document=document,
            document_format=fmt,
            user=user,
            title=(title if len(documents) == 1 and title else _title_from(document.name)),
            fields=common,
            synchronous=synchronous,
        )
        for document, fmt in zip(documents, formats, strict=True)
    ]


def _strategy_create(
    *,
    document: UploadedDocument,
    document_format: str,
    user: Any,
    title: str,
    fields: Mapping[str, Any],
    synchronous: bool,
) -> Strategy:
    unknown = set(fields) - {*METADATA_FIELDS, "kind", "country", "region", "organisation"}
    if unknown:
        raise ApplicationError(_("Unknown field."), field=sorted(unknown)[0], status=422)
    strategy = Strategy(
        title=title.strip(),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        **fields,
    )
    strategy.slug = unique_slug(Strategy, title)
    if strategy.slug in RESERVED_SLUGS:
        strategy.slug = unique_slug(Strategy, f"{title} strategy")
    strategy.search_text = strategy_search_text(strategy)
    strategy.save()
    stored = StrategyFile(
        strategy=strategy,
        original_name=document.name[:255],
        sha256=document.sha256,
        size=len(document.data),
        document_format=document_format,
    )
    stored.file.save(Path(document.name).name, ContentFile(document.data), save=False)
    stored.save()
    _queue(strategy=strategy, user=user, kind="strategies.ingest", synchronous=synchronous)
    return strategy


def _queue(*, strategy: Strategy, user: Any, kind: str, synchronous: bool = False) -> Run:
    from obieg.strategies import tasks  # tasks import this module

    run = run_create(
        kind=kind,
        title=_("Process “%(title)s”") % {"title": strategy.title},
        subject=f"strategies.strategy:{strategy.pk}",
        created_by=user,
    )
    strategy.last_run = run
    fields = ["last_run", "updated_at"]
    if kind == "strategies.ingest":
        # Re-labelling keeps the strategy readable; only (re)ingestion takes it offline.
        strategy.processing_status = choices.ProcessingStatus.QUEUED
        strategy.processing_error = ""
        fields += ["processing_status", "processing_error"]
    strategy.save(update_fields=fields)
    task = tasks.strategy_ingest if kind == "strategies.ingest" else tasks.strategy_reclassify
    if synchronous:
        transaction.on_commit(lambda: task.call(strategy_id=strategy.pk, run_id=run.pk, quick=True))
    else:
        enqueue_on_commit(task, run=run, strategy_id=strategy.pk, run_id=run.pk)
    return run


@transaction.atomic
def strategy_retry(*, strategy: Strategy, user: Any) -> Run:
    """Process a strategy's files again (after a failure, or to pick up a new extractor)."""
    return _queue(strategy=strategy, user=user, kind="strategies.ingest")


@transaction.atomic
def strategy_queue_reclassify(*, strategy: Strategy, user: Any) -> Run:
    """Label a strategy's stored passages again with the current model, keeping corrections."""
    return _queue(strategy=strategy, user=user, kind="strategies.reclassify")


def outdated_strategies(*, include_queued: bool = False) -> QuerySet[Strategy]:
    """Return ready strategies labelled by another model (version, or the quick first pass),
    leaving out, unless asked, those whose re-labelling is already queued or running."""
    outdated = Strategy.objects.filter(processing_status=choices.ProcessingStatus.READY).exclude(
        model_version=classification.model_version(), model_name=classification.model_name()
    )
    if include_queued:
        return outdated
    return outdated.exclude(
        last_run__kind="strategies.reclassify",
        last_run__status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
    )


def strategies_reclassify_outdated(*, user: Any = None) -> int:
    """Queue re-classification of every ready strategy labelled by another model."""
    count = 0
    for strategy in outdated_strategies():
        strategy_queue_reclassify(strategy=strategy, user=user)
        count += 1
    return count


def _clean_labels(goals: Sequence[int], targets: Sequence[str]) -> tuple[list[int], list[str]]:
    bad_goals = [g for g in goals if g not in range(1, 18)]
    if bad_goals:
        raise ApplicationError(
            _("Goals are numbered 1 to 17, not %(goals)s.") % {"goals": bad_goals},
            field="goals",
            status=422,
        )
    clean_targets: list[str] = []
    for code in dict.fromkeys(t.strip() for t in targets if t.strip()):
        goal = classification.target_goal(code)
        if goal is None:
            raise ApplicationError(
                _("“%(code)s” is not an SDG target.") % {"code": code}, field="targets", status=422
            )
        if goal not in goals:
            raise ApplicationError(
                _("Target %(code)s belongs to goal %(goal)s, which is not among the goals.")
                % {"code": code, "goal": goal},
                field="targets",
                status=422,
            )
        clean_targets.append(code)
    return sorted(set(goals)), clean_targets


@transaction.atomic
def passage_correct(
    *,
    passage: Passage,
    user: Any,
    goals: Sequence[int],
    targets: Sequence[str] = (),
    note: str = "",
) -> PassageCorrection:
    """Record a reviewer's goals and targets for a passage; they override the model from now on."""
    clean_goals, clean_targets = _clean_labels(goals, targets)
    correction = PassageCorrection.objects.create(
        passage=passage,
        goals=clean_goals,
        targets=clean_targets,
        note=note[:500],
        model_version=passage.strategy.model_version,
        corrected_by=user,
    )
    labels = PassageLabels(passage.index, passage.page, passage.text)
    for key, value in ingestion.effective_labels(labels, correction).items():
        setattr(passage, key, value)
    passage.save()
    ingestion.strategy_profile_refresh(strategy=passage.strategy)
    return correction


@transaction.atomic
def strategy_update(*, strategy: Strategy, data: Mapping[str, Any]) -> Strategy:
    """Change a strategy's metadata; only the keys present in `data` change."""
    data = dict(data)
    if "country" in data:
        strategy.country = country_get_by_code(code=data.pop("country"))
    if "region" in data:
        strategy.region = region_get_by_code(code=data.pop("region"), country=strategy.country)
    if "organisation_id" in data:
        strategy.organisation = _organisation(data.pop("organisation_id"))
    if "kind" in data:
        strategy.kind = _normalise_kind(data.pop("kind"))
    if "superseded_by_id" in data:
        strategy.superseded_by = _superseding(strategy, data.pop("superseded_by_id"))
    for key, value in data.items():
        if key not in METADATA_FIELDS:
            raise ApplicationError(_("Unknown field."), field=key, status=422)
        setattr(strategy, key, value)
    _check_period(strategy.period_start, strategy.period_end)
    strategy.search_text = strategy_search_text(strategy)
    strategy.save()
    return strategy


def _superseding(strategy: Strategy, other_id: int | None) -> Strategy | None:
    if not other_id:
        return None
    other = Strategy.objects.filter(pk=other_id).exclude(pk=strategy.pk).first()
    if other is None:
        raise ApplicationError(
            _("Strategy %(id)s does not exist.") % {"id": other_id},
            field="superseded_by_id",
            status=422,
        )
    strategy.status = choices.StrategyStatus.SUPERSEDED
    return other


@transaction.atomic
def strategy_delete(*, strategy: Strategy) -> None:
    """Delete a strategy with its passages, index entries and stored files."""
    search.unindex_strategy(strategy.pk)
    files = [f.file for f in strategy.files.all()]
    strategy.delete()
    transaction.on_commit(lambda: _delete_files(files))


def _delete_files(files: Sequence[Any]) -> None:
    for stored in files:
        stored.delete(save=False)


def adopted_on_from(value: str | None) -> dt.date | None:
    """Parse an ISO date given on the command line or in a form."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ApplicationError(
            _("Give the adoption date as YYYY-MM-DD."), field="adopted_on", status=422
        ) from exc
