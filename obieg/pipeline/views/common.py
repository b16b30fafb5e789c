"""What pipeline views share: safe redirects and form errors (ApplicationError raised by a
view becomes an error page in obieg.core.middleware)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from obieg.core.errors import ApplicationError


def redirect_back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Go back to `next` when it is a local URL, else to `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = default
    return HttpResponseRedirect(target or default)


def form_error(request: HttpRequest, exc: ApplicationError) -> None:
    """Show a domain error above the form that caused it."""
    messages.error(request, exc.message)
