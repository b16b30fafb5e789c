from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from obieg.pipeline import choices, forms, selectors


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """The kanban of the projects the user works on, one column per stage."""
    filters = selectors.ProjectFilters.from_mapping(request.GET)
    context = {
        "columns": selectors.board_columns(user=request.user, filters=filters),
        "filters": filters,
        "stages": choices.Stage.choices,
        "strategies": choices.RStrategy.choices,
        "stage_form": forms.StageForm(),
    }
    return render(request, "pipeline/board.html", context)
