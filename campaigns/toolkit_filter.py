"""The translation matrix, narrowed to a campaign's toolkit."""

from django.utils.translation import gettext_lazy as _

from campaigns.area_scope import scope_of
from campaigns.models import Campaign, ToolkitItem
from locales.matrix import MatrixFilter, register_filter


def campaign_choices(user=None) -> list[tuple[str, str]]:
    """The campaigns of the reader's areas."""
    campaigns = (
        scope_of(user).narrow(Campaign.objects.all())
        if user
        else Campaign.objects.all()
    )
    return [(str(campaign.pk), str(campaign)) for campaign in campaigns]


def in_toolkit(queryset, value: str):
    if not value.isdigit():
        return queryset.none()
    pieces = ToolkitItem.objects.filter(campaign_id=value).values("piece_id")
    return queryset.filter(pk__in=pieces)


def register_toolkit_filter() -> None:
    register_filter(
        MatrixFilter(
            name="campaign",
            label=_("Campaign toolkit"),
            choices=campaign_choices,
            apply=in_toolkit,
        )
    )
