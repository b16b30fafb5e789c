from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

from obieg.accounts.demo import DEMO_USERS, load_demo_users


class Command(BaseCommand):
    help = "Migrate the database and load the demo data of every app (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-migrate", action="store_true", help="skip `migrate`")
        parser.add_argument("--no-users", action="store_true", help="do not create demo accounts")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        # Each app names its own loader on its AppConfig, so apps add demo data independently.
        for config in apps.get_app_configs():
            loader = getattr(config, "demo_loader", None)
            if loader:
                created = import_string(loader)()
                self.stdout.write(f"{config.label}: {created}")
        if not options["no_users"]:
            load_demo_users()
            self.stdout.write("Demo accounts (for trying the portal; change or delete them):")
            for username, password, role, _org in DEMO_USERS:
                self.stdout.write(f"  {username:<10} {password:<22} {role}")
