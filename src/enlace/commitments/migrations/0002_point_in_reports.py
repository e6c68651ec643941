"""The point of a commitment is now the reports app's model (the same table).

State only: the foreign key's column and constraint in the database do not change.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0001_initial"),
        ("reports", "0002_report_reportpoint_from_meetings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="commitment",
                    name="point",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to="reports.reportpoint",
                        verbose_name="report point",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
