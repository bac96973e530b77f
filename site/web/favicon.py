"""`/favicon.ico`: browsers ask for it on every first visit whatever the page
says, so it answers with the site's icon instead of a page-not-found. Pages
name the SVG icon (`static/favicon.svg`) in their head."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(public=True, max_age=7 * 24 * 60 * 60)
def favicon(request):
    found = finders.find("favicon.ico")
    if not found:
        raise Http404("favicon.ico")
    return FileResponse(open(found, "rb"), content_type="image/x-icon")
