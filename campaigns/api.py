"""The campaigns endpoint of the headless API: campaigns, their targets and
progress, read only, for signed-in people who may read the campaign reports
or sessions, and only within the areas they work in (campaigns.area_scope).

Nothing from a session is served but the totals progress is made of: no
names, notes, photos or questions.
"""

from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.views import BaseAPIViewSet

from rest_framework.permissions import BasePermission

from campaigns.area_scope import scope_of
from campaigns.models import Campaign, Target
from campaigns.progress import progress_of
from content.api import InLanguageMixin
from content.api_fields import WholeObjectField
from content.api_pagination import BoundedPagination


class TargetsField(WholeObjectField):
    """Each target of the campaign with how far it has got."""

    def to_representation(self, campaign):
        scope = scope_of(self.context["request"].user)
        targets = list(
            scope.narrow(Target.objects.filter(campaign=campaign))
            .select_related("indicator", "area")
            .order_by("pk")
        )
        found = progress_of(targets)
        return [_target(found[target.pk]) for target in targets]


def _target(found) -> dict:
    target = found.target
    return {
        "indicator": {
            "code": target.indicator.code,
            "name": target.indicator.name,
            "unit": target.indicator.unit,
            "lower_is_better": target.indicator.lower_is_better,
        },
        "area": target.area.name if target.area_id else None,
        "starts_on": target.starts_on.isoformat(),
        "ends_on": target.ends_on.isoformat(),
        "value": _decimal(target.value),
        "progress": {
            "measured": _decimal(found.measured),
            "percent": None if found.percent is None else str(found.percent),
            "met": found.met,
            "basis": found.basis or None,
        },
    }


def _decimal(value) -> str | None:
    """Two decimals, as every database gives them: sums differ in scale."""
    return None if value is None else f"{value:.2f}"


class AreasField(WholeObjectField):
    """The areas the campaign covers, by code and name."""

    def to_representation(self, campaign):
        return [
            {"code": area.code, "name": area.name}
            for area in campaign.areas.order_by("path")
        ]


class MayReadCampaigns(BasePermission):
    """Who may read the campaign reports or sessions: campaign figures are
    the office's working figures, and each province sees its own."""

    def has_permission(self, request, view):
        user = request.user
        return user.is_authenticated and (
            user.has_perm("campaigns.view_campaign")
            or user.has_perm("campaigns.view_outreachsession")
        )


class CampaignSerializer(BaseSerializer):
    areas = AreasField()
    targets = TargetsField()


class CampaignsAPIViewSet(InLanguageMixin, BaseAPIViewSet):
    """Campaigns with their targets and progress (see the module's docstring)."""

    base_serializer_class = CampaignSerializer
    permission_classes = [MayReadCampaigns]
    pagination_class = BoundedPagination
    model = Campaign
    name = "campaigns"
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "name",
        "kind",
        "status",
        "starts_on",
        "ends_on",
        "organising_unit",
        "parent",
        "areas",
        "targets",
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "name",
        "kind",
        "status",
        "starts_on",
        "ends_on",
    ]
    # Progress takes queries of its own: detail only.
    detail_only_fields = ["targets"]

    def get_queryset(self):
        campaigns = scope_of(self.request.user).narrow(Campaign.objects.all())
        return campaigns.order_by("starts_on", "pk")
