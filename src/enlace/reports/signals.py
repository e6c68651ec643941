"""What a write of a report tells the apps above it, which this app does not import.

``report_saved`` is sent by ``enlace.reports.services.report_save`` inside its transaction, once
the report and its points are written, with ``report``; a receiver that raises undoes the save.
"""

from django.dispatch import Signal

report_saved = Signal()
