"""Where each piece of material was used."""

from collections import defaultdict
from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import TitleColumn

from modeltranslation.utils import build_localized_fieldname

from campaigns.figures import plain
from campaigns.models import MaterialUse
from campaigns.reports.base import NUMBER, CampaignReportView, Column
from campaigns.reports.filters import ReportFilterForm, matching_sessions
from campaigns.usage import outcomes_per_session
from content.models import MATERIAL_MODELS
from locales.registry import load_languages


class WhereUsedFilterForm(ReportFilterForm):
    # Typed, not chosen: a list of every piece would run to thousands.
    piece = forms.CharField(
        label=_("Material code or title"), required=False, max_length=255
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            self.fields["language"].label = _("Language of the material")


def pieces_matching(text: str) -> Q:
    """Uses of a piece whose material code is `text` or whose title, in any
    language, holds it."""
    found = Q()
    for model in MATERIAL_MODELS:
        found |= Q(piece__in=model.objects.filter(material_code__iexact=text))
    for language in load_languages():
        title = build_localized_fieldname("title", language.code)
        found |= Q(**{f"piece__{title}__icontains": text})
    return found


def material_codes(piece_ids) -> dict[int, str]:
    """{piece pk: its material code}, one query per kind of material."""
    codes = {}
    for model in MATERIAL_MODELS:
        codes.update(
            model.objects.filter(pk__in=piece_ids).values_list("pk", "material_code")
        )
    return codes


@dataclass
class WhereUsedRow:
    piece_id: int
    title: str
    language: str
    format_code: str
    format: str
    quantity: int
    sessions: int
    code: str = ""
    campaigns: str = ""
    outcomes: str = ""


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
                    "wagtailadmin_pages:edit", args=[row.piece_id]
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
        if text := filters.get("piece", "").strip():
            uses = uses.filter(pieces_matching(text))
        self.uses = uses
        grouped = (
            uses.values("piece_id", "piece__title", "language", "format")
            .annotate(
                quantity=Sum("quantity"), sessions=Count("session", distinct=True)
            )
            .order_by("piece__title", "language", "format")
        )
        # Translated once, not once per row.
        formats = {code: str(label) for code, label in MaterialUse.Format.choices}
        return [
            WhereUsedRow(
                piece_id=row["piece_id"],
                title=row["piece__title"],
                language=row["language"],
                format_code=row["format"],
                format=formats.get(row["format"], row["format"]),
                quantity=row["quantity"],
                sessions=row["sessions"],
            )
            for row in grouped
        ]

    def decorate_paginated_queryset(self, rows):
        """Campaigns and outcomes for the rows on this page only, each row
        of the sessions that used the piece in that language and format: two
        queries and one per kind of material, however many rows."""
        if not rows:
            return rows
        by_key = {(row.piece_id, row.language, row.format_code): row for row in rows}
        codes = material_codes({row.piece_id for row in rows})
        sessions_of = defaultdict(set)
        campaigns_of = defaultdict(set)
        uses = self.uses.filter(piece_id__in={key[0] for key in by_key})
        used = uses.values_list(
            "piece_id", "language", "format", "session_id", "session__campaign__name"
        )
        for piece, language, format, session, campaign in used.order_by().distinct():
            if (key := (piece, language, format)) in by_key:
                sessions_of[key].add(session)
                campaigns_of[key].add(campaign)
        achieved = defaultdict(dict)
        for outcome in outcomes_per_session(uses.values("session_id")):
            indicator = outcome["indicator__name"]
            achieved[outcome["session_id"]][indicator] = outcome["total"]
        for key, row in by_key.items():
            totals = defaultdict(int)
            for session in sessions_of[key]:
                for indicator, total in achieved[session].items():
                    totals[indicator] += total
            row.code = codes.get(row.piece_id, "")
            row.campaigns = "; ".join(sorted(campaigns_of[key] - {None}))
            row.outcomes = "; ".join(
                f"{indicator} {plain(totals[indicator])}"
                for indicator in sorted(totals)
            )
        return rows
