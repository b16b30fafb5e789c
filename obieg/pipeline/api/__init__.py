"""The pipeline's JSON API (/api/v1/pipeline/): one router, handlers in one module per aggregate.

No `from __future__ import annotations` in this package: django-ninja reads the handlers'
annotations at run time.
"""

# Imported for their side effect: each module adds its operations to the router.
from obieg.pipeline.api import cases, figures, funding, projects  # noqa: F401
from obieg.pipeline.api.routes import router

__all__ = ["router"]
