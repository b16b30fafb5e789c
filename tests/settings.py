"""Settings for the test suite: the production settings with plain-HTTP test clients."""

from __future__ import annotations

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("OBIEG_VAR_DIR", os.path.join(os.path.dirname(__file__), "..", "var", "test"))

from obieg.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
