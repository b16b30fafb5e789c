"""Pipeline fixtures: a confidential project of `organisation`, advised by `adviser`."""

from __future__ import annotations

from typing import Any

import pytest

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.pipeline.models import FundingInstrument, InvestmentProject
from tests.factories import OrganisationFactory
from tests.pipeline.factories import InvestmentProjectFactory, project_with_flows

SECRET = "Zyxwv-confidential-marker"


@pytest.fixture
def only_test_instruments(db: Any) -> None:
    """Matching against the shipped seed is slow to reason about; start from none."""
    FundingInstrument.objects.all().delete()


@pytest.fixture
def confidential_project(organisation: Organisation, adviser: User) -> InvestmentProject:
    """A project of the member's organisation, never published, with a secret in every field."""
    project = project_with_flows(
        [(0, 1000, 0, 0), (1, 0, 100, 400), (2, 0, 100, 500)],
        promoter=organisation,
        slug="secret-project",
        title={"en": f"{SECRET} title"},
        summary={"en": f"{SECRET} summary"},
        details={"en": f"{SECRET} details"},
    )
    project.advisers.add(adviser)
    return project


@pytest.fixture
def public_project(db: Any) -> InvestmentProject:
    """An investment-ready project of a third organisation that published its teaser."""
    return InvestmentProjectFactory(
        promoter=OrganisationFactory(name="Third Glass Works"),
        slug="public-project",
        stage="investment_ready",
        teaser_published=True,
        title={"en": "Public glass loop"},
        details={"en": "Public project's own confidential details"},
    )
