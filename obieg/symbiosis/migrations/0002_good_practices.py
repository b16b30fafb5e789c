from __future__ import annotations

from typing import Any

from django.db import migrations

from obieg.symbiosis.good_practice_seed import load_good_practices, unload_good_practices


def load(apps: Any, schema_editor: Any) -> None:
    load_good_practices(
        apps.get_model("symbiosis", "GoodPractice"), apps.get_model("directory", "Country")
    )


def unload(apps: Any, schema_editor: Any) -> None:
    unload_good_practices(apps.get_model("symbiosis", "GoodPractice"))


class Migration(migrations.Migration):
    dependencies = [("symbiosis", "0001_initial"), ("directory", "0002_reference_data")]
    operations = [migrations.RunPython(load, unload)]
