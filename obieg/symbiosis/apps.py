from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SymbiosisConfig(AppConfig):
    name = "obieg.symbiosis"
    label = "symbiosis"
    verbose_name = _("Industrial symbiosis")
    nav_items = [(_("Symbiosis"), "symbiosis:index")]
    demo_loader = "obieg.symbiosis.demo.load"
