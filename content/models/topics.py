from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from content.models.explainers import PolicyExplainerPage
from content.models.faq import FAQAnswerPage
from content.models.index import IndexPage
from content.models.radio import RadioScriptPage
from content.models.snippets import Topic


class TopicIndexPage(RoutablePageMixin, IndexPage):
    """Every topic, and for each topic a page listing its explainers, FAQ
    answers and radio scripts (at `topics/<topic slug>/`)."""

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("topic index")

    def get_cached_paths(self):
        """The list of topics and each topic's page, for a shared cache."""
        slugs = Topic.objects.order_by("slug").values_list("slug", flat=True)
        return ["/", *(f"{slug}/" for slug in slugs)]

    @path("")
    def topic_list(self, request):
        return self.render(request, context_overrides={"topics": Topic.objects.all()})

    @path("<slug:topic_slug>/")
    def topic_detail(self, request, topic_slug):
        topic = get_object_or_404(Topic, slug=topic_slug)
        material = {
            "explainers": PolicyExplainerPage,
            "answers": FAQAnswerPage,
            "scripts": RadioScriptPage,
        }
        # What `.public()` excludes, looked up once for the three lists.
        private = Page.objects.private_q()
        context = {
            name: model.objects.live()
            .exclude(private)
            .filter(topics=topic)
            .order_by("path")
            for name, model in material.items()
        }
        return self.render(
            request,
            context_overrides={"topic": topic, **context},
            template="content/topic_page.html",
        )
