"""Progress over time for one target: how the reported figures and the
outcomes logged at sessions came towards the target through its period,
beside the same period one year earlier, as a chart and as a table."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from campaigns.area_scope import scope_of
from campaigns.figures import plain
from campaigns.models import Target
from campaigns.progress_series import SESSIONS, Line, Point, Series, series_of
from campaigns.reports.base import may_read_reports
from campaigns.reports.chart import chart_of


@dataclass(frozen=True)
class HistoryRow:
    """One line of the table: a value as of a day, and what the same line
    stood at on the same day a year earlier."""

    point: Point
    line: Line
    share: Decimal | None
    last_year: Decimal | None
    last_year_share: Decimal | None

    @property
    def value(self) -> Decimal:
        return plain(self.point.value)

    @property
    def source(self) -> str:
        return _("sessions") if self.line.basis == SESSIONS else self.point.source


def history_rows(series: Series) -> list[HistoryRow]:
    earlier = {line.basis: line for line in series.lines if line.last_year}
    rows = []
    for line in series.lines:
        if line.last_year:
            continue
        before = earlier.get(line.basis)
        for point in line.points:
            then = _as_of(before, point.on) if before else None
            rows.append(
                HistoryRow(
                    point,
                    line,
                    series.share(point.value),
                    None if then is None else plain(then),
                    series.share(then),
                )
            )
    return sorted(rows, key=lambda row: (row.point.on, row.line.basis))


def _as_of(line: Line, day) -> Decimal | None:
    found = None
    for point in line.points:
        if point.on <= day:
            found = point.value
    return found


class ProgressHistoryView(WagtailAdminTemplateMixin, TemplateView):
    """A target's progress over time, for who follows campaigns."""

    template_name = "campaigns/reports/progress_history.html"
    page_title = gettext_lazy("Progress over time")
    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        if not may_read_reports(request.user):
            raise PermissionDenied
        targets = scope_of(request.user).narrow(Target.objects.all())
        self.target = get_object_or_404(
            Target.objects.filter(pk__in=targets.values("pk")).select_related(
                "indicator", "area", "campaign"
            ),
            pk=kwargs["target_pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.target.indicator)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("campaign_progress_report"),
                "label": _("Campaign progress"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        series = series_of(self.target)
        target = self.target
        context.update(
            target=target,
            target_value=plain(target.value),
            where=target.area.label if target.area else target.campaign,
            series=series,
            chart=chart_of(series),
            rows=history_rows(series),
            has_last_year=any(line.last_year for line in series.lines),
        )
        return context
