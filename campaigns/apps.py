from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Campaigns, targets, outreach sessions and what came of them."""

    name = "campaigns"
    verbose_name = "Campaigns"
