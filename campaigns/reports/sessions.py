"""Sessions and attendance, by kind, area, month or language."""

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from campaigns.models import Area, OutreachSession, SessionLanguage
from campaigns.reports.base import NUMBER, CampaignReportView, Column
from campaigns.reports.filters import ReportFilterForm, matching_sessions
from locales.registry import language_label


class SessionsFilterForm(ReportFilterForm):
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
    attendance: int | None  # None: no session of the group says how many came


class SessionsReportView(CampaignReportView):
    """How many sessions were held and how many people came, grouped one way,
    in the reader's areas and the filters chosen."""

    page_title = _("Sessions and attendance")
    header_icon = "group"
    index_url_name = "sessions_report"
    index_results_url_name = "sessions_report_results"
    filter_form_class = SessionsFilterForm
    export_name = "sessions"
    report_columns = [
        Column("group", _("Group")),
        Column("sessions", _("Sessions"), NUMBER, total=True),
        Column("attendance", _("Attendance"), NUMBER, total=True),
    ]

    def export_about(self):
        form = self.get_filter_form()
        by = form.cleaned_data.get("by") if form.is_valid() else ""
        return [*super().export_about(), f"by-{by or 'kind'}"]

    def totals(self, rows):
        # A session in two languages is in two rows: their sum is no total.
        if self.get_filter_form().data.get("by") == "language":
            return None
        return super().totals(rows)

    def get_rows(self, filters):
        sessions = matching_sessions(
            self.scope.narrow(OutreachSession.objects.counted()), filters
        )
        by = filters.get("by") or "kind"
        if by == "language":
            return self._by_language(sessions)
        key = {"kind": "kind", "area": "area_id", "month": "month"}[by]
        if by == "month":
            sessions = sessions.annotate(month=TruncMonth("starts_at"))
        rows = list(
            sessions.values(key)
            .annotate(count=Count("pk"), people=Sum("attendance"))
            .order_by(key)
        )
        label = {
            "kind": dict(OutreachSession.Kind.choices).get,
            "area": area_labels(row[key] for row in rows).get if by == "area" else None,
            "month": lambda month: f"{month:%m/%Y}",
        }[by]
        return [
            SessionsRow(str(label(row[key])), row["count"], row["people"])
            for row in rows
        ]

    def _by_language(self, sessions):
        rows = (
            SessionLanguage.objects.filter(session__in=sessions)
            .values("language")
            .annotate(count=Count("session"), people=Sum("session__attendance"))
            .order_by("language")
        )
        return [
            SessionsRow(language_label(row["language"]), row["count"], row["people"])
            for row in rows
        ]


def area_labels(pks) -> dict[int, str]:
    """{pk: "Name (level)"} for the areas of the rows only."""
    areas = Area.objects.filter(pk__in=set(pks)).only("name", "level")
    return {area.pk: area.label for area in areas}
