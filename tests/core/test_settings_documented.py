from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from obieg.core.environment import READ_SETTINGS

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_setting_is_documented() -> None:
    # given the settings module has been imported (pytest-django did it)
    documented = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")

    # then each environment variable it read appears as a heading in docs/settings.md
    missing = [name for name in READ_SETTINGS if f"### `{name}`" not in documented]
    assert READ_SETTINGS, "the settings read nothing from the environment"
    assert missing == []


def test_check_deploy_is_clean_with_debug_off_and_a_real_secret_key() -> None:
    # given a production environment: DEBUG off and a strong secret
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "obieg.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k3y-" + "".join(chr(65 + (i * 7) % 58) for i in range(60)),
        "ALLOWED_HOSTS": "obieg.example.org",
    }
    for name in (
        "SECURE_SSL_REDIRECT",
        "SECURE_COOKIES",
        "SECURE_HSTS_SECONDS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(name, None)

    # when Django's deployment checks run
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    # then they report nothing
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
