from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.url_routing import RouteResult


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        return context

    def route(self, request, path_components):
        """Find the page at this address in one lookup by URL path.

        Wagtail's own routing loads every page on the way down, twice each;
        pages that route their own sub-paths still get it as a fallback.
        """
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = (
                Page.objects.descendant_of(self)
                .filter(url_path=url_path, live=True)
                .specific()
                .first()
            )
            if page is not None:
                return RouteResult(page)
        return super().route(request, path_components)
