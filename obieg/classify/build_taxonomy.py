"""Rebuild the taxonomy JSON files of ``obieg/classify/data`` from ``../shared/data/sdg``.

Run: ``python -m obieg.classify.build_taxonomy --data ../shared/data``. It needs PyYAML, a dev
tool only: the product reads the JSON output.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
# European languages of open-sdg-translations; SK and HU are not published there.
OPEN_SDG_LANGUAGES = ("en", "cs", "de", "fr", "es", "it", "ro")
TARGET_KEY = re.compile(r"^(\d+)-(\w+)-title$")
INDICATOR_KEY = re.compile(r"^(\d+)-(\w+)-(\d+)-title$")
GOAL_KEY = re.compile(r"^(\d+)-(short|title)$")


def _load_yaml(path: Path) -> Any:
    import yaml  # dev-only dependency, hence the local import

    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def build_sdg(shared: Path) -> dict[str, Any]:
    """Merge goals, targets and indicators of every language into one structure."""
    goals: dict[str, dict[str, Any]] = {
        str(g): {"goal": g, "short": {}, "title": {}} for g in range(1, 18)
    }
    targets: dict[str, dict[str, Any]] = {}
    indicators: dict[str, dict[str, Any]] = {}
    base = shared / "sdg" / "open-sdg-translations"
    for lang in OPEN_SDG_LANGUAGES:
        for key, text in _load_yaml(base / lang / "global_goals.yml").items():
            m = GOAL_KEY.match(str(key))
            if m and m.group(1) in goals:
                goals[m.group(1)][m.group(2)][lang] = _clean(text)
        for key, text in _load_yaml(base / lang / "global_targets.yml").items():
            m = TARGET_KEY.match(str(key))
            if m:
                code = f"{m.group(1)}.{m.group(2)}"
                entry = targets.setdefault(
                    code, {"target": code, "goal": int(m.group(1)), "text": {}}
                )
                entry["text"][lang] = _clean(text)
        for key, text in _load_yaml(base / lang / "global_indicators.yml").items():
            m = INDICATOR_KEY.match(str(key))
            if m:
                code = f"{m.group(1)}.{m.group(2)}.{m.group(3)}"
                entry = indicators.setdefault(
                    code, {"indicator": code, "target": f"{m.group(1)}.{m.group(2)}", "text": {}}
                )
                entry["text"][lang] = _clean(text)
    _merge_polish(shared, goals, targets)
    return {
        "goals": [goals[str(g)] for g in range(1, 18)],
        "targets": sorted(targets.values(), key=lambda t: _code_key(t["target"])),
        "indicators": sorted(indicators.values(), key=lambda t: _code_key(t["indicator"])),
    }


def _merge_polish(
    shared: Path, goals: dict[str, dict[str, Any]], targets: dict[str, dict[str, Any]]
) -> None:
    pl = _load_yaml(shared / "sdg" / "pl" / "sdg_pl_goals_partial_targets.yml")
    for goal, name in pl["goals"].items():
        goals[str(goal)]["short"]["pl"] = _clean(name)
    for code, text in pl["targets_partial"].items():
        targets[str(code)]["text"]["pl"] = _clean(text)


def _code_key(code: str) -> tuple[Any, ...]:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def build_eu(shared: Path) -> dict[str, Any]:
    """Copy the EU Taxonomy objectives and the Green Deal policy areas."""
    eu = _load_yaml(shared / "sdg" / "eu" / "eu_green_deal_taxonomy_structure.yml")
    return {
        "taxonomy_objectives": eu["taxonomy_objectives"],
        "green_deal_policy_areas": eu["green_deal_policy_areas"],
    }


def main(argv: list[str] | None = None) -> int:
    """Write sdg_taxonomy.json and eu_green_deal.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args(argv)
    for name, content in (
        ("sdg_taxonomy.json", build_sdg(args.data)),
        ("eu_green_deal.json", build_eu(args.data)),
    ):
        text = json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True)
        (DATA_DIR / name).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {DATA_DIR / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
