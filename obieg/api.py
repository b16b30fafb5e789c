"""The one JSON API: /api/v1/, one router per app, errors mapped to JSON once here."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.errors import ValidationError as NinjaValidationError

from obieg.core.errors import ApplicationError

api = NinjaAPI(
    title="obieg API",
    version="1.0.0",
    description=(
        "Cluster directory, strategy portal, investment pipeline and industrial symbiosis. "
        "Reads are public where the data is; writes need `Authorization: Bearer <token>` "
        "(tokens are issued on your account page) or a signed-in session with its CSRF token."
    ),
    urls_namespace="api",
)


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        field = ".".join(location) or "body"
        errors.append({"field": field, "message": error.get("msg", "invalid value")})
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    body = {"detail": f"Invalid input. {summary}", "code": "invalid", "errors": errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    message = str(exc) or "Not found."
    return api.create_response(request, {"detail": message, "code": "not_found"}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = {
        "detail": "Authentication required: send `Authorization: Bearer <token>`.",
        "code": "unauthenticated",
    }
    return api.create_response(request, body, status=401)


@api.exception_handler(AuthorizationError)
def on_forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    body = {"detail": str(exc) or "You may not do this.", "code": "permission_denied"}
    return api.create_response(request, body, status=403)


def _register_routers() -> None:
    # Imported here so that each app's api module can import `api`-free helpers safely.
    from obieg.accounts.api import router as accounts_router
    from obieg.core.api import router as core_router
    from obieg.directory.api import router as directory_router
    from obieg.pipeline.api import router as pipeline_router
    from obieg.strategies.api import router as strategies_router
    from obieg.symbiosis.api import router as symbiosis_router

    api.add_router("/core/", core_router, tags=["core"])
    api.add_router("/accounts/", accounts_router, tags=["accounts"])
    api.add_router("/directory/", directory_router, tags=["directory"])
    api.add_router("/strategies/", strategies_router, tags=["strategies"])
    api.add_router("/pipeline/", pipeline_router, tags=["pipeline"])
    api.add_router("/symbiosis/", symbiosis_router, tags=["symbiosis"])


_register_routers()
