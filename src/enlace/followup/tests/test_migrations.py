"""A reminder task queued under the work plan's old module path still finds its task."""

import importlib

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from enlace.followup.tasks import send_deadline_reminders

migration = importlib.import_module("enlace.followup.migrations.0001_queued_reminder_task")


def test_a_queued_reminder_task_points_to_the_task_where_it_is_now(db: None) -> None:
    queued = DBTaskResult.objects.create(
        task_path=migration.BEFORE,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )
    migration.forwards(apps, None)
    queued.refresh_from_db()
    assert import_string(queued.task_path) is send_deadline_reminders
    migration.backwards(apps, None)
    queued.refresh_from_db()
    assert queued.task_path == migration.BEFORE
