"""Panels of the admin home for those who plan and follow campaigns: a card
per running campaign (managers and communications staff), and the toolkit
pieces still missing in a language a campaign needs (communications staff)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from campaigns.campaign_cards import campaign_cards
from campaigns.reports.base import may_read_reports
from campaigns.toolkit_gaps import toolkit_gaps

# Toolkit gaps listed per campaign; the language-gap report has the rest.
SHOWN = 8


def plans_campaigns(user) -> bool:
    return user.has_perm("campaigns.change_campaign")


class CampaignCardsPanel(Component):
    """The campaigns running today within the reader's areas: each target's
    progress and shortfall, the days left, the sessions this week and the
    material used, linking to the campaign's progress report."""

    template_name = "campaigns/dashboard/campaign_cards.html"
    order = 40

    class Media:
        css = {"all": ["campaigns/dashboard.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        cards = campaign_cards(self.request.user)
        report = reverse("campaign_progress_report")
        for card in cards:
            card.report_url = f"{report}?campaign={card.campaign.pk}"
        return {
            "cards": cards,
            "ended": bool(cards) and all(card.ended for card in cards),
            "heading": _("Campaigns"),
        }


class ToolkitGapsPanel(Component):
    """Toolkit pieces with no translation yet in a language their campaign
    needs, per campaign planned or running, each linking to the translator
    view."""

    template_name = "campaigns/dashboard/toolkit_gaps.html"
    order = 90

    class Media:
        css = {"all": ["campaigns/dashboard.css"]}

    def get_context_data(self, parent_context=None):
        campaigns = toolkit_gaps()
        for gaps in campaigns:
            gaps.shown = gaps.missing[:SHOWN]
            gaps.more = len(gaps.missing) - SHOWN
        return {
            "campaigns": campaigns,
            "report_url": reverse("language_gap_report"),
        }


def campaign_panels(request) -> list[Component]:
    """The panels this person follows campaigns from."""
    user = request.user
    panels = []
    if may_read_reports(user):
        panels.append(CampaignCardsPanel(request))
    if plans_campaigns(user):
        panels.append(ToolkitGapsPanel())
    return panels
