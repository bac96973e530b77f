"""What came of each campaign's sessions, indicator by indicator."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from campaigns.models import SessionOutcome
from campaigns.reports.base import NUMBER, CampaignReportView, Column, plain


@dataclass
class OutcomeRow:
    campaign: str
    indicator: str
    total: Decimal
    sessions: int


class OutcomesReportView(CampaignReportView):
    """The outcomes logged at sessions, summed per campaign and indicator."""

    page_title = _("Outcomes per campaign")
    header_icon = "success"
    index_url_name = "outcomes_report"
    index_results_url_name = "outcomes_report_results"
    report_columns = [
        Column("campaign", _("Campaign")),
        Column("indicator", _("Indicator")),
        Column("total", _("Total"), NUMBER),
        Column("sessions", _("Sessions"), NUMBER),
    ]

    def get_rows(self, filters):
        outcomes = SessionOutcome.objects.counted()
        if filters.get("campaign"):
            outcomes = outcomes.filter(
                session__campaign__in=filters["campaign"].with_descendants()
            )
        rows = (
            outcomes.values("session__campaign__name", "indicator__name")
            .annotate(total=Sum("value"), sessions=Count("session", distinct=True))
            .order_by("session__campaign__name", "indicator__name")
        )
        return [
            OutcomeRow(
                row["session__campaign__name"],
                row["indicator__name"],
                plain(row["total"]),
                row["sessions"],
            )
            for row in rows
        ]
