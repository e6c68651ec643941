"""A deadline-reminder task queued (django_tasks_db) before the follow-up became its own app
still runs: its path names the task where it is now. The app has no tables of its own."""

from typing import Any

from django.db import migrations

BEFORE = "enlace.workplan.tasks.send_deadline_reminders"
AFTER = "enlace.followup.tasks.send_deadline_reminders"


def _rename(apps: Any, old: str, new: str) -> None:
    results = apps.get_model("django_tasks_database", "DBTaskResult").objects
    results.filter(task_path=old).update(task_path=new)


def forwards(apps: Any, schema_editor: Any) -> None:
    _rename(apps, BEFORE, AFTER)


def backwards(apps: Any, schema_editor: Any) -> None:
    _rename(apps, AFTER, BEFORE)


class Migration(migrations.Migration):
    dependencies = [("django_tasks_database", "0021_conditional_partial_index_ordering")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
