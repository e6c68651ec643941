from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "enlace.commitments"
    label = "commitments"

    def ready(self) -> None:
        from enlace.commitments import receivers
        from enlace.reports.signals import report_saved

        report_saved.connect(
            receivers.propose_for_saved_report, dispatch_uid="commitments-propose-on-report-save"
        )
