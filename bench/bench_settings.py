"""Settings of the benchmark: the platform's own, with two throw-away SQLite databases.

``default`` holds the data at 1x and ``x10`` at 10x. ``ScaleRouter`` sends every query to the
database the bench chose for the next request, so the two sizes are measured in alternation,
under the same load of the machine. The URLs add a minimal view (see bench_urls.py).
"""

import os
from typing import Any

from enlace.settings import *  # noqa: F403 (the platform's settings, unchanged but these)
from enlace.settings import DATA_DIR

ROOT_URLCONF = "bench_urls"
# These benches measure what making a page costs at each size of the data: no page or part of a
# page is kept (enlace.core.pagecache). bench/serve.py measures the production way, kept pages
# included; ENLACE_BENCH_KEPT=1 keeps them here too (the public's rows then time a cache read).
ENLACE_PAGE_CACHE = os.environ.get("ENLACE_BENCH_KEPT") == "1"


def _sqlite(name: str) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / name),
        "CONN_MAX_AGE": 0,
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }


DATABASES = {"default": _sqlite("bench-1x.sqlite3"), "x10": _sqlite("bench-10x.sqlite3")}
DATABASE_ROUTERS = ["bench_settings.ScaleRouter"]


class ScaleRouter:
    """Every read and write goes to ``ScaleRouter.alias``, set by the bench per request."""

    alias = "default"

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return ScaleRouter.alias

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return ScaleRouter.alias

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return True
