from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def site(request: HttpRequest) -> dict[str, Any]:
    """Expose the settings and the main navigation every page template needs.

    Each app lists its own top-level pages as `nav_items` on its AppConfig, so adding an app
    adds its menu entry without touching the base template.
    """
    nav = []
    for config in apps.get_app_configs():
        for label, url_name in getattr(config, "nav_items", ()):
            url = reverse(url_name)
            nav.append({"label": label, "url": url, "current": request.path.startswith(url)})
    return {
        "SITE_NAME": "obieg",
        "SITE_URL": settings.SITE_URL,
        "DEBUG": settings.DEBUG,
        "NAV": nav,
    }
