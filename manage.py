#!/usr/bin/env python
from __future__ import annotations

import sys

from obieg.cli import django_main

if __name__ == "__main__":
    sys.exit(django_main(sys.argv))
