"""What the commitments app does when a report is written (connected by its AppConfig)."""

from typing import Any

from enlace import access
from enlace.commitments.services import commitments_propose_for_report
from enlace.reports.models import Report


def propose_for_saved_report(sender: Any, report: Report, **kwargs: Any) -> None:
    """Agreements in a saved report's text are proposed as commitments for the secretariat to
    confirm."""
    commitments_propose_for_report(access.SYSTEM, report)
