"""Template filters for the translator view."""

from django import template
from django.utils.html import format_html, format_html_join

from locales.placeholders import Placeholder, parse

register = template.Library()


@register.filter
def placeholder_chips(text: str):
    """`text` with each placeholder shown as a chip, so translators see the
    inline markup of the source without seeing HTML."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<span class="placeholder-chip">{}</span>', str(part))
                if isinstance(part, Placeholder)
                else part,
            )
            for part in parse(text or "")
        ),
    )
