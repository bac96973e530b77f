from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from modelcluster.fields import ParentalManyToManyField

from content.blocks import ExplainerBodyBlock
from content.models.index import IndexPage
from content.models.material import MaterialPage, in_every_language, material_panel


class ExplainerIndexPage(IndexPage):
    """The list of policy explainers, newest first."""

    subpage_types = ["content.PolicyExplainerPage"]

    class Meta:
        verbose_name = _("explainer index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["explainers"] = (
            PolicyExplainerPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at")
        )
        return context


class PolicyExplainerPage(MaterialPage):
    """A policy explained in plain words: what changed, who it is for, what to
    do. Readers find it by topic; officers print it for village meetings."""

    material_prefix = "EXP"
    article_template = "content/articles/policy_explainer.html"
    search_text_fields = ("summary", "body")
    description_field = "summary"

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two plain sentences, used on cards, in search results and "
            "on printed covers."
        ),
    )
    body = StreamField(ExplainerBodyBlock(), verbose_name=_("body"))
    audiences = ParentalManyToManyField(
        "content.Audience", blank=True, verbose_name=_("audiences")
    )
    effective_date = models.DateField(_("in force from"), null=True, blank=True)
    next_review_date = models.DateField(_("next review"), null=True, blank=True)

    api_fields = [
        *MaterialPage.api_fields,
        APIField("summary"),
        APIField("body"),
        APIField("effective_date"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        material_panel("audiences", "effective_date", "next_review_date"),
    ]
    search_fields = [*MaterialPage.search_fields, *in_every_language("summary")]

    parent_page_types = ["content.ExplainerIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("policy explainer")

    def pages_showing_it(self) -> list[Page]:
        """Also the FAQ answers that list it among their related explainers."""
        return [*super().pages_showing_it(), *self.related_faq_answers.all()]
