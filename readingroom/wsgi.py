"""WSGI entry point for gunicorn (`readingroom serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readingroom.settings")
application = get_wsgi_application()
