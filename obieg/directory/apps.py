from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "obieg.directory"
    label = "directory"
    verbose_name = _("Directory")
    nav_items = [(_("Directory"), "directory:organisation_list")]
    demo_loader = "obieg.directory.demo.load"
