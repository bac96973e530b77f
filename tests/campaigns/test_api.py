"""The campaigns endpoint of the headless API: campaigns with their targets
and progress, in the language asked for, and nothing personal from sessions."""

import datetime
from decimal import Decimal

from django.utils import timezone

import pytest

from campaigns.models import OutreachSession, SessionOutcome, Target
from tests.factories import CampaignFactory, IndicatorFactory, area


@pytest.fixture
def campaign(db):
    campaign = CampaignFactory(name_en="Peak campaign, October")
    indicator = IndicatorFactory(name_vi="Người tham gia BHYT mới")
    Target.objects.create(
        indicator=indicator,
        campaign=campaign,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        value=Decimal(200),
    )
    meeting = OutreachSession.objects.create(
        campaign=campaign,
        kind=OutreachSession.Kind.VILLAGE_MEETING,
        starts_at=timezone.make_aware(datetime.datetime(2025, 10, 5, 8)),
        area=area("66-KN-P2", "Buôn Pơn 2", "village"),
        attendance=120,
        notes="Bà H'Linh Niê, 0905 123 456, hỏi về thẻ BHYT của con.",
    )
    SessionOutcome.objects.create(session=meeting, indicator=indicator, value=84)
    return campaign


def test_a_campaign_with_its_targets_and_progress(client, campaign):
    response = client.get(f"/api/v2/campaigns/{campaign.pk}/?locale=en")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Peak campaign, October"
    [target] = body["targets"]
    assert target["value"] == "200.00"
    assert target["progress"] == {
        "measured": "84.00",
        "percent": "42.0",
        "met": False,
        "basis": "sessions",
    }


def test_nothing_personal_from_sessions_is_served(client, campaign):
    for url in ("/api/v2/campaigns/", f"/api/v2/campaigns/{campaign.pk}/"):
        text = client.get(url).content.decode()
        assert "Linh" not in text and "0905" not in text
    response = client.get("/api/v2/campaigns/?fields=notes")
    assert response.status_code == 400


def test_the_listing_and_a_missing_campaign(client, campaign):
    listing = client.get("/api/v2/campaigns/").json()
    assert [item["id"] for item in listing["items"]] == [campaign.pk]
    assert "targets" not in listing["items"][0]
    assert client.get("/api/v2/campaigns/999999/").status_code == 404
