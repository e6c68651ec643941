"""The report point of a contribution is now the reports app's model (the same table).

State only: the foreign key's column and constraint in the database do not change.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("reports", "0002_report_reportpoint_from_meetings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="contribution",
                    name="report_point",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="noted_contributions",
                        to="reports.reportpoint",
                        verbose_name="report point that took note of it",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
