"""The address of the person making a request, for every part of the site that
needs one (the login throttle counts failures by it).

Behind reverse proxies, `REMOTE_ADDR` is the nearest proxy's address, shared
by everyone. Each proxy appends the address it received the request from to
`X-Forwarded-For`, so with `LOA_TRUSTED_PROXY_COUNT` = N proxies in front of
the app servers, the rightmost N entries were written by them and the N-th
from the right is the client's. Everything left of it was sent by the client
and can say anything: it is never read.

With N = 0 (the default: the app server faces the internet), or when the
header holds fewer than N entries, or the entry read is not an IP address
(a proxy set up differently from the count), the address is `REMOTE_ADDR`.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The client's IP address in canonical form, or `REMOTE_ADDR` as it is."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = getattr(settings, "LOA_TRUSTED_PROXY_COUNT", 0)
    if trusted <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    ]
    if len(forwarded) < trusted:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-trusted]))
    except ValueError:
        return remote
