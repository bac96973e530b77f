from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from campaigns.offline import service_worker
from content import views as content_views
from web import favicon, health
from web.api import api_router
from web.sitemaps import PageSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", health.health, name="health"),
    path("healthz/ready/", health.ready, name="health_ready"),
    path("healthz/live/", health.live, name="health_live"),
    path("sw.js", service_worker, name="service_worker"),
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("api/v2/", api_router.urls),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PageSitemap()}},
        name="sitemap",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language: /vi/…, /en/…, /rad/…
# `/` redirects to the visitor's language (Accept-Language, else Vietnamese).
urlpatterns += i18n_patterns(
    path("search/", content_views.search, name="search"),
    path("officer/", include("campaigns.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
