"""Where each piece of material was used."""

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import TitleColumn
from wagtail.models import Page

from campaigns.models import Campaign, MaterialUse
from campaigns.reports.base import NUMBER, CampaignReportView, Column, plain
from campaigns.reports.filters import ReportFilterForm, matching_sessions
from campaigns.usage import outcomes_of_sessions
from content.models import MATERIAL_MODELS


class WhereUsedFilterForm(ReportFilterForm):
    piece = forms.ModelChoiceField(
        label=_("Piece"), required=False, queryset=Page.objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            self.fields["language"].label = _("Language of the material")
        self.fields["piece"].queryset = Page.objects.type(*MATERIAL_MODELS).order_by(
            "title"
        )


@dataclass
class WhereUsedRow:
    piece: Page
    language: str
    format_code: str
    format: str
    quantity: int
    sessions: int
    campaigns: str = ""
    outcomes: str = ""

    @property
    def title(self) -> str:
        return self.piece.title

    @property
    def code(self) -> str:
        return getattr(self.piece, "material_code", "")


class WhereUsedReportView(CampaignReportView):
    """Each piece, language and format used at sessions: how much, at how
    many sessions, in which campaigns, and what those sessions achieved; at
    sessions in the reader's areas and the filters chosen."""

    page_title = _("Where material is used")
    header_icon = "doc-full"
    index_url_name = "where_used_report"
    index_results_url_name = "where_used_report_results"
    filter_form_class = WhereUsedFilterForm
    export_name = "where-used"
    report_columns = [
        # In the spreadsheets only, as the code is not on screen.
        Column("code", _("Material code"), on_screen=False),
        Column(
            "title",
            _("Piece"),
            cell=TitleColumn,
            cell_options={
                "get_url": lambda row: reverse(
                    "wagtailadmin_pages:edit", args=[row.piece.pk]
                )
            },
        ),
        Column("language", _("Language")),
        Column("format", _("Format")),
        Column("quantity", _("Quantity"), NUMBER, total=True),
        Column("sessions", _("Sessions"), NUMBER),
        Column("campaigns", _("Campaigns")),
        Column("outcomes", _("Outcomes of those sessions")),
    ]

    def get_rows(self, filters):
        # The language chosen is the material's, not one spoken.
        language = filters.get("language")
        uses = matching_sessions(
            self.scope.narrow(MaterialUse.objects.counted()),
            {**filters, "language": None},
            "session__",
        )
        if language:
            uses = uses.filter(language=language)
        if filters.get("piece"):
            uses = uses.filter(piece=filters["piece"])
        self.uses = uses
        grouped = list(
            uses.values("piece_id", "language", "format")
            .annotate(
                quantity=Sum("quantity"), sessions=Count("session", distinct=True)
            )
            .order_by("piece__title", "language", "format")
        )
        pieces = {
            page.pk: page
            for page in Page.objects.filter(
                pk__in={row["piece_id"] for row in grouped}
            ).specific()
        }
        formats = dict(MaterialUse.Format.choices)
        return [
            WhereUsedRow(
                piece=pieces[row["piece_id"]],
                language=row["language"],
                format_code=row["format"],
                format=str(formats.get(row["format"], row["format"])),
                quantity=row["quantity"],
                sessions=row["sessions"],
            )
            for row in grouped
        ]

    def decorate_paginated_queryset(self, rows):
        """Campaigns and outcomes for the rows on this page only, each row
        of the sessions that used the piece in that language and format."""
        for row in rows:
            sessions = self.uses.filter(
                piece=row.piece, language=row.language, format=row.format_code
            ).values("session_id")
            row.campaigns = "; ".join(
                Campaign.objects.filter(sessions__in=sessions)
                .distinct()
                .order_by("name")
                .values_list("name", flat=True)
            )
            row.outcomes = "; ".join(
                f"{outcome['indicator__name']} {plain(outcome['total'])}"
                for outcome in outcomes_of_sessions(sessions)
            )
        return rows
