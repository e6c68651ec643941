from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate

from enlace.core.pagecache import bump_version


def _create_cache_table(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """`migrate` also makes the database cache's table (sign-in throttling lives there)."""
    from django.core.management import call_command

    if sender.label != "accounts":  # post_migrate comes once per app: act once
        return
    call_command("createcachetable", database=using, verbosity=0)
    # A migration or a flush changes data behind the services' backs: no kept page survives it.
    bump_version()


class CoreConfig(AppConfig):
    name = "enlace.core"
    label = "core"

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, dispatch_uid="enlace-cache-table")
