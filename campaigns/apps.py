from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Campaigns, targets, outreach sessions and what came of them."""

    name = "campaigns"
    verbose_name = "Campaigns"

    def ready(self):
        from campaigns.photo_cleanup import connect_photo_cleanup
        from campaigns.toolkit_filter import register_toolkit_filter
        from campaigns.usage import where_used_html
        from content.usage import register_usage_provider

        register_usage_provider(where_used_html)
        register_toolkit_filter()
        connect_photo_cleanup()
