from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from content.models.description import DescribedPage
from content.published import for_this_generation


class HomePage(DescribedPage, Page):
    """The front page of the public site, in every language: a short welcome
    and the way into the material."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two plain sentences welcoming the reader."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    description_field = "intro"

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.ExplainerIndexPage",
        "content.RadioScriptIndexPage",
        "content.FAQIndexPage",
        "content.TopicIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        return context

    def route(self, request, path_components):
        """Route from the deepest page on the path, found in two queries
        (one once the path has been seen).

        Wagtail's own routing loads every page on the way down, twice each.
        The page found routes whatever is left of the path itself (a routable
        page picks its view; anything else is a missing child and a 404).
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            f"{self.url_path}{'/'.join(path_components[:length])}/"
            for length in range(1, len(path_components) + 1)
        ]
        # Only the id and class first: a page row has a column per language
        # for each of Wagtail's fields, too wide to read twice. Paths found
        # are kept until the next publish, move or deletion.
        found = for_this_generation(
            f"route:{prefixes[-1]}",
            lambda: (
                Page.objects.descendant_of(self)
                .filter(url_path__in=prefixes)
                .order_by("-depth")
                .values_list("pk", "content_type_id", "depth")
                .first()
            ),
        )
        if found is None:
            return super().route(request, path_components)
        pk, content_type_id, depth = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=pk).first()
        if page is None:  # deleted since: the next generation forgets it
            return super().route(request, path_components)
        return page.route(request, path_components[depth - self.depth :])
