"""The report and point of a search entry are now the reports app's models (the same tables).

State only: the foreign key's column and constraint in the database do not change.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_report_reportpoint_from_meetings"),
        ("search", "0002_fulltext"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchentry",
                    name="point",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Empty for the report's heading: title, place, date and opening.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_entries",
                        to="reports.reportpoint",
                    ),
                ),
                migrations.AlterField(
                    model_name="searchentry",
                    name="report",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_entries",
                        to="reports.report",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
