"""The campaigns endpoint of the headless API: campaigns with their targets
and progress, in the language asked for, and nothing personal from sessions;
for those who may read campaigns, each within the areas they work in."""

import datetime
from decimal import Decimal

from django.test import Client
from django.utils import timezone

import pytest

from campaigns.models import OutreachSession, SessionOutcome, Target
from people.roles import MANAGER, OFFICER, TRANSLATOR
from tests.factories import CampaignFactory, IndicatorFactory, area, user_in


@pytest.fixture
def client(client, db):
    """A national manager's browser."""
    client.force_login(user_in(MANAGER, "quan-ly"))
    return client


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


def test_only_those_who_may_read_campaigns_are_answered(campaign):
    anonymous = Client()
    for url in ("/api/v2/campaigns/", f"/api/v2/campaigns/{campaign.pk}/"):
        assert anonymous.get(url).status_code in (401, 403)
        translator = Client()
        translator.force_login(user_in(TRANSLATOR, f"dich-{len(url)}"))
        assert translator.get(url).status_code == 403
    officer = Client()
    officer.force_login(user_in(OFFICER, "can-bo"))
    assert officer.get(f"/api/v2/campaigns/{campaign.pk}/").status_code == 200


def test_each_province_is_answered_with_its_own(campaign):
    dak_lak = area("DLK", "Đắk Lắk", "province")
    son_la = area("SLA", "Sơn La", "province")
    campaign.areas.set([dak_lak])
    campaign.save()
    in_son_la = CampaignFactory()
    in_son_la.areas.set([son_la])
    in_son_la.save()
    manager = Client()
    manager.force_login(user_in(MANAGER, "quan-ly-son-la", [son_la]))
    listing = manager.get("/api/v2/campaigns/").json()
    assert [item["id"] for item in listing["items"]] == [in_son_la.pk]
    assert manager.get(f"/api/v2/campaigns/{campaign.pk}/").status_code == 404
