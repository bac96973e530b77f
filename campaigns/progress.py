"""Progress against targets, computed from measurements and session outcomes
(never stored).

A reported figure (a `Measurement`) is the official count: the latest one in
the target's period is used, for the target's area or, for indicators that
add up, summed over the areas inside it that report. Where nothing was
reported, an adding-up indicator (new enrolments…) counts the outcomes logged
at the sessions of the campaign and of the campaigns under it, in the area
and the period.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from campaigns.days import end_of, start_of
from campaigns.models import Area, Indicator, Measurement, SessionOutcome, Target


@dataclass(frozen=True)
class Progress:
    target: Target
    measured: Decimal | None
    basis: str  # "reported", "sessions" or "" when nothing is known
    detail: str = ""

    @property
    def percent(self) -> Decimal | None:
        """Measured as a share of the target; None when either is unknown, the
        target is zero (no share of nothing) or a ceiling."""
        if self.measured is None or not self.target.value:
            return None
        if self.target.indicator.lower_is_better:
            return None
        return (100 * self.measured / self.target.value).quantize(Decimal("0.1"))

    @property
    def met(self) -> bool | None:
        """Whether the target is reached (for a ceiling: not exceeded)."""
        if self.measured is None:
            return None
        if self.target.indicator.lower_is_better:
            return self.measured <= self.target.value
        return self.measured >= self.target.value


def progress(target: Target) -> Progress:
    areas = _scope(target)
    reported = _reported(target, areas)
    if reported is not None:
        return reported
    if target.indicator.aggregation == Indicator.Aggregation.SUM:
        return _from_sessions(target, areas)
    return Progress(target, None, "")


def _scope(target: Target) -> list:
    if target.area_id:
        return [target.area]
    if target.campaign_id:
        return list(target.campaign.areas.all())
    return []


def _reported(target: Target, areas: list) -> Progress | None:
    if not areas:
        return None
    paths = Q()
    for area in areas:
        paths |= Q(area__path__startswith=area.path)
    measurements = (
        Measurement.objects.filter(
            paths,
            indicator=target.indicator,
            measured_on__range=(target.starts_on, target.ends_on),
        )
        .select_related("area")
        .order_by("measured_on", "pk")
    )
    latest = {}
    for measurement in measurements:
        latest[measurement.area.path] = measurement
    if not latest:
        return None
    adds_up = target.indicator.adds_up_over_areas
    total, used = Decimal(0), []
    for area in areas:
        value, found = _rolled_up(area.path, latest, adds_up)
        if value is None:
            continue
        total += value
        used += found
    if not used or (not adds_up and len(used) > 1):
        return None
    newest = max(used, key=lambda measurement: measurement.measured_on)
    detail = newest.source if len(used) == 1 else f"{len(used)} reports"
    return Progress(
        target, total, "reported", f"{detail}, {newest.measured_on:%d/%m/%Y}"
    )


def _rolled_up(path: str, latest: dict, adds_up: bool):
    """The area's own latest figure, else (for counts) the sum of the figures
    of the areas directly inside it, and so on down."""
    if path in latest:
        return latest[path].value, [latest[path]]
    if not adds_up:
        return None, []
    children = {
        other[: len(path) + Area.steplen]
        for other in latest
        if other.startswith(path) and len(other) > len(path)
    }
    total, used = Decimal(0), []
    for child in sorted(children):
        value, found = _rolled_up(child, latest, adds_up)
        if value is not None:
            total += value
            used += found
    return (total, used) if used else (None, [])


def _from_sessions(target: Target, areas: list) -> Progress:
    outcomes = SessionOutcome.objects.filter(
        indicator=target.indicator,
        session__starts_at__gte=start_of(target.starts_on),
        session__starts_at__lt=end_of(target.ends_on),
    )
    if target.campaign_id:
        outcomes = outcomes.filter(
            session__campaign__in=target.campaign.with_descendants()
        )
    if areas:
        paths = Q()
        for area in areas:
            paths |= Q(session__area__path__startswith=area.path)
        outcomes = outcomes.filter(paths)
    totals = outcomes.aggregate(
        total=Sum("value"), sessions=Count("session", distinct=True)
    )
    if not totals["sessions"]:
        return Progress(target, None, "")
    return Progress(
        target, totals["total"], "sessions", f"{totals['sessions']} sessions"
    )
