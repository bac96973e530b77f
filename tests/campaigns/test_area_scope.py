"""What each person sees by place: a province's manager, a commune's officer
and national staff, on every kind of row the scope knows."""

import datetime

import pytest

from campaigns.area_scope import scope_of
from campaigns.models import Campaign, Measurement, OutreachSession, Target
from people.roles import MANAGER, OFFICER
from tests.factories import CampaignFactory, IndicatorFactory, area, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    dak_lak = area("DLK", "Đắk Lắk", "province")
    krong_buk = area("DLK-KB", "Krông Búk", "commune", dak_lak)
    cu_bao = area("DLK-CB", "Cư Bao", "commune", dak_lak)
    son_la = area("SLA", "Sơn La", "province")
    return dak_lak, krong_buk, cu_bao, son_la


def session(campaign, place):
    return OutreachSession.objects.create(
        campaign=campaign,
        kind=OutreachSession.Kind.VILLAGE_MEETING,
        starts_at=datetime.datetime(2025, 10, 5, 8, tzinfo=datetime.UTC),
        area=place,
        attendance=40,
    )


def campaign_in(place) -> Campaign:
    campaign = CampaignFactory()
    campaign.areas.set([place])
    campaign.save()  # a parental many-to-many is kept until the save
    return campaign


def test_each_person_sees_the_rows_inside_their_areas(places):
    dak_lak, krong_buk, cu_bao, son_la = places
    province_campaign = campaign_in(dak_lak)
    son_la_campaign = campaign_in(son_la)
    national_campaign = CampaignFactory()
    in_krong_buk = session(province_campaign, krong_buk)
    in_cu_bao = session(province_campaign, cu_bao)
    in_son_la = session(son_la_campaign, son_la)
    indicator = IndicatorFactory()
    dates = {
        "starts_on": datetime.date(2025, 1, 1),
        "ends_on": datetime.date(2025, 12, 31),
    }
    province_wide = Target.objects.create(
        campaign=province_campaign, indicator=indicator, value=100, **dates
    )
    for_krong_buk = Target.objects.create(
        campaign=province_campaign,
        indicator=indicator,
        area=krong_buk,
        value=10,
        **dates,
    )
    measured = Measurement.objects.create(
        indicator=indicator,
        area=son_la,
        value=5,
        measured_on=datetime.date(2025, 10, 31),
    )

    national = user_in(MANAGER, "quan-ly")
    manager = user_in(MANAGER, "quan-ly-dak-lak", [dak_lak])
    officer = user_in(OFFICER, "can-bo-krong-buk", [krong_buk])

    def seen(user, queryset):
        return set(scope_of(user).narrow(queryset))

    sessions = OutreachSession.objects.all()
    assert seen(national, sessions) == {in_krong_buk, in_cu_bao, in_son_la}
    assert seen(manager, sessions) == {in_krong_buk, in_cu_bao}
    assert seen(officer, sessions) == {in_krong_buk}
    # A province's campaign reaches its communes; a national one everyone.
    assert seen(officer, Campaign.objects.all()) == {
        province_campaign,
        national_campaign,
    }
    assert seen(manager, Target.objects.all()) == {province_wide, for_krong_buk}
    assert seen(officer, Target.objects.all()) == {for_krong_buk}
    assert seen(manager, Measurement.objects.all()) == set()
    assert seen(national, Measurement.objects.all()) == {measured}
    assert set(scope_of(officer).areas()) == {krong_buk}
    assert scope_of(manager).covers(krong_buk) and not scope_of(manager).covers(son_la)
