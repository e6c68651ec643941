"""WSGI entry point for production web processes (e.g. ``gunicorn enlace.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enlace.settings")
application = get_wsgi_application()
