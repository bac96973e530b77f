"""The running campaigns at a glance, for the admin home: one card per
campaign the reader may see, with each target's progress and what is still
missing, the days left, the sessions held this week and the material used.

Every card is computed together, in a fixed number of queries however many
campaigns and targets there are. When no campaign runs today (between two
campaign seasons), the cards are those of the campaigns that ended last,
marked as ended, so that the last results stay in sight.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.area_scope import scope_of
from campaigns.days import end_of, start_of
from campaigns.figures import plain
from campaigns.models import (
    Campaign,
    Indicator,
    MaterialUse,
    OutreachSession,
    Target,
)
from campaigns.progress import Progress, progress_of

# Between seasons: how many of the campaigns that ended last are shown.
ENDED_SHOWN = 4


@dataclass
class TargetLine:
    """One target on a card: how far it is and what is still missing."""

    result: Progress

    @property
    def target(self) -> Target:
        return self.result.target

    @property
    def label(self) -> str:
        area = self.target.area
        name = self.target.indicator.name
        return f"{name} — {area.label}" if area else name

    @property
    def bar_width(self) -> float:
        return float(min(self.result.percent or 0, 100))

    @property
    def shortfall(self) -> str:
        """What is still missing, in points for a percentage and in people,
        VND or units for a count; for a ceiling, how far above it."""
        measured = self.result.measured
        if measured is None:
            return _("no figure yet")
        indicator = self.target.indicator
        if indicator.lower_is_better:
            over = measured - self.target.value
            if over <= 0:
                return _("within the target")
            return _("%(amount)s above the ceiling") % {
                "amount": amount(over, indicator)
            }
        missing = self.target.value - measured
        if missing <= 0:
            return _("target reached")
        return _("%(amount)s short") % {"amount": amount(missing, indicator)}


def amount(value: Decimal, indicator: Indicator) -> str:
    """A difference in the indicator's unit, grouped the reader's way."""
    figure = intcomma(plain(value.quantize(Decimal("0.1"))))
    if indicator.unit == Indicator.Unit.PERCENT:
        return _("%(figure)s points") % {"figure": figure}
    if indicator.unit == Indicator.Unit.PEOPLE:
        return _("%(figure)s people") % {"figure": figure}
    if indicator.unit == Indicator.Unit.VND:
        return _("%(figure)s VND") % {"figure": figure}
    return figure


@dataclass
class CampaignCard:
    campaign: Campaign
    today: datetime.date
    targets: list[TargetLine] = field(default_factory=list)
    sessions_this_week: int = 0
    material_used: int = 0

    @property
    def ended(self) -> bool:
        return self.campaign.ends_on < self.today

    @property
    def days_left(self) -> int:
        return max((self.campaign.ends_on - self.today).days, 0)


def running(queryset, today: datetime.date):
    return queryset.filter(
        status=Campaign.Status.RUNNING, starts_on__lte=today, ends_on__gte=today
    )


def campaign_cards(user, today: datetime.date | None = None) -> list[CampaignCard]:
    """The cards of the campaigns running today within the reader's areas,
    or, when none runs, of those that ended last."""
    today = today or timezone.localdate()
    scope = scope_of(user)
    visible = scope.narrow(Campaign.objects.all())
    campaigns = list(
        running(visible, today).prefetch_related("areas").order_by("ends_on", "name")
    )
    if not campaigns:
        ended = visible.filter(ends_on__lt=today).exclude(
            status=Campaign.Status.PLANNED
        )
        # The last few to end, and every other one that ended the same day:
        # which of those is shown must not hang on the names' language.
        last = ended.order_by("-ends_on").values_list("ends_on", flat=True)
        if cut := list(last[:ENDED_SHOWN])[-1:]:
            campaigns = list(
                ended.filter(ends_on__gte=cut[0])
                .prefetch_related("areas")
                .order_by("-ends_on", "name")
            )
    if not campaigns:
        return []
    cards = {campaign.pk: CampaignCard(campaign, today) for campaign in campaigns}
    trees = Campaign.descendants_of(cards)
    _add_targets(cards, trees, scope)
    _add_sessions(cards, trees, scope, today)
    return list(cards.values())


def _owners(trees: dict) -> dict[int, list[int]]:
    """{campaign pk: the cards it counts on}: its own, and those of the
    campaigns above it that have a card too."""
    owners = defaultdict(list)
    for top, tree in trees.items():
        for pk in tree:
            owners[pk].append(top)
    return owners


def _add_targets(cards: dict, trees: dict, scope) -> None:
    """Each card's targets, as the campaign progress report shows them:
    those of the campaign and of the campaigns under it, and the targets
    set for an area the campaign covers outside any campaign."""
    owners = _owners(trees)
    paths = {
        pk: [area.path for area in card.campaign.areas.all()]
        for pk, card in cards.items()
    }
    in_areas = Q(pk__in=[])
    for path in {path for found in paths.values() for path in found}:
        in_areas |= Q(area__path__startswith=path)
    targets = list(
        scope.narrow(
            Target.objects.filter(
                Q(campaign__in=list(owners)) | Q(in_areas, campaign=None)
            )
        )
        .select_related("indicator", "area", "campaign")
        .prefetch_related("campaign__areas")
        .order_by("indicator__name", "area__path", "pk")
    )
    found = progress_of(targets)
    for target in targets:
        if target.campaign_id:
            tops = owners[target.campaign_id]
        else:
            tops = [
                pk
                for pk, covered in paths.items()
                if target.area.path.startswith(tuple(covered))
            ]
        for top in tops:
            cards[top].targets.append(TargetLine(found[target.pk]))


def _add_sessions(cards: dict, trees: dict, scope, today: datetime.date) -> None:
    """Sessions held this week (from Monday) and copies or times material was
    used, over each campaign and the campaigns under it."""
    owners = _owners(trees)
    monday = today - datetime.timedelta(days=today.weekday())
    sessions = scope.narrow(
        OutreachSession.objects.counted().filter(
            campaign__in=list(owners),
            starts_at__gte=start_of(monday),
            starts_at__lt=end_of(today),
        )
    )
    for row in sessions.values("campaign_id").annotate(count=Count("pk")):
        for top in owners[row["campaign_id"]]:
            cards[top].sessions_this_week += row["count"]
    uses = scope.narrow(
        MaterialUse.objects.counted().filter(session__campaign__in=list(owners))
    )
    for row in uses.values("session__campaign_id").annotate(total=Sum("quantity")):
        for top in owners[row["session__campaign_id"]]:
            cards[top].material_used += row["total"] or 0
