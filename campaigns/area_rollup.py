"""What each area under a target's area has done, rolled up the tree: the
figure reported, its own target if it has one, the sessions held, the people
who came and the material handed out or broadcast.

Sessions, attendance and material add up: an area's total is its own plus
everything inside it. A reported figure is the area's own latest one in the
period; where the area reported none, for indicators that add up, the sum of
the areas inside it (as progress does, so a province's own count is never
added to its communes' counts a second time). Where nothing was reported in
an area or inside it, a count is what its sessions logged, as progress
counts it. A percentage is never summed: an area shows its own latest value
or nothing. Read in a fixed number of queries.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from campaigns.days import end_of, start_of
from campaigns.models import (
    Area,
    Campaign,
    Indicator,
    MaterialUse,
    Measurement,
    OutreachSession,
    SessionOutcome,
    Target,
)
from campaigns.progress import _rolled_up


@dataclass
class AreaFigures:
    area: Area
    depth: int
    measured: Decimal | None = None
    # "reported", or "sessions" for a count logged at sessions where the
    # area and those inside it reported nothing (as progress counts it).
    basis: str = ""
    target: Target | None = None
    sessions: int = 0
    attendance: int = 0
    material: int = 0
    lower_is_better: bool = False

    @property
    def share(self) -> Decimal | None:
        if self.measured is None or self.target is None or not self.target.value:
            return None
        if self.lower_is_better:
            return None
        return (100 * self.measured / self.target.value).quantize(Decimal("0.1"))

    @property
    def shortfall(self) -> Decimal | None:
        """How far from its own target: what is still missing (for a
        ceiling, how far above it); 0 when met, unknown without a target or
        a figure (nothing reported is not nothing done)."""
        if self.target is None or self.measured is None:
            return None
        if self.lower_is_better:
            return max(self.measured - self.target.value, Decimal(0))
        return max(self.target.value - self.measured, Decimal(0))


@dataclass(frozen=True)
class Question:
    """What to break down: an indicator over a period in some areas, for a
    campaign (and those under it) or for every campaign."""

    indicator: Indicator
    roots: list[Area]
    starts_on: object
    ends_on: object
    campaign: Campaign | None = None


def breakdown(question: Question, scope) -> list[AreaFigures]:
    """The areas under the roots that the scope covers and that have data,
    in tree order, each with its rolled-up figures."""
    areas = _areas(question.roots, scope)
    if not areas:
        return []
    top = min(area.depth for area in areas)
    lower_is_better = question.indicator.lower_is_better
    figures = {
        area.path: AreaFigures(area, area.depth - top, lower_is_better=lower_is_better)
        for area in areas
    }
    within = _within(question.roots)
    tree = question.campaign.with_descendants() if question.campaign else None
    has_data = set()
    has_data |= _add_measurements(question, figures, within)
    has_data |= _add_targets(question, figures, within, tree)
    has_data |= _add_sessions(question, figures, within, tree)
    if question.indicator.aggregation == Indicator.Aggregation.SUM:
        has_data |= _add_outcomes(question, figures, within, tree)
    kept = {row.area.path for path in has_data for row in _holding(path, figures)}
    return [figures[path] for path in sorted(kept)]


def _within(roots) -> Q:
    paths = sorted({root.path for root in roots})
    return _any(Q(area__path__startswith=path) for path in paths)


def _any(conditions) -> Q:
    combined = Q(pk__in=[])
    for condition in conditions:
        combined |= condition
    return combined


def _areas(roots, scope) -> list[Area]:
    """The roots' subtrees, less what lies outside the scope."""
    if not roots:
        return []
    paths = sorted({root.path for root in roots})
    found = Area.objects.filter(_any(Q(path__startswith=path) for path in paths))
    return list(scope.narrow(found).only("path", "depth", "name", "level"))


def _holding(path: str, figures: dict):
    """The shown areas at or above `path`."""
    for end in range(Area.steplen, len(path) + 1, Area.steplen):
        if path[:end] in figures:
            yield figures[path[:end]]


def _add_measurements(question, figures, within) -> set[str]:
    latest = {}
    measurements = (
        Measurement.objects.filter(
            within,
            indicator=question.indicator,
            measured_on__range=(question.starts_on, question.ends_on),
        )
        .annotate(area_path=F("area__path"))
        .order_by("measured_on", "pk")
    )
    for measurement in measurements:
        if measurement.area_path in figures:
            latest[measurement.area_path] = measurement
    adds_up = question.indicator.adds_up_over_areas
    for path, row in figures.items():
        if adds_up:
            row.measured, _used = _rolled_up(path, latest, True)
        elif path in latest:
            row.measured = latest[path].value
        if row.measured is not None:
            row.basis = "reported"
    return set(latest)


def _add_outcomes(question, figures, within, tree) -> set[str]:
    """For a count: what the sessions in each area and those inside it
    logged, where nothing was reported there."""
    logged = SessionOutcome.objects.counted().filter(
        _any(Q(session__area__path__startswith=root.path) for root in question.roots),
        indicator=question.indicator,
        session__starts_at__gte=start_of(question.starts_on),
        session__starts_at__lt=end_of(question.ends_on),
    )
    if tree is not None:
        logged = logged.filter(session__campaign__in=tree)
    by_area = logged.values("session__area__path").annotate(total=Sum("value"))
    totals = {row["session__area__path"]: row["total"] for row in by_area.order_by()}
    for path, total in totals.items():
        for shown in _holding(path, figures):
            if shown.basis != "reported":
                shown.measured = (shown.measured or Decimal(0)) + total
                shown.basis = "sessions"
    return set(totals) & set(figures)


def _add_targets(question, figures, within, tree) -> set[str]:
    """An area's own target on the indicator for the period: of those
    overlapping it, the one that ends last."""
    targets = Target.objects.filter(
        within,
        indicator=question.indicator,
        starts_on__lte=question.ends_on,
        ends_on__gte=question.starts_on,
    ).annotate(area_path=F("area__path"))
    if tree is not None:
        targets = targets.filter(Q(campaign__in=tree) | Q(campaign__isnull=True))
    found = set()
    for target in targets.order_by("ends_on", "pk"):
        if target.area_path in figures:
            figures[target.area_path].target = target
            found.add(target.area_path)
    return found


def _add_sessions(question, figures, within, tree) -> set[str]:
    """Sessions, attendance and material used in the period, each area's own
    added to it and to every shown area above it."""
    sessions = OutreachSession.objects.counted().filter(
        within,
        starts_at__gte=start_of(question.starts_on),
        starts_at__lt=end_of(question.ends_on),
    )
    if tree is not None:
        sessions = sessions.filter(campaign__in=tree)
    found = set()
    held = sessions.values("area__path").annotate(
        count=Count("pk"), people=Sum("attendance")
    )
    for row in held.order_by():
        found.add(row["area__path"])
        for shown in _holding(row["area__path"], figures):
            shown.sessions += row["count"]
            shown.attendance += row["people"] or 0
    used = (
        MaterialUse.objects.filter(session__in=sessions.values("pk"))
        .values("session__area__path")
        .annotate(quantity=Sum("quantity"))
    )
    for row in used.order_by():
        found.add(row["session__area__path"])
        for shown in _holding(row["session__area__path"], figures):
            shown.material += row["quantity"] or 0
    return found & set(figures)
