from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipelineConfig(AppConfig):
    name = "obieg.pipeline"
    label = "pipeline"
    verbose_name = _("Investment pipeline")
    nav_items = [(_("Pipeline"), "pipeline:project_list")]
    demo_loader = "obieg.pipeline.demo.load"
