"""`/sw.js`: the officers' service worker (`static/campaigns/sw.js`), served
from the site's root so that it may keep pages from every language's path.

The script is preceded by the paths it must know (the officer's screens, the
session form, where field kits are stored), taken from the URL configuration
and the model, so the script hard-codes none of them.
"""

import json
import os

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control

from campaigns.models import FieldKit

SERVICE_WORKER = "campaigns/sw.js"


def routes() -> dict:
    """The paths the worker matches, without their language prefix."""
    prefix = f"/{settings.LANGUAGE_CODE}"
    with translation.override(settings.LANGUAGE_CODE):
        sessions = reverse("officer:sessions")
        kits = reverse("officer:field-kits")
        form = reverse("officer:new-session")
        one_session = reverse("officer:session", args=[0]).removesuffix("0/")
        rules = reverse("officer:session-rules")
        kept = reverse("officer:kept-sessions")
    return {
        "languages": [code for code, _name in settings.LANGUAGES],
        # Every officer screen sits under the common start of its paths.
        "officer": os.path.commonprefix([sessions, kits]).removeprefix(prefix),
        "sessionForm": form.removeprefix(prefix),
        "session": one_session.removeprefix(prefix),
        "sessionRules": rules.removeprefix(prefix),
        "keptSessions": kept.removeprefix(prefix),
        "keptStore": static("campaigns/kept_store.js"),
        "static": settings.STATIC_URL,
        "fieldKits": settings.MEDIA_URL + FieldKit.file.field.upload_to,
    }


@cache_control(no_cache=True)
def service_worker(request):
    """The worker's script; browsers check it for a new version at each visit."""
    with open(finders.find(SERVICE_WORKER), encoding="utf-8") as script:
        body = f"const ROUTES = {json.dumps(routes())};\n{script.read()}"
    return HttpResponse(body, content_type="text/javascript")
