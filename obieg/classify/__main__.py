"""Run ``python -m obieg.classify ...`` as ``obieg classify ...``."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
