import pytest

from campaigns.models import ToolkitItem
from content.models import RadioRecording
from tests.campaigns.provinces import provinces  # noqa: F401
from tests.factories import (
    CampaignFactory,
    FAQAnswerPageFactory,
    PolicyExplainerPageFactory,
    RadioScriptPageFactory,
)
from tests.media_files import document, wav_bytes


@pytest.fixture
def campaign(explainer_index, faq_index, radio_index):
    """A campaign whose toolkit holds an explainer, a radio script with an Ede
    recording and an FAQ answer, as `campaign.pieces`."""
    campaign = CampaignFactory()
    explainer = PolicyExplainerPageFactory(parent=explainer_index)
    radio = RadioScriptPageFactory(parent=radio_index)
    faq = FAQAnswerPageFactory(parent=faq_index)
    RadioRecording.objects.create(
        page=radio, language="rad", audio=document("loa-rad.wav", wav_bytes(1))
    )
    for piece in (explainer, radio, faq):
        ToolkitItem.objects.create(campaign=campaign, piece=piece)
    campaign.pieces = {"explainer": explainer, "radio": radio, "faq": faq}
    return campaign
