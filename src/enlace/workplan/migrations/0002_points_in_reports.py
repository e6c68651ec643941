"""The report points of activities and versions are now the reports app's model (the same table).

State only: the foreign key's column and constraint in the database do not change.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_report_reportpoint_from_meetings"),
        ("workplan", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="activity",
                    name="source_point",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="work_plan_activities",
                        to="reports.reportpoint",
                        verbose_name="agreement (report point)",
                    ),
                ),
                migrations.AlterField(
                    model_name="workplanversion",
                    name="adopted_at_point",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="adopted_plans",
                        to="reports.reportpoint",
                        verbose_name="report point that adopted it",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
