from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the portal with gunicorn (or Django's server with --dev)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--dev", action="store_true", help="auto-reloading development server")
        parser.add_argument(
            "--with-worker", action="store_true", help="also run one background worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker = None
        if options["with_worker"]:
            # A child process, so the web server and the worker stop together; no auto-reload,
            # which would leave a second process behind.
            worker = subprocess.Popen([sys.executable, "-m", "obieg.cli", "worker", "--no-reload"])
            signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            self._serve(options)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

    def _serve(self, options: dict[str, Any]) -> None:
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"obieg is serving on http://{address}/ (DEBUG={settings.DEBUG})")
        if options["dev"]:
            call_command("runserver", address)
            return
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "obieg.wsgi:application",
            "--bind",
            address,
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]
        server = subprocess.Popen(command)
        try:
            server.wait()
        finally:
            # A graceful stop lets gunicorn take its workers down with it.
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=30)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    # Turn SIGTERM into SystemExit so that `finally` stops the worker too.
    raise SystemExit(128 + signum)
