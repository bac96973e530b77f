"""`/sitemap.xml`: every public page, with its address in every language,
at the site's public address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from wagtail.models import Page, Site


class PageSitemap(Sitemap):
    # Django lists each page once per language in settings.LANGUAGES, each with
    # `xhtml:link` alternates to the others and an x-default.
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page")
        site = site.first()
        if site is None:
            return Page.objects.none()
        return (
            site.root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
        )

    def location(self, page):
        # Called with the item's language active, so the address has its prefix.
        site_id, root_url, page_path = page.get_url_parts()
        return page_path

    def lastmod(self, page):
        return page.last_published_at

    def get_protocol(self, protocol=None):
        return urlsplit(settings.LOA_PUBLIC_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.LOA_PUBLIC_URL).netloc
