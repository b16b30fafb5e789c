"""`python -m obieg.symbiosis.matching optimise|suggest ...`."""

from __future__ import annotations

from obieg.symbiosis.matching.cli import main

raise SystemExit(main())
