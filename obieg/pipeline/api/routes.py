# No `from __future__ import annotations` here, as in every module of this package: django-ninja
# reads the handlers' annotations at run time.
from ninja import Router

router = Router()
