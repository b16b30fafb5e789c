from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from obieg.accounts.permissions import require_manager
from obieg.core.errors import ApplicationError
from obieg.core.http import HtmxHttpRequest
from obieg.strategies import charts, choices, classification, open_data, selectors, services
from obieg.strategies.forms import CorrectionForm, StrategyForm, UploadForm
from obieg.strategies.permissions import (
    can_edit,
    can_review,
    can_upload,
    require_editor,
    require_reviewer,
)

PAGE_SIZE = 25


def _filter_context(filters: selectors.StrategyFilters) -> dict[str, Any]:
    from obieg.directory.models import Country

    return {
        "filters": filters,
        "kinds": choices.StrategyKind.choices,
        "countries": Country.objects.filter(code__in=(*selectors.V4, "EU")).order_by("code"),
        "goal_choices": [(g, classification.goal_name(g)) for g in range(1, 18)],
        "green_deal_choices": sorted(classification.green_deal_areas().items()),
        "language_choices": [
            ("en", "English"),
            ("pl", "Polski"),
            ("cs", "Čeština"),
            ("sk", "Slovenčina"),
            ("hu", "Magyar"),
        ],
    }


@require_GET
def strategy_list(request: HtmxHttpRequest) -> HttpResponse:
    filters = selectors.StrategyFilters.from_mapping(request.GET)
    queryset = selectors.strategy_list(user=request.user, filters=filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **_filter_context(filters),
        "page": page,
        "can_upload": can_upload(request.user),
        "outdated": selectors.outdated_count() if getattr(request.user, "is_manager", False) else 0,
    }
    return render(request, "strategies/strategy_list.html", context)


@require_POST
def reclassify_outdated(request: HtmxHttpRequest) -> HttpResponse:
    require_manager(request.user)
    count = services.strategies_reclassify_outdated(user=request.user)
    messages.success(
        request, _("%(n)s strategies are queued for re-classification.") % {"n": count}
    )
    return redirect("strategies:strategy_list")


def _upload_page(request: HtmxHttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "max_mb": round(settings.UPLOAD_MAX_BYTES / 1024 / 1024)}
    return render(request, "strategies/upload.html", context, status=status)


def strategy_upload(request: HtmxHttpRequest) -> HttpResponse:
    if not can_upload(request.user):
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            documents = services.documents_from_uploads(form.cleaned_data["documents"])
            strategies = services.strategy_upload(
                documents=documents, user=request.user, **form.service_arguments()
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return _upload_page(request, form, exc.status)
        if len(strategies) == 1:
            return redirect("strategies:strategy_detail", slug=strategies[0].slug)
        messages.success(
            request, _("%(n)s strategies are being processed.") % {"n": len(strategies)}
        )
        return redirect("strategies:strategy_list")
    return _upload_page(request, form, 422 if request.method == "POST" else 200)


@require_GET
def strategy_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.strategy_get_for_user(user=request.user, slug=slug)
    card = selectors.scorecard(strategy=strategy)
    rows = [(g.goal, g.name, g.share, g.level_label) for g in card.goals]
    context = {
        "strategy": strategy,
        "card": card,
        "chart": charts.goal_profile_svg(
            rows,
            title=_("SDG profile of %(title)s") % {"title": strategy.title},
            value_label=_("share of passages"),
        ),
        "can_edit": can_edit(request.user, strategy),
        "can_review": can_review(request.user),
        "compare_candidates": selectors.strategy_list(user=request.user)
        .exclude(pk=strategy.pk)
        .filter(processing_status=choices.ProcessingStatus.READY)[:50],
    }
    return render(request, "strategies/strategy_detail.html", context)


def strategy_edit(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.strategy_get_for_user(user=request.user, slug=slug)
    require_editor(request.user, strategy)
    candidates = selectors.strategy_list(user=request.user)
    form = StrategyForm(request.POST or None, strategy=strategy, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.strategy_update(strategy=strategy, data=form.service_data())
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The strategy is saved."))
            return redirect("strategies:strategy_detail", slug=strategy.slug)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "strategy": strategy}
    return render(request, "strategies/strategy_edit.html", context, status=status)


@require_GET
def file_download(request: HtmxHttpRequest, slug: str, file_id: int) -> HttpResponseBase:
    strategy = selectors.strategy_get_for_user(user=request.user, slug=slug)
    stored = next((f for f in strategy.files.all() if f.pk == file_id), None)
    if stored is None:
        raise ApplicationError(_("No such file."), status=404)
    # Always a download, never rendered: an uploaded HTML page must not run in our origin.
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type="application/octet-stream",
    )


@require_GET
def strategy_status(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.strategy_get_for_user(user=request.user, slug=slug)
    response = render(request, "strategies/partials/processing.html", {"strategy": strategy})
    if request.htmx and strategy.is_ready:
        response["HX-Refresh"] = "true"
    return response


@require_GET
def strategy_passages(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.strategy_get_for_user(user=request.user, slug=slug)
    goal = request.GET.get("goal", "")
    reviewed = {"yes": True, "no": False}.get(request.GET.get("reviewed", ""))
    passages = selectors.passage_list(
        strategy=strategy, goal=int(goal) if goal.isdigit() else None, reviewed=reviewed
    )
    page = Paginator(passages, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "strategy": strategy,
        "page": page,
        "can_review": can_review(request.user),
        "goal_numbers": range(1, 18),
        "goal": goal,
        "reviewed": request.GET.get("reviewed", ""),
    }
    return render(request, "strategies/passages.html", context)


@require_POST
def passage_correct(request: HtmxHttpRequest, passage_id: int) -> HttpResponse:
    require_reviewer(request.user)
    passage = selectors.passage_get_for_user(user=request.user, passage_id=passage_id)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        raise ApplicationError(_("Check the goals and targets."), status=422)
    services.passage_correct(
        passage=passage,
        user=request.user,
        goals=form.cleaned_data["goals"],
        targets=form.target_list(),
        note=form.cleaned_data["note"],
    )
    passage.refresh_from_db()
    context = {"passage": passage, "can_review": True, "goal_numbers": range(1, 18)}
    if request.htmx:
        return render(request, "strategies/partials/passage.html", context)
    return redirect("strategies:strategy_passages", slug=passage.strategy.slug)


def _strategy_action(request: HtmxHttpRequest, slug: str, action: str) -> HttpResponse:
    strategy = selectors.strategy_get_for_user(user=request.user, slug=slug)
    if action == "reclassify":
        require_manager(request.user)
        services.strategy_queue_reclassify(strategy=strategy, user=request.user)
    else:
        require_editor(request.user, strategy)
        if action == "retry":
            services.strategy_retry(strategy=strategy, user=request.user)
        else:
            services.strategy_update(strategy=strategy, data={"is_published": action == "publish"})
    return redirect("strategies:strategy_detail", slug=strategy.slug)


@require_POST
def strategy_retry(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    return _strategy_action(request, slug, "retry")


@require_POST
def strategy_reclassify(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    return _strategy_action(request, slug, "reclassify")


@require_POST
def strategy_publish(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    return _strategy_action(request, slug, "publish" if request.POST.get("publish") else "hide")


def _download(content: str | bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def strategy_export(request: HtmxHttpRequest, slug: str, fmt: str) -> HttpResponse:
    strategy = selectors.strategy_get_for_user(user=request.user, slug=slug)
    card = selectors.scorecard(strategy=strategy)
    if fmt == "csv":
        rows = [
            {
                "goal": g.goal,
                "name": g.name,
                "level": g.level,
                "share": g.share,
                "passages": g.passages,
                "strength": g.strength,
                "top_targets": " ".join(t.code for t in g.targets),
                "evidence_pages": " ".join(str(p.page) for p in g.evidence),
            }
            for g in card.goals
        ]
        columns = (
            "goal",
            "name",
            "level",
            "share",
            "passages",
            "strength",
            "top_targets",
            "evidence_pages",
        )
        return _download(open_data.to_csv(rows, columns), f"{slug}.csv", "text/csv")
    return _download(
        open_data.to_json(selectors.scorecard_data(card=card)), f"{slug}.json", "application/json"
    )


@require_GET
def search(request: HtmxHttpRequest) -> HttpResponse:
    filters = selectors.StrategyFilters.from_mapping(request.GET)
    page = int(request.GET.get("page") or 1) if (request.GET.get("page") or "1").isdigit() else 1
    results = selectors.search_strategies(user=request.user, filters=filters, page=page)
    context = {**_filter_context(filters), "results": results}
    if request.htmx and request.htmx.target == "search-results":
        return render(request, "strategies/partials/search_results.html", context)
    return render(request, "strategies/search.html", context)


@require_GET
def list_export(request: HtmxHttpRequest, fmt: str) -> HttpResponse:
    filters = selectors.StrategyFilters.from_mapping(request.GET)
    queryset = selectors.strategy_list(user=request.user, filters=filters).prefetch_related(
        "goal_profile"
    )
    rows = [open_data.strategy_row(s) for s in queryset]
    if fmt == "csv":
        return _download(
            open_data.to_csv(rows, open_data.STRATEGY_COLUMNS), "strategies.csv", "text/csv"
        )
    return _download(
        open_data.to_json(open_data.with_licence(rows)), "strategies.json", "application/json"
    )


@require_GET
def search_export(request: HtmxHttpRequest, fmt: str) -> HttpResponse:
    filters = selectors.StrategyFilters.from_mapping(request.GET)
    results = selectors.search_strategies(
        user=request.user, filters=filters, per_page=selectors.EXPORT_LIMIT
    )
    rows = [
        {**open_data.passage_row(hit.passage), "strategy": hit.passage.strategy.title}
        for hit in results.hits
    ]
    if fmt == "csv":
        columns = ("strategy", *open_data.PASSAGE_COLUMNS)
        return _download(open_data.to_csv(rows, columns), "search.csv", "text/csv")
    return _download(
        open_data.to_json(open_data.with_licence(rows)), "search.json", "application/json"
    )


@require_GET
def compare(request: HtmxHttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.GET.getlist("ids") if i.isdigit()]
    try:
        comparison = selectors.compare(user=request.user, ids=ids)
    except ApplicationError as exc:
        choices_list = selectors.strategy_list(user=request.user).filter(
            processing_status=choices.ProcessingStatus.READY
        )
        context = {"error": exc if ids else None, "candidates": choices_list[:200]}
        return render(request, "strategies/compare_pick.html", context)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "json"):
        return _compare_download(comparison, fmt)
    return render(request, "strategies/compare.html", {"comparison": comparison})


def _compare_download(comparison: selectors.Comparison, fmt: str) -> HttpResponse:
    slugs = [s.slug for s in comparison.strategies]
    rows = [
        {
            "goal": row["goal"],
            "name": row["name"],
            **{slug: cell["share"] for slug, cell in zip(slugs, row["cells"], strict=True)},
        }
        for row in comparison.rows
    ]
    if fmt == "csv":
        return _download(
            open_data.to_csv(rows, ("goal", "name", *slugs)), "compare.csv", "text/csv"
        )
    payload = open_data.with_licence(rows)
    payload.update({"shared": comparison.shared, "missing": comparison.missing})
    return _download(open_data.to_json(payload), "compare.json", "application/json")


@require_GET
def v4(request: HtmxHttpRequest) -> HttpResponse:
    overview = selectors.v4_overview(user=request.user)
    if request.GET.get("format") in ("csv", "json"):
        return _v4_download(overview, request.GET["format"])
    context = {
        **overview,
        "map_json": json.dumps(overview["map_values"]),
        "heatmaps": [
            (_("By country"), overview["countries"], "country"),
            (_("By NUTS 2 region"), overview["regions"], "region"),
        ],
    }
    return render(request, "strategies/v4.html", context)


def _v4_download(overview: dict[str, Any], fmt: str) -> HttpResponse:
    rows = [
        {
            "level": level,
            "area": code,
            "name": name,
            "strategies": count,
            **{f"sdg_{g}": share for g, share in enumerate(heatmap.cells[code], start=1)},
        }
        for level, heatmap in (("country", overview["countries"]), ("nuts2", overview["regions"]))
        for code, name, count in heatmap.areas
    ]
    if fmt == "csv":
        columns = ("level", "area", "name", "strategies", *(f"sdg_{g}" for g in range(1, 18)))
        return _download(open_data.to_csv(rows, columns), "v4-coverage.csv", "text/csv")
    return _download(
        open_data.to_json(open_data.with_licence(rows)), "v4-coverage.json", "application/json"
    )


@require_GET
def open_data_page(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "strategies/open_data.html", {"licence": open_data.licence_text()})


@require_GET
def dump(request: HtmxHttpRequest) -> HttpResponse:
    strategies, passages, corrections = selectors.dump_querysets(user=request.user)
    content = open_data.dump_zip(strategies, passages, corrections)
    return _download(content, "obieg-strategies.zip", "application/zip")


@require_GET
def training_data(request: HtmxHttpRequest) -> HttpResponse:
    require_reviewer(request.user)
    content = open_data.training_jsonl(selectors.correction_list(user=request.user))
    return _download(content, "corrections.jsonl", "application/x-ndjson")
