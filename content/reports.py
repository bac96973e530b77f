"""Admin reports about material."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from content.legal_review import pieces_needing_review
from locales.spreadsheets import SpreadsheetExportsMixin


class LegalReviewReportView(SpreadsheetExportsMixin, ReportView):
    """Pieces citing a law that was amended or superseded since they were
    last published: every language of them needs checking."""

    page_title = _("Legal changes to review")
    header_icon = "doc-full"
    index_url_name = "legal_review_report"
    index_results_url_name = "legal_review_report_results"
    export_name = "legal-review"
    list_export = ["material_code", "title", "changed_provisions", "last_published_at"]
    export_headings = {
        "material_code": _("Material code"),
        "title": _("Title"),
        "changed_provisions": _("Amended or superseded"),
        "last_published_at": _("Last published"),
    }

    @property
    def columns(self):
        return [
            Column("material_code", label=_("Material code")),
            TitleColumn(
                "title",
                label=_("Title"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            Column("changed_provisions", label=_("Amended or superseded")),
            Column("last_published_at", label=_("Last published")),
        ]

    def get_queryset(self):
        return pieces_needing_review()
