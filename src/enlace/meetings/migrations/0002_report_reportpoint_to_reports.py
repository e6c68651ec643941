"""Report and ReportPoint now belong to the reports app (reports 0002): meetings forgets them.

State only: their tables stay, under the reports app's models; every foreign key to them has
moved first (the dependencies below).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("reports", "0002_report_reportpoint_from_meetings"),
        ("commitments", "0002_point_in_reports"),
        ("contributions", "0002_report_point_in_reports"),
        ("imports", "0002_report_in_reports"),
        ("search", "0003_report_in_reports"),
        ("workplan", "0002_points_in_reports"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ReportPoint"),
                migrations.DeleteModel(name="Report"),
            ],
            database_operations=[],
        ),
    ]
