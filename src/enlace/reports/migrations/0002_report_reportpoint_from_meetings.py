"""Report and ReportPoint move from the meetings app to the reports app, which owns them.

State only: they keep their tables (meetings_report, meetings_reportpoint), rows, columns and
constraints; the foreign keys of the reports app's own models now name them here. The other
apps' foreign keys follow in their own migrations, then meetings forgets the two models.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Report",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "language",
                            models.CharField(default="es", max_length=2, verbose_name="language"),
                        ),
                        ("title", models.CharField(max_length=400, verbose_name="title")),
                        (
                            "place_line",
                            models.CharField(blank=True, max_length=200, verbose_name="place line"),
                        ),
                        (
                            "date_line",
                            models.CharField(blank=True, max_length=200, verbose_name="date line"),
                        ),
                        ("opening", models.TextField(verbose_name="opening paragraph")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("draft", "Draft"),
                                    ("adopted", "Adopted"),
                                    ("presented", "Presented to the GRCM"),
                                ],
                                default="draft",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "adopted_on",
                            models.DateField(blank=True, null=True, verbose_name="adopted on"),
                        ),
                        (
                            "presented_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="presented to the GRCM on"
                            ),
                        ),
                        (
                            "is_published",
                            models.BooleanField(default=False, verbose_name="published"),
                        ),
                        (
                            "observers_invited",
                            models.BooleanField(
                                default=False, verbose_name="observers invited to comment"
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "meeting",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="reports",
                                to="meetings.meeting",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "report",
                        "verbose_name_plural": "reports",
                        "db_table": "meetings_report",
                        "ordering": ["meeting", "language"],
                    },
                ),
                migrations.AlterField(
                    model_name="pointcomment",
                    name="report",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="reports.report",
                    ),
                ),
                migrations.AlterField(
                    model_name="reportadoption",
                    name="report",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="adoption",
                        to="reports.report",
                    ),
                ),
                migrations.AlterField(
                    model_name="reportrevision",
                    name="report",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="reports.report",
                    ),
                ),
                migrations.CreateModel(
                    name="ReportPoint",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("position", models.PositiveIntegerField(verbose_name="order")),
                        (
                            "level",
                            models.PositiveSmallIntegerField(default=0, verbose_name="level"),
                        ),
                        ("text", models.TextField(verbose_name="text")),
                        (
                            "report",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="points",
                                to="reports.report",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "report point",
                        "verbose_name_plural": "report points",
                        "db_table": "meetings_reportpoint",
                        "ordering": ["position", "pk"],
                    },
                ),
                migrations.AlterField(
                    model_name="pointcomment",
                    name="point",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="comments",
                        to="reports.reportpoint",
                        verbose_name="point",
                    ),
                ),
                migrations.AlterField(
                    model_name="pointversion",
                    name="point",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="reports.reportpoint",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="report",
                    constraint=models.UniqueConstraint(
                        fields=("meeting", "language"), name="report_one_per_language"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="report",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("is_published", False),
                            models.Q(("status", "draft"), _negated=True),
                            _connector="OR",
                        ),
                        name="report_published_only_when_adopted",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="reportpoint",
                    constraint=models.UniqueConstraint(
                        fields=("report", "position"), name="point_position_unique"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="reportpoint",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("level__lte", 1)), name="point_level_0_or_1"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
