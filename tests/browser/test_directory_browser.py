from __future__ import annotations

from typing import Any

import pytest

from obieg.directory.demo import load as load_demo_directory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_switches_to_polish_searches_and_opens_an_organisation(page: Any) -> None:
    # given the demo directory
    load_demo_directory()

    # when a visitor opens the home page and switches to Polish
    page.goto("/en/")
    assert page.locator("h1").inner_text().startswith("obieg")
    page.select_option("#language-select", "pl")
    page.wait_for_url("**/pl/**")
    assert page.locator("html").get_attribute("lang") == "pl"

    # and searches the directory for the Kraków university
    page.goto("/pl/directory/")
    page.fill("#q", "AGH")
    page.locator("#directory-results article").first.wait_for()
    page.wait_for_function("document.querySelectorAll('#directory-results article').length === 1")
    page.click("#directory-results article h3 a")

    # then the organisation page opens, in Polish
    page.wait_for_url("**/pl/directory/organisations/agh/")
    assert "AGH University of Kraków" in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "pl"
    assert "Kraj" in page.content()  # "Country" in Polish
