from __future__ import annotations

from typing import Any

from django.core.management import call_command

from obieg.directory.models import Alliance, ClusterProject, Event, Organisation, Person


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Organisation, Alliance, ClusterProject, Event, Person)
    }


def test_the_demo_loads_the_cluster_directory_once(db: Any) -> None:
    call_command("demo", "--no-migrate", verbosity=0)
    first = _counts()
    call_command("demo", "--no-migrate", verbosity=0)

    assert _counts() == first
    icei = Alliance.objects.get(short_name="ICEI Alliance")
    assert {m.organisation.name for m in icei.memberships.all()} >= {
        "South Poland Cleantech Cluster",
        "Digipolis",
        "SITRA, the Finnish Innovation Fund",
    }
    symbi = ClusterProject.objects.get(acronym="SYMBI")
    assert symbi.partnerships.get(role="lead_partner").organisation.short_name == "FUNDECYT"
    assert sum(f.amount for f in symbi.funding_sources.all()) == 147_000
    assert Event.objects.filter(starts_on="2020-02-11", city="Kemi").exists()


def test_the_demo_has_no_personal_contact_data(db: Any) -> None:
    call_command("demo", "--no-migrate", "--no-users", verbosity=0)

    people = Person.objects.all()
    assert people.exists()
    assert all(not p.email and not p.phone for p in people)
    assert all(p.full_name == p.role_title for p in people)
