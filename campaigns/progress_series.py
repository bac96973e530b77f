"""How one target moved through its period: the figures reported for it and
the outcomes logged at sessions, each date's value "as of" that date, beside
the same period one year earlier.

A reported point is what progress (`campaigns.progress`) would have said on
that day: the latest figure of each area in the period so far, and for
indicators that add up, the areas inside the target's area summed where the
area itself reported nothing. Percentages are never summed. Sessions count
only for indicators that add up over time, cumulated by week (short
periods) or month. Everything is read in a fixed number of queries.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaigns.days import end_of, start_of
from campaigns.models import Campaign, Indicator, Measurement, SessionOutcome, Target
from campaigns.progress import _outermost, _rolled_up, _scopes, _under

REPORTED, SESSIONS = "reported", "sessions"
# Periods up to this long are counted week by week, longer ones by month.
WEEKLY_UP_TO = datetime.timedelta(days=92)


@dataclass(frozen=True)
class Point:
    """A value as of a day. `on` is the day on the target's own calendar:
    last year's points are moved one year on, to be drawn beside this year's."""

    on: datetime.date
    value: Decimal
    source: str
    measured_on: datetime.date


@dataclass(frozen=True)
class Line:
    basis: str  # REPORTED or SESSIONS
    last_year: bool
    points: list[Point]

    @property
    def label(self) -> str:
        names = {
            (REPORTED, False): _("Reported"),
            (REPORTED, True): _("Reported, a year earlier"),
            (SESSIONS, False): _("Logged at sessions"),
            (SESSIONS, True): _("Logged at sessions, a year earlier"),
        }
        return str(names[self.basis, self.last_year])


@dataclass(frozen=True)
class Series:
    target: Target
    lines: list[Line]

    def share(self, value: Decimal | None) -> Decimal | None:
        """`value` as a share of the target, as progress gives it."""
        target = self.target
        if value is None or not target.value or target.indicator.lower_is_better:
            return None
        return (100 * value / target.value).quantize(Decimal("0.1"))


def a_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def a_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def series_of(target: Target, today: datetime.date | None = None) -> Series:
    """The target's lines: reported and from sessions, this period and the
    same period a year earlier, each only where there is data. Give the
    target with its indicator and area (`select_related`)."""
    today = today or timezone.localdate()
    areas = _scopes([target])[target.pk]
    periods = {
        False: (target.starts_on, target.ends_on),
        True: (a_year_before(target.starts_on), a_year_before(target.ends_on)),
    }
    lines = []
    reported = _measurements(target, areas, periods[True][0])
    for last_year, (starts_on, ends_on) in periods.items():
        points = _reported_points(target, areas, reported, starts_on, ends_on)
        if points:
            lines.append(Line(REPORTED, last_year, _moved(points, last_year)))
    if target.indicator.aggregation == Indicator.Aggregation.SUM:
        logged = _outcomes(target, areas, periods[True][0])
        for last_year, (starts_on, ends_on) in periods.items():
            until = ends_on if last_year else min(ends_on, today)
            points = _cumulated(logged, starts_on, until, target)
            if points:
                lines.append(Line(SESSIONS, last_year, _moved(points, last_year)))
    return Series(target, lines)


def _moved(points: list[Point], last_year: bool) -> list[Point]:
    if not last_year:
        return points
    return [Point(a_year_after(p.on), p.value, p.source, p.measured_on) for p in points]


def _measurements(target, areas, since) -> list[Measurement]:
    """The figures for the target's indicator in its areas, from the start of
    last year's period to the end of this one, oldest first."""
    if not areas:
        return []
    paths = _outermost(area.path for area in areas)
    return list(
        Measurement.objects.filter(
            _under("area__path", paths),
            indicator=target.indicator_id,
            measured_on__range=(since, target.ends_on),
        )
        .select_related("area")
        .order_by("measured_on", "area__path")
    )


def _reported_points(target, areas, measurements, starts_on, ends_on):
    adds_up = target.indicator.adds_up_over_areas
    by_day = defaultdict(list)
    for measurement in measurements:
        if starts_on <= measurement.measured_on <= ends_on:
            by_day[measurement.measured_on].append(measurement)
    latest, points = {}, []
    for day in sorted(by_day):
        for measurement in by_day[day]:
            latest[measurement.area.path] = measurement
        total, used = Decimal(0), []
        for area in areas:
            value, found = _rolled_up(area.path, latest, adds_up)
            if value is not None:
                total += value
                used += found
        if not used or (not adds_up and len(used) > 1):
            continue
        points.append(Point(day, total, _source(used), day))
    return points


def _source(used: list[Measurement]) -> str:
    if len(used) == 1:
        return used[0].source
    count = len(used)
    return ngettext("%(count)d report", "%(count)d reports", count) % {"count": count}


def _outcomes(target, areas, since) -> list[tuple[datetime.date, Decimal]]:
    """(day, total) of the outcomes logged for the target's indicator at the
    sessions of its campaign (and those under it) in its areas."""
    outcomes = SessionOutcome.objects.counted().filter(
        indicator=target.indicator_id,
        session__starts_at__gte=start_of(since),
        session__starts_at__lt=end_of(target.ends_on),
    )
    if areas:
        paths = _outermost(area.path for area in areas)
        outcomes = outcomes.filter(_under("session__area__path", paths))
    if target.campaign_id:
        tree = Campaign.descendants_of([target.campaign_id])[target.campaign_id]
        outcomes = outcomes.filter(session__campaign__in=tree)
    # Summed by the database day by day (on the local calendar).
    by_day = (
        outcomes.annotate(
            day=TruncDate("session__starts_at", tzinfo=timezone.get_current_timezone())
        )
        .values("day")
        .annotate(total=Sum("value"))
        .order_by()
    )
    return [(row["day"], row["total"]) for row in by_day]


def _cumulated(outcomes, starts_on, until, target) -> list[Point]:
    """The running total at the end of each week or month from `starts_on`
    to `until` (the last step ends there), once anything was logged."""
    inside = sorted((day, value) for day, value in outcomes if starts_on <= day)
    if not any(day <= until for day, _value in inside):
        return []
    weekly = target.ends_on - target.starts_on <= WEEKLY_UP_TO
    points, total, index = [], Decimal(0), 0
    for step_end in _step_ends(starts_on, until, weekly):
        while index < len(inside) and inside[index][0] <= step_end:
            total += inside[index][1]
            index += 1
        points.append(Point(step_end, total, SESSIONS, step_end))
    return points


def _step_ends(starts_on, until, weekly):
    day = starts_on
    while day <= until:
        if weekly:
            end = day + datetime.timedelta(days=6)
        else:
            following = (day.replace(day=1) + datetime.timedelta(days=32)).replace(
                day=1
            )
            end = following - datetime.timedelta(days=1)
        yield min(end, until)
        day = end + datetime.timedelta(days=1)
