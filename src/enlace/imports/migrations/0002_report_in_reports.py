"""The report of an imported file is now the reports app's model (the same table).

State only: the foreign key's column and constraint in the database do not change.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_initial"),
        ("reports", "0002_report_reportpoint_from_meetings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="importedfile",
                    name="report",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="imported_files",
                        to="reports.report",
                        verbose_name="report",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
