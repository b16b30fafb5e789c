"""Personas shared by all tests: a visitor, a member (owner of an organisation), an outsider
(a member of another organisation), an adviser and a cluster manager."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from obieg.accounts.choices import Role
from obieg.accounts.models import User
from obieg.accounts.services import api_token_create
from obieg.directory.models import Organisation
from tests.factories import OrganisationFactory, UserFactory


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give every transactional test a serialized rollback.

    A transactional test ends by flushing every table, which would also wipe the reference data
    loaded by data migrations (countries, NUTS regions, NACE, themes) for the tests after it.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture
def organisation(db: Any) -> Organisation:
    return OrganisationFactory(name="Kraków Recycling Works", slug="krakow-recycling-works")


@pytest.fixture
def other_organisation(db: Any) -> Organisation:
    return OrganisationFactory(
        name="Vaasa Energy Oy", slug="vaasa-energy", country_id="FI", region_id="FI19", city="Vaasa"
    )


@pytest.fixture
def member(organisation: Organisation) -> User:
    """The owner persona: a member of `organisation`."""
    return UserFactory(username="member", role=Role.MEMBER, organisation=organisation)


@pytest.fixture
def outsider(other_organisation: Organisation) -> User:
    """A signed-in member of another organisation."""
    return UserFactory(username="outsider", role=Role.MEMBER, organisation=other_organisation)


@pytest.fixture
def adviser(db: Any) -> User:
    return UserFactory(username="adviser", role=Role.ADVISER)


@pytest.fixture
def manager(db: Any) -> User:
    return UserFactory(username="manager", role=Role.MANAGER, is_staff=True)


def bearer(user: User) -> dict[str, str]:
    """HTTP headers that authenticate `user` with a fresh API token."""
    secret = api_token_create(user=user, name="tests").secret
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def member_client(member: User) -> Client:
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def manager_client(manager: User) -> Client:
    client = Client()
    client.force_login(manager)
    return client
