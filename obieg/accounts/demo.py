"""Demo accounts so that a newcomer can try every role right after `make demo`."""

from __future__ import annotations

from django.db import transaction

from obieg.accounts.choices import Role
from obieg.accounts.models import User
from obieg.accounts.services import user_create
from obieg.directory.models import Organisation

# Only created by `obieg demo`; a deployment never runs it.
DEMO_USERS = [
    ("manager", "demo-manager-2026", Role.MANAGER, None),
    ("adviser", "demo-adviser-2026", Role.ADVISER, None),
    ("member", "demo-member-2026", Role.MEMBER, "South Poland Cleantech Cluster"),
]


@transaction.atomic
def load_demo_users() -> int:
    created = 0
    for username, password, role, organisation_name in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        organisation = Organisation.objects.filter(name=organisation_name).first()
        user_create(
            username=username,
            password=password,
            role=role,
            organisation_id=organisation.pk if organisation else None,
            email=f"{username}@example.org",
        )
        created += 1
    return created
