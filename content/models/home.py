from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The front page of the public site, in every language: a short welcome
    and the way into the material."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two plain sentences welcoming the reader."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.ExplainerIndexPage",
        "content.RadioScriptIndexPage",
        "content.FAQIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
