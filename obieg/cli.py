"""The `obieg` command: Django-free science commands first, every management command after.

`obieg classify` and `obieg symbiosis optimise|suggest` must start fast and work without a
database, so they are dispatched before Django is set up.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

DJANGO_FREE = {
    "classify": "obieg.classify.cli",
    "symbiosis": "obieg.symbiosis.matching.cli",
}
ALIASES = {"worker": "db_worker"}


def django_main(argv: list[str]) -> int:
    """Run a Django management command (argv[0] is the program name)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "obieg.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `obieg` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(_usage())
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command in DJANGO_FREE:
        module = import_module(DJANGO_FREE[command])
        return int(module.main(rest))
    return django_main(["obieg", ALIASES.get(command, command), *rest])


def _usage() -> str:
    return (
        "usage: obieg COMMAND [ARGS]\n\n"
        "  serve        run the web portal (add --with-worker for background work)\n"
        "  worker       run a background worker\n"
        "  demo         migrate and load the demo data (idempotent)\n"
        "  classify     classify documents against the SDGs and the Green Deal\n"
        "  ingest       add strategy documents to the portal\n"
        "  symbiosis    optimise exchanges and suggest receivers (optimise, suggest)\n"
        "  …            any Django management command (migrate, createsuperuser, …)\n"
    )


if __name__ == "__main__":
    sys.exit(main())
