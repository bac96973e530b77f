"""Sessions and attendance, by kind, area, month or language."""

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from campaigns.models import Area, OutreachSession, SessionLanguage
from campaigns.reports.base import (
    NUMBER,
    CampaignChoiceForm,
    CampaignReportView,
    Column,
)
from locales.registry import language_label


class SessionsFilterForm(CampaignChoiceForm):
    by = forms.ChoiceField(
        label=_("By"),
        required=False,
        choices=[
            ("kind", _("Kind")),
            ("area", _("Area")),
            ("month", _("Month")),
            ("language", _("Language")),
        ],
    )


@dataclass
class SessionsRow:
    group: str
    sessions: int
    attendance: int


class SessionsReportView(CampaignReportView):
    """How many sessions were held and how many people came, grouped one way."""

    page_title = _("Sessions and attendance")
    header_icon = "group"
    index_url_name = "sessions_report"
    index_results_url_name = "sessions_report_results"
    filter_form_class = SessionsFilterForm
    export_name = "sessions"
    report_columns = [
        Column("group", _("Group")),
        Column("sessions", _("Sessions"), NUMBER),
        Column("attendance", _("Attendance"), NUMBER),
    ]

    def export_about(self):
        form = self.get_filter_form()
        by = form.cleaned_data.get("by") if form.is_valid() else ""
        return [*super().export_about(), f"by-{by or 'kind'}"]

    def get_rows(self, filters):
        sessions = OutreachSession.objects.counted()
        if filters.get("campaign"):
            sessions = sessions.filter(
                campaign__in=filters["campaign"].with_descendants()
            )
        by = filters.get("by") or "kind"
        if by == "language":
            return self._by_language(sessions)
        key, label = {
            "kind": ("kind", dict(OutreachSession.Kind.choices).get),
            "area": ("area_id", self._area_labels()),
            "month": ("month", lambda month: f"{month:%m/%Y}"),
        }[by]
        if by == "month":
            sessions = sessions.annotate(month=TruncMonth("starts_at"))
        rows = (
            sessions.values(key)
            .annotate(count=Count("pk"), people=Sum("attendance"))
            .order_by(key)
        )
        return [
            SessionsRow(str(label(row[key])), row["count"], row["people"] or 0)
            for row in rows
        ]

    def _area_labels(self):
        labels = {area.pk: area.label for area in Area.objects.only("name", "level")}
        return labels.get

    def _by_language(self, sessions):
        rows = (
            SessionLanguage.objects.filter(session__in=sessions)
            .values("language")
            .annotate(count=Count("session"), people=Sum("session__attendance"))
            .order_by("language")
        )
        return [
            SessionsRow(
                language_label(row["language"]), row["count"], row["people"] or 0
            )
            for row in rows
        ]
