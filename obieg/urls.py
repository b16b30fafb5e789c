from __future__ import annotations

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.static import serve

from obieg.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include("obieg.core.urls")),
    path("accounts/", include("obieg.accounts.urls")),
    path("directory/", include("obieg.directory.urls")),
    path("strategies/", include("obieg.strategies.urls")),
    path("pipeline/", include("obieg.pipeline.urls")),
    path("symbiosis/", include("obieg.symbiosis.urls")),
    prefix_default_language=True,
)
if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
