from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from obieg.accounts.forms import TokenForm
from obieg.accounts.services import api_token_create, api_token_revoke
from obieg.core.errors import ApplicationError


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    tokens = request.user.api_tokens.all()  # type: ignore[union-attr]
    return render(request, "accounts/profile.html", {"tokens": tokens, "form": TokenForm()})


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        tokens = request.user.api_tokens.all()  # type: ignore[union-attr]
        return render(
            request, "accounts/profile.html", {"tokens": tokens, "form": form}, status=422
        )
    issued = api_token_create(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
    tokens = request.user.api_tokens.all()  # type: ignore[union-attr]
    context = {"tokens": tokens, "form": TokenForm(), "new_secret": issued.secret}
    return render(request, "accounts/profile.html", context, status=201)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        api_token_revoke(user=request.user, token_id=token_id)  # type: ignore[arg-type]
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")
