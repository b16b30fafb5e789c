from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from obieg.core.errors import ApplicationError


class ApplicationErrorMiddleware:
    """Turn an ApplicationError raised by a page view into an error page or HTMX fragment.

    The API maps the same error to JSON in obieg/api.py; pages get it here, once, so views
    need no try/except of their own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        htmx = getattr(request, "htmx", False)
        if exception.status == 401 and not htmx:
            # A page that needs a signed-in user sends visitors to sign in and back.
            return redirect_to_login(request.get_full_path())
        template = "core/partials/error.html" if htmx else "core/error.html"
        response = render(request, template, {"error": exception}, status=exception.status)
        if htmx:
            # Show the message where the page expects errors, whatever the request targeted.
            response["HX-Retarget"] = "#flash"
            response["HX-Reswap"] = "innerHTML"
        return response
