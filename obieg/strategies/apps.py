from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "obieg.strategies"
    label = "strategies"
    verbose_name = _("Strategies")
    nav_items = [(_("Strategies"), "strategies:strategy_list")]
    demo_loader = "obieg.strategies.demo.load"
