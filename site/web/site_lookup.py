"""The request's Wagtail site, without a query on every request.

Wagtail looks the site up by host name on each request, and then loads the
site's home page again to route from it. Both are kept, like whole pages,
under the published generation (content.published), which any change to a
site, or to a page at the top of the tree, replaces. Wagtail's own list of
site root paths (for page URLs) lives in each process's memory on the
embedded default, so a process drops it when it sees a new generation.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

from wagtail.models import Page, Site

from content.published import generation, start_new_generation
from web.paths import WITHOUT_SITE

# Home pages sit at depth 2, under Wagtail's invisible root.
TOP_DEPTH = 2


def forget_sites_if_top_page(instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.depth <= TOP_DEPTH:
        start_new_generation()


class SeenGeneration:
    """The generation this process saw last."""

    value = None


def find_site(request):
    current = generation()
    if current != SeenGeneration.value:
        Site.clear_site_root_paths_cache()
        SeenGeneration.value = current
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"wagtail-site:{current}:{hostname}:{request.get_port()}"
    found = cache.get(key)
    if found is None:
        site = Site._find_for_request(request)
        if site is not None:
            # Routing starts from the home page in its own class.
            site.root_page = site.root_page.specific
        found = (site,)
        cache.set(key, found)
    return found[0]


class CachedSiteMiddleware:
    """Sets the site Wagtail would find, from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(WITHOUT_SITE):
            request._wagtail_site = find_site(request)
        return self.get_response(request)


def connect_signals() -> None:
    """Publishing, unpublishing and moving pages start a new generation
    already (content.signals); saving a site or a top page must too."""
    for signal in (post_save, post_delete):
        signal.connect(start_new_generation, sender=Site, dispatch_uid="forget-sites")
        signal.connect(forget_sites_if_top_page, dispatch_uid="forget-sites-top-page")
