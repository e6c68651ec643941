"""The work plan part of /api/v1/ (mounted by enlace.api.api)."""

from ninja import Router

router = Router(tags=["workplan"])
