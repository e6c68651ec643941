"""What names Report and ReportPoint by their app follows them from meetings to reports.

The content types (which permissions and the admin's log point at) are renamed, not created
anew, so nothing pointing at them is lost; the audit trail's events name them by
``app_label.model`` and are renamed too, so a report's whole history has one name.
"""

from django.db import migrations

MODELS = ("report", "reportpoint")


def _rename(apps, schema_editor, old, new):
    database = schema_editor.connection.alias
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(database)
    events = apps.get_model("audit", "AuditEvent").objects.using(database)
    for model in MODELS:
        if not content_types.filter(app_label=new, model=model).exists():
            content_types.filter(app_label=old, model=model).update(app_label=new)
        events.filter(object_type=f"{old}.{model}").update(object_type=f"{new}.{model}")


def forwards(apps, schema_editor):
    _rename(apps, schema_editor, "meetings", "reports")


def backwards(apps, schema_editor):
    _rename(apps, schema_editor, "reports", "meetings")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0002_report_reportpoint_to_reports"),
        ("reports", "0002_report_reportpoint_from_meetings"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
