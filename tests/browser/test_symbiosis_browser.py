from __future__ import annotations

from typing import Any

import pytest

from obieg.accounts.models import User
from obieg.directory import reference_data
from obieg.directory.models import Country, NutsRegion
from obieg.symbiosis.models import Match

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(transactional_db: Any) -> None:
    """Another transactional test may have flushed the migrated countries and regions."""
    reference_data.load_countries(Country)
    reference_data.load_nuts(NutsRegion, Country)


def _publish(page: Any, kind: str, fields: dict[str, str]) -> None:
    page.goto(f"/en/symbiosis/streams/new/?kind={kind}")
    page.select_option("#id_category", "by_product")
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    page.click("#stream-submit")
    page.wait_for_url("**/symbiosis/streams/*/")


def test_a_member_publishes_an_offer_another_a_need_and_they_accept_the_match(
    page: Any, sign_in: Any, member: User, outsider: User
) -> None:
    # given a member who publishes fly ash in Nowa Huta
    sign_in("member")
    _publish(
        page,
        "offer",
        {
            "title": "Fly ash from our CHP",
            "ewc_code": "10 01 02",
            "quantity": "1000",
            "country": "PL",
            "region": "PL213",
            "lat": "50.07",
            "lon": "20.05",
        },
    )
    assert "Coal fly ash" in page.content()
    page.click("form[action*='logout'] button")

    # and another member who needs chapter 10 01 ash in Skawina, anonymously
    sign_in("outsider")
    _publish(
        page,
        "need",
        {
            "title": "Ash for concrete blocks",
            "accepted_codes": "1001",
            "quantity": "50",
            "country": "PL",
            "region": "PL213",
            "lat": "49.98",
            "lon": "19.83",
            "max_distance_km": "60",
        },
    )

    # when the second member runs the matching
    page.goto("/en/symbiosis/")
    page.click("#run-matching")
    page.wait_for_url("**/symbiosis/runs/*/")
    page.locator("#match-table a").first.wait_for()

    # then the suggested match shows its savings
    page.locator("#match-table a").first.click()
    page.wait_for_url("**/symbiosis/matches/*/")
    savings = page.locator("#match-savings").inner_text()
    assert "t diverted from landfill" in savings
    assert "50.0" in savings
    assert "Suggested" in page.locator("#match-status").inner_text()

    # and accepting it moves it on
    page.click("#accept-match")
    page.wait_for_load_state()
    assert "Contacted" in page.locator("#match-status").inner_text()
    assert Match.objects.get().need_consented_at is not None
