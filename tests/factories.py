"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from obieg.accounts.choices import Role
from obieg.accounts.models import User
from obieg.core.search_text import normalise_for_search
from obieg.directory import choices
from obieg.directory.models import (
    Alliance,
    AllianceMembership,
    ClusterProject,
    Country,
    Event,
    Organisation,
    Person,
)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = choices.OrganisationKind.COMPANY
    size_class = choices.SizeClass.SMALL
    country = factory.LazyFunction(lambda: Country.objects.get(code="PL"))
    region_id = "PL213"
    city = "Kraków"
    description = factory.LazyFunction(lambda: {"en": "Makes things cleaner."})
    membership_status = choices.MembershipStatus.MEMBER
    search_text = factory.LazyAttribute(lambda o: normalise_for_search(f"{o.name} {o.city}"))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.MEMBER
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Person {n}")
    role_title = "Project officer"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+48 12 000 00 00"


class AllianceFactory(DjangoModelFactory):
    class Meta:
        model = Alliance

    name = factory.Sequence(lambda n: f"Alliance {n}")
    slug = factory.Sequence(lambda n: f"alliance-{n}")
    kind = choices.AllianceKind.ALLIANCE


class AllianceMembershipFactory(DjangoModelFactory):
    class Meta:
        model = AllianceMembership

    alliance = factory.SubFactory(AllianceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = choices.PartnerRole.PARTNER


class ClusterProjectFactory(DjangoModelFactory):
    class Meta:
        model = ClusterProject

    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = choices.EventKind.MEETING
    starts_on = factory.Faker("date_object")
