"""The paths that are not public pages, declared once for the web shell.

Public pages live under a language (/vi/…, /en/…, /rad/…). The paths below
do not (a 404 there stays a 404, not a redirect into a language), are never
looked up in the page cache, and some are answered without a Wagtail site.
They follow `config/urls.py`.
"""

# Outside the language prefixes.
UNPREFIXED = (
    "/admin/",
    "/api/",
    "/documents/",
    "/healthz/",
    "/sitemap.xml",
    "/sw.js",
    "/favicon.ico",
)
# Answered without the database's sites: files, and the health checks, which
# must answer whatever state the database is in.
WITHOUT_SITE = ("/healthz/", "/static/", "/media/", "/favicon.ico")
# Never looked up in the page cache.
NOT_CACHED = (*UNPREFIXED, "/static/", "/media/")
