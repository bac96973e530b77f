from itertools import groupby

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField

from modelcluster.fields import ParentalManyToManyField

from content.models.explainers import PolicyExplainerPage
from content.models.index import IndexPage
from content.models.material import MaterialPage, in_every_language, material_panel


class FAQIndexPage(IndexPage):
    """All FAQ answers, grouped by topic."""

    subpage_types = ["content.FAQAnswerPage"]

    class Meta:
        verbose_name = _("FAQ index")

    def answers(self):
        return (
            FAQAnswerPage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related("topics")
            .order_by("path")
        )

    def answers_by_topic(self):
        """[(topic or None, [answers])], topics in order; an answer with several
        topics appears under each."""
        pairs = []
        for answer in self.answers():
            topics = list(answer.topics.all()) or [None]
            pairs.extend((topic, answer) for topic in topics)
        pairs.sort(key=lambda pair: (pair[0] is None, pair[0].slug if pair[0] else ""))
        return [
            (topic, [answer for _topic, answer in group])
            for topic, group in groupby(pairs, key=lambda pair: pair[0])
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.answers_by_topic()
        return context


class FAQAnswerPage(MaterialPage):
    """A question people ask at sessions, answered briefly and in full. The
    page title is the question."""

    material_prefix = "FAQ"
    article_template = "content/articles/faq_answer.html"
    search_text_fields = ("short_answer", "full_answer")
    description_field = "short_answer"

    short_answer = models.TextField(
        _("short answer"),
        max_length=300,
        help_text=_("One or two sentences: the answer a reader needs first."),
    )
    full_answer = RichTextField(
        _("full answer"), features=["bold", "italic", "link", "ul", "ol"]
    )
    related_explainers = ParentalManyToManyField(
        "content.PolicyExplainerPage",
        blank=True,
        related_name="related_faq_answers",
        verbose_name=_("related explainers"),
    )

    api_fields = [
        *MaterialPage.api_fields,
        APIField("short_answer"),
        APIField("full_answer"),
    ]

    content_panels = [
        FieldPanel("title", heading=_("Question")),
        FieldPanel("short_answer"),
        FieldPanel("full_answer"),
        material_panel("related_explainers"),
    ]
    search_fields = [*MaterialPage.search_fields, *in_every_language("short_answer")]

    parent_page_types = ["content.FAQIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("FAQ answer")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # In a preview the chosen explainers are the form's, held in memory
        # (modelcluster's FakeQuerySet, which has no `live()`); otherwise
        # this is one query with a subquery.
        chosen = self.related_explainers.values_list("id", flat=True)
        context["related_explainers"] = (
            PolicyExplainerPage.objects.filter(pk__in=chosen).live().public()
        )
        return context

    @property
    def question(self) -> str:
        return self.title
