"""The running-campaign cards on the admin home: what a manager reads of
each campaign in their areas, how far each target is, and what it costs."""

import datetime
from decimal import Decimal

from django.utils import timezone, translation

import pytest

from campaigns.campaign_cards import campaign_cards
from campaigns.models import (
    Campaign,
    Indicator,
    MaterialUse,
    Measurement,
    OutreachSession,
    Target,
)
from people.roles import EDITOR, MANAGER
from tests.factories import CampaignFactory, IndicatorFactory, area, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def places():
    dak_lak = area("DLK", "Đắk Lắk", "province")
    krong_buk = area("DLK-KB", "Krông Búk", "commune", dak_lak)
    son_la = area("SLA", "Sơn La", "province")
    return dak_lak, krong_buk, son_la


@pytest.fixture
def indicators():
    return {
        "coverage": IndicatorFactory(
            name="Tỷ lệ bao phủ BHYT",
            unit=Indicator.Unit.PERCENT,
            aggregation=Indicator.Aggregation.LATEST,
        ),
        "participants": IndicatorFactory(
            name="Người tham gia BHXH tự nguyện",
            unit=Indicator.Unit.PEOPLE,
            aggregation=Indicator.Aggregation.LATEST,
        ),
    }


def running_campaign(place, today, name, **fields):
    fields = {
        "status": Campaign.Status.RUNNING,
        "starts_on": today - datetime.timedelta(days=20),
        "ends_on": today + datetime.timedelta(days=10),
        **fields,
    }
    campaign = CampaignFactory(name=name, name_vi=name, **fields)
    campaign.areas.set([place])
    campaign.save()  # a parental many-to-many is kept until the save
    return campaign


def target(campaign, indicator, value, today):
    return Target.objects.create(
        campaign=campaign,
        indicator=indicator,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        value=Decimal(value),
    )


def measure(indicator, place, value, today):
    Measurement.objects.create(
        indicator=indicator,
        area=place,
        measured_on=today - datetime.timedelta(days=1),
        value=Decimal(value),
        source="BHXH",
    )


def session(campaign, place, when, copies=0, piece=None):
    held = OutreachSession.objects.create(
        campaign=campaign,
        kind=OutreachSession.Kind.VILLAGE_MEETING,
        starts_at=when,
        area=place,
        attendance=30,
    )
    if copies:
        MaterialUse.objects.create(
            session=held,
            piece=piece,
            language="vi",
            format=MaterialUse.Format.PRINT,
            quantity=copies,
        )
    return held


@pytest.fixture
def dak_lak_campaign(places, indicators, today, explainer_index):
    from tests.factories import PolicyExplainerPageFactory

    dak_lak, krong_buk, _son_la = places
    campaign = running_campaign(dak_lak, today, "Cao điểm Đắk Lắk")
    target(campaign, indicators["coverage"], "95", today)
    target(campaign, indicators["participants"], "50000", today)
    measure(indicators["coverage"], dak_lak, "91.9", today)
    measure(indicators["participants"], dak_lak, "48766", today)
    piece = PolicyExplainerPageFactory(parent=explainer_index)
    now = timezone.now()
    session(campaign, krong_buk, now, copies=1200, piece=piece)
    session(
        campaign, krong_buk, now - datetime.timedelta(days=30), copies=300, piece=piece
    )
    campaign.piece = piece
    return campaign


def test_a_card_reads_each_target_with_its_shortfall(dak_lak_campaign, places, today):
    manager = user_in(MANAGER, "quan-ly")
    with translation.override("en"):
        [card] = campaign_cards(manager, today)
        lines = {line.target.indicator.unit: line for line in card.targets}
        coverage = lines[Indicator.Unit.PERCENT]
        participants = lines[Indicator.Unit.PEOPLE]
        # A percentage falls short in points, a count in people.
        assert coverage.shortfall == "3.1 points short"
        assert participants.shortfall == "1,234 people short"
    assert coverage.result.percent == Decimal("96.7")
    assert card.days_left == 10 and not card.ended
    # This week's session only; the copies of every session of the campaign.
    assert card.sessions_this_week == 1
    assert card.material_used == 1_500


def test_the_admin_home_shows_the_card_with_a_bar_and_a_link_to_its_report(
    client, dak_lak_campaign, home_page
):
    client.force_login(user_in(MANAGER, "quan-ly"))
    html = client.get("/admin/").content.decode()
    assert "Cao điểm Đắk Lắk" in html
    assert f"/admin/reports/campaign-progress/?campaign={dak_lak_campaign.pk}" in html
    assert "<svg" in html
    # Vietnamese grouping and decimals: 1.500 copies, 3,1 points.
    assert "1.500" in html and "3,1" in html


def test_a_province_manager_sees_no_card_of_another_province(
    client, dak_lak_campaign, places, indicators, today, home_page
):
    dak_lak, _krong_buk, son_la = places
    son_la_campaign = running_campaign(son_la, today, "Tháng vận động Sơn La")
    target(son_la_campaign, indicators["coverage"], "92", today)
    manager = user_in(MANAGER, "quan-ly-dak-lak", [dak_lak])
    names = [card.campaign.name for card in campaign_cards(manager, today)]
    assert names == ["Cao điểm Đắk Lắk"]
    client.force_login(manager)
    html = client.get("/admin/").content.decode()
    assert "Cao điểm Đắk Lắk" in html
    assert "Tháng vận động Sơn La" not in html


def test_between_seasons_the_campaigns_that_ended_last_are_shown_as_ended(
    places, today
):
    dak_lak = places[0]
    for days_ago in (40, 10, 100):
        running_campaign(
            dak_lak,
            today,
            f"Đã kết thúc {days_ago}",
            starts_on=today - datetime.timedelta(days=days_ago + 30),
            ends_on=today - datetime.timedelta(days=days_ago),
        )
    CampaignFactory(
        name="Chưa bắt đầu",
        status=Campaign.Status.PLANNED,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today - datetime.timedelta(days=5),
    )
    cards = campaign_cards(user_in(MANAGER, "quan-ly"), today)
    assert [card.campaign.name for card in cards] == [
        "Đã kết thúc 10",
        "Đã kết thúc 40",
        "Đã kết thúc 100",
    ]
    assert all(card.ended for card in cards)


def test_a_ceiling_reads_how_far_above_it(places, today):
    late = IndicatorFactory(
        unit=Indicator.Unit.PERCENT,
        aggregation=Indicator.Aggregation.LATEST,
        lower_is_better=True,
    )
    campaign = running_campaign(places[0], today, "Thu nợ")
    target(campaign, late, "1.4", today)
    measure(late, places[0], "2", today)
    with translation.override("en"):
        [card] = campaign_cards(user_in(MANAGER, "quan-ly"), today)
        assert card.targets[0].shortfall == "0.6 points above the ceiling"


def many_campaigns(count, places, indicators, today):
    dak_lak, krong_buk, _son_la = places
    for number in range(count):
        campaign = running_campaign(dak_lak, today, f"Chiến dịch {number}")
        target(campaign, indicators["coverage"], "95", today)
        Target.objects.create(
            campaign=campaign,
            area=krong_buk,
            indicator=indicators["participants"],
            starts_on=campaign.starts_on,
            ends_on=campaign.ends_on,
            value=1000,
        )
        session(campaign, krong_buk, timezone.now())


@pytest.mark.parametrize("count", [1, 12])
@pytest.mark.parametrize("role", [MANAGER, EDITOR])
def test_the_cards_cost_the_same_queries_however_many_campaigns(
    client,
    places,
    indicators,
    today,
    home_page,
    count,
    role,
    django_assert_max_num_queries,
):
    many_campaigns(count, places, indicators, today)
    client.force_login(user_in(role, "nguoi-doc", [places[0]]))
    # Staff's first visit also reads every piece's translation states, which
    # are then kept until a translation changes.
    with django_assert_max_num_queries(30 if role is MANAGER else 60):
        response = client.get("/admin/")
    assert response.content.decode().count('<article class="loa-card') == count


def test_campaigns_that_ended_the_same_day_are_all_shown(
    client, home_page, places, today
):
    """Five campaigns of a year, all ended on 31 December: none is dropped
    (which one was hung on the names' language)."""
    for number in range(5):
        running_campaign(
            places[0],
            today,
            f"Năm 2025 — tỉnh {number}",
            starts_on=today - datetime.timedelta(days=300),
            ends_on=today - datetime.timedelta(days=30),
        )
    manager = user_in(MANAGER, "quan-ly")
    assert len(campaign_cards(manager, today)) == 5
    client.force_login(manager)
    response = client.get("/admin/")
    html = response.content.decode()
    assert html.count('<article class="loa-card') == 5
    # A week's sessions mean nothing once a campaign has ended.
    with translation.override(response["Content-Language"]):
        assert translation.gettext("Sessions this week") not in html
