"""Progress against targets, computed from measurements and session outcomes
(never stored).

A reported figure (a `Measurement`) is the official count: the latest one in
the target's period is used, for the target's area or, for indicators that
add up, summed over the areas inside it that report. Where nothing was
reported, an adding-up indicator (new enrolments…) counts the outcomes logged
at the sessions of the campaign and of the campaigns under it, in the area
and the period.

The progress of many targets is computed at once, in a fixed number of
queries: the figures of all of them are read together and each target takes
its own in Python; the outcomes are summed by the database, each target's in
a column of one query.
"""

import operator
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr
from django.db.models.lookups import In
from django.utils.translation import ngettext

from campaigns.days import end_of, start_of
from campaigns.models import (
    Area,
    Campaign,
    Indicator,
    Measurement,
    SessionOutcome,
    Target,
)


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
    return progress_of([target])[target.pk]


def progress_of(targets) -> dict[int, Progress]:
    """{target pk: its progress}, in a fixed number of queries however many
    targets. Give the targets with their indicator and area
    (`select_related`), or each costs queries of its own."""
    targets = list(targets)
    scopes = _scopes(targets)
    measurements = _measurements(targets, scopes)
    found = {}
    for target in targets:
        found[target.pk] = _reported(target, scopes[target.pk], measurements)
    counted = [
        target
        for target in targets
        if found[target.pk] is None
        and target.indicator.aggregation == Indicator.Aggregation.SUM
    ]
    outcomes = _Outcomes(counted, scopes)
    for target in counted:
        found[target.pk] = outcomes.progress(target, scopes[target.pk])
    return {
        target.pk: found[target.pk] or Progress(target, None, "") for target in targets
    }


def _scopes(targets: list) -> dict[int, list[Area]]:
    """{target pk: its area, or for a campaign-wide target the campaign's}.
    A campaign loaded with its target is asked (it knows areas prefetched,
    or added and not saved yet); the others are read all at once."""
    campaign_areas = {}
    for target in targets:
        if not target.area_id and Target.campaign.is_cached(target):
            if target.campaign_id and target.campaign_id not in campaign_areas:
                campaign_areas[target.campaign_id] = list(target.campaign.areas.all())
    unknown = {target.campaign_id for target in targets if not target.area_id}
    links = Campaign.areas.through.objects.filter(
        campaign_id__in=unknown - set(campaign_areas) - {None}
    )
    for link in links.select_related("area"):
        campaign_areas.setdefault(link.campaign_id, []).append(link.area)
    return {
        target.pk: [target.area]
        if target.area_id
        else campaign_areas.get(target.campaign_id, [])
        for target in targets
    }


class _ByPath:
    """Rows sorted by area path: those at or under an area are one slice."""

    # After every character of a path (treebeard's are digits and capitals).
    END = "\uffff"

    def __init__(self, rows: list[tuple]):
        self.rows = sorted(rows, key=operator.itemgetter(slice(0, 3)))
        self.paths = [row[0] for row in self.rows]

    def under(self, path: str) -> list[tuple]:
        first = bisect_left(self.paths, path)
        return self.rows[first : bisect_left(self.paths, path + self.END)]


def _outermost(paths) -> list[str]:
    """The paths that are not inside another of them (a sorted tree's
    subtrees are runs: an area inside a kept one follows it)."""
    kept = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def _under(field: str, paths: list[str]) -> Q:
    """Rows whose area is at or under one of `paths`. An area's ancestors'
    paths are prefixes of its own: one IN per depth, not one LIKE per area."""
    by_length = defaultdict(list)
    for path in paths:
        by_length[len(path)].append(path)
    return reduce(
        operator.or_,
        (Q(In(Substr(field, 1, n), group)) for n, group in sorted(by_length.items())),
    )


def _measurements(targets: list, scopes: dict) -> dict[int, _ByPath]:
    """{indicator pk: the figures reported in the targets' areas and periods},
    as (area path, date, pk, measurement)."""
    placed = [target for target in targets if scopes[target.pk]]
    if not placed:
        return {}
    paths = _outermost(area.path for target in placed for area in scopes[target.pk])
    measurements = Measurement.objects.filter(
        _under("area__path", paths),
        indicator__in={target.indicator_id for target in placed},
        measured_on__range=(
            min(target.starts_on for target in placed),
            max(target.ends_on for target in placed),
        ),
    ).annotate(area_path=F("area__path"))
    rows = defaultdict(list)
    for measurement in measurements:
        rows[measurement.indicator_id].append(
            (
                measurement.area_path,
                measurement.measured_on,
                measurement.pk,
                measurement,
            )
        )
    return {indicator: _ByPath(found) for indicator, found in rows.items()}


def _reported(target: Target, areas: list, measurements: dict) -> Progress | None:
    if not areas or target.indicator_id not in measurements:
        return None
    latest = {}
    for path in _outermost(area.path for area in areas):
        # In date order: the last one in the period is the latest.
        for area_path, measured_on, _pk, measurement in measurements[
            target.indicator_id
        ].under(path):
            if target.starts_on <= measured_on <= target.ends_on:
                latest[area_path] = measurement
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
    detail = (
        newest.source
        if len(used) == 1
        else ngettext("%(count)d report", "%(count)d reports", len(used))
        % {"count": len(used)}
    )
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


class _Outcomes:
    """The outcomes logged at sessions for targets counted from sessions,
    summed by the database in one query: a total and a count of sessions
    for each target, over its campaigns, areas and period."""

    def __init__(self, targets: list, scopes: dict):
        self.found: dict = {}
        if not targets:
            return
        trees = Campaign.descendants_of(
            {target.campaign_id for target in targets} - {None}
        )
        outcomes = SessionOutcome.objects.counted().filter(
            indicator__in={target.indicator_id for target in targets},
            session__starts_at__gte=start_of(min(t.starts_on for t in targets)),
            session__starts_at__lt=end_of(max(t.ends_on for t in targets)),
        )
        sums = {}
        for target in targets:
            counted = Q(
                indicator_id=target.indicator_id,
                session__starts_at__gte=start_of(target.starts_on),
                session__starts_at__lt=end_of(target.ends_on),
            )
            if target.campaign_id:
                counted &= Q(session__campaign__in=trees[target.campaign_id])
            # Without areas, every session counts.
            if areas := scopes[target.pk]:
                paths = _outermost(area.path for area in areas)
                counted &= _under("session__area__path", paths)
            sums[f"total_{target.pk}"] = Sum("value", filter=counted)
            sums[f"sessions_{target.pk}"] = Count(
                "session", filter=counted, distinct=True
            )
        self.found = outcomes.aggregate(**sums)

    def progress(self, target: Target, areas: list) -> Progress:
        count = self.found[f"sessions_{target.pk}"]
        if not count:
            return Progress(target, None, "")
        detail = ngettext("%(count)d session", "%(count)d sessions", count)
        return Progress(
            target,
            self.found[f"total_{target.pk}"],
            "sessions",
            detail % {"count": count},
        )
