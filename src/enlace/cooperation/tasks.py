"""The retention rule as a background task: ``enlace purge-expired`` enqueues it (daily, from
cron or a systemd timer) and ``enlace db_worker`` runs it. Each purge is an audit event."""

from typing import Any

from django.tasks import task

from enlace.cooperation.services import purge_expired


@task
def purge_expired_identities() -> dict[str, Any]:
    return {"purged": purge_expired()}
