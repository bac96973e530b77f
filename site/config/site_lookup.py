"""The request's Wagtail site, without a query on every request.

Wagtail looks the site up by host name on each request, and then loads the
site's home page again to route from it. Both are kept in the cache (shared
by every app server when `REDIS_URL` is set) under a version that any change
to a site, or to a page at the top of the tree, replaces.
"""

import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "wagtail-site:version"
# Home pages sit at depth 2, under Wagtail's invisible root.
TOP_DEPTH = 2
# Paths served without a site; the health check must not need the database.
WITHOUT_SITE = ("/healthz/", "/static/", "/media/")


def version() -> int:
    return cache.get_or_set(VERSION_KEY, time.time_ns(), timeout=None)


def forget_sites(**kwargs) -> None:
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def forget_sites_if_top_page(instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.depth <= TOP_DEPTH:
        forget_sites()


def find_site(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"wagtail-site:{version()}:{hostname}:{request.get_port()}"
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
    for signal in (post_save, post_delete):
        signal.connect(forget_sites, sender=Site, dispatch_uid="forget-sites")
    for signal in (
        post_save,
        post_delete,
        page_published,
        page_unpublished,
        post_page_move,
    ):
        signal.connect(forget_sites_if_top_page, dispatch_uid="forget-sites-top-page")
