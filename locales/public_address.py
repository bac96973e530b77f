"""The site's public address (`settings.LOA_PUBLIC_URL`), where every link
made for readers leads: pages in each language, their PDFs and QR codes.

Wagtail would build such links from its Site record, whose host name is
whatever the site was created with (`localhost:80` in the demo); one setting
read from the environment is the address a deployment actually answers at.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.test import RequestFactory


def public_url(path: str) -> str:
    """`path` (such as `/rad/explainers/…`) at the public address; an address
    that is already absolute is returned as it is."""
    if urlsplit(path).scheme:
        return path
    return settings.LOA_PUBLIC_URL + "/" + path.lstrip("/")


def public_request(path: str = "/") -> HttpRequest:
    """An anonymous visitor's request for `path` at the public address, to
    render pages outside a visit (field kits built in the background)."""
    address = urlsplit(settings.LOA_PUBLIC_URL)
    request = RequestFactory().get(
        path, HTTP_HOST=address.netloc, secure=address.scheme == "https"
    )
    request.user = AnonymousUser()
    return request
