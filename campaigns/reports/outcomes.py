"""What came of each campaign's sessions, indicator by indicator.

Counted as progress counts them: a session's outcomes count for its campaign
when the session falls within the campaign's days (in the office's time
zone); outcomes of sessions dated outside are shown apart, never added."""

import operator
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from campaigns.days import end_of, start_of
from campaigns.figures import plain
from campaigns.models import Campaign, Indicator, SessionOutcome
from campaigns.plausibility import session_indicators
from campaigns.reports.base import NUMBER, CampaignReportView, Column
from campaigns.reports.filters import matching_sessions


@dataclass
class OutcomeRow:
    campaign: str
    indicator: str
    total: Decimal
    sessions: int
    outside: Decimal | None


class OutcomesReportView(CampaignReportView):
    """The outcomes logged at sessions, summed per campaign and indicator,
    in the reader's areas and the filters chosen. The totals row adds up
    only when one indicator is shown: people and leaflets do not add."""

    page_title = _("Outcomes per campaign")
    header_icon = "success"
    index_url_name = "outcomes_report"
    index_results_url_name = "outcomes_report_results"
    export_name = "outcomes"
    report_columns = [
        Column("campaign", _("Campaign")),
        Column("indicator", _("Indicator")),
        Column("total", _("Total"), NUMBER, total=True),
        Column("sessions", _("Sessions"), NUMBER, total=True),
        Column(
            "outside",
            _("Outside the campaign's period (not counted)"),
            NUMBER,
            total=True,
        ),
    ]

    def totals(self, rows):
        if len({row.indicator for row in rows}) != 1:
            return None
        return super().totals(rows)

    def get_rows(self, filters):
        outcomes = SessionOutcome.objects.counted().filter(
            indicator__in=Indicator.objects.filter(session_indicators())
        )
        outcomes = matching_sessions(self.scope.narrow(outcomes), filters, "session__")
        counted = in_campaign_period(
            Campaign.objects.filter(pk__in=outcomes.values("session__campaign"))
        )
        rows = (
            outcomes.values("session__campaign__name", "indicator__name")
            .annotate(
                total=Sum("value", filter=counted, default=0),
                sessions=Count("session", distinct=True, filter=counted),
                outside=Sum("value", filter=~counted),
            )
            .order_by("session__campaign__name", "indicator__name")
        )
        return [
            OutcomeRow(
                row["session__campaign__name"],
                row["indicator__name"],
                plain(row["total"]),
                row["sessions"],
                plain(row["outside"]) if row["outside"] is not None else None,
            )
            for row in rows
        ]


def in_campaign_period(campaigns) -> Q:
    """Outcomes of sessions held within their own campaign's days."""
    return reduce(
        operator.or_,
        (
            Q(
                session__campaign=campaign,
                session__starts_at__gte=start_of(campaign.starts_on),
                session__starts_at__lt=end_of(campaign.ends_on),
            )
            for campaign in campaigns
        ),
        Q(pk__in=[]),
    )
