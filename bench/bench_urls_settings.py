"""Settings of the serving benchmark: the platform's own, unchanged, with the URLs of
bench_urls.py (the platform's, plus the bare view ``/bench-minimal/``)."""

from enlace.settings import *  # noqa: F403 (the platform's settings, unchanged but the URLs)

ROOT_URLCONF = "bench_urls"
