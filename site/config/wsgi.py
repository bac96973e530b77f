"""WSGI entry point for gunicorn: `gunicorn config.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Everything loaded so far lives as long as the process: keep it out of the
# garbage collector's full passes, which would otherwise walk it on every
# large request (the translation matrix builds tens of thousands of tuples).
gc.freeze()
