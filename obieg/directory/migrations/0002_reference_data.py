from __future__ import annotations

from typing import Any

from django.db import migrations

from obieg.directory import reference_data


def load(apps: Any, schema_editor: Any) -> None:
    country = apps.get_model("directory", "Country")
    reference_data.load_countries(country)
    reference_data.load_nuts(apps.get_model("directory", "NutsRegion"), country)
    reference_data.load_nace(apps.get_model("directory", "NaceActivity"))
    reference_data.load_themes(apps.get_model("directory", "Theme"))


def unload(apps: Any, schema_editor: Any) -> None:
    for name in ("Theme", "NaceActivity", "NutsRegion", "Country"):
        model = apps.get_model("directory", name)
        if name in ("NaceActivity", "NutsRegion"):
            # Children point at parents with PROTECT: delete from the deepest level up.
            for level in sorted(set(model.objects.values_list("level", flat=True)), reverse=True):
                model.objects.filter(level=level).delete()
        else:
            model.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
