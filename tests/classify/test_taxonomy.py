from __future__ import annotations

import re
from pathlib import Path

from obieg.classify import sdg_taxonomy

DATA = Path(sdg_taxonomy.__file__).parent / "data"


def test_it_has_17_goals_in_order() -> None:
    numbers = [g.number for g in sdg_taxonomy.goals()]

    assert numbers == list(range(1, 18))


def test_it_has_169_targets_each_under_its_goal() -> None:
    targets = sdg_taxonomy.targets()

    assert len(targets) == 169
    assert len({t.code for t in targets}) == 169
    for target in targets:
        assert target.code.split(".")[0] == str(target.goal)
        assert re.fullmatch(r"\d{1,2}\.(\d{1,2}|[a-d])", target.code)


def test_every_target_has_english_and_czech_text() -> None:
    for target in sdg_taxonomy.targets():
        assert target.text["en"].strip()
        assert target.text["cs"].strip()


def test_every_indicator_belongs_to_an_existing_target() -> None:
    codes = {t.code for t in sdg_taxonomy.targets()}

    indicators = sdg_taxonomy.indicators()

    assert len(indicators) >= 230
    assert all(i.target in codes and i.code.startswith(i.target + ".") for i in indicators)


def test_goal_names_exist_in_the_five_platform_languages() -> None:
    for goal in sdg_taxonomy.goals():
        for language in ("en", "pl", "cs", "sk", "hu"):
            assert goal.name(language) != goal.name("en") or language == "en"


def test_eu_categories_point_at_existing_targets() -> None:
    codes = {t.code for t in sdg_taxonomy.targets()}
    objectives = sdg_taxonomy.taxonomy_objectives()
    areas = sdg_taxonomy.green_deal_areas()

    assert [o.key for o in objectives] == ["CCM", "CCA", "WTR", "CE", "PPC", "BIO"]
    assert len(areas) == 13
    for category in (*objectives, *areas):
        assert category.targets
        assert set(category.targets) <= codes


def test_the_r_ladder_runs_from_refuse_to_recover() -> None:
    ladder = sdg_taxonomy.r_ladder()

    assert [s.key for s in ladder] == [f"R{i}" for i in range(10)]
    assert ladder[0].name == "Refuse"
    assert ladder[-1].name == "Recover"


def test_the_keyword_lexicon_is_parallel_in_five_languages() -> None:
    for concepts in (e["concepts"] for e in sdg_taxonomy.goal_lexicon().values()):
        for concept in concepts:
            assert set(concept) == {"en", "pl", "cs", "sk", "hu"}
            assert all(term.strip() for term in concept.values())


def test_sources_md_names_every_data_file() -> None:
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")

    for path in DATA.glob("*.json"):
        assert path.name in sources
