"""`{{ path|public_url }}`: a path at the site's public address, for links
read away from the page (the head's alternates, printed copies)."""

from django import template

from locales.public_address import public_url as at_public_address

register = template.Library()


@register.filter
def public_url(path: str) -> str:
    return at_public_address(path)
