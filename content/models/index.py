from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from content.models.description import DescribedPage


class IndexPage(DescribedPage, Page):
    """Base of the section pages under the home page (explainers, radio
    scripts, FAQ, topics): a title, a short introduction, one of each."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    description_field = "intro"
    parent_page_types = ["content.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
