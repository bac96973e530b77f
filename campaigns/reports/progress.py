"""Campaign progress against targets, by area, with a bar for each and a
link to each target's history."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.ui import tables

from campaigns.area_scope import AreaScope, scope_of
from campaigns.figures import plain
from campaigns.models import Campaign, Target
from campaigns.progress import Progress, progress_of
from campaigns.reports.base import NUMBER, PERCENT, CampaignReportView, Column
from campaigns.reports.filters import ReportFilterForm


class BarColumn(tables.Column):
    """A server-drawn SVG bar: the share of the target reached."""

    cell_template_name = "campaigns/reports/bar_cell.html"


class HistoryColumn(tables.Column):
    """A link to the target's history; nothing where there is none."""

    cell_template_name = "campaigns/reports/history_cell.html"


def history_url(target: Target) -> str:
    """The target's history, once that view is installed."""
    try:
        return reverse("campaign_progress_history", args=[target.pk])
    except NoReverseMatch:
        return ""


@dataclass
class ProgressRow:
    result: Progress

    @property
    def target(self) -> Target:
        return self.result.target

    @property
    def indicator(self):
        return self.target.indicator

    @property
    def campaign(self):
        return self.target.campaign or ""

    @property
    def area(self) -> str:
        """The target's area, or for a campaign-wide target the campaign's."""
        if self.target.area:
            return self.target.area.label
        return ", ".join(area.label for area in self.target.campaign.areas.all())

    @property
    def period(self) -> str:
        return f"{self.target.starts_on:%d/%m/%Y} – {self.target.ends_on:%d/%m/%Y}"

    @property
    def target_value(self) -> Decimal:
        return plain(self.target.value)

    @property
    def measured(self):
        return "" if self.result.measured is None else plain(self.result.measured)

    @property
    def percent(self):
        return "" if self.result.percent is None else self.result.percent

    @property
    def basis(self) -> str:
        return self.result.detail

    @property
    def history_url(self) -> str:
        return history_url(self.target)

    @property
    def history(self) -> str:
        return _("History") if self.history_url else ""

    @property
    def bar_width(self) -> float:
        """0–100: how much of the bar to fill (more than the target fills it)."""
        return float(min(self.result.percent or 0, 100))


class ProgressFilterForm(ReportFilterForm):
    def __init__(self, data=None, *, user, **kwargs):
        # Opened without filters, progress shows one campaign: the newest of
        # the reader's with a target they may see (else the newest of theirs),
        # on the screen and in the export of what the screen shows. "All
        # campaigns", or an area alone, shows every target of the reader's.
        if not data:
            scope = scope_of(user)
            campaigns = scope.narrow(Campaign.objects.all()).order_by(
                "-starts_on", "name"
            )
            targeted = campaigns.filter(
                pk__in=scope.narrow(Target.objects.all()).values("campaign")
            )
            first = targeted.first() or campaigns.first()
            data = {"campaign": first.pk} if first else data
        super().__init__(data, user=user, **kwargs)


class CampaignProgressReportView(CampaignReportView):
    """Each target of a campaign (and of the campaigns under it, and of the
    areas it covers) against what was reported or logged."""

    page_title = _("Campaign progress")
    header_icon = "pick"
    index_url_name = "campaign_progress_report"
    index_results_url_name = "campaign_progress_report_results"
    filter_form_class = ProgressFilterForm
    filter_fields = ("campaign", "area", "since", "until")
    export_name = "progress"
    report_columns = [
        Column("indicator", _("Indicator")),
        Column("campaign", _("Campaign")),
        Column("area", _("Area")),
        Column("period", _("Period")),
        Column("target_value", _("Target"), NUMBER),
        Column("measured", _("Measured"), NUMBER),
        Column("percent", _("Share of target"), PERCENT, cell=BarColumn),
        Column("basis", pgettext_lazy("where a figure comes from", "Source")),
        Column("history", _("History"), cell=HistoryColumn, exported=False),
    ]

    @property
    def columns(self):
        """Without the history view installed, no empty History column."""
        columns = super().columns
        if history_url(Target(pk=0)):
            return columns
        return [column for column in columns if column.name != "history"]

    def get_rows(self, filters):
        targets = self.scope.narrow(Target.objects.all())
        if campaign := filters.get("campaign"):
            reached = Q(campaign__in=campaign.with_descendants())
            for area in campaign.areas.all():
                reached |= Q(area__path__startswith=area.path, campaign__isnull=True)
            targets = targets.filter(reached)
        if area := filters.get("area"):
            targets = AreaScope((area.path,)).targets(targets)
        # Targets whose period meets the days chosen.
        if since := filters.get("since"):
            targets = targets.filter(ends_on__gte=since)
        if until := filters.get("until"):
            targets = targets.filter(starts_on__lte=until)
        targets = list(
            targets.select_related("indicator", "area", "campaign")
            .prefetch_related("campaign__areas")
            .order_by("indicator__name", "area__path", "pk")
        )
        found = progress_of(targets)
        return [ProgressRow(found[target.pk]) for target in targets]
