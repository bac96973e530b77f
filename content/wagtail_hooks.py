"""Admin set-up for content: snippets and the legal-review report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.dashboard import legal_panels
from content.models import Audience, LegalProvision, PrintRun, Topic
from content.reports import LegalReviewReportView


class TopicViewSet(SnippetViewSet):
    """Topics readers browse by; every piece of material has one or more."""

    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AudienceViewSet(SnippetViewSet):
    """Groups material is written for."""

    model = Audience
    icon = "group"
    list_display = ["name", "slug"]


class LegalProvisionViewSet(SnippetViewSet):
    """Laws, decrees and articles cited as the legal basis of material."""

    model = LegalProvision
    icon = "doc-full"
    list_display = ["__str__", "title", "effective_date", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["number", "article"]


class PrintRunViewSet(SnippetViewSet):
    """Copies printed of a piece, per language and version."""

    model = PrintRun
    icon = "print"
    list_display = ["piece", "language", "copies", "printed_on", "printer"]
    list_filter = ["language"]


class MaterialSnippets(SnippetViewSetGroup):
    """What material refers to: topics, audiences, legal provisions; and
    what was printed of it."""

    items = (TopicViewSet, AudienceViewSet, LegalProvisionViewSet, PrintRunViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Material")
    menu_name = "material"


register_snippet(MaterialSnippets)


@hooks.register("register_admin_urls")
def register_legal_review_urls():
    return [
        path(
            "reports/legal-review/",
            LegalReviewReportView.as_view(),
            name="legal_review_report",
        ),
        path(
            "reports/legal-review/results/",
            LegalReviewReportView.as_view(results_only=True),
            name="legal_review_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_legal_review_menu_item():
    return MenuItem(
        _("Legal changes to review"),
        reverse("legal_review_report"),
        icon_name="doc-full",
        order=700,
    )


@hooks.register("construct_homepage_panels")
def add_legal_panels(request, panels):
    panels.extend(legal_panels(request))
