from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from obieg.strategies import search, selectors, services
from obieg.strategies.models import Strategy

pytestmark = pytest.mark.django_db


def _search(user: Any, **filters: str) -> selectors.SearchResults:
    return selectors.search_strategies(user=user, filters=selectors.StrategyFilters(**filters))


def test_it_finds_a_passage_by_an_inflected_word_and_shows_its_page(
    energy_strategy: Strategy, client: Any
) -> None:
    # when a visitor searches a word in another form than in the text
    results = _search(client, q="photovoltaics")

    # then the passage is found, with its page and the word highlighted
    assert results.total == 1
    hit = results.hits[0]
    assert hit.passage.strategy == energy_strategy
    assert hit.passage.page == 1
    assert "<mark>photovoltaic</mark>" in hit.highlighted


def test_it_matches_without_diacritics_in_polish(waste_strategy: Strategy) -> None:
    # when the query drops the Polish letters and uses another case ending
    results = _search(None, q="odpadow zywnosci")

    # then the passage written with diacritics is found
    assert results.total == 1
    assert "<mark>odpadów</mark>" in results.hits[0].highlighted


def test_it_finds_an_exact_phrase_only_in_order(energy_strategy: Strategy) -> None:
    assert _search(None, q='"repair café network"').total == 1
    assert _search(None, q='"network café repair"').total == 0


def test_filters_narrow_the_passages(energy_strategy: Strategy, waste_strategy: Strategy) -> None:
    # given both strategies mention heat networks ("ciepłowniczą" / "heating")
    assert _search(None, q="photovoltaic fotowoltaiczne").total == 0

    # then country, kind, language and goal filters each apply
    assert _search(None, q="fotowoltaiczne", language="pl").total == 1
    assert _search(None, q="fotowoltaiczne", language="en").total == 0
    assert _search(None, q="photovoltaic", kind="climate_energy").total == 1
    assert _search(None, q="photovoltaic", kind="mobility").total == 0
    assert _search(None, q="photovoltaic", country="CZ").total == 0
    assert _search(None, q="photovoltaic", region="PL21").total == 1
    assert _search(None, q="photovoltaic", year="2040").total == 0
    assert _search(None, q="photovoltaic", goal="7").total == 1
    assert _search(None, q="photovoltaic", goal="14").total == 0


def test_it_hides_unpublished_strategies_from_visitors(
    energy_strategy: Strategy, member: Any, outsider: Any, manager: Any
) -> None:
    # given the strategy is unpublished
    services.strategy_update(strategy=energy_strategy, data={"is_published": False})

    # then visitors and outsiders do not find it; its uploader and managers do
    from django.contrib.auth.models import AnonymousUser

    assert _search(AnonymousUser(), q="photovoltaic").total == 0
    assert _search(outsider, q="photovoltaic").total == 0
    assert _search(member, q="photovoltaic").total == 1
    assert _search(manager, q="photovoltaic").total == 1


def test_deleting_a_strategy_removes_it_from_the_index(energy_strategy: Strategy) -> None:
    services.strategy_delete(strategy=energy_strategy)
    assert _search(None, q="photovoltaic").total == 0


def test_it_ranks_titles_too(energy_strategy: Strategy) -> None:
    results = _search(None, q="krakow energy")
    assert results.strategies == [energy_strategy]


def test_prefixes_catch_inflected_forms() -> None:
    assert search.stem_prefix("recyklingu") == "recyklin"
    assert search.stem_prefix("energii") == "energ"
    assert search.stem_prefix("city") == "city"
    assert search.parse_query('Kraków "zero emission buses"').groups == [
        ["zero", "emission", "buse"],
        ["krako"],
    ]


@given(st.text(max_size=200), st.lists(st.text(min_size=1, max_size=5), max_size=3))
def test_highlight_never_lets_markup_through(text: str, prefixes: list[str]) -> None:
    # whatever the text and query, the only tags in the output are the <mark> we add
    rendered = str(search.highlight(text, prefixes))
    stripped = rendered.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped
    assert ">" not in stripped
