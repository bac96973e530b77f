"""`/sw.js`: the officers' service worker (`static/campaigns/sw.js`), served from the
site's root so that it may keep pages from every language's path."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.views.decorators.cache import cache_control

SERVICE_WORKER = "campaigns/sw.js"


@cache_control(no_cache=True)
def service_worker(request):
    """The worker's script; browsers check it for a new version at each visit."""
    with open(finders.find(SERVICE_WORKER), encoding="utf-8") as script:
        return HttpResponse(script.read(), content_type="text/javascript")
